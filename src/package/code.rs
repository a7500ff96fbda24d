//! Coding tasks: how they are written and the rules they follow.
//!
//! A `code` item gives the applicant a stub to complete and judges the program by its tests:
//! each test runs the code in the sandbox (see [`crate::sandbox`]) under the task's budgets and
//! compares what comes out with what the author expects. The item's points are shared among the
//! tests in proportion to their `points`; a penalty may take a share off for each graded
//! submission beyond the free ones.
//!
//! The reference solution and the known-bad solutions stay with the item so that a bank can be
//! checked in CI (`assay check-bank`): the reference must pass every test, and each known-bad
//! solution must fail at least one.

use std::collections::BTreeSet;

use serde::{Deserialize, Deserializer, Serialize};

use super::Issue;
use crate::points::Points;
use crate::sandbox::Limits;

/// Longest source accepted anywhere in a task (stub, reference, checker, a submission), in bytes.
pub const MAX_CODE_BYTES: usize = 64 * 1024;
/// Most tests in one task.
pub const MAX_TESTS: usize = 100;
/// Largest test input or expected output, in bytes of JSON.
pub const MAX_TEST_BYTES: usize = 256 * 1024;

/// A coding task (the `code` interaction).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeTask {
    /// The programming language; `python` is the one this build runs.
    pub language: Language,
    /// What the editor starts with.
    #[serde(default)]
    pub stub: String,
    /// How the tests drive the code.
    pub harness: Harness,
    /// Budgets per test run.
    #[serde(default)]
    pub limits: Limits,
    /// The tests, in the order they run and are shown.
    pub tests: Vec<CodeTest>,
    /// Python source defining `check(args, expected, actual) -> bool`, for tests compared by
    /// `checker` (for a stdio test, `args` is the input text and `actual` the output text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checker: Option<String>,
    /// What a graded resubmission costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<Penalty>,
    /// A correct solution: it must pass every test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Wrong solutions: each must fail at least one test.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_bad: Vec<KnownBad>,
}

/// A programming language the sandbox runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Python 3 (RustPython), with the standard modules the sandbox allows.
    Python,
}

/// How tests drive the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Harness {
    /// The code defines a function; each test calls it with JSON arguments and compares the
    /// JSON value it returns (tuples become lists; dict keys must be strings).
    Function {
        /// The function's name.
        entry: String,
    },
    /// The code is a program; each test gives it standard input and compares what it prints.
    Stdio,
}

/// One test of a coding task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeTest {
    /// A short name the applicant may see (`"empty list"`).
    pub name: String,
    /// The function's arguments (function harness).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<serde_json::Value>>,
    /// The program's standard input (stdio harness).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdin: Option<String>,
    /// The value the function should return, or the text the program should print (absent
    /// only from a sealed test of a public view; JSON `null` is a value a function may return).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub expected: Option<serde_json::Value>,
    /// The test's weight in the item's points.
    #[serde(
        default = "one_point",
        serialize_with = "crate::points::authored::points"
    )]
    pub points: Points,
    /// What the applicant sees of this test.
    #[serde(default)]
    pub visibility: Visibility,
    /// How the outcome is compared with `expected`.
    #[serde(default)]
    pub compare: Comparator,
}

fn one_point() -> Points {
    Points::whole(1)
}

/// Reads a field that is there, `null` included (a missing one is `None` by `default`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

/// What the applicant sees of a test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Input, expected and actual output; it runs with "Run shown tests".
    #[default]
    Shown,
    /// Only whether it passed.
    Hidden,
    /// Its details once it fails.
    ShownIfFailed,
}

/// How an outcome is compared with the expectation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Comparator {
    /// Equal JSON values (function), or equal text (stdio).
    #[default]
    Exact,
    /// Equal after splitting text on whitespace.
    Whitespace,
    /// Numbers within a tolerance, through lists and object values (function), or token by
    /// token (stdio); everything else compares exactly.
    Numeric {
        /// Largest absolute difference accepted.
        #[serde(default)]
        abs_tolerance: f64,
        /// Largest difference relative to the expected value.
        #[serde(default)]
        rel_tolerance: f64,
    },
    /// A list compared as a multiset (function), or the lines as a multiset (stdio).
    Unordered,
    /// The task's `checker` decides.
    Checker,
}

/// What graded resubmissions cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Graded submissions that cost nothing.
    #[serde(default = "one")]
    pub free_submissions: u32,
    /// Share of the item's points taken off for each submission beyond the free ones.
    #[serde(deserialize_with = "share")]
    pub per_submission: Share,
    /// Largest share taken off in all.
    #[serde(default = "everything", deserialize_with = "share")]
    pub max_deduction: Share,
}

fn one() -> u32 {
    1
}

fn everything() -> Share {
    Share(1000)
}

/// A share from 0 to 1 in exact thousandths (authors write `0.1`, and it is written back so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(pub u32);

impl Serialize for Share {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::points::authored::decimal(Points(i64::from(self.0))).serialize(s)
    }
}

fn share<'de, D: Deserializer<'de>>(d: D) -> Result<Share, D::Error> {
    let value = f64::deserialize(d)?;
    let points = Points::from_decimal(value).map_err(serde::de::Error::custom)?;
    if !(0..=1000).contains(&points.0) {
        return Err(serde::de::Error::custom(format!(
            "{value} is not a share from 0 to 1"
        )));
    }
    Ok(Share(points.0 as u32))
}

/// A wrong solution kept with the task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownBad {
    /// What it gets wrong (`"off-by-one"`).
    pub name: String,
    /// The source.
    pub code: String,
}

impl CodeTask {
    /// Total weight of the tests.
    pub fn test_points(&self) -> Points {
        self.tests
            .iter()
            .map(|t| t.points)
            .fold(Points::ZERO, |a, b| a + b)
    }
}

/// Every rule a coding task at `at` (the interaction's path) breaks; in a `public` view, a test
/// without its expected output is one the browser does not judge, and has no input either.
pub(crate) fn check(at: &str, task: &CodeTask, public: bool) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut issue = |path: String, message: String| issues.push(Issue { path, message });
    for (name, source) in [
        ("stub", Some(&task.stub)),
        ("reference", task.reference.as_ref()),
        ("checker", task.checker.as_ref()),
    ] {
        if let Some(source) = source
            && source.len() > MAX_CODE_BYTES
        {
            issue(
                format!("{at}.{name}"),
                format!(
                    "{} bytes of code; the limit is {MAX_CODE_BYTES}",
                    source.len()
                ),
            );
        }
    }
    if let Harness::Function { entry } = &task.harness
        && !is_python_identifier(entry)
    {
        issue(
            format!("{at}.harness.entry"),
            format!("{entry:?} is not a Python function name"),
        );
    }
    for problem in task.limits.problems() {
        issue(format!("{at}.limits"), problem);
    }
    if task.tests.is_empty() {
        issue(
            format!("{at}.tests"),
            "a coding task needs at least one test".into(),
        );
    }
    if task.tests.len() > MAX_TESTS {
        issue(
            format!("{at}.tests"),
            format!("{} tests; the limit is {MAX_TESTS}", task.tests.len()),
        );
    }
    let mut names = BTreeSet::new();
    let mut uses_checker = false;
    for (i, test) in task.tests.iter().enumerate() {
        let at = format!("{at}.tests[{i}]");
        if test.name.trim().is_empty() {
            issue(format!("{at}.name"), "must not be empty".into());
        } else if !names.insert(test.name.as_str()) {
            issue(
                format!("{at}.name"),
                format!("{:?} names another test too", test.name),
            );
        }
        if test.points < Points::ZERO {
            issue(format!("{at}.points"), "must not be negative".into());
        }
        let Some(expected) = &test.expected else {
            if !public {
                issue(
                    format!("{at}.expected"),
                    "missing: a test needs its expected output".into(),
                );
            }
            continue;
        };
        match (&task.harness, &test.args, &test.stdin) {
            (Harness::Function { .. }, Some(_), None) => {}
            (Harness::Function { entry }, _, _) => issue(
                format!("{at}.args"),
                format!(
                    "a function test gives the arguments of {entry}() as a list in `args` (and no `stdin`)"
                ),
            ),
            (Harness::Stdio, None, Some(_)) => {
                if !expected.is_string() {
                    issue(
                        format!("{at}.expected"),
                        "a stdio test expects the text printed, as a string".into(),
                    );
                }
            }
            (Harness::Stdio, _, _) => issue(
                format!("{at}.stdin"),
                "a stdio test gives the program's input as text in `stdin` (and no `args`)".into(),
            ),
        }
        let size = serde_json::to_string(expected).map_or(0, |s| s.len())
            + test.stdin.as_ref().map_or(0, String::len)
            + test
                .args
                .as_ref()
                .and_then(|a| serde_json::to_string(a).ok())
                .map_or(0, |s| s.len());
        if size > MAX_TEST_BYTES {
            issue(
                at.clone(),
                format!("{size} bytes of input and expected output; the limit is {MAX_TEST_BYTES}"),
            );
        }
        match test.compare {
            Comparator::Numeric {
                abs_tolerance,
                rel_tolerance,
            } => {
                if !(abs_tolerance.is_finite()
                    && abs_tolerance >= 0.0
                    && rel_tolerance.is_finite()
                    && rel_tolerance >= 0.0)
                {
                    issue(
                        format!("{at}.compare"),
                        "tolerances must be finite and not negative".into(),
                    );
                }
            }
            Comparator::Checker => uses_checker = true,
            Comparator::Unordered
                if matches!(task.harness, Harness::Function { .. }) && !expected.is_array() =>
            {
                issue(
                    format!("{at}.compare"),
                    "an unordered comparison expects a list".into(),
                );
            }
            _ => {}
        }
    }
    if uses_checker && task.checker.is_none() {
        issue(
            format!("{at}.checker"),
            "a test is compared by `checker`, but the task defines none".into(),
        );
    }
    if !task.tests.is_empty() && task.test_points() == Points::ZERO {
        issue(format!("{at}.tests"), "the tests carry no points".into());
    }
    if let Some(penalty) = &task.penalty
        && penalty.max_deduction < penalty.per_submission
    {
        issue(
            format!("{at}.penalty.max_deduction"),
            "is smaller than one submission's penalty".into(),
        );
    }
    for (i, bad) in task.known_bad.iter().enumerate() {
        if bad.code.len() > MAX_CODE_BYTES {
            issue(
                format!("{at}.known_bad[{i}].code"),
                format!(
                    "{} bytes of code; the limit is {MAX_CODE_BYTES}",
                    bad.code.len()
                ),
            );
        }
    }
    issues
}

fn is_python_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}
