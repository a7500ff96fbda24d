//! Verdicts: one per test, from the test's expectation and how its run ended; and the item's
//! points from its verdicts.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::compare::{Actual, first_difference, matches};
use super::limits::Budget;
use super::report::{PyError, RunEnd, RunHarness, RunReport, RunRequest};
use crate::package::code::{CodeTask, CodeTest, Comparator, Harness, Visibility};
use crate::points::Points;

/// What happened to one test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The output matched.
    Passed,
    /// The code ran but its output did not match.
    WrongAnswer {
        /// The first difference, for tests whose details the applicant may see.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        difference: Option<String>,
    },
    /// An exception escaped (or the program exited with a non-zero status).
    RuntimeError {
        /// The exception, with its line in the applicant's code.
        error: PyError,
    },
    /// A budget ran out.
    LimitExceeded {
        /// Which one.
        budget: Budget,
    },
    /// The code used a module or builtin outside the allow-list.
    NotAllowed {
        /// What it reached for.
        what: String,
    },
    /// The code does not compile.
    SyntaxError {
        /// Where and why.
        error: PyError,
    },
    /// The sandbox (or the author's checker) failed: not the applicant's fault, and reported.
    Internal {
        /// What went wrong.
        message: String,
    },
    /// Judged by the backend: the test's input and expected output are not in this session's
    /// package (the public view of a sealed package).
    Sealed,
}

impl Verdict {
    /// Whether the test passed.
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Passed)
    }

    /// The verdict's name as written in results (`"wrong_answer"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::WrongAnswer { .. } => "wrong_answer",
            Verdict::RuntimeError { .. } => "runtime_error",
            Verdict::LimitExceeded { .. } => "limit_exceeded",
            Verdict::NotAllowed { .. } => "not_allowed",
            Verdict::SyntaxError { .. } => "syntax_error",
            Verdict::Internal { .. } => "internal",
            Verdict::Sealed => "sealed",
        }
    }
}

/// One line for people: `wrong answer: line 2: expected "3", got "4"`.
impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Passed => f.write_str("passed"),
            Verdict::WrongAnswer {
                difference: Some(d),
            } => write!(f, "wrong answer: {d}"),
            Verdict::WrongAnswer { difference: None } => f.write_str("wrong answer"),
            Verdict::RuntimeError { error } => write!(f, "{}", Raised(error)),
            Verdict::LimitExceeded { budget } => write!(f, "{} limit exceeded", budget.name()),
            Verdict::NotAllowed { what } => write!(f, "not allowed: {what}"),
            Verdict::SyntaxError { error } => write!(f, "{}", Unparsed(error)),
            Verdict::Internal { message } => write!(f, "sandbox failure: {message}"),
            Verdict::Sealed => f.write_str("judged by the backend"),
        }
    }
}

/// How a run ended, in the words of [`Verdict`]'s display.
impl fmt::Display for RunEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunEnd::Exited { code, .. } => write!(f, "exited with status {code}"),
            RunEnd::Returned { .. } => f.write_str("returned"),
            RunEnd::Raised { error, .. } => write!(f, "{}", Raised(error)),
            RunEnd::SyntaxError { error } => write!(f, "{}", Unparsed(error)),
            RunEnd::Unserializable { error, .. } => f.write_str(&error.message),
            RunEnd::LimitExceeded { budget } => write!(f, "{} limit exceeded", budget.name()),
            RunEnd::NotAllowed { what } => write!(f, "not allowed: {what}"),
            RunEnd::Internal { message } => write!(f, "sandbox failure: {message}"),
        }
    }
}

/// An exception, with its line when known.
struct Raised<'a>(&'a PyError);

impl fmt::Display for Raised<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        match error.line {
            Some(line) => write!(f, "{}: {} (line {line})", error.kind, error.message),
            None => write!(f, "{}: {}", error.kind, error.message),
        }
    }
}

/// A syntax error with its place.
struct Unparsed<'a>(&'a PyError);

impl fmt::Display for Unparsed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        write!(
            f,
            "syntax error at line {}, column {}: {}",
            error.line.unwrap_or(0),
            error.column.unwrap_or(0),
            error.message
        )
    }
}

/// One test's verdict with the steps its run took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct TestVerdict {
    /// Index of the test in the task.
    pub test: u32,
    /// The verdict.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// Steps the run took.
    pub steps: u64,
}

/// The request that runs `code` on test `index` of `task`, seeded from `seed`.
/// `None` for a test that does not fit the harness, or whose expectation is sealed (nothing is
/// run for it: the backend judges it).
pub fn test_request(task: &CodeTask, index: usize, code: &str, seed: u64) -> Option<RunRequest> {
    let test = task.tests.get(index)?;
    test.expected.as_ref()?;
    let harness = match (&task.harness, test) {
        (
            Harness::Function { entry },
            CodeTest {
                args: Some(args), ..
            },
        ) => RunHarness::Function {
            entry: entry.clone(),
            args: args.clone(),
        },
        (
            Harness::Stdio,
            CodeTest {
                stdin: Some(stdin), ..
            },
        ) => RunHarness::Stdio {
            stdin: stdin.clone(),
        },
        _ => return None,
    };
    let seed = crate::seed::Stream::new(seed, "code-test", &index.to_string()).next_u64();
    Some(RunRequest::new(code, harness, seed, &task.limits))
}

/// The request that asks the task's checker about a test's outcome, when the test needs one.
///
/// The checker is the author's code and runs with the task's budgets; its verdict is `true` or
/// `false` returned by `check(args, expected, actual)`.
pub fn checker_request(task: &CodeTask, index: usize, report: &RunReport) -> Option<RunRequest> {
    let test = task.tests.get(index)?;
    if test.compare != Comparator::Checker {
        return None;
    }
    let checker = task.checker.as_ref()?;
    let (args, actual) = match &report.end {
        RunEnd::Returned { value, .. } => (serde_json::json!(test.args), value.clone()),
        RunEnd::Exited {
            code: 0, stdout, ..
        } => (serde_json::json!(test.stdin), serde_json::json!(stdout)),
        _ => return None,
    };
    let harness = RunHarness::Function {
        entry: "check".into(),
        args: vec![args, test.expected.clone()?, actual],
    };
    Some(RunRequest::new(checker, harness, 0, &task.limits))
}

/// Judges test `index` of `task` from its run, and from the checker's run when it has one.
pub fn judge(
    task: &CodeTask,
    index: usize,
    report: &RunReport,
    checker: Option<&RunReport>,
) -> TestVerdict {
    let verdict = match task.tests.get(index) {
        None => Verdict::Internal {
            message: format!("the task has no test {index}"),
        },
        Some(test) => judge_test(test, report, checker),
    };
    TestVerdict {
        test: index as u32,
        verdict,
        steps: report.steps,
    }
}

fn judge_test(test: &CodeTest, report: &RunReport, checker: Option<&RunReport>) -> Verdict {
    let Some(expected) = &test.expected else {
        return Verdict::Sealed;
    };
    let detailed = test.visibility != Visibility::Hidden;
    let actual = match &report.end {
        RunEnd::Returned { value, .. } => Actual::Value(value),
        RunEnd::Exited {
            code: 0, stdout, ..
        } => Actual::Text(stdout),
        RunEnd::Exited { code, .. } => {
            return Verdict::RuntimeError {
                error: PyError {
                    kind: "SystemExit".into(),
                    message: format!("the program exited with status {code}"),
                    line: None,
                    column: None,
                },
            };
        }
        RunEnd::Raised { error, .. } => {
            return Verdict::RuntimeError {
                error: error.clone(),
            };
        }
        RunEnd::SyntaxError { error } => {
            return Verdict::SyntaxError {
                error: error.clone(),
            };
        }
        RunEnd::Unserializable { error, .. } => {
            return Verdict::WrongAnswer {
                difference: Some(error.message.clone()),
            };
        }
        RunEnd::LimitExceeded { budget } => return Verdict::LimitExceeded { budget: *budget },
        RunEnd::NotAllowed { what } => return Verdict::NotAllowed { what: what.clone() },
        RunEnd::Internal { message } => {
            return Verdict::Internal {
                message: message.clone(),
            };
        }
    };
    let passed = if test.compare == Comparator::Checker {
        match checker.map(|c| &c.end) {
            Some(RunEnd::Returned {
                value: serde_json::Value::Bool(ok),
                ..
            }) => *ok,
            Some(RunEnd::Returned { .. }) => {
                return Verdict::Internal {
                    message: "the checker returned something other than True or False".into(),
                };
            }
            Some(other) => {
                return Verdict::Internal {
                    message: format!("the checker failed: {other}"),
                };
            }
            None => {
                return Verdict::Internal {
                    message: "the checker did not run".into(),
                };
            }
        }
    } else {
        matches(&test.compare, expected, actual)
    };
    if passed {
        Verdict::Passed
    } else {
        Verdict::WrongAnswer {
            difference: (detailed && test.compare != Comparator::Checker)
                .then(|| first_difference(expected, actual)),
        }
    }
}

/// Points earned by one graded submission: the item's points shared among the passed tests by
/// weight, less the penalty for submissions beyond the free ones (`submission` counts from 1).
pub fn submission_points(
    task: &CodeTask,
    max: Points,
    verdicts: &[TestVerdict],
    submission: u32,
) -> Points {
    let total = task.test_points();
    if total == Points::ZERO {
        return Points::ZERO;
    }
    let passed: Points = verdicts
        .iter()
        .filter(|v| v.verdict.passed())
        .filter_map(|v| task.tests.get(v.test as usize))
        .map(|t| t.points)
        .sum();
    let earned = max.fraction(passed.0, total.0);
    match &task.penalty {
        None => earned,
        Some(penalty) => {
            let extra = i64::from(submission.saturating_sub(penalty.free_submissions));
            let share = (extra * i64::from(penalty.per_submission.0))
                .min(i64::from(penalty.max_deduction.0));
            earned - earned.fraction(share, 1000)
        }
    }
}
