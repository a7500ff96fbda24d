//! Verifying and re-scoring one signed result (target: ≥ 2,000 results/s per core).

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::Arc;

    use assay::Package;
    use assay::receipt::{
        CHECKPOINT_TYP, CheckpointClaims, Evidence, GRANT_TYP, GrantClaims, PrivateKey, RESULT_TYP,
        ResultClaims, Trust, sign_claims, verify,
    };
    use assay::session::Session;
    use assay::simulate::{self, Behaviour};
    use criterion::{Criterion, Throughput};

    fn verify_result(c: &mut Criterion) {
        let bytes = include_bytes!("../samples/data-ai-practice.json");
        let package = Arc::new(Package::from_json(bytes).expect("the sample package is valid"));
        let issuer = PrivateKey::from_seed(&[1; 32]);
        let key = PrivateKey::from_seed(&[2; 32]);
        let now = 1_790_000_000;
        let grant = GrantClaims::for_session(
            "bench",
            "aud",
            None,
            "sid",
            "bm9uY2U",
            42,
            &key.public(),
            &package,
            Default::default(),
            now,
            3600,
        )
        .expect("a package one can grant");
        let grant_token = sign_claims(&issuer, GRANT_TYP, &grant);
        let mut session = Session::start(package.clone(), grant.session_config()).expect("starts");
        let behaviour = Behaviour {
            seed: 3,
            events: 120,
            start_t: now * 1000,
            ..Behaviour::default()
        };
        let events = simulate::applicant(&mut session, behaviour);
        let checkpoints: Vec<String> = [40usize, 80]
            .iter()
            .map(|&seq| {
                let partial = Session::replay(
                    package.clone(),
                    grant.session_config(),
                    events[..seq].iter().cloned(),
                )
                .expect("replays");
                let claims = CheckpointClaims {
                    sid: "sid".into(),
                    seq: seq as u64,
                    head: partial.state().overview.head,
                    jti: format!("cp{seq}"),
                    iat: now,
                };
                sign_claims(&key, CHECKPOINT_TYP, &claims)
            })
            .collect();
        let claims = ResultClaims::from_session(
            &session,
            &grant,
            Some(&grant_token),
            "r1",
            now,
            now + 3600,
            None,
        );
        let result = sign_claims(&key, RESULT_TYP, &claims);
        let issuer_public = issuer.public();
        let run = || {
            verify(
                Evidence {
                    result: &result,
                    grant: &grant_token,
                    events: &events,
                    checkpoints: &checkpoints,
                },
                Trust {
                    issuer: &issuer_public,
                    package: &package,
                    now,
                    audience: Some("aud"),
                    skew: 300,
                    judge: None,
                },
            )
        };
        assert!(run().valid, "the benchmark's result verifies");
        let mut group = c.benchmark_group("verify");
        group.throughput(Throughput::Elements(1));
        group.bench_function(
            format!(
                "verify + re-score one result ({} events, 2 checkpoints)",
                events.len()
            ),
            |b| b.iter(|| std::hint::black_box(run().valid)),
        );
        group.finish();
    }

    criterion::criterion_group!(benches, verify_result);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Only a native benchmark.
#[cfg(target_arch = "wasm32")]
fn main() {}
