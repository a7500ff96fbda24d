//! Signed results: RFC test vectors, sign → verify, and tampering of every kind rejected.

#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use assay::Package;
use assay::canonical::to_jcs;
use assay::receipt::jose::{Compact, b64, unb64};
use assay::receipt::{
    CHECKPOINT_TYP, CheckpointClaims, Evidence, FLAG_CODES, GRANT_TYP, GrantClaims, Jwk,
    PrivateKey, RESULT_TYP, ResultClaims, Trust, Verdict, sign_claims, verify,
};
use assay::session::{Event, Session};
use assay::simulate::{self, Behaviour};
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---- RFC 8037 appendix A -------------------------------------------------------------------

const RFC8037_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
const RFC8037_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

fn rfc8037_key() -> PrivateKey {
    let jwk: Jwk = serde_json::from_value(
        json!({"kty": "OKP", "crv": "Ed25519", "d": RFC8037_D, "x": RFC8037_X}),
    )
    .unwrap();
    PrivateKey::from_jwk(&jwk).unwrap()
}

#[test]
fn rfc8037_a1_a2_keys() {
    let key = rfc8037_key();
    assert_eq!(
        key.public().to_jwk().x,
        RFC8037_X,
        "A.2: the public key of A.1's private key"
    );
    assert_eq!(key.to_jwk().d.as_deref(), Some(RFC8037_D));
    let mut wrong = key.to_jwk();
    wrong.x = b64(&[7u8; 32]);
    assert!(PrivateKey::from_jwk(&wrong).is_err(), "x must match d");
}

#[test]
fn rfc8037_a3_thumbprint() {
    assert_eq!(
        rfc8037_key().public().thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
}

const RFC8037_JWS: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

#[test]
fn rfc8037_a4_signing() {
    let key = rfc8037_key();
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"EdDSA"}"#),
        b64(b"Example of Ed25519 signing")
    );
    let token = format!("{input}.{}", b64(&key.sign(input.as_bytes())));
    assert_eq!(token, RFC8037_JWS);
}

#[test]
fn rfc8037_a5_verification() {
    let public = rfc8037_key().public();
    let compact = Compact::parse(RFC8037_JWS).unwrap();
    compact.verify(&public).unwrap();
    assert_eq!(compact.payload, b"Example of Ed25519 signing");
    let mut bad = RFC8037_JWS.to_string();
    bad.replace_range(bad.len() - 3..bad.len() - 2, "A");
    assert!(
        Compact::parse(&bad)
            .and_then(|c| c.verify(&public))
            .is_err()
    );
}

// ---- RFC 7515 appendix A.1 -----------------------------------------------------------------

#[test]
fn rfc7515_a1_hs256_is_reproduced_and_refused() {
    let header = [
        123, 34, 116, 121, 112, 34, 58, 34, 74, 87, 84, 34, 44, 13, 10, 32, 34, 97, 108, 103, 34,
        58, 34, 72, 83, 50, 53, 54, 34, 125,
    ];
    assert_eq!(b64(&header), "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9");
    let payload =
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    let p64 = b64(payload.as_bytes());
    assert_eq!(
        p64,
        "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    );
    let k = unb64(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    )
    .unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&k).unwrap();
    mac.update(format!("{}.{p64}", b64(&header)).as_bytes());
    let signature = b64(&mac.finalize().into_bytes());
    assert_eq!(signature, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    let token = format!("{}.{p64}.{signature}", b64(&header));
    let compact = Compact::parse(&token).unwrap();
    assert_eq!(compact.payload, payload.as_bytes());
    assert_eq!(
        compact.verify(&rfc8037_key().public()).unwrap_err().code(),
        "jws_algorithm"
    );
}

// ---- RFC 8785 ----------------------------------------------------------------------------------

#[test]
fn rfc8785_sample_structure() {
    let input = r#"{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"#;
    let value: Value = serde_json::from_str(input).unwrap();
    let expected = r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#;
    assert_eq!(
        String::from_utf8(to_jcs(&value).unwrap()).unwrap(),
        expected
    );
}

#[test]
fn rfc8785_sorts_by_utf16_code_units() {
    let input = r#"{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}"#;
    let value: Value = serde_json::from_str(input).unwrap();
    let out = String::from_utf8(to_jcs(&value).unwrap()).unwrap();
    let order: Vec<&str> = [
        "Carriage Return",
        "One",
        "Control",
        "Latin Small",
        "Euro Sign",
        "Emoji",
        "Hebrew",
    ]
    .into_iter()
    .collect();
    let positions: Vec<usize> = order
        .iter()
        .map(|needle| out.find(needle).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
}

// ---- a signed session ------------------------------------------------------------------------

const NOW: u64 = 1_790_000_000;

struct Fixture {
    issuer: PrivateKey,
    session_key: PrivateKey,
    package: Arc<Package>,
    grant: String,
    grant_claims: GrantClaims,
    events: Vec<Event>,
    checkpoints: Vec<String>,
    result: ResultClaims,
}

fn package() -> Arc<Package> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/data-ai-practice.json"
    ))
    .unwrap();
    Arc::new(Package::from_json(&bytes).unwrap())
}

fn fixture(seed: u64, applicant: u64) -> Fixture {
    let f = fixture_on(package(), seed, applicant);
    assert_eq!(f.grant_claims.exp, NOW + 3_600);
    f
}

fn fixture_on(package: Arc<Package>, seed: u64, applicant: u64) -> Fixture {
    // Taken after the grant was issued and before the result was signed, as in a browser.
    fixture_from(package, seed, applicant, (NOW - 3_500) * 1000)
}

/// A fixture whose first event is stamped `start_t` (ms).
fn fixture_from(package: Arc<Package>, seed: u64, applicant: u64, start_t: u64) -> Fixture {
    let issuer = PrivateKey::from_seed(&[1; 32]);
    let session_key = PrivateKey::from_seed(&[applicant as u8 ^ 0x5a; 32]);
    let public = session_key.public();
    // iat one hour ago; the 30-minute test plus a 90-minute margin keeps it valid until NOW + 1 h.
    let grant_claims = GrantClaims::for_session(
        "https://assay.example",
        "https://hiring.example",
        Some("applicant-17"),
        &format!("sid-{seed}-{applicant}"),
        &b64(&seed.to_le_bytes().repeat(2)),
        seed,
        &public,
        &package,
        Default::default(),
        NOW - 3_600,
        5_400,
    )
    .expect("a package one can grant");
    let grant = sign_claims(&issuer, GRANT_TYP, &grant_claims);
    let config = grant_claims.session_config();
    let mut session = Session::start(package.clone(), config.clone()).unwrap();
    let events = simulate::applicant(
        &mut session,
        Behaviour {
            seed: applicant,
            events: 90,
            start_t,
            ..Behaviour::default()
        },
    );
    let mut checkpoints = Vec::new();
    for seq in [10usize, 40, events.len()] {
        let partial = Session::replay(
            package.clone(),
            config.clone(),
            events[..seq].iter().cloned(),
        )
        .unwrap();
        let claims = CheckpointClaims {
            sid: grant_claims.sid.clone(),
            seq: seq as u64,
            head: partial.state().overview.head,
            jti: format!("cp-{seq}"),
            iat: NOW - 60,
        };
        checkpoints.push(sign_claims(&session_key, CHECKPOINT_TYP, &claims));
    }
    let result = ResultClaims::from_session(
        &session,
        &grant_claims,
        Some(&grant),
        "result-1",
        NOW - 10,
        NOW + 86_400,
        None,
    );
    Fixture {
        issuer,
        session_key,
        package,
        grant,
        grant_claims,
        events,
        checkpoints,
        result,
    }
}

impl Fixture {
    fn sign(&self, claims: &ResultClaims) -> String {
        sign_claims(&self.session_key, RESULT_TYP, claims)
    }

    fn check(&self, token: &str) -> Verdict {
        self.check_with(token, &self.events, NOW, None)
    }

    fn check_with(
        &self,
        token: &str,
        events: &[Event],
        now: u64,
        audience: Option<&str>,
    ) -> Verdict {
        let issuer = self.issuer.public();
        verify(
            Evidence {
                result: token,
                grant: &self.grant,
                events,
                checkpoints: &self.checkpoints,
            },
            Trust {
                issuer: &issuer,
                package: &self.package,
                now,
                audience,
                skew: 300,
                judge: None,
            },
        )
    }
}

fn codes(verdict: &Verdict) -> Vec<&'static str> {
    verdict.failures.iter().map(|f| f.code).collect()
}

#[test]
fn an_honest_result_verifies_and_rescores() {
    let f = fixture(11, 3);
    let verdict = f.check(&f.sign(&f.result));
    assert!(verdict.valid, "{:?}", verdict.failures);
    assert_eq!(verdict.rescore, Some(f.result.score));
    assert!(verdict.complete);
    assert_eq!(verdict.claims.unwrap().jti, "result-1");
}

#[test]
fn the_token_is_a_standard_eddsa_jws() {
    let f = fixture(11, 3);
    let token = f.sign(&f.result);
    let compact = Compact::parse(&token).unwrap();
    assert_eq!(compact.alg(), Some("EdDSA"));
    assert_eq!(compact.typ(), Some(RESULT_TYP));
    assert_eq!(
        compact.header["kid"],
        json!(f.session_key.public().thumbprint())
    );
    assert_eq!(compact.header.len(), 3);
    let claims: Value = serde_json::from_slice(&compact.payload).unwrap();
    assert_eq!(
        to_jcs(&claims).unwrap(),
        compact.payload,
        "the payload is canonical"
    );
}

/// A change to a result's claims.
type Change = Box<dyn Fn(&mut ResultClaims)>;

fn tampered(f: &Fixture, change: impl Fn(&mut ResultClaims)) -> Verdict {
    let mut claims = f.result.clone();
    change(&mut claims);
    f.check(&f.sign(&claims))
}

#[test]
fn each_claim_changed_and_re_signed_is_caught() {
    let f = fixture(12, 4);
    let cases: Vec<(&str, Change)> = vec![
        (
            "result_session",
            Box::new(|c| c.sid = "another-session".into()),
        ),
        ("result_nonce", Box::new(|c| c.nonce = "AAAA".into())),
        (
            "result_audience",
            Box::new(|c| c.aud = "https://evil.example".into()),
        ),
        (
            "result_subject",
            Box::new(|c| c.sub = Some("someone-else".into())),
        ),
        ("result_key", Box::new(|c| c.cnf.jkt = "x".repeat(43))),
        (
            "result_package",
            Box::new(|c| c.pkg.sha256 = "0".repeat(64)),
        ),
        ("result_package", Box::new(|c| c.pkg.ver = "9".into())),
        ("score_mismatch", Box::new(|c| c.score.raw += 1000)),
        ("score_mismatch", Box::new(|c| c.score.max -= 1000)),
        (
            "items_mismatch",
            Box::new(|c| c.resp[0].earned = Some(c.resp[0].earned.unwrap_or(0) + 1)),
        ),
        ("items_mismatch", Box::new(|c| c.resp.swap(0, 1))),
        ("log_head", Box::new(|c| c.log.head = "0".repeat(64))),
        ("log_length", Box::new(|c| c.log.n += 1)),
        ("log_algorithm", Box::new(|c| c.log.alg = "md5".into())),
        ("result_expired", Box::new(|c| c.exp = NOW - 1_000)),
        ("result_future", Box::new(|c| c.iat = NOW + 10_000)),
        ("result_before_grant", Box::new(|c| c.iat = NOW - 100_000)),
        ("result_grant", Box::new(|c| c.grant = Some("a.b.c".into()))),
        // Signed seconds after the grant, before most of the events were made.
        ("events_after_result", Box::new(|c| c.iat = NOW - 3_490)),
    ];
    for (code, change) in cases {
        let verdict = tampered(&f, change);
        assert!(!verdict.valid, "{code} was not caught");
        assert!(
            codes(&verdict).contains(&code),
            "expected {code}, got {:?}",
            verdict.failures
        );
    }
}

#[test]
fn a_log_stamped_before_its_grant_is_flagged_and_still_re_scored() {
    // The whole test stamped in 1970 (t from 0 ms), signed now: a clock that cannot be right.
    let f = fixture_from(package(), 15, 7, 0);
    let verdict = f.check(&f.sign(&f.result));
    assert_eq!(
        codes(&verdict),
        ["events_before_grant"],
        "{:?}",
        verdict.failures
    );
    assert!(
        FLAG_CODES.contains(&"events_before_grant"),
        "a flag, not a refusal"
    );
    assert_eq!(verdict.rescore.map(|s| s.raw), Some(f.result.score.raw));
}

#[test]
fn changed_or_reordered_events_are_caught() {
    let f = fixture(13, 5);
    let token = f.sign(&f.result);
    let mut events = f.events.clone();
    if let Event::FocusLost { t } | Event::ItemView { t, .. } = &mut events[5] {
        *t += 1;
    }
    let changed = f.check_with(&token, &events, NOW, None);
    assert!(
        codes(&changed).contains(&"log_head"),
        "{:?}",
        changed.failures
    );
    let mut events = f.events.clone();
    events.swap(3, 4);
    assert!(codes(&f.check_with(&token, &events, NOW, None)).contains(&"log_head"));
    let events = &f.events[..f.events.len() - 1];
    let shorter = f.check_with(&token, events, NOW, None);
    assert!(
        codes(&shorter).contains(&"log_length"),
        "{:?}",
        shorter.failures
    );
    assert!(
        codes(&shorter).contains(&"checkpoint_mismatch"),
        "{:?}",
        shorter.failures
    );
}

#[test]
fn a_checkpoint_that_disagrees_with_the_events_is_caught() {
    let mut f = fixture(14, 6);
    let forged = CheckpointClaims {
        sid: f.grant_claims.sid.clone(),
        seq: 10,
        head: "0".repeat(64),
        jti: "cp-x".into(),
        iat: NOW,
    };
    f.checkpoints
        .push(sign_claims(&f.session_key, CHECKPOINT_TYP, &forged));
    let verdict = f.check(&f.sign(&f.result));
    assert_eq!(codes(&verdict), ["checkpoint_mismatch"]);
}

#[test]
fn signatures_algorithms_and_key_ids() {
    let f = fixture(15, 7);
    let token = f.sign(&f.result);
    let (h, rest) = token.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();

    let mut sig = unb64(s).unwrap();
    sig[10] ^= 1;
    assert_eq!(
        codes(&f.check(&format!("{h}.{p}.{}", b64(&sig)))),
        ["result_signature"]
    );

    let none = b64(br#"{"alg":"none","typ":"assessment-result+jwt"}"#);
    assert!(codes(&f.check(&format!("{none}.{p}."))).contains(&"result_algorithm"));

    // HS256 "signed" with the session's public key as the HMAC secret (the classic confusion).
    let hs = b64(br#"{"alg":"HS256","typ":"assessment-result+jwt"}"#);
    let public_jwk = serde_json::to_vec(&f.session_key.public().to_jwk()).unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&public_jwk).unwrap();
    mac.update(format!("{hs}.{p}").as_bytes());
    let forged = format!("{hs}.{p}.{}", b64(&mac.finalize().into_bytes()));
    assert!(codes(&f.check(&forged)).contains(&"result_algorithm"));

    // A header naming another key: the verifier uses the grant's key, never the header's.
    let attacker = PrivateKey::from_seed(&[9; 32]);
    let swapped = assay::receipt::jose::sign(&attacker, RESULT_TYP, &unb64(p).unwrap());
    assert!(codes(&f.check(&swapped)).contains(&"result_kid"));
    let header = b64(&to_jcs(
        &json!({"alg": "EdDSA", "kid": f.session_key.public().thumbprint(), "typ": RESULT_TYP}),
    )
    .unwrap());
    let input = format!("{header}.{p}");
    let forged = format!("{input}.{}", b64(&attacker.sign(input.as_bytes())));
    assert_eq!(codes(&f.check(&forged)), ["result_signature"]);

    let crit = b64(&to_jcs(&json!({"alg": "EdDSA", "crit": ["exp"], "typ": RESULT_TYP})).unwrap());
    let input = format!("{crit}.{p}");
    let with_crit = format!("{input}.{}", b64(&f.session_key.sign(input.as_bytes())));
    assert!(codes(&f.check(&with_crit)).contains(&"result_critical"));
}

#[test]
fn a_non_canonical_payload_is_refused_even_when_signed() {
    let f = fixture(16, 8);
    let pretty = serde_json::to_vec_pretty(&f.result).unwrap();
    let token = assay::receipt::jose::sign(&f.session_key, RESULT_TYP, &pretty);
    assert_eq!(codes(&f.check(&token)), ["result_not_canonical"]);
    let mut value = serde_json::to_value(&f.result).unwrap();
    value["score"]["raw"] = json!(1.5);
    let token = assay::receipt::jose::sign(&f.session_key, RESULT_TYP, &to_jcs(&value).unwrap());
    assert_eq!(codes(&f.check(&token)), ["result_not_canonical"]);
}

#[test]
fn a_result_replayed_into_another_session_is_refused() {
    let a = fixture(17, 9);
    let b = fixture(18, 10);
    let token_a = a.sign(&a.result);
    let verdict = b.check_with(&token_a, &a.events, NOW, None);
    assert!(!verdict.valid);
    assert!(
        codes(&verdict).contains(&"result_kid") || codes(&verdict).contains(&"result_signature"),
        "{:?}",
        verdict.failures
    );
}

#[test]
fn an_expired_grant_or_a_wrong_audience_is_refused() {
    let f = fixture(19, 11);
    let token = f.sign(&f.result);
    let late = f.check_with(&token, &f.events, NOW + 7_200, None);
    assert!(
        codes(&late).contains(&"grant_expired"),
        "{:?}",
        late.failures
    );
    let elsewhere = f.check_with(&token, &f.events, NOW, Some("https://other.example"));
    assert_eq!(codes(&elsewhere), ["grant_audience"]);
    let mut forged = f.grant_claims.clone();
    forged.seed += 1;
    let self_signed = sign_claims(&f.session_key, GRANT_TYP, &forged);
    let issuer = f.issuer.public();
    let verdict = verify(
        Evidence {
            result: &token,
            grant: &self_signed,
            events: &f.events,
            checkpoints: &[],
        },
        Trust {
            issuer: &issuer,
            package: &f.package,
            now: NOW,
            audience: None,
            skew: 300,
            judge: None,
        },
    );
    assert!(
        codes(&verdict).contains(&"grant_signature"),
        "{:?}",
        verdict.failures
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any change to the token's characters is rejected.
    #[test]
    fn random_mutations_are_always_rejected(position in any::<prop::sample::Index>(), replacement in "[A-Za-z0-9_.=-]", cut in 0usize..4) {
        let f = FIXTURE.with(|f| f.clone());
        let token = f.1.clone();
        let i = position.index(token.len());
        let mut mutated = token.clone();
        match cut {
            0 => mutated.replace_range(i..=i, &replacement),
            1 => mutated.truncate(i),
            2 => mutated.insert_str(i, &replacement),
            _ => { mutated.remove(i); }
        }
        prop_assume!(mutated != token);
        let verdict = f.0.check(&mutated);
        prop_assert!(!verdict.valid, "mutation accepted: {mutated}");
    }
}

thread_local! {
    static FIXTURE: (std::rc::Rc<Fixture>, String) = {
        let f = fixture(20, 12);
        let token = f.sign(&f.result);
        (std::rc::Rc::new(f), token)
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For random applicants, the verifier's re-score equals the signed client score.
    #[test]
    fn the_rescore_equals_the_client_score(seed in 0u64..(1 << 53), applicant in 0u64..250) {
        let f = fixture(seed, applicant);
        let verdict = f.check(&f.sign(&f.result));
        prop_assert!(verdict.valid, "{:?}", verdict.failures);
        prop_assert_eq!(verdict.rescore, Some(f.result.score));
    }
}

#[test]
fn payloads_built_for_the_browser_sign_into_valid_tokens() {
    // The browser asks the core what to sign and signs it with WebCrypto; simulate that here.
    let f = fixture(21, 13);
    let session = Session::replay(
        f.package.clone(),
        f.grant_claims.session_config(),
        f.events.iter().cloned(),
    )
    .unwrap();
    assert_eq!(
        GrantClaims::read_unverified(&f.grant).unwrap(),
        f.grant_claims
    );
    assert!(GrantClaims::read_unverified("not.a.token").is_err());
    let checkpoint = CheckpointClaims::for_session(&session, "cp-final", NOW);
    let token = sign_claims(&f.session_key, CHECKPOINT_TYP, &checkpoint);
    let opened: CheckpointClaims =
        assay::receipt::open(&token, &f.session_key.public(), CHECKPOINT_TYP).unwrap();
    assert_eq!(
        (opened.seq, opened.head.as_str()),
        (f.events.len() as u64, session.state().head.as_str())
    );
    let mut with_final = f.checkpoints.clone();
    with_final.push(token);
    let issuer = f.issuer.public();
    let result = f.sign(&f.result);
    let verdict = verify(
        Evidence {
            result: &result,
            grant: &f.grant,
            events: &f.events,
            checkpoints: &with_final,
        },
        Trust {
            issuer: &issuer,
            package: &f.package,
            now: NOW,
            audience: None,
            skew: 300,
            judge: None,
        },
    );
    assert!(verdict.valid, "{:?}", verdict.failures);
}

fn aptitude() -> Arc<Package> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/ai-aptitude.json"
    ))
    .unwrap();
    Arc::new(Package::from_json(&bytes).unwrap())
}

#[test]
fn adaptive_estimates_are_signed_as_integers_and_re_derived() {
    let f = fixture_on(aptitude(), 21, 6);
    let claimed = &f.result.adaptive;
    assert_eq!(claimed.len(), 1);
    let estimate = &claimed[0];
    assert_eq!(
        (estimate.section.as_str(), estimate.scale),
        ("aptitude", 1000)
    );
    assert!(
        estimate.n >= 1 && estimate.se > 0 && estimate.se < 1000,
        "{estimate:?}"
    );
    let state = Session::replay(
        f.package.clone(),
        f.grant_claims.session_config(),
        f.events.iter().cloned(),
    )
    .unwrap()
    .state();
    let view = state.sections[0].adaptive.unwrap();
    assert_eq!(estimate.theta, (view.theta * 1000.0).round() as i64);
    assert_eq!(estimate.se, (view.se * 1000.0).round() as i64);
    assert_eq!(estimate.n, view.answered);

    let token = f.sign(&f.result);
    let payload: Value = serde_json::from_slice(&Compact::parse(&token).unwrap().payload).unwrap();
    assert!(
        payload["adaptive"][0]["theta"].is_i64(),
        "{}",
        payload["adaptive"]
    );
    let verdict = f.check(&token);
    assert!(verdict.valid, "{:?}", verdict.failures);
    assert_eq!(&verdict.adaptive, claimed);

    let cases: Vec<Change> = vec![
        Box::new(|c| c.adaptive[0].theta += 1),
        Box::new(|c| c.adaptive[0].se -= 1),
        Box::new(|c| c.adaptive[0].n += 1),
        Box::new(|c| c.adaptive.clear()),
        Box::new(|c| c.adaptive[0].section = "other".into()),
    ];
    for change in cases {
        let verdict = tampered(&f, change);
        assert_eq!(
            codes(&verdict),
            ["adaptive_mismatch"],
            "{:?}",
            verdict.failures
        );
    }
    let verdict = tampered(&f, |c| c.adaptive[0].theta += 7);
    assert!(
        verdict.failures[0].message.contains("section \"aptitude\""),
        "{}",
        verdict.failures[0].message
    );
}

#[test]
fn results_of_fixed_packages_carry_no_adaptive_claim() {
    let f = fixture(11, 3);
    assert!(f.result.adaptive.is_empty());
    let token = f.sign(&f.result);
    let payload = Compact::parse(&token).unwrap().payload;
    assert!(!String::from_utf8(payload).unwrap().contains("adaptive"));
    assert!(f.check(&token).adaptive.is_empty());
}

#[test]
fn a_sub_is_short_nfc_and_free_of_control_characters() {
    use assay::receipt::{MAX_SUB_BYTES, check_sub};
    assert_eq!(check_sub("applicant-42@example.gov"), Ok(()));
    assert_eq!(check_sub("Zoë Ó Briain"), Ok(()));
    assert_eq!(check_sub(&"x".repeat(MAX_SUB_BYTES)), Ok(()));
    let refused = |sub: &str, says: &str| {
        let message = check_sub(sub).expect_err(sub);
        assert!(message.contains(says), "{sub:?}: {message}");
    };
    refused("", "1 to 256 bytes");
    refused("   ", "1 to 256 bytes");
    refused(&"x".repeat(MAX_SUB_BYTES + 1), "this one has 257");
    refused("line\nbreak", "control character at character 4");
    refused("Zoe\u{308}", "NFC");
}
