//! Replaying a 1,000-event session natively (the wasm figure comes from `bench/replay.mjs`).

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::Arc;

    use assay::Package;
    use assay::session::{Event, Session, SessionConfig};
    use assay::simulate::{self, Behaviour};
    use criterion::Criterion;

    /// The benchmark's package, config and log; `bench/replay.mjs` regenerates the same log.
    fn fixture() -> (Arc<Package>, SessionConfig, Vec<Event>) {
        let bytes = include_bytes!("../samples/data-ai-practice.json");
        let package = Arc::new(Package::from_json(bytes).expect("the sample package is valid"));
        let config = SessionConfig {
            sid: "bench".into(),
            nonce: "bench-nonce".into(),
            seed: 42,
            accommodations: Default::default(),
        };
        let mut live = Session::start(package.clone(), config.clone()).expect("starts");
        let behaviour = Behaviour {
            seed: 7,
            events: 1_000,
            max_pause_ms: 500,
            submit_permille: 0,
            ..Behaviour::default()
        };
        let events = simulate::applicant(&mut live, behaviour);
        (package, config, events)
    }

    fn replay(c: &mut Criterion) {
        let (package, config, events) = fixture();
        assert_eq!(events.len(), 1_000, "the log has 1,000 events");
        if let Ok(path) = std::env::var("ASSAY_WRITE_BENCH_LOG") {
            let lines: Vec<String> = events
                .iter()
                .map(|e| serde_json::to_string(e).unwrap_or_default())
                .collect();
            std::fs::write(path, lines.join("\n") + "\n").expect("writes the log");
        }
        c.bench_function("replay 1000 events (native)", |b| {
            b.iter(|| {
                let session =
                    Session::replay(package.clone(), config.clone(), events.iter().cloned())
                        .expect("replays");
                std::hint::black_box(session.chain().seq())
            })
        });
        c.bench_function("parse and validate the practice package (native)", |b| {
            let bytes = include_bytes!("../samples/data-ai-practice.json");
            b.iter(|| std::hint::black_box(Package::from_json(bytes).map(|p| p.items().count())))
        });
    }

    criterion::criterion_group!(benches, replay);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// The wasm figure comes from `bench/replay.mjs`; this target only exists natively.
#[cfg(target_arch = "wasm32")]
fn main() {}
