//! For simulated applicants on every sample package, the verifier's re-score equals the score the
//! client signed; runs natively and in wasm (Node and Chromium), so browser and backend agree.

use std::sync::Arc;

use assay::Package;
use assay::receipt::{
    Evidence, GRANT_TYP, GrantClaims, PrivateKey, RESULT_TYP, ResultClaims, Trust, sign_claims,
    verify,
};
use assay::session::Session;
use assay::simulate::{self, Behaviour};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const PACKAGES: [&str; 3] = [
    include_str!("../samples/data-ai-practice.json"),
    include_str!("golden/variants.json"),
    include_str!("../samples/ai-aptitude.json"),
];

fn check(package: &Arc<Package>, seed: u64, applicant: u64, multiplier: u32) {
    let issuer = PrivateKey::from_seed(&[3; 32]);
    let key = PrivateKey::from_seed(&[(applicant % 200) as u8 + 5; 32]);
    let now = 1_800_000_000;
    let acc = assay::session::Accommodations {
        time_multiplier_permille: multiplier,
        break_allowance_ms: 60_000,
    };
    let grant = GrantClaims::for_session(
        "t",
        "aud",
        None,
        &format!("s{seed}"),
        "bm9uY2U",
        seed,
        &key.public(),
        package,
        acc,
        now,
        3600,
    )
    .expect("a package one can grant");
    let grant_token = sign_claims(&issuer, GRANT_TYP, &grant);
    let mut session = Session::start(package.clone(), grant.session_config()).unwrap();
    let behaviour = Behaviour {
        seed: applicant,
        events: 20 + (applicant % 150) as usize,
        start_t: now * 1000,
        max_pause_ms: 1 + applicant % 40_000,
        ..Behaviour::default()
    };
    let events = simulate::applicant(&mut session, behaviour);
    let claims = ResultClaims::from_session(
        &session,
        &grant,
        Some(&grant_token),
        "r",
        now,
        now + 60,
        None,
    );
    let token = sign_claims(&key, RESULT_TYP, &claims);
    let issuer_public = issuer.public();
    let verdict = verify(
        Evidence {
            result: &token,
            grant: &grant_token,
            events: &events,
            checkpoints: &[],
        },
        Trust {
            issuer: &issuer_public,
            package,
            now,
            audience: Some("aud"),
            skew: 60,
            judge: None,
        },
    );
    assert!(
        verdict.valid,
        "package {} seed {seed} applicant {applicant}: {:?}",
        package.id, verdict.failures
    );
    assert_eq!(verdict.rescore, Some(claims.score));
    // θ and SE of adaptive sections are re-derived from the events too, to the thousandth.
    assert_eq!(verdict.adaptive, claims.adaptive);
    let adaptive_sections = package
        .sections
        .iter()
        .filter(|s| s.adaptive.is_some())
        .count();
    assert_eq!(claims.adaptive.len(), adaptive_sections);
}

#[test]
fn the_rescore_equals_the_signed_score_on_every_sample() {
    for text in PACKAGES {
        let package = Arc::new(Package::from_json(text.as_bytes()).unwrap());
        for k in 0..24u64 {
            let multiplier = [1000, 1250, 1500, 2000][(k % 4) as usize];
            check(&package, k * 7919 + 1, k * 31 + 3, multiplier);
        }
    }
}
