//! The hostile suite: programs that try to run forever, exhaust memory, recurse without end,
//! flood the output or reach outside the sandbox each end with the right verdict within their
//! budget, and the runner serves the next run normally.

mod common;

use std::collections::BTreeMap;

use assay::sandbox::{Budget, Limits, RunEnd};

/// Budgets of the suite: the defaults, with fewer steps so that every runaway ends in about a
/// second (the counter is the same whatever its size).
fn limits() -> Limits {
    Limits {
        steps: 300_000_000,
        ..Limits::default()
    }
}

fn verdict_name(end: &RunEnd) -> String {
    match end {
        RunEnd::LimitExceeded { budget } => format!("limit_exceeded:{}", budget.name()),
        RunEnd::NotAllowed { .. } => "not_allowed".into(),
        RunEnd::Raised { .. } => "runtime_error".into(),
        RunEnd::SyntaxError { .. } => "syntax_error".into(),
        RunEnd::Exited { code, .. } => format!("exited:{code}"),
        RunEnd::Returned { .. } => "returned".into(),
        RunEnd::Unserializable { .. } => "unserializable".into(),
        RunEnd::Internal { message } => format!("internal: {message}"),
    }
}

#[test]
fn every_hostile_program_ends_with_its_verdict_and_the_next_run_is_normal() {
    let dir = common::root().join("tests/python/hostile");
    let expected: BTreeMap<String, String> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json is a map of file → verdict");
    assert!(
        expected.len() >= 40,
        "the suite has {} programs",
        expected.len()
    );
    let runner = common::runner();
    let limits = limits();
    let mut wrong = Vec::new();
    for (file, want) in &expected {
        let code = std::fs::read_to_string(dir.join(file)).expect("hostile program");
        let observed = runner.observe(&common::program(&code, "", &limits));
        // The meter traps on the first step charged below zero: a run overshoots by one at most.
        assert!(
            observed.left >= -1,
            "{file} ran {} steps past its budget",
            -observed.left
        );
        let report = observed.classify();
        let got = verdict_name(&report.end);
        println!("{file:32} {got:28} {:>11} steps", report.steps);
        if &got != want {
            wrong.push(format!("{file}: expected {want}, got {got}"));
        }
        // Whatever the last run did, the next one starts clean.
        let next = runner.run(&common::program("print(sum(range(10)))", "", &limits));
        match &next.end {
            RunEnd::Exited {
                code: 0, stdout, ..
            } if stdout == "45\n" => {}
            other => wrong.push(format!("after {file}, a plain program ended as {other:?}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} hostile programs went wrong:\n{}",
        wrong.len(),
        expected.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_forbidden_import_names_what_was_refused() {
    let report = common::runner().run(&common::program(
        "import math\nfrom os import system\n",
        "",
        &limits(),
    ));
    assert_eq!(
        report.end,
        RunEnd::NotAllowed {
            what: "import os".into()
        }
    );
    let report = common::runner().run(&common::program("open('/etc/passwd')", "", &limits()));
    assert_eq!(
        report.end,
        RunEnd::NotAllowed {
            what: "open".into()
        }
    );
}

#[test]
fn budgets_can_be_caught_by_no_except_clause() {
    let code = "import sys\nwhile True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n";
    let observed = common::runner().observe(&common::program(code, "", &limits()));
    // The counter ran out (the meter's trap), whatever the handlers tried.
    assert_eq!(observed.left, -1);
    let report = observed.classify();
    assert_eq!(
        report.end,
        RunEnd::LimitExceeded {
            budget: Budget::Steps
        }
    );
    let code = "x = []\ntry:\n    while True:\n        x.append(' ' * 4096)\nexcept MemoryError:\n    print('caught')\n";
    let report = common::runner().run(&common::program(code, "", &limits()));
    assert_eq!(
        report.end,
        RunEnd::LimitExceeded {
            budget: Budget::Memory
        }
    );
}
