//! The determinism golden file: every program in tests/python/golden, run natively, must give
//! exactly what tests/python/golden.expected.json records: the same response or stop reason and
//! the same step counter, to the step. The same file is checked in wasm under Node
//! (tests/js/runner.test.mjs) and in headless Chromium (tests/e2e/code.mjs), so all three agree.
//!
//! `ASSAY_BLESS=1 cargo test -p assay-sandbox --test golden` rewrites the file after a change to
//! the runner (its SHA-256 is recorded, so a stale file says so).

mod common;

use assay::sandbox::{Limits, Observed};
use serde_json::{Value, json};

/// Budgets of the golden runs: runaways end quickly, and every budget is reached by some program.
fn limits() -> Limits {
    Limits {
        steps: 200_000_000,
        memory_mb: 32,
        recursion: 1000,
        output_kb: 64,
    }
}

fn observation(observed: &Observed) -> Value {
    let report = observed.classify();
    let mut entry = json!({"steps": report.steps, "left": observed.left, "end": report.end});
    if let Some(response) = &observed.response {
        entry["response"] = json!(response);
    }
    if let Some(stop) = &observed.stop {
        entry["stop"] = json!(stop);
    }
    entry
}

#[test]
fn golden_programs_give_the_recorded_outcome_and_step_count() {
    let dir = common::root().join("tests/python/golden");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/python/golden")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".py").map(str::to_string))
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "the golden set has {} programs",
        names.len()
    );
    let runner = common::runner();
    let mut programs = serde_json::Map::new();
    for name in &names {
        let code = std::fs::read_to_string(dir.join(format!("{name}.py"))).expect("program");
        let stdin = std::fs::read_to_string(dir.join(format!("{name}.in"))).unwrap_or_default();
        let request = common::program(&code, &stdin, &limits());
        let observed = runner.observe(&request);
        let mut entry = observation(&observed);
        entry["request"] = json!(request.to_json());
        entry["budget"] = json!(request.steps);
        programs.insert(name.clone(), entry);
    }
    let actual = json!({"runner": runner.sha256(), "programs": programs});
    let path = common::root().join("tests/python/golden.expected.json");
    if std::env::var_os("ASSAY_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&actual).expect("json") + "\n";
        std::fs::write(&path, text).expect("write the golden file");
        return;
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("golden file"))
            .expect("the golden file is JSON");
    assert_eq!(
        expected["runner"], actual["runner"],
        "the runner changed since the golden file was written: \
         ASSAY_BLESS=1 cargo test -p assay-sandbox --test golden, then review the diff"
    );
    let mut differences = Vec::new();
    for name in &names {
        if expected["programs"][name] != actual["programs"][name] {
            differences.push(format!(
                "{name}: expected {}, got {}",
                expected["programs"][name], actual["programs"][name]
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
