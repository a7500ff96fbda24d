//! Arbitrary bytes as a result token, a grant and a checkpoint: verification never panics, and
//! accepts nothing that the fixed session key did not sign.
#![no_main]

use std::sync::{Arc, OnceLock};

use assay::Package;
use assay::receipt::{Evidence, GRANT_TYP, GrantClaims, PrivateKey, Trust, sign_claims, verify};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    package: Arc<Package>,
    issuer: PrivateKey,
    grant: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let package = Arc::new(
            Package::from_json(include_bytes!("../../samples/data-ai-practice.json"))
                .expect("valid sample"),
        );
        let issuer = PrivateKey::from_seed(&[1; 32]);
        let session = PrivateKey::from_seed(&[2; 32]);
        let claims = GrantClaims::for_session(
            "fuzz",
            "aud",
            None,
            "sid",
            "bm9uY2U",
            7,
            &session.public(),
            &package,
            Default::default(),
            1_000,
            3_600,
        )
    .expect("a package one can grant");
        let grant = sign_claims(&issuer, GRANT_TYP, &claims);
        Fixture {
            package,
            issuer,
            grant,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(2, '\n');
    let result = parts.next().unwrap_or_default();
    let checkpoint = parts.next().unwrap_or_default().to_string();
    let issuer = f.issuer.public();
    for grant in [f.grant.as_str(), result] {
        let verdict = verify(
            Evidence {
                result,
                grant,
                events: &[],
                checkpoints: std::slice::from_ref(&checkpoint),
            },
            Trust {
                issuer: &issuer,
                package: &f.package,
                now: 1_000,
                audience: None,
                skew: 300,
                judge: None,
            },
        );
        assert!(!verdict.valid, "an unsigned input was accepted");
    }
});
