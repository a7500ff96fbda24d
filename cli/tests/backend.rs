//! The reference backend over HTTP: grants, checkpoints, results, idempotency, export, and
//! durability across `kill -9`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use assay::Package;
use assay::receipt::jose::b64;
use assay::receipt::{
    CHECKPOINT_TYP, CheckpointClaims, GrantClaims, PrivateKey, RESULT_TYP, ResultClaims,
    sign_claims,
};
use assay::session::{Event, Session};
use assay::simulate::{self, Behaviour};
use serde_json::{Value, json};

mod common;

use common::{Server, TOKEN, root, temp_dir};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(20)))
        .build()
        .into()
}

fn post(
    agent: &ureq::Agent,
    url: &str,
    body: &Value,
    headers: &[(&str, &str)],
) -> Result<(u16, Value), ureq::Error> {
    let mut request = agent.post(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let mut response = request.send_json(body)?;
    let status = response.status().as_u16();
    let value = response
        .body_mut()
        .read_json::<Value>()
        .unwrap_or(Value::Null);
    Ok((status, value))
}

/// A sample package by its id (each sample's file is named after it).
fn package(id: &str) -> Arc<Package> {
    let path = root().join(format!("samples/{id}.json"));
    Arc::new(Package::from_json(&std::fs::read(path).unwrap()).unwrap())
}

fn temp_db(name: &str) -> PathBuf {
    temp_dir(&format!("backend-{name}")).join("assay.sqlite")
}

fn grant_claims(token: &str) -> GrantClaims {
    let payload = assay::receipt::jose::Compact::parse(token).unwrap().payload;
    serde_json::from_slice(&payload).unwrap()
}

/// One simulated applicant's session: key, grant, events, checkpoints and result.
struct Applicant {
    key: PrivateKey,
    sid: String,
    events: Vec<Event>,
    checkpoints: Vec<(usize, usize, String)>,
    result: String,
    jti: String,
}

fn applicant(base: &str, agent: &ureq::Agent, n: u64) -> Applicant {
    applicant_of(base, agent, n, "data-ai-practice")
}

fn applicant_of(base: &str, agent: &ureq::Agent, n: u64, package: &str) -> Applicant {
    let key = PrivateKey::from_seed(&[(n % 251) as u8 + 1; 32].map(|b| b ^ (n / 251) as u8));
    let (status, body) = post(
        agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": package, "public_key": key.public().to_jwk()}),
        &[],
    )
    .unwrap();
    assert_eq!(status, 201, "{body}");
    let grant_token = body["grant"].as_str().unwrap().to_string();
    let grant = grant_claims(&grant_token);
    finish(key, grant, &grant_token, n)
}

fn finish(key: PrivateKey, grant: GrantClaims, grant_token: &str, n: u64) -> Applicant {
    finish_with_clock(key, grant, grant_token, n, 0)
}

/// As [`finish`], with the browser's clock `offset` seconds away from the server's.
fn finish_with_clock(
    key: PrivateKey,
    grant: GrantClaims,
    grant_token: &str,
    n: u64,
    offset: i64,
) -> Applicant {
    let package = package(&grant.pkg.id);
    let mut session = Session::start(package.clone(), grant.session_config()).unwrap();
    let now = grant.iat;
    let browser_now = now.saturating_add_signed(offset);
    let events = simulate::applicant(
        &mut session,
        Behaviour {
            seed: n,
            events: 60,
            // On the browser's clock, within the minute after the grant and before the result.
            start_t: browser_now * 1000,
            max_pause_ms: 1_000,
            ..Behaviour::default()
        },
    );
    let cuts = [0, events.len() / 3, 2 * events.len() / 3];
    let mut checkpoints = Vec::new();
    for w in cuts.windows(2) {
        let (from, to) = (w[0], w[1]);
        let partial = Session::replay(
            package.clone(),
            grant.session_config(),
            events[..to].iter().cloned(),
        )
        .unwrap();
        let claims = CheckpointClaims {
            sid: grant.sid.clone(),
            seq: to as u64,
            head: partial.state().overview.head,
            jti: format!("cp-{n}-{to}"),
            iat: browser_now,
        };
        checkpoints.push((from, to, sign_claims(&key, CHECKPOINT_TYP, &claims)));
    }
    let jti = format!("result-{n}-{}", b64(&n.to_le_bytes()));
    let claims = ResultClaims::from_session(
        &session,
        &grant,
        Some(grant_token),
        &jti,
        browser_now,
        now + 86_400,
        None,
    );
    let result = sign_claims(&key, RESULT_TYP, &claims);
    Applicant {
        key,
        sid: grant.sid,
        events,
        checkpoints,
        result,
        jti,
    }
}

fn checkpoint_body(a: &Applicant, i: usize) -> Value {
    let (from, to, token) = &a.checkpoints[i];
    json!({"checkpoint": token, "from": from, "events": a.events[*from..*to]})
}

/// Posts the applicant's `i`-th checkpoint with its events.
fn send_checkpoint(agent: &ureq::Agent, base: &str, a: &Applicant, i: usize) -> (u16, Value) {
    post(
        agent,
        &format!("{base}/v1/sessions/{}/checkpoints", a.sid),
        &checkpoint_body(a, i),
        &[],
    )
    .unwrap()
}

/// Asserts that a reply is the refusal `status` with the error code `code`.
fn assert_refused(status: u16, body: &Value, want_status: u16, code: &str) {
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (want_status, Some(code)),
        "{body}"
    );
}

fn result_body(a: &Applicant) -> Value {
    json!({"result": a.result, "events": a.events})
}

#[test]
fn sessions_checkpoints_results_and_export() {
    let db = temp_db("api");
    let server = Server::start(&db);
    let base = server.base.clone();
    let agent = agent();
    let a = applicant(&base, &agent, 1);
    let _ = &a.key;
    for i in 0..a.checkpoints.len() {
        let (status, body) = send_checkpoint(&agent, &base, &a, i);
        assert_eq!(status, 201, "{body}");
        assert!(body["received_at"].as_u64().unwrap() > 1_700_000_000);
        let (again, _) = send_checkpoint(&agent, &base, &a, i);
        assert_eq!(again, 200, "a retried checkpoint is acknowledged again");
    }
    let (status, receipt) = post(
        &agent,
        &format!("{base}/v1/results"),
        &result_body(&a),
        &[("Idempotency-Key", &a.jti)],
    )
    .unwrap();
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["jti"], json!(a.jti));
    assert_eq!(receipt["score"], receipt["claimed"]);
    assert_eq!(receipt["flags"], json!([]));
    let (status, again) =
        post(&agent, &format!("{base}/v1/results"), &result_body(&a), &[]).unwrap();
    assert_eq!(
        (status, &again),
        (200, &receipt),
        "same jti, same bytes: the stored receipt"
    );

    // Different bytes under the same jti.
    let b = applicant(&base, &agent, 2);
    let mut stolen: ResultClaims = serde_json::from_slice(
        &assay::receipt::jose::Compact::parse(&b.result)
            .unwrap()
            .payload,
    )
    .unwrap();
    stolen.jti = a.jti.clone();
    let token = sign_claims(&b.key, RESULT_TYP, &stolen);
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/results"),
        &json!({"result": token, "events": b.events}),
        &[],
    )
    .unwrap();
    assert_eq!(status, 409, "{body}");

    // A client that claims a better score than its events earn is flagged, not refused.
    let mut greedy: ResultClaims = serde_json::from_slice(
        &assay::receipt::jose::Compact::parse(&b.result)
            .unwrap()
            .payload,
    )
    .unwrap();
    greedy.score.raw = greedy.score.max;
    let token = sign_claims(&b.key, RESULT_TYP, &greedy);
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/results"),
        &json!({"result": token, "events": b.events}),
        &[],
    )
    .unwrap();
    assert_eq!(status, 201, "{body}");
    assert!(
        body["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("score_mismatch")),
        "{body}"
    );
    assert_ne!(body["score"], body["claimed"]);

    // One session, one result: a second one (another jti, other answers) is refused before any
    // work, and the first stays as it was.
    let mut second = greedy.clone();
    second.jti = format!("{}-again", b.jti);
    let token = sign_claims(&b.key, RESULT_TYP, &second);
    let (status, refused) = post(
        &agent,
        &format!("{base}/v1/results"),
        &json!({"result": token, "events": b.events}),
        &[],
    )
    .unwrap();
    assert_eq!(status, 409, "{refused}");
    assert_eq!(
        refused["error"]["code"],
        json!("result_exists"),
        "{refused}"
    );
    let audit: Value = agent
        .get(&format!("{base}/v1/sessions/{}", b.sid))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert_eq!(
        audit["results"].as_array().map(Vec::len),
        Some(1),
        "{audit}"
    );

    // A browser whose clock is two hours slow is flagged, at its checkpoints and its result,
    // but its result is kept: a wrong computer clock must not cost the applicant their work.
    let key = PrivateKey::from_seed(&[77; 32]);
    let (_, body) = post(
        &agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": "data-ai-practice", "public_key": key.public().to_jwk()}),
        &[],
    )
    .unwrap();
    let grant_token = body["grant"].as_str().unwrap().to_string();
    let skewed = finish_with_clock(key, grant_claims(&grant_token), &grant_token, 9, -7_200);
    for i in 0..skewed.checkpoints.len() {
        let (status, body) = send_checkpoint(&agent, &base, &skewed, i);
        assert_eq!(status, 201, "{body}");
    }
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/results"),
        &result_body(&skewed),
        &[],
    )
    .unwrap();
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        body["flags"],
        json!(["result_before_grant", "events_before_grant", "clock_drift"]),
        "{body}"
    );

    // Events that do not match the signed head are refused.
    let c = applicant(&base, &agent, 3);
    let mut events = c.events.clone();
    events.pop();
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/results"),
        &json!({"result": c.result, "events": events}),
        &[],
    )
    .unwrap();
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["failures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "log_head"),
        "{body}"
    );

    // Bad requests get clear JSON errors.
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": "nope", "public_key": a.key.public().to_jwk()}),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 404, "unknown_package");
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": "data-ai-practice"}),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 422, "invalid_body");
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions/unknown/checkpoints"),
        &checkpoint_body(&c, 0),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 404, "unknown_session");
    let gap = json!({"checkpoint": c.checkpoints[1].2, "from": c.checkpoints[1].0, "events": c.events[c.checkpoints[1].0..c.checkpoints[1].1]});
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions/{}/checkpoints", c.sid),
        &gap,
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 409, "events_gap");
    let (status, body) = post(&agent, &format!("{base}/v1/sessions"), &json!({"package": "data-ai-practice", "public_key": a.key.public().to_jwk(), "accommodations": {"time_multiplier_permille": 3000}}), &[]).unwrap();
    assert_refused(status, &body, 403, "accommodations_not_accepted");
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions"),
        &json!({"package": "data-ai-practice", "public_key": a.key.public().to_jwk(), "seed": 7}),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 403, "seed_not_accepted");

    // Export behind the bearer token.
    let mut response = agent.get(&format!("{base}/v1/results")).call().unwrap();
    assert_eq!(response.status().as_u16(), 401);
    let _ = response.body_mut().read_to_string();
    let mut response = agent
        .get(&format!("{base}/v1/results"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    let list: Vec<Value> = response.body_mut().read_json().unwrap();
    assert_eq!(list.len(), 3);
    let mut response = agent
        .get(&format!("{base}/v1/results?format=csv"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    let csv = response.body_mut().read_to_string().unwrap();
    assert!(csv.starts_with("jti,sid,package,"), "{csv}");
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.contains("score_mismatch"));

    // An oversized body is refused before it is read: the server answers 413 and drops the
    // connection, so a client still writing the body may see the drop instead of the answer.
    let huge = json!({"result": "x".repeat(9 * 1024 * 1024), "events": []});
    match post(&agent, &format!("{base}/v1/results"), &huge, &[]) {
        Ok((status, _)) => assert_eq!(status, 413),
        Err(ureq::Error::Io(e)) => assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset
            ),
            "{e}"
        ),
        Err(e) => panic!("an oversized body got {e}"),
    }
    // The server is still there, and stored nothing for it (a new connection: it dropped the old).
    let mut response = self::agent()
        .get(&format!("{base}/v1/results"))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    let list: Vec<Value> = response.body_mut().read_json().unwrap();
    assert_eq!(list.len(), 3);
    server.kill_9();
}

#[test]
fn nothing_acknowledged_is_lost_across_kill_9() {
    const SESSIONS: u64 = 200;
    const WORKERS: u64 = 8;
    let db = temp_db("durability");
    let server = Arc::new(Mutex::new(Some(Server::start(&db))));
    let base = Arc::new(Mutex::new(
        server.lock().unwrap().as_ref().unwrap().base.clone(),
    ));
    let acknowledged = Arc::new(Mutex::new((Vec::<String>::new(), Vec::<String>::new())));
    let acks = Arc::new(std::sync::atomic::AtomicU64::new(0));

    // Sends until the server acknowledges, as the browser's outbox does across an outage.
    let deliver = |base: &Arc<Mutex<String>>, path: &str, body: &Value| -> (u16, Value) {
        let agent = agent();
        for _ in 0..400 {
            let url = format!("{}{path}", base.lock().unwrap());
            match post(&agent, &url, body, &[]) {
                Ok((status, value)) if status < 500 => return (status, value),
                _ => std::thread::sleep(std::time::Duration::from_millis(25)),
            }
        }
        panic!("{path} was never acknowledged");
    };

    let killer = {
        let (server, base, acks) = (server.clone(), base.clone(), acks.clone());
        let db = db.clone();
        std::thread::spawn(move || {
            while acks.load(std::sync::atomic::Ordering::SeqCst) < SESSIONS * 2 {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let old = server.lock().unwrap().take().unwrap();
            old.kill_9();
            let at_kill = acks.load(std::sync::atomic::Ordering::SeqCst);
            let fresh = Server::start(&db);
            *base.lock().unwrap() = fresh.base.clone();
            *server.lock().unwrap() = Some(fresh);
            at_kill
        })
    };

    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let (base, acknowledged, acks) = (base.clone(), acknowledged.clone(), acks.clone());
            std::thread::spawn(move || {
                for n in (w..SESSIONS).step_by(WORKERS as usize) {
                    let key = PrivateKey::from_seed(&[(n % 250) as u8 + 3; 32]);
                    let (status, body) = deliver(&base, "/v1/sessions", &json!({"package": "data-ai-practice", "public_key": key.public().to_jwk()}));
                    assert_eq!(status, 201, "{body}");
                    let grant_token = body["grant"].as_str().unwrap().to_string();
                    let a = finish(key, grant_claims(&grant_token), &grant_token, n);
                    for i in 0..a.checkpoints.len() {
                        let (status, body) = deliver(&base, &format!("/v1/sessions/{}/checkpoints", a.sid), &checkpoint_body(&a, i));
                        assert!(status == 201 || status == 200, "{status} {body}");
                        acknowledged.lock().unwrap().0.push(body["jti"].as_str().unwrap().to_string());
                        acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    let (status, body) = deliver(&base, "/v1/results", &result_body(&a));
                    assert!(status == 201 || status == 200, "{status} {body}");
                    assert_eq!(body["jti"], json!(a.jti));
                    acknowledged.lock().unwrap().1.push(a.jti.clone());
                    acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let at_kill = killer.join().unwrap();
    assert!(
        at_kill < SESSIONS * 3,
        "the server was killed mid-run ({at_kill} of {} acknowledgements)",
        SESSIONS * 3
    );
    server.lock().unwrap().take().unwrap().kill_9();

    let (checkpoints, results) = acknowledged.lock().unwrap().clone();
    assert_eq!(results.len() as u64, SESSIONS);
    let db = rusqlite::Connection::open(&db).unwrap();
    for jti in &checkpoints {
        let n: i64 = db
            .query_row(
                "SELECT COUNT(*) FROM checkpoints WHERE jti = ?1",
                [jti],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "checkpoint {jti}");
    }
    for jti in &results {
        let n: i64 = db
            .query_row("SELECT COUNT(*) FROM results WHERE jti = ?1", [jti], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "result {jti}");
    }
    let total: i64 = db
        .query_row("SELECT COUNT(*) FROM results", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total as u64, SESSIONS, "exactly one result per session");
}

#[test]
fn an_adaptive_result_gets_its_estimates_in_the_receipt() {
    let server = Server::start(&temp_db("adaptive"));
    let base = server.base.clone();
    let agent = agent();
    let a = applicant_of(&base, &agent, 7, "ai-aptitude");
    let (status, receipt) = post(
        &agent,
        &format!("{base}/v1/results"),
        &result_body(&a),
        &[("Idempotency-Key", &a.jti)],
    )
    .unwrap();
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["flags"], json!([]), "{receipt}");
    let estimate = &receipt["adaptive"][0];
    assert_eq!(estimate["section"], "aptitude");
    assert_eq!(estimate["scale"], 1000);
    assert!(
        estimate["theta"].is_i64() && estimate["se"].is_i64(),
        "{receipt}"
    );
    let payload = assay::receipt::jose::Compact::parse(&a.result)
        .unwrap()
        .payload;
    let claims: ResultClaims = serde_json::from_slice(&payload).unwrap();
    assert_eq!(estimate["theta"], json!(claims.adaptive[0].theta));
    assert_eq!(estimate["n"], json!(claims.adaptive[0].n));
}

#[test]
fn a_server_started_with_accept_seeds_grants_the_requested_seed() {
    let server = Server::start_with(&temp_db("seeds"), &["--accept-seeds"]);
    let agent = agent();
    let key = PrivateKey::from_seed(&[9; 32]);
    let new = |seed: Value| {
        post(
            &agent,
            &format!("{}/v1/sessions", server.base),
            &json!({"package": "data-ai-practice", "public_key": key.public().to_jwk(), "seed": seed}),
            &[],
        )
        .unwrap()
    };
    let (status, body) = new(json!(4_242));
    assert_eq!(status, 201, "{body}");
    assert_eq!(grant_claims(body["grant"].as_str().unwrap()).seed, 4_242);
    let (status, body) = new(json!(1u64 << 53));
    assert_refused(status, &body, 400, "invalid_seed");
}

#[test]
fn an_oversized_sub_and_an_event_flood_are_refused_before_any_work() {
    let server = Server::start(&temp_db("abuse"));
    let (base, agent) = (server.base.as_str(), agent());
    let key = PrivateKey::from_seed(&[77; 32]);
    let new_session = |sub: &str| {
        post(
            &agent,
            &format!("{base}/v1/sessions"),
            &json!({"package": "data-ai-practice", "public_key": key.public().to_jwk(), "sub": sub}),
            &[],
        )
        .unwrap()
    };
    for sub in [
        "x".repeat(7 * 1024 * 1024),
        "a\u{0}b".into(),
        "Zoe\u{308}".into(),
    ] {
        let (status, body) = new_session(&sub);
        assert_refused(status, &body, 400, "invalid_sub");
    }
    let (status, body) = new_session("applicant-7");
    assert_eq!(status, 201, "{body}");
    // More events than any session of the package could hold: refused as such, for a
    // checkpoint and for a result, before their chain is hashed or their signature read.
    let limit = package("data-ai-practice").max_events() as usize;
    let flood = vec![json!({"type": "focus.lost", "t": 1}); limit + 1];
    let sid = body["sid"].as_str().unwrap();
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions/{sid}/checkpoints"),
        &json!({"checkpoint": "not.even.signed", "from": 0, "events": flood}),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 422, "too_many_events");
    let a = applicant(base, &agent, 7);
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/results"),
        &json!({"result": a.result, "events": vec![&a.events[0]; limit + 1]}),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 422, "too_many_events");
    // Nothing of that was kept: the honest applicant's result is still taken whole.
    let (status, body) =
        post(&agent, &format!("{base}/v1/results"), &result_body(&a), &[]).unwrap();
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_checkpoint_hashes_only_what_came_after_the_last_one() {
    let db = temp_db("running-head");
    let server = Server::start(&db);
    let (base, agent) = (server.base.as_str(), agent());
    let a = applicant(base, &agent, 31);
    assert_eq!(send_checkpoint(&agent, base, &a, 0).0, 201);
    // History the first checkpoint verified is not read again: with its first stored event
    // altered behind the server's back, the next checkpoint is still taken, since it is
    // chained on from the first one's head.
    let altered = serde_json::to_string(&Event::FocusLost { t: 1 }).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE events SET event = ?1 WHERE sid = ?2 AND seq = 0",
            rusqlite::params![altered, a.sid],
        )
        .unwrap();
    let (status, body) = send_checkpoint(&agent, base, &a, 1);
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["seq"], json!(a.checkpoints[1].1));
    // A retry of the first, from the start, overlaps the altered event: that one is compared.
    let (status, body) = post(
        &agent,
        &format!("{base}/v1/sessions/{}/checkpoints", a.sid),
        &json!({"checkpoint": a.checkpoints[1].2, "from": 0, "events": a.events[..a.checkpoints[1].1]}),
        &[],
    )
    .unwrap();
    assert_refused(status, &body, 409, "events_differ");
}

#[test]
fn pages_are_served_over_the_browser_files() {
    let www = temp_dir("backend-overlay-www");
    let pages = temp_dir("backend-overlay-pages");
    std::fs::write(www.join("index.html"), "browser files' index").unwrap();
    std::fs::write(www.join("app.js"), "export const from = 'www';").unwrap();
    std::fs::write(pages.join("index.html"), "the site's index").unwrap();
    std::fs::create_dir_all(pages.join("partner")).unwrap();
    std::fs::write(pages.join("partner/index.html"), "a careers page").unwrap();
    let server = Server::start_in(
        &www.join("assay.sqlite"),
        &www,
        &[
            "--runner",
            "www/runner/python.wasm",
            "--pages",
            pages.to_str().unwrap(),
        ],
    );
    let agent = agent();
    let get = |path: &str| {
        let mut response = agent.get(&format!("{}{path}", server.base)).call().unwrap();
        response.body_mut().read_to_string().unwrap()
    };
    assert_eq!(get("/"), "the site's index");
    assert_eq!(get("/partner/"), "a careers page");
    assert_eq!(get("/app.js"), "export const from = 'www';");
    let missing = agent
        .get(&format!("{}/nowhere.js", server.base))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[test]
fn static_files_go_out_precompressed_and_cached_by_name() {
    let www = temp_dir("backend-www");
    std::fs::write(www.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(www.join("app.js"), "export const plain = true;").unwrap();
    std::fs::write(www.join("app.js.br"), b"brotli copy").unwrap();
    std::fs::write(www.join("app.js.gz"), b"gzip copy").unwrap();
    std::fs::write(
        www.join("app-0123456789abcdef.js"),
        "export const built = 1;",
    )
    .unwrap();
    std::fs::write(www.join("engine-fedcba9876543210.wasm"), b"\0asm").unwrap();
    std::fs::write(
        www.join("app-0123456789ABCDEF.js"),
        "not a hash: upper case",
    )
    .unwrap();
    let server = Server::start_in(
        &www.join("assay.sqlite"),
        &www,
        &[
            "--runner",
            "www/runner/python.wasm",
            "--cors-origin",
            "https://careers.example",
        ],
    );
    let agent = agent();
    let get = |path: &str, accept: &str| {
        let mut response = agent
            .get(&format!("{}{path}", server.base))
            .header("Accept-Encoding", accept)
            .call()
            .unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let seen = (
            header("content-encoding"),
            header("vary"),
            header("cache-control"),
            header("content-type"),
        );
        let body = response.body_mut().read_to_vec().unwrap();
        (seen, body)
    };
    let ((encoding, vary, cache, kind), body) = get("/app.js", "gzip, deflate, br");
    assert_eq!(encoding.as_deref(), Some("br"));
    assert_eq!(body, b"brotli copy");
    assert_eq!(vary.as_deref(), Some("accept-encoding"));
    assert_eq!(cache.as_deref(), Some("no-cache"));
    assert!(kind.is_some_and(|k| k.contains("javascript")));
    let ((encoding, _, _, _), body) = get("/app.js", "gzip");
    assert_eq!(
        (encoding.as_deref(), body.as_slice()),
        (Some("gzip"), &b"gzip copy"[..])
    );
    let ((encoding, vary, _, _), body) = get("/app.js", "identity");
    assert_eq!(
        (encoding, body.as_slice()),
        (None, &b"export const plain = true;"[..])
    );
    assert_eq!(vary.as_deref(), Some("accept-encoding"));
    let ((_, _, cache, _), _) = get("/", "br");
    assert_eq!(cache.as_deref(), Some("no-cache"));
    // A file named after its content never changes: kept for a year without asking again.
    for path in ["/app-0123456789abcdef.js", "/engine-fedcba9876543210.wasm"] {
        let ((_, vary, cache, _), _) = get(path, "br");
        assert_eq!(
            (cache.as_deref(), vary.as_deref()),
            (
                Some("public, max-age=31536000, immutable"),
                Some("accept-encoding")
            ),
            "{path}"
        );
    }
    let ((_, _, cache, _), _) = get("/app-0123456789ABCDEF.js", "br");
    assert_eq!(cache.as_deref(), Some("no-cache"));
    // A partner page on an allowed origin may load the files; another origin is not answered.
    let allowed = |origin: &str| {
        let response = agent
            .get(&format!("{}/app.js", server.base))
            .header("Origin", origin)
            .call()
            .unwrap();
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    assert_eq!(
        allowed("https://careers.example").as_deref(),
        Some("https://careers.example")
    );
    assert_eq!(allowed("https://elsewhere.example"), None);
}
