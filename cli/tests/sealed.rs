//! A sealed package over HTTP: the page receives only its public view, scores nothing, and the
//! receipt tells it only what the package's feedback allows; the operator's export holds the
//! backend's score.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assay::Package;
use assay::receipt::{GrantClaims, PrivateKey, RESULT_TYP, ResultClaims, sign_claims};
use assay::session::Session;
use assay::simulate::{self, Behaviour};
use serde_json::{Value, json};

mod common;

use common::{Server, TOKEN, root, temp_dir};

/// Fields that would hand the page a key, wherever they appear.
const SECRETS: &[&str] = &[
    "key",
    "answer",
    "accepted",
    "pattern",
    "map",
    "keyed",
    "irt",
    "checker",
    "reference",
    "known_bad",
];

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn get(agent: &ureq::Agent, url: &str, token: Option<&str>) -> (u16, Value) {
    let mut request = agent.get(url);
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let mut response = request.call().unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

fn post(agent: &ureq::Agent, url: &str, body: &Value) -> (u16, Value) {
    post_as(agent, url, body, None)
}

fn post_as(agent: &ureq::Agent, url: &str, body: &Value, token: Option<&str>) -> (u16, Value) {
    let mut request = agent.post(url);
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let mut response = request.send_json(body).unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

/// A samples directory with the practice sample sealed three times: as `sealed-score` (the
/// total may be shown), `sealed-none` (nothing may) and `sealed-2s` (a two-second test).
fn sealed_samples(name: &str) -> PathBuf {
    let dir = temp_dir(&format!("sealed-samples-{name}"));
    let text = std::fs::read_to_string(root().join("samples/data-ai-practice.json")).unwrap();
    for (id, feedback) in [
        ("sealed-score", "score"),
        ("sealed-none", "none"),
        ("sealed-2s", "score"),
    ] {
        let mut package: Value = serde_json::from_str(&text).unwrap();
        package["id"] = id.into();
        package["delivery"] = "sealed".into();
        package["feedback"] = feedback.into();
        if id == "sealed-2s" {
            package["time_limit_ms"] = 2000.into();
        }
        std::fs::write(dir.join(format!("{id}.json")), package.to_string()).unwrap();
    }
    dir
}

fn secrets_in(value: &Value, at: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if SECRETS.contains(&k.as_str()) {
                    found.push(format!("{at}.{k}"));
                }
                secrets_in(v, &format!("{at}.{k}"), found);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                secrets_in(v, &format!("{at}[{i}]"), found);
            }
        }
        _ => {}
    }
}

/// What one applicant's result brought back, and the score the full package gives its events.
struct Taken {
    status: u16,
    receipt: Value,
    jti: String,
    authoritative: i64,
}

/// Takes `id` (a package in `samples`) as a browser does, from what the server sends.
fn take(agent: &ureq::Agent, base: &str, samples: &Path, id: &str, n: u8) -> Taken {
    take_after(agent, base, samples, (id, n, 1_000), || {})
}

/// As [`take`] (with at most `pause_ms` between the applicant's events), doing
/// `before_sending` once the result is signed and before it is sent.
fn take_after(
    agent: &ureq::Agent,
    base: &str,
    samples: &Path,
    (id, n, pause_ms): (&str, u8, u64),
    before_sending: impl FnOnce(),
) -> Taken {
    let (status, served) = get(agent, &format!("{base}/v1/packages/{id}"), None);
    assert_eq!(status, 200);
    let mut found = Vec::new();
    secrets_in(&served, "", &mut found);
    assert_eq!(found, Vec::<String>::new(), "the page received secrets");
    assert_eq!(served["view"], "public");
    let view = Arc::new(Package::from_value(served).expect("the view reads as a package"));

    let key = PrivateKey::from_seed(&[n; 32]);
    let code = invite(agent, base, id, &format!("applicant-{n}"));
    let (status, session) = post(
        agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": id, "public_key": key.public().to_jwk(), "invitation": code}),
    );
    assert_eq!(status, 201, "{session}");
    assert_eq!(session["package"]["delivery"], "sealed");
    assert_eq!(session["package"]["sha256"], view.sha256());
    let grant_token = session["grant"].as_str().unwrap();
    let payload = assay::receipt::jose::Compact::parse(grant_token)
        .unwrap()
        .payload;
    let grant: GrantClaims = serde_json::from_slice(&payload).unwrap();
    assert_eq!(grant.pkg.public_sha256.as_deref(), Some(view.sha256()));
    assert_ne!(grant.pkg.sha256, view.sha256());

    let mut browser = Session::start(view, grant.session_config()).unwrap();
    let events = simulate::applicant(
        &mut browser,
        Behaviour {
            seed: u64::from(n),
            events: 60,
            start_t: grant.iat * 1000,
            max_pause_ms: pause_ms,
            ..Behaviour::default()
        },
    );
    let state = browser.state();
    assert_eq!(state.score.earned.0, 0, "the page scores nothing");
    assert_eq!(state.score.pending, state.score.answered);
    let jti = format!("sealed-{id}-{n}");
    let claims = ResultClaims::from_session(
        &browser,
        &grant,
        Some(grant_token),
        &jti,
        grant.iat,
        grant.iat + 86_400,
        None,
    );
    let result = sign_claims(&key, RESULT_TYP, &claims);
    let full = std::fs::read(samples.join(format!("{id}.json"))).unwrap();
    let full = Arc::new(Package::from_json(&full).unwrap());
    let scored = Session::replay(full, grant.session_config(), events.clone()).unwrap();
    before_sending();
    let (status, receipt) = post(
        agent,
        &format!("{base}/v1/results"),
        &json!({"result": result, "events": events}),
    );
    Taken {
        status,
        receipt,
        jti,
        authoritative: scored.state().score.earned.0,
    }
}

/// The operator's invitation for `sub` to take `package`.
fn invite(agent: &ureq::Agent, base: &str, package: &str, sub: &str) -> String {
    let (status, invited) = post_as(
        agent,
        &format!("{base}/v1/invitations"),
        &json!({"package": package, "sub": sub}),
        Some(TOKEN),
    );
    assert_eq!(status, 201, "{invited}");
    invited["invitation"].as_str().unwrap().to_string()
}

/// A server offering [`sealed_samples`]; it takes accommodations from pages, as the demo does.
fn start(name: &str) -> (Server, PathBuf) {
    let (server, samples, _) = start_on(name);
    (server, samples)
}

/// As [`start`], with the server's database.
fn start_on(name: &str) -> (Server, PathBuf, PathBuf) {
    start_with(name, &[])
}

/// As [`start_on`], with more options for the server.
fn start_with(name: &str, extra: &[&str]) -> (Server, PathBuf, PathBuf) {
    let db = temp_dir(&format!("sealed-{name}")).join("assay.sqlite");
    let samples = sealed_samples(name);
    let options: Vec<&str> = ["--client-accommodations"]
        .iter()
        .chain(extra)
        .copied()
        .collect();
    let server = Server::start_serving(&db, Path::new("www"), &samples, &options);
    (server, samples, db)
}

#[test]
fn the_page_gets_the_public_view_and_the_receipt_only_what_feedback_allows() {
    let (server, samples) = start("feedback");
    let agent = agent();
    let (status, listed) = get(&agent, &format!("{}/v1/packages", server.base), None);
    assert_eq!(status, 200);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["delivery"] == "sealed"),
        "{listed}"
    );

    let scored = take(&agent, &server.base, &samples, "sealed-score", 3);
    let receipt = &scored.receipt;
    assert_eq!(scored.status, 201, "{receipt}");
    assert_eq!(receipt["flags"], json!([]), "{receipt}");
    assert_eq!(receipt["score"]["raw"], scored.authoritative, "{receipt}");
    assert!(receipt.get("items").is_none(), "{receipt}");

    let blind = take(&agent, &server.base, &samples, "sealed-none", 4);
    let receipt = &blind.receipt;
    assert_eq!(blind.status, 201, "{receipt}");
    for withheld in ["score", "items", "adaptive"] {
        assert!(receipt.get(withheld).is_none(), "{withheld}: {receipt}");
    }

    // The operator's export holds the backend's scores, item by item.
    let (status, export) = get(&agent, &format!("{}/v1/results", server.base), Some(TOKEN));
    assert_eq!(status, 200, "{export}");
    let rows = export.as_array().expect("a list of receipts");
    for taken in [scored, blind] {
        let row = rows
            .iter()
            .find(|r| r["jti"] == taken.jti.as_str())
            .unwrap_or_else(|| panic!("{} in {export}", taken.jti));
        assert_eq!(row["score"]["raw"], taken.authoritative, "{row}");
        let items = row["items"].as_array().expect("items");
        let earned: i64 = items.iter().filter_map(|i| i["earned"].as_i64()).sum();
        assert_eq!(earned, taken.authoritative, "{row}");
        assert!(items.iter().all(|i| i.get("pending").is_none()), "{row}");
    }
}

#[test]
fn a_page_that_claims_the_score_it_cannot_see_is_flagged_and_gets_the_backends() {
    let (server, _) = start("forged");
    let agent = agent();
    let base = &server.base;
    let (_, served) = get(&agent, &format!("{base}/v1/packages/sealed-score"), None);
    let view = Arc::new(Package::from_value(served).unwrap());
    let key = PrivateKey::from_seed(&[9; 32]);
    let code = invite(&agent, base, "sealed-score", "forger");
    let (_, session) = post(
        &agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": "sealed-score", "public_key": key.public().to_jwk(), "invitation": code}),
    );
    let grant_token = session["grant"].as_str().unwrap();
    let payload = assay::receipt::jose::Compact::parse(grant_token)
        .unwrap()
        .payload;
    let grant: GrantClaims = serde_json::from_slice(&payload).unwrap();
    let mut browser = Session::start(view, grant.session_config()).unwrap();
    let events = simulate::applicant(
        &mut browser,
        Behaviour {
            seed: 9,
            events: 60,
            start_t: grant.iat * 1000,
            max_pause_ms: 1_000,
            ..Behaviour::default()
        },
    );
    let mut claims = ResultClaims::from_session(
        &browser,
        &grant,
        Some(grant_token),
        "forged",
        grant.iat,
        grant.iat + 86_400,
        None,
    );
    claims.score.raw = claims.score.max;
    let result = sign_claims(&key, RESULT_TYP, &claims);
    let (status, receipt) = post(
        &agent,
        &format!("{base}/v1/results"),
        &json!({"result": result, "events": events}),
    );
    assert_eq!(status, 201, "{receipt}");
    assert!(
        receipt["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("score_mismatch")),
        "{receipt}"
    );
    let score = &receipt["score"];
    assert!(score["raw"].as_i64() < score["max"].as_i64(), "{receipt}");
}

#[test]
fn a_sealed_test_opens_once_per_invitation_with_the_operators_terms() {
    let (server, samples, db) = start_on("invitations");
    let agent = agent();
    let base = &server.base;
    let session = |n: u8, extra: Value| {
        let key = PrivateKey::from_seed(&[n; 32]);
        let mut body = json!({"package": "sealed-score", "public_key": key.public().to_jwk()});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        post(&agent, &format!("{base}/v1/sessions"), &body)
    };
    let code_of = |(status, body): (u16, Value)| (status, body["error"]["code"].clone());

    // No invitation, or one nobody issued: refused.
    assert_eq!(
        code_of(session(1, json!({}))),
        (403, json!("invitation_required"))
    );
    assert_eq!(
        code_of(session(1, json!({"invitation": "made-up"}))),
        (403, json!("invitation_unknown"))
    );
    // Only the operator issues invitations, and a demo server's landing page when allowed.
    let (status, _) = post(
        &agent,
        &format!("{base}/v1/invitations"),
        &json!({"package": "sealed-score", "sub": "x"}),
    );
    assert_eq!(status, 401);
    let (status, _) = post(
        &agent,
        &format!("{base}/v1/demo/invitations"),
        &json!({"package": "sealed-score"}),
    );
    assert_eq!(status, 404);

    let (status, invited) = post_as(
        &agent,
        &format!("{base}/v1/invitations"),
        &json!({"package": "sealed-score", "sub": "applicant-42",
                "accommodations": {"time_multiplier_permille": 1500, "break_allowance_ms": 600000}}),
        Some(TOKEN),
    );
    assert_eq!(status, 201, "{invited}");
    let code = invited["invitation"].clone();
    // For another test it does not open this one; the page cannot add terms of its own.
    assert_eq!(
        code_of(post(
            &agent,
            &format!("{base}/v1/sessions"),
            &json!({"package": "sealed-none", "public_key": PrivateKey::from_seed(&[2; 32]).public().to_jwk(), "invitation": code}),
        )),
        (403, json!("invitation_package"))
    );
    let more_time = json!({"invitation": code, "accommodations": {"time_multiplier_permille": 3000, "break_allowance_ms": 0}});
    assert_eq!(
        code_of(session(2, more_time)),
        (403, json!("accommodations_not_accepted"))
    );

    let (status, opened) = session(3, json!({"invitation": code, "sub": "someone-else"}));
    assert_eq!(status, 201, "{opened}");
    let payload = assay::receipt::jose::Compact::parse(opened["grant"].as_str().unwrap())
        .unwrap()
        .payload;
    let grant: GrantClaims = serde_json::from_slice(&payload).unwrap();
    assert_eq!(grant.sub.as_deref(), Some("applicant-42"));
    assert_eq!(grant.acc.time_multiplier_permille, 1500);
    assert_eq!(grant.acc.break_allowance_ms, 600_000);
    // One invitation, one session.
    assert_eq!(
        code_of(session(4, json!({"invitation": code}))),
        (409, json!("invitation_used"))
    );

    // `assay invite` writes into the running server's store, for a package it offers.
    let (db, samples) = (db.to_str().unwrap(), samples.to_str().unwrap());
    let invite = |package: &str| {
        common::assay(&[
            "invite",
            "--db",
            db,
            "--samples",
            samples,
            "--package",
            package,
            "--sub",
            "applicant-7",
            "--time-multiplier-permille",
            "1250",
        ])
    };
    let (status, out, err) = invite("sealed-none");
    assert_eq!(status, 0, "{err}");
    let (status, opened) = post(
        &agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": "sealed-none", "public_key": PrivateKey::from_seed(&[5; 32]).public().to_jwk(), "invitation": out.trim()}),
    );
    assert_eq!(status, 201, "{opened}");
    let payload = assay::receipt::jose::Compact::parse(opened["grant"].as_str().unwrap())
        .unwrap()
        .payload;
    let grant: GrantClaims = serde_json::from_slice(&payload).unwrap();
    assert_eq!(grant.sub.as_deref(), Some("applicant-7"));
    assert_eq!(grant.acc.time_multiplier_permille, 1250);
    let (status, _, err) = invite("no-such-test");
    assert_eq!(status, 2);
    assert!(err.contains("offers no package"), "{err}");
}

#[test]
fn a_sealed_test_answered_after_its_time_on_the_servers_clock_is_flagged() {
    // A two-second test with a one-second skew: whatever the browser's clock says, an answer
    // that reaches the server over four seconds after the grant (both times in whole seconds)
    // came after the test's time.
    let (server, samples, _) = start_with("late", &["--skew-s", "1"]);
    let agent = agent();
    let late = || std::thread::sleep(std::time::Duration::from_millis(4_500));
    let taken = take_after(&agent, &server.base, &samples, ("sealed-2s", 6, 40), late);
    assert_eq!(taken.status, 201, "{}", taken.receipt);
    let flags = taken.receipt["flags"].as_array().unwrap();
    assert!(
        flags.contains(&json!("server_time_exceeded")),
        "{}",
        taken.receipt
    );
}
