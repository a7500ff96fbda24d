//! `assay code run`, `assay check-bank`, and `assay verify` re-running coding submissions,
//! against the Python practice bank and the built runner (scripts/build-runner).

mod common;

use common::{assay, temp_dir};
use serde_json::{Value, json};

const BANK: &str = "samples/python-practice.json";

fn task(id: &str) -> Value {
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(BANK)).unwrap()).unwrap();
    let items = package["sections"][0]["items"].as_array().unwrap();
    items.iter().find(|i| i["id"] == id).unwrap()["interaction"].clone()
}

#[test]
fn check_bank_passes_every_reference_and_catches_every_known_bad_solution() {
    let (code, out, err) = assay(&["check-bank", BANK]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("0 problem(s)"), "{out}");
    let references = out
        .lines()
        .filter(|l| l.contains(" reference ") && l.contains(" ok "))
        .count();
    assert!(references >= 6, "{out}");
}

#[test]
fn check_bank_reports_a_reference_that_fails_and_a_bad_solution_that_passes() {
    let dir = temp_dir("check-bank");
    let mut package: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(BANK)).unwrap()).unwrap();
    let item = &mut package["sections"][0]["items"][0]["interaction"];
    let reference = item["reference"].clone();
    item["reference"] = json!("def solve(*args):\n    return None\n");
    item["known_bad"] = json!([{"name": "actually-right", "code": reference}]);
    let path = dir.join("bank.json");
    std::fs::write(&path, package.to_string()).unwrap();
    let (code, out, err) = assay(&["check-bank", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("the reference fails"), "{err}");
    assert!(
        err.contains("the known-bad solution \"actually-right\" passes every test"),
        "{err}"
    );
    assert!(out.contains("WRONG"), "{out}");
}

#[test]
fn code_run_prints_each_tests_verdict_and_steps() {
    let dir = temp_dir("code-run");
    let interaction = task("word-frequencies");
    let good = dir.join("good.py");
    std::fs::write(&good, interaction["reference"].as_str().unwrap()).unwrap();
    let (code, out, err) = assay(&[
        "code",
        "run",
        good.to_str().unwrap(),
        "--package",
        BANK,
        "--item",
        "word-frequencies",
    ]);
    assert_eq!(code, 0, "{err}");
    let tests = interaction["tests"].as_array().unwrap().len();
    assert!(
        out.contains(&format!("{tests} of {tests} tests passed")),
        "{out}"
    );
    let bad = dir.join("bad.py");
    std::fs::write(
        &bad,
        "def solve(text):\n    return {w: 1 for w in text.split()}\n",
    )
    .unwrap();
    let (code, out, _) = assay(&[
        "code",
        "run",
        bad.to_str().unwrap(),
        "--package",
        BANK,
        "--item",
        "word-frequencies",
        "--json",
    ]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(out.trim()).unwrap();
    let verdicts = report["tests"].as_array().unwrap();
    assert_eq!(verdicts.len(), tests);
    assert!(
        verdicts.iter().any(|v| v["verdict"] == "wrong_answer"),
        "{out}"
    );
    assert!(verdicts.iter().all(|v| v["steps"].as_u64().unwrap() > 0));
    let broken = dir.join("broken.py");
    std::fs::write(&broken, "def solve(text):\n    return text.count(\n").unwrap();
    let (_, out, _) = assay(&[
        "code",
        "run",
        broken.to_str().unwrap(),
        "--package",
        BANK,
        "--item",
        "word-frequencies",
    ]);
    assert!(out.contains("syntax error at line 2"), "{out}");
    let (code, _, err) = assay(&[
        "code",
        "run",
        bad.to_str().unwrap(),
        "--package",
        BANK,
        "--item",
        "nope",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no item \"nope\""), "{err}");
}

#[test]
fn code_exec_runs_a_program_with_its_input() {
    let dir = temp_dir("code-exec");
    let program = dir.join("sum.py");
    std::fs::write(&program, "print(sum(int(x) for x in input().split()))\n").unwrap();
    std::fs::write(dir.join("sum.in"), "1 2 3\n").unwrap();
    let (code, out, err) = assay(&["code", "exec", program.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, "6\n"), "{err}");
    let spin = dir.join("spin.py");
    std::fs::write(&spin, "while True: pass\n").unwrap();
    let (code, _, err) = assay(&["code", "exec", spin.to_str().unwrap(), "--steps", "1000000"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("steps limit exceeded (1000000 steps)"),
        "{err}"
    );
}

#[test]
fn verify_reruns_submissions_and_flags_verdicts_the_browser_made_up() {
    let dir = temp_dir("code-verify");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    for who in ["issuer", "session"] {
        let (code, _, err) = assay(&[
            "keygen",
            "--out",
            &p(&format!("{who}.jwk")),
            "--public",
            &p(&format!("{who}.pub.jwk")),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, grant, err) = assay(&[
        "grant",
        "--key",
        &p("issuer.jwk"),
        "--package",
        BANK,
        "--session-key",
        &p("session.pub.jwk"),
        "--sid",
        "code-session",
        "--aud",
        "https://hiring.example",
        "--seed",
        "5",
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(p("grant.jws"), &grant).unwrap();
    let interaction = task("word-frequencies");
    let n = interaction["tests"].as_array().unwrap().len();
    let all_passed: Vec<Value> = (0..n)
        .map(|i| json!({"test": i, "verdict": "passed", "steps": 1}))
        .collect();
    let events = [
        json!({"type": "session.start", "t": 1_000}),
        json!({"type": "item.view", "t": 2_000, "item": "word-frequencies"}),
        json!({"type": "code.submit", "t": 3_000, "item": "word-frequencies", "code": "def solve(text):\n    return {}\n"}),
        json!({"type": "code.judged", "t": 4_000, "item": "word-frequencies", "submission": 1, "tests": all_passed}),
        json!({"type": "session.submit", "t": 5_000}),
    ];
    let log: String = events.iter().map(|e| format!("{e}\n")).collect();
    std::fs::write(p("events.jsonl"), log).unwrap();
    let (code, result, err) = assay(&[
        "sign-result",
        "--key",
        &p("session.jwk"),
        "--grant",
        &p("grant.jws"),
        "--package",
        BANK,
        "--events",
        &p("events.jsonl"),
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(p("result.jws"), &result).unwrap();
    let (code, out, err) = assay(&[
        "verify",
        &p("result.jws"),
        "--events",
        &p("events.jsonl"),
        "--grant",
        &p("grant.jws"),
        "--issuer",
        &p("issuer.pub.jwk"),
        "--package",
        BANK,
        "--json",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let verdict: Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = verdict["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"code_mismatch") && codes.contains(&"score_mismatch"),
        "{codes:?}"
    );
    // `return {}` is right only for empty texts: the backend's verdicts give that test's share.
    let (claimed, rescored) = (&verdict["claimed"]["raw"], &verdict["rescore"]["raw"]);
    assert_eq!(
        claimed,
        &json!(10_000),
        "the browser claimed the item's 10 points"
    );
    assert!(
        rescored.as_i64().unwrap() < claimed.as_i64().unwrap(),
        "{rescored} vs {claimed}"
    );
}

/// The README's coding console block: each `$ assay check-bank ...` or `$ assay code ...` line
/// succeeds and its output ends with the line the README shows after the `…`.
#[test]
fn readme_code_console_block_runs_as_written() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let lines: Vec<&str> = readme.lines().collect();
    let mut ran = 0;
    for (n, line) in lines.iter().enumerate() {
        let Some(command) = line
            .strip_prefix("$ assay ")
            .filter(|c| c.starts_with("check-bank ") || c.starts_with("code "))
        else {
            continue;
        };
        let args: Vec<&str> = command.split_whitespace().collect();
        let (code, out, err) = assay(&args);
        assert_eq!(code, 0, "{line}: {err}");
        let shown = lines[n + 1..]
            .iter()
            .find(|l| **l != "…")
            .expect("an output line");
        assert_eq!(out.trim_end().lines().last(), Some(*shown), "{line}");
        ran += 1;
    }
    assert_eq!(ran, 2, "the README shows check-bank and code run");
}
