//! Arbitrary bytes as an event log (JSON Lines) replayed on the sample package: refused events
//! are errors, never panics, and a log that replays gives the same state when replayed again.
#![no_main]

use std::sync::{Arc, OnceLock};

use assay::Package;
use assay::session::{Event, Session, SessionConfig};
use libfuzzer_sys::fuzz_target;

fn package() -> Arc<Package> {
    static PACKAGE: OnceLock<Arc<Package>> = OnceLock::new();
    PACKAGE
        .get_or_init(|| {
            Arc::new(
                Package::from_json(include_bytes!("../../samples/data-ai-practice.json"))
                    .expect("valid sample"),
            )
        })
        .clone()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let events: Vec<Event> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let config = SessionConfig {
        sid: "fuzz".into(),
        nonce: "fuzz".into(),
        seed: data.len() as u64,
        accommodations: Default::default(),
    };
    let mut live = Session::start(package(), config.clone()).expect("starts");
    let mut accepted = Vec::new();
    for event in events {
        let _ = live.time_at(event.t());
        if live.apply(event.clone()).is_ok() {
            accepted.push(event);
        }
    }
    let replayed = Session::replay(package(), config, accepted).expect("accepted events replay");
    assert_eq!(replayed.state(), live.state());
});
