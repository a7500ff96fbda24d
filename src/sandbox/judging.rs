//! Judging one submission without doing any I/O: the judge says which runs to make, a host
//! makes them (wasmtime on the backend, the Worker in the browser) and feeds back what it saw.
//!
//! Every test runs in one batch; the tests compared by the author's checker then need a second
//! batch, the checker's runs. A host therefore crosses to its runner at most twice per
//! submission, however many tests the task has, and every host reaches the same verdicts
//! because none of them decides anything.
//!
//! ```
//! # use assay::sandbox::judging::{Judging, Tests};
//! # fn host(task: &assay::package::CodeTask, observe: impl Fn(&assay::sandbox::RunRequest) -> assay::sandbox::Observed) {
//! let mut judging = Judging::new(task, "def solve(x):\n    return x\n", 7, Tests::All);
//! while !judging.is_done() {
//!     let seen: Vec<_> = judging.runs().iter().map(|run| observe(&run.request)).collect();
//!     judging.feed(&seen).expect("one observation per run");
//! }
//! let verdicts = judging.verdicts();
//! # }
//! ```

use serde::Serialize;

use super::report::{Observed, RunReport, RunRequest};
use super::verdict::{self, TestVerdict};
use crate::package::CodeTask;
use crate::package::code::Visibility;

/// Which of a task's tests a judging runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tests {
    /// Every test: a graded submission.
    All,
    /// The tests shown to the applicant: "Run shown tests".
    Shown,
}

/// One run a host must make: the test it belongs to and the request for the runner module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunOrder {
    /// The test's index in the task.
    pub test: u32,
    /// What to run.
    pub request: RunRequest,
}

/// A batch fed back with the wrong number of observations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JudgingError {
    /// `feed` needs one observation per run asked for, in order.
    #[error("expected {expected} observations, one per run asked for, got {got}")]
    Count {
        /// Runs asked for.
        expected: usize,
        /// Observations given.
        got: usize,
    },
    /// Everything has been judged; nothing more is asked for.
    #[error("the submission is judged already")]
    Done,
}

/// Where a judging is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Waiting for the tests' runs.
    Tests,
    /// Waiting for the checker's runs of the tests that need one.
    Checkers,
    /// Every verdict is known.
    Done,
}

/// One test being judged.
#[derive(Debug, Clone)]
struct Judged {
    index: usize,
    /// The run's request, or `None` when the test does not fit the task's harness.
    request: Option<RunRequest>,
    report: Option<RunReport>,
    checker: Option<RunRequest>,
    checked: Option<RunReport>,
}

/// The judging of one piece of code on a task's tests.
#[derive(Debug, Clone)]
pub struct Judging {
    task: CodeTask,
    tests: Vec<Judged>,
    stage: Stage,
    /// The runs asked for now, in order.
    asked: Vec<RunOrder>,
}

impl Judging {
    /// Starts judging `code` on `which` tests of `task`, every run seeded from `seed`.
    pub fn new(task: &CodeTask, code: &str, seed: u64, which: Tests) -> Judging {
        let tests = (0..task.tests.len())
            .filter(|&i| which == Tests::All || task.tests[i].visibility == Visibility::Shown)
            .map(|index| Judged {
                index,
                request: verdict::test_request(task, index, code, seed),
                report: None,
                checker: None,
                checked: None,
            })
            .collect();
        let mut judging = Judging {
            task: task.clone(),
            tests,
            stage: Stage::Tests,
            asked: Vec::new(),
        };
        judging.ask();
        judging
    }

    /// The runs to make now, in order (empty once judging is done).
    pub fn runs(&self) -> &[RunOrder] {
        &self.asked
    }

    /// Feeds what the host observed, one entry per run of [`Judging::runs`], in the same order.
    ///
    /// # Errors
    /// [`JudgingError`] when the count is wrong or nothing was asked for; nothing changes then.
    pub fn feed(&mut self, observed: &[Observed]) -> Result<(), JudgingError> {
        if self.stage == Stage::Done {
            return Err(JudgingError::Done);
        }
        if observed.len() != self.asked.len() {
            return Err(JudgingError::Count {
                expected: self.asked.len(),
                got: observed.len(),
            });
        }
        let mut seen = observed.iter().map(Observed::classify);
        for judged in &mut self.tests {
            match self.stage {
                Stage::Tests if judged.request.is_some() => judged.report = seen.next(),
                Stage::Checkers if judged.checker.is_some() => judged.checked = seen.next(),
                _ => {}
            }
        }
        self.stage = match self.stage {
            Stage::Tests => {
                for judged in &mut self.tests {
                    judged.checker = judged
                        .report
                        .as_ref()
                        .and_then(|r| verdict::checker_request(&self.task, judged.index, r));
                }
                if self.tests.iter().any(|j| j.checker.is_some()) {
                    Stage::Checkers
                } else {
                    Stage::Done
                }
            }
            Stage::Checkers | Stage::Done => Stage::Done,
        };
        self.ask();
        Ok(())
    }

    /// Whether every verdict is known.
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// The verdicts, one per judged test in task order, once judging is done.
    pub fn verdicts(&self) -> Option<Vec<TestVerdict>> {
        if !self.is_done() {
            return None;
        }
        let misfit = RunReport::internal("the test does not fit the task's harness");
        Some(
            self.tests
                .iter()
                .map(|j| {
                    verdict::judge(
                        &self.task,
                        j.index,
                        j.report.as_ref().unwrap_or(&misfit),
                        j.checked.as_ref(),
                    )
                })
                .collect(),
        )
    }

    fn ask(&mut self) {
        let order = |index: usize, request: &RunRequest| RunOrder {
            test: index as u32,
            request: request.clone(),
        };
        self.asked = match self.stage {
            Stage::Tests => self
                .tests
                .iter()
                .filter_map(|j| j.request.as_ref().map(|r| order(j.index, r)))
                .collect(),
            Stage::Checkers => self
                .tests
                .iter()
                .filter_map(|j| j.checker.as_ref().map(|r| order(j.index, r)))
                .collect(),
            Stage::Done => Vec::new(),
        };
        if self.stage == Stage::Tests && self.asked.is_empty() {
            self.stage = Stage::Done;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Package;
    use crate::sandbox::Verdict;

    const PACKAGE: &str = r#"{
      "format": 1, "id": "judging", "version": "1", "title": "Judging",
      "sections": [{"id": "s", "items": [
        {"id": "twice", "stem": "Return twice n.", "points": 10,
         "interaction": {"type": "code", "language": "python", "stub": "def solve(n):\n    pass\n",
           "harness": {"kind": "function", "entry": "solve"},
           "checker": "def check(args, expected, actual):\n    return actual == expected\n",
           "tests": [
             {"name": "one", "args": [1], "expected": 2, "visibility": "shown"},
             {"name": "two", "args": [2], "expected": 4, "visibility": "shown", "compare": {"method": "checker"}},
             {"name": "big", "args": [1000], "expected": 2000, "visibility": "hidden"}
           ]}}
      ]}]
    }"#;

    fn task() -> CodeTask {
        let package = Package::from_json(PACKAGE.as_bytes()).expect("valid package");
        let (_, item) = package.items().next().expect("an item");
        item.interaction.code_task().expect("a coding task").clone()
    }

    /// What a runner that returned `value` would have been seen to do.
    fn returned(value: serde_json::Value) -> Observed {
        let response =
            serde_json::json!({"status": "returned", "value": value, "stdout": "", "stderr": ""});
        Observed {
            budget: 1000,
            left: 900,
            response: Some(response.to_string()),
            stop: None,
            stack_overflow: false,
            trap: None,
        }
    }

    #[test]
    fn every_test_runs_in_one_batch_then_the_checker_in_a_second() {
        let mut judging = Judging::new(&task(), "def solve(n): return 2 * n", 7, Tests::All);
        let first: Vec<u32> = judging.runs().iter().map(|r| r.test).collect();
        assert_eq!(first, [0, 1, 2]);
        judging
            .feed(&[
                returned(2.into()),
                returned(4.into()),
                returned(2000.into()),
            ])
            .unwrap();
        assert!(!judging.is_done());
        assert_eq!(judging.verdicts(), None);
        let second = judging.runs();
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].test, 1);
        assert!(
            matches!(&second[0].request.harness, crate::sandbox::RunHarness::Function { entry, args } if entry == "check" && args.len() == 3)
        );
        judging.feed(&[returned(true.into())]).unwrap();
        assert!(judging.is_done() && judging.runs().is_empty());
        let verdicts = judging.verdicts().unwrap();
        assert_eq!(verdicts.len(), 3);
        assert!(verdicts.iter().all(|v| v.verdict == Verdict::Passed));
        assert_eq!(verdicts[0].steps, 100);
    }

    #[test]
    fn without_checked_tests_one_batch_is_enough() {
        let mut judging = Judging::new(&task(), "def solve(n): return n", 7, Tests::All);
        // The checked test fails before its checker is asked: a wrong type never reaches it.
        let raised = Observed {
            response: Some(
                serde_json::json!({"status": "raised", "error": {"type": "ValueError", "message": "no", "line": 1}, "stdout": "", "stderr": ""})
                    .to_string(),
            ),
            ..returned(0.into())
        };
        judging
            .feed(&[returned(1.into()), raised, returned(1000.into())])
            .unwrap();
        assert!(judging.is_done());
        let kinds: Vec<&str> = judging
            .verdicts()
            .unwrap()
            .iter()
            .map(|v| v.verdict.kind())
            .collect();
        assert_eq!(kinds, ["wrong_answer", "runtime_error", "wrong_answer"]);
    }

    #[test]
    fn shown_runs_only_the_shown_tests() {
        let judging = Judging::new(&task(), "def solve(n): return 2 * n", 7, Tests::Shown);
        let tests: Vec<u32> = judging.runs().iter().map(|r| r.test).collect();
        assert_eq!(tests, [0, 1]);
    }

    #[test]
    fn the_runs_are_the_backends_runs() {
        let task = task();
        let judging = Judging::new(&task, "def solve(n): return 2 * n", 7, Tests::All);
        for run in judging.runs() {
            let direct =
                verdict::test_request(&task, run.test as usize, "def solve(n): return 2 * n", 7);
            assert_eq!(Some(&run.request), direct.as_ref());
        }
    }

    #[test]
    fn a_wrong_count_is_refused_and_changes_nothing() {
        let mut judging = Judging::new(&task(), "def solve(n): return 2 * n", 7, Tests::All);
        assert_eq!(
            judging.feed(&[returned(2.into())]),
            Err(JudgingError::Count {
                expected: 3,
                got: 1
            })
        );
        assert_eq!(judging.runs().len(), 3);
        judging
            .feed(&[
                returned(2.into()),
                returned(5.into()),
                returned(2000.into()),
            ])
            .unwrap();
        judging.feed(&[returned(false.into())]).unwrap();
        assert_eq!(judging.feed(&[]), Err(JudgingError::Done));
        let verdicts = judging.verdicts().unwrap();
        assert_eq!(verdicts[1].verdict.kind(), "wrong_answer");
    }
}
