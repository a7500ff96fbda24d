//! A coding task as the applicant sees it: the stub, the budgets, and the tests they may see.

use serde::{Deserialize, Serialize};

use crate::package::code::{CodeTask, Harness, Language, Visibility};
use crate::sandbox::Limits;

/// What the editor and the test list show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct PresentedCode {
    /// The language (`"python"`).
    pub language: String,
    /// The code the editor starts with.
    pub stub: String,
    /// The function the tests call, or none for a program reading standard input.
    pub entry: Option<String>,
    /// Budgets per test run.
    pub limits: Limits,
    /// Every test, in order; hidden ones without their data.
    pub tests: Vec<PresentedTest>,
    /// Whether graded submissions beyond the free ones cost points.
    pub penalty: Option<PresentedPenalty>,
}

/// One test as listed to the applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct PresentedTest {
    /// Its name.
    pub name: String,
    /// What the applicant sees of it.
    pub visibility: Visibility,
    /// The call, written as Python (`solve([3, 1, 2])`), or the input text, for shown tests.
    pub input: Option<String>,
    /// The expected value (as JSON) or output, for shown tests.
    pub expected: Option<String>,
    /// Judged by the backend alone: its input and expectation are not in this session's package
    /// (the public view of a sealed one), so no detail of it ever reaches the page.
    pub sealed: bool,
}

/// The penalty rule, in thousandths of the item's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct PresentedPenalty {
    /// Graded submissions that cost nothing.
    pub free_submissions: u32,
    /// Share taken off per further submission, in thousandths.
    pub per_submission_permille: u32,
    /// Largest share taken off, in thousandths.
    pub max_deduction_permille: u32,
}

impl PresentedCode {
    /// The presentation of `task`.
    pub fn of(task: &CodeTask) -> PresentedCode {
        let entry = match &task.harness {
            Harness::Function { entry } => Some(entry.clone()),
            Harness::Stdio => None,
        };
        let tests = task
            .tests
            .iter()
            .map(|t| {
                let shown = t.visibility == Visibility::Shown;
                let input = shown.then(|| match (&entry, &t.args, &t.stdin) {
                    (Some(entry), Some(args), _) => call_text(entry, args),
                    (_, _, Some(stdin)) => stdin.clone(),
                    _ => String::new(),
                });
                let expected = t.expected.as_ref().filter(|_| shown).map(|e| match e {
                    serde_json::Value::String(s) if entry.is_none() => s.clone(),
                    value => python_literal(value),
                });
                PresentedTest {
                    name: t.name.clone(),
                    visibility: t.visibility,
                    input,
                    expected,
                    sealed: t.expected.is_none(),
                }
            })
            .collect();
        PresentedCode {
            language: match task.language {
                Language::Python => "python".into(),
            },
            stub: task.stub.clone(),
            entry,
            limits: task.limits,
            tests,
            penalty: task.penalty.map(|p| PresentedPenalty {
                free_submissions: p.free_submissions,
                per_submission_permille: p.per_submission.0,
                max_deduction_permille: p.max_deduction.0,
            }),
        }
    }
}

/// `entry(a, b)` with each argument as JSON, which reads as Python for the values tests use
/// (true, false and null aside, which are spelled the Python way).
fn call_text(entry: &str, args: &[serde_json::Value]) -> String {
    let args: Vec<String> = args.iter().map(python_literal).collect();
    format!("{entry}({})", args.join(", "))
}

fn python_literal(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(_) | Value::String(_) => value.to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(python_literal)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), python_literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
