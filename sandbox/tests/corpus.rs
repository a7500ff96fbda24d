//! Applicant-style programs against CPython: each corpus program's output and exit status under
//! the sandbox, compared with what CPython 3.11 printed (tests/python/record_cpython.py). The
//! test prints the pass rate and every difference; the target is 95%.

mod common;

use std::collections::BTreeMap;

use assay::sandbox::{Limits, RunEnd};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    stdout: String,
    exit: i64,
}

#[test]
fn the_sandbox_prints_what_cpython_prints_for_typical_solutions() {
    let dir = common::root().join("tests/python/corpus");
    let expected: BTreeMap<String, Expected> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("corpus/expected.json"),
    )
    .expect("expected.json maps program → {stdout, exit}");
    assert!(
        expected.len() >= 60,
        "the corpus has {} programs",
        expected.len()
    );
    let runner = common::runner();
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let code = std::fs::read_to_string(dir.join(format!("{name}.py"))).expect("corpus program");
        let stdin = std::fs::read_to_string(dir.join(format!("{name}.in"))).unwrap_or_default();
        let report = runner.run(&common::program(&code, &stdin, &Limits::default()));
        let (stdout, exit) = match &report.end {
            RunEnd::Exited { code, stdout, .. } => (stdout.clone(), *code),
            RunEnd::Raised { error, stdout, .. } => {
                // CPython prints the traceback to stderr and exits with 1.
                if want.exit != 1 {
                    failures.push(format!(
                        "{name}: raised {}: {} (line {:?})",
                        error.kind, error.message, error.line
                    ));
                    continue;
                }
                (stdout.clone(), 1)
            }
            other => {
                failures.push(format!("{name}: ended as {other:?}"));
                continue;
            }
        };
        if stdout != want.stdout || exit != want.exit {
            let line = stdout
                .lines()
                .zip(want.stdout.lines())
                .position(|(a, b)| a != b)
                .map_or_else(
                    || "the line count".to_string(),
                    |i| format!("line {}", i + 1),
                );
            let shown = |s: &str, i: Option<usize>| {
                i.and_then(|i| s.lines().nth(i)).unwrap_or("").to_string()
            };
            let at = stdout
                .lines()
                .zip(want.stdout.lines())
                .position(|(a, b)| a != b);
            failures.push(format!(
                "{name}: differs at {line}: sandbox {:?}, CPython {:?}{}",
                shown(&stdout, at),
                shown(&want.stdout, at),
                if exit != want.exit {
                    format!(" (exit {exit}, CPython {})", want.exit)
                } else {
                    String::new()
                }
            ));
        }
    }
    let passed = expected.len() - failures.len();
    let rate = 100.0 * passed as f64 / expected.len() as f64;
    println!(
        "corpus: {passed} of {} programs print what CPython prints ({rate:.1}%)",
        expected.len()
    );
    for f in &failures {
        println!("  {f}");
    }
    assert!(
        rate >= 95.0,
        "pass rate {rate:.1}% is below 95%:\n{}",
        failures.join("\n")
    );
}
