//! The `assay` binary as users and CI call it: exit codes, messages, JSON output, the server.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;

mod common;

use common::{Server, assay, root, temp_dir};

fn temp(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("assay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn validate_accepts_the_sample() {
    let (code, out, _) = assay(&["validate", "samples/data-ai-practice.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("valid (data-ai-practice"), "{out}");
    let (code, out, _) = assay(&["validate", "samples/data-ai-practice.json", "--json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn seal_prints_the_public_view_with_both_digests() {
    let text = std::fs::read_to_string(root().join("samples/data-ai-practice.json")).unwrap();
    let mut package: serde_json::Value = serde_json::from_str(&text).unwrap();
    package["delivery"] = "sealed".into();
    let path = temp("sealed.json", &package.to_string());
    let (code, out, err) = assay(&["seal", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["view"], "public");
    assert!(!out.contains("\"key\""), "{out}");
    assert!(
        err.contains("public view sha256 ") && err.contains("package sha256 "),
        "{err}"
    );
    // The view is itself a valid package, and a practice package has none.
    let written = temp("sealed.public.json", &out);
    let (code, out, _) = assay(&["validate", written.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = assay(&["seal", "samples/data-ai-practice.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("only a sealed package"), "{err}");
}

#[test]
fn validate_lists_every_problem_and_exits_1() {
    let bad = temp(
        "bad.json",
        r#"{"format": 1, "id": "x", "version": "1", "title": "X", "sections": [{"id": "s", "items": [
            {"id": "a", "stem": "?", "interaction": {"type": "single_choice", "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}], "key": "E"}},
            {"id": "a", "stem": "?", "interaction": {"type": "essay"}}
        ]}]}"#,
    );
    let (code, _, err) = assay(&["validate", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("sections[0].items[0].interaction.key: \"E\" is not one of the choices A, B"),
        "{err}"
    );
    assert!(
        err.contains("sections[0].items[1].interaction.type: unknown variant `essay`"),
        "{err}"
    );
    let (code, out, _) = assay(&["validate", bad.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["errors"].as_array().unwrap().len(), 2);
}

#[test]
fn unreadable_input_and_bad_usage_exit_2() {
    let (code, _, err) = assay(&["validate", "no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read no/such/file.json"), "{err}");
    let (code, _, _) = assay(&["validate"]);
    assert_eq!(code, 2);
    let (code, _, _) = assay(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn replay_reproduces_the_golden_head() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/golden/practice.expected.json")).unwrap(),
    )
    .unwrap();
    let (code, out, err) = assay(&[
        "replay",
        "samples/data-ai-practice.json",
        "tests/golden/practice.events.jsonl",
        "--seed",
        "20261128",
        "--sid",
        "golden-session",
        "--nonce",
        "bm9uY2Utb2YtMTI4LWJpdHM",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let state: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(state, expected["state"]);
    let (code, out, _) = assay(&[
        "replay",
        "samples/data-ai-practice.json",
        "tests/golden/practice.events.jsonl",
        "--seed",
        "20261128",
        "--sid",
        "golden-session",
        "--nonce",
        "bm9uY2Utb2YtMTI4LWJpdHM",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains(expected["state"]["head"].as_str().unwrap()),
        "{out}"
    );
}

#[test]
fn replay_walks_the_golden_adaptive_path() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/golden/aptitude.expected.json")).unwrap(),
    )
    .unwrap();
    let (code, out, err) = assay(&[
        "replay",
        "samples/ai-aptitude.json",
        "tests/golden/aptitude.events.jsonl",
        "--seed",
        "20261201",
        "--sid",
        "golden-session",
        "--nonce",
        "bm9uY2Utb2YtMTI4LWJpdHM",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let state: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(state["head"], expected["state"]["head"]);
    assert_eq!(state["sections"][0]["items"], expected["path"]);
    let theta = state["sections"][0]["adaptive"]["theta"].as_f64().unwrap();
    assert_eq!(
        serde_json::json!(format!("{:016x}", theta.to_bits())),
        expected["state"]["sections"][0]["adaptive"]["theta"]
    );
}

#[test]
fn replay_stops_at_a_refused_event_with_its_index() {
    let log = temp(
        "refused.jsonl",
        "{\"type\":\"session.start\",\"t\":10}\n\n{\"type\":\"item.answer\",\"t\":11,\"item\":\"median-outlier\",\"response\":\"5.5\"}\n",
    );
    let (code, _, err) = assay(&[
        "replay",
        "samples/data-ai-practice.json",
        log.to_str().unwrap(),
        "--seed",
        "1",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("event 1 (line 3) refused: item \"median-outlier\" has not been viewed"),
        "{err}"
    );
    let garbled = temp(
        "garbled.jsonl",
        "{\"type\":\"session.start\",\"t\":10}\n{\"type\":\"clock\"}\n",
    );
    let (code, _, err) = assay(&[
        "replay",
        "samples/data-ai-practice.json",
        garbled.to_str().unwrap(),
        "--seed",
        "1",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 2") && err.contains("missing field `t`"),
        "{err}"
    );
}

fn get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (head.to_string(), body.to_string())
}

#[test]
fn serve_lists_and_serves_packages_and_the_page() {
    let server = Server::start_with(
        &temp_dir("cli-serve").join("assay.sqlite"),
        &["--pages", "demo"],
    );
    let addr = server.base.trim_start_matches("http://").to_string();
    let (head, body) = get(&addr, "/v1/packages");
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{head}"
    );
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "data-ai-practice")
    );
    let aptitude = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "ai-aptitude")
        .expect("the adaptive sample is served");
    assert_eq!(
        (&aptitude["sections"], &aptitude["items"]),
        (&serde_json::json!(1), &serde_json::json!(20)),
        "an adaptive section counts the most items one applicant is given"
    );
    let (head, body) = get(&addr, "/v1/packages/data-ai-practice");
    assert!(head.contains("200"), "{head}");
    assert_eq!(
        body,
        std::fs::read_to_string(root().join("samples/data-ai-practice.json")).unwrap()
    );
    let (head, body) = get(&addr, "/v1/packages/nope");
    assert!(head.contains("404"), "{head}");
    assert!(body.contains("unknown_package"));
    let (head, body) = get(&addr, "/");
    assert!(head.contains("200"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-security-policy"),
        "{head}"
    );
    assert!(body.contains("<html"), "{body}");
    drop(server);
}

#[test]
fn serve_refuses_an_invalid_package_directory() {
    let dir = std::env::temp_dir().join(format!("assay-bad-samples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.json"), "{\"format\": 1}").unwrap();
    let (code, _, err) = assay(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--samples",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.json is not a valid package"), "{err}");
}

#[test]
fn serve_refuses_a_pages_directory_without_an_index() {
    let dir = temp_dir("cli-no-pages");
    let (code, _, err) = assay(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--pages",
        dir.to_str().unwrap(),
        "--db",
        dir.join("assay.sqlite").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("has no index.html"), "{err}");
}

#[test]
fn keygen_grant_sign_and_verify_round_trip() {
    let dir = std::env::temp_dir().join(format!("assay-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let (code, thumb, err) = assay(&[
        "keygen",
        "--out",
        &p("issuer.jwk"),
        "--public",
        &p("issuer.pub.jwk"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(thumb.trim().len(), 43, "an RFC 7638 thumbprint");
    let (code, _, err) = assay(&["keygen", "--out", &p("issuer.jwk")]);
    assert_eq!(code, 2, "keygen never overwrites a key");
    assert!(err.contains("must not exist"), "{err}");
    assert_eq!(
        assay(&[
            "keygen",
            "--out",
            &p("session.jwk"),
            "--public",
            &p("session.pub.jwk")
        ])
        .0,
        0
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p("issuer.jwk"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "private keys are private");
    }
    let (code, grant, err) = assay(&[
        "grant",
        "--key",
        &p("issuer.jwk"),
        "--package",
        "samples/data-ai-practice.json",
        "--session-key",
        &p("session.pub.jwk"),
        "--sid",
        "cli-session",
        "--aud",
        "https://hiring.example",
        "--seed",
        "20261128",
        // Issued when the golden log was taken, and the result signed as it ended.
        "--iat",
        "1700000000",
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(p("grant.jws"), &grant).unwrap();
    let (code, result, err) = assay(&[
        "sign-result",
        "--key",
        &p("session.jwk"),
        "--grant",
        &p("grant.jws"),
        "--package",
        "samples/data-ai-practice.json",
        "--events",
        "tests/golden/practice.events.jsonl",
        "--iat",
        "1700000510",
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(p("result.jws"), &result).unwrap();
    let grant_path = p("grant.jws");
    let issuer_path = p("issuer.pub.jwk");
    let verify = |result: &str, extra: &[&str]| {
        let mut args = vec![
            "verify",
            result,
            "--events",
            "tests/golden/practice.events.jsonl",
            "--grant",
            &grant_path,
            "--issuer",
            &issuer_path,
            "--package",
            "samples/data-ai-practice.json",
            "--now",
            "1700000600",
        ];
        args.extend_from_slice(extra);
        assay(&args)
    };
    let (code, out, err) = verify(&p("result.jws"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("valid: score "), "{out}");
    let (code, out, _) = verify(&p("result.jws"), &["--json"]);
    assert_eq!(code, 0);
    let verdict: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["rescore"], verdict["claimed"]);
    let (code, _, err) = verify(&p("result.jws"), &["--aud", "https://elsewhere.example"]);
    assert_eq!(code, 1);
    assert!(err.contains("grant_audience"), "{err}");
    let mut forged = result.trim().to_string();
    let middle = forged.find('.').unwrap() + 10;
    let swapped = if &forged[middle..=middle] == "A" {
        "B"
    } else {
        "A"
    };
    forged.replace_range(middle..=middle, swapped);
    std::fs::write(p("forged.jws"), forged).unwrap();
    let (code, _, err) = verify(&p("forged.jws"), &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("result_signature") || err.contains("result_malformed"),
        "{err}"
    );

    // The same old log under a grant issued today: stamped before its session existed.
    let (code, late_grant, err) = assay(&[
        "grant",
        "--key",
        &p("issuer.jwk"),
        "--package",
        "samples/data-ai-practice.json",
        "--session-key",
        &p("session.pub.jwk"),
        "--seed",
        "20261128",
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(p("late-grant.jws"), &late_grant).unwrap();
    let (code, late, err) = assay(&[
        "sign-result",
        "--key",
        &p("session.jwk"),
        "--grant",
        &p("late-grant.jws"),
        "--package",
        "samples/data-ai-practice.json",
        "--events",
        "tests/golden/practice.events.jsonl",
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(p("late.jws"), &late).unwrap();
    let (code, _, err) = assay(&[
        "verify",
        &p("late.jws"),
        "--events",
        "tests/golden/practice.events.jsonl",
        "--grant",
        &p("late-grant.jws"),
        "--issuer",
        &issuer_path,
        "--package",
        "samples/data-ai-practice.json",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("events_before_grant"), "{err}");
}
