//! The determinism golden file. Every program in tests/python/golden, run natively, must end
//! exactly as tests/python/golden.expected.json records (the same response, or the same stop
//! reason), and its observation, step counter included, is written to
//! target/python-golden/native.json for the wasm side to match to the step: under Node
//! (tests/js/runner.test.mjs) and in headless Chromium (tests/e2e/code.mjs).
//!
//! Step counts are compared within one build of the runner, not against the committed file:
//! RustPython's build is not bit-reproducible (its macros emit frozen modules and methods in
//! hash-map order), and a different layout moves the count by a fraction of a percent. The
//! module that judges a session is one file, served to the browser and run by the backend, so
//! what must agree is every engine on that one module.
//!
//! `ASSAY_BLESS=1 cargo test -p assay-sandbox --test golden` rewrites the committed outcomes.

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

/// What every build must agree on: how the program ended.
fn outcome(observed: &Observed, request: &assay::sandbox::RunRequest) -> Value {
    let mut entry = json!({
        "request": request.to_json(),
        "budget": request.steps,
        "end": observed.classify().end,
    });
    if let Some(response) = &observed.response {
        entry["response"] = json!(response);
    }
    if let Some(stop) = &observed.stop {
        entry["stop"] = json!(stop);
    }
    entry
}

#[test]
fn golden_programs_end_as_recorded_and_leave_their_step_counts_for_the_wasm_side() {
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
    let mut outcomes = serde_json::Map::new();
    let mut observations = serde_json::Map::new();
    for name in &names {
        let code = std::fs::read_to_string(dir.join(format!("{name}.py"))).expect("program");
        let stdin = std::fs::read_to_string(dir.join(format!("{name}.in"))).unwrap_or_default();
        let request = common::program(&code, &stdin, &limits());
        let observed = runner.observe(&request);
        let entry = outcome(&observed, &request);
        let mut seen = entry.clone();
        seen["left"] = json!(observed.left);
        outcomes.insert(name.clone(), entry);
        observations.insert(name.clone(), seen);
    }
    let native = common::root().join("target/python-golden/native.json");
    std::fs::create_dir_all(native.parent().expect("a parent")).expect("target/python-golden");
    let record = json!({"runner": runner.sha256(), "programs": observations});
    std::fs::write(
        &native,
        serde_json::to_string_pretty(&record).expect("json"),
    )
    .expect("write");

    let actual = json!({"programs": outcomes});
    let path = common::root().join("tests/python/golden.expected.json");
    if std::env::var_os("ASSAY_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&actual).expect("json") + "\n";
        std::fs::write(&path, text).expect("write the golden file");
        return;
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("golden file"))
            .expect("the golden file is JSON");
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
