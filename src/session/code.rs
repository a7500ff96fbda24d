//! Coding tasks in the fold: runs, graded submissions and their verdicts.
//!
//! `code.run` and `code.submit` are the applicant's actions and follow the rules of answers
//! (the item open and viewed, time left). `code.judged` carries the sandbox's verdicts for one
//! submission; it is not an action, so it is accepted whenever its submission is waiting, even
//! after the clock closed the section or the test. A submission is taken only once the previous
//! one has its verdicts. The item's score is the best of its judged submissions, each less its
//! penalty, scored as any item is (a negative mark when none earns a point).
//!
//! The backend does not take the browser's verdicts on trust: [`rejudge`] re-runs every
//! submission with the same module and budgets and puts its own verdicts in their place, and the
//! re-score is the same fold over those events.

use serde::{Deserialize, Serialize};

use super::error::EventError;
use super::{Event, Session};
use crate::package::code::{CodeTask, MAX_CODE_BYTES};
use crate::points::Points;
use crate::sandbox::judging::{Judging, Tests};
use crate::sandbox::verdict::submission_points;
use crate::sandbox::{TestVerdict, Verdict};
use crate::scoring::{ItemScore, item_score};

/// What the fold keeps of a coding item.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct CodeProgress {
    runs: u32,
    /// Code of each graded submission, in order.
    submitted: Vec<String>,
    /// Verdicts by submission (None: not judged yet; only the last can be).
    verdicts: Vec<Option<Vec<TestVerdict>>>,
}

/// A coding item's progress, as callers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct CodeView {
    /// Penalty-free runs of the shown tests.
    pub runs: u32,
    /// Graded submissions.
    pub submissions: u32,
    /// Submissions whose verdicts have not arrived.
    pub pending: u32,
    /// The last submission's code.
    pub last_code: Option<String>,
    /// The last judged submission's number and verdicts.
    pub last_judged: Option<u32>,
    /// Its verdicts.
    pub verdicts: Option<Vec<TestVerdict>>,
}

impl CodeProgress {
    pub(super) fn view(&self) -> CodeView {
        let last_judged = self.verdicts.iter().rposition(Option::is_some);
        CodeView {
            runs: self.runs,
            submissions: self.submitted.len() as u32,
            pending: self.verdicts.iter().filter(|v| v.is_none()).count() as u32,
            last_code: self.submitted.last().cloned(),
            last_judged: last_judged.map(|i| i as u32 + 1),
            verdicts: last_judged.and_then(|i| self.verdicts[i].clone()),
        }
    }

    /// Whether a graded submission was made.
    pub(super) fn submitted(&self) -> bool {
        !self.submitted.is_empty()
    }

    /// Whether any submission awaits its verdicts.
    pub(super) fn pending(&self) -> bool {
        self.verdicts.iter().any(Option::is_none)
    }
}

impl Session {
    /// The coding task of item `index`, or the refusal for a code event on another item.
    pub(super) fn code_task(&self, index: usize, item: &str) -> Result<&CodeTask, EventError> {
        self.plan.items[index]
            .item
            .interaction
            .code_task()
            .ok_or_else(|| EventError::NotCode {
                item: item.to_string(),
            })
    }

    /// Checks the code of a run or (`submit`) a submission. A submission waits until the one
    /// before it has its verdicts, so at most one per item is ever waiting: the one a page that
    /// closed mid-judging must judge when it comes back.
    pub(super) fn check_code(
        &self,
        index: usize,
        item: &str,
        code: &str,
        submit: bool,
    ) -> Result<(), EventError> {
        self.code_task(index, item)?;
        if code.len() > MAX_CODE_BYTES {
            return Err(EventError::CodeTooLong {
                item: item.to_string(),
                bytes: code.len(),
                max: MAX_CODE_BYTES,
            });
        }
        let progress = &self.progress.items[index].code;
        if submit && progress.pending() {
            return Err(EventError::JudgingPending {
                item: item.to_string(),
                submission: progress.verdicts.len() as u32,
            });
        }
        Ok(())
    }

    /// Checks verdicts for `submission` of `item`: the submission is waiting, and there is one
    /// verdict per test, in order.
    pub(super) fn check_judged(
        &self,
        item: &str,
        submission: u32,
        tests: &[TestVerdict],
    ) -> Result<usize, EventError> {
        let index = self.item_index(item)?;
        let task = self.code_task(index, item)?;
        let progress = &self.progress.items[index].code;
        let refuse = |reason| EventError::Submission {
            item: item.to_string(),
            submission,
            reason,
        };
        match submission
            .checked_sub(1)
            .and_then(|i| progress.verdicts.get(i as usize))
        {
            None => return Err(refuse("was never made")),
            Some(Some(_)) => return Err(refuse("has been judged already")),
            Some(None) => {}
        }
        let in_order = tests.len() == task.tests.len()
            && tests.iter().enumerate().all(|(i, v)| v.test as usize == i);
        if !in_order {
            return Err(EventError::Verdicts {
                item: item.to_string(),
                tests: task.tests.len(),
            });
        }
        // A test is sealed exactly when this session's package lacks its expectation: a public
        // view leaves those to the backend, and nobody else may claim the backend's part.
        if let Some((i, _)) = tests
            .iter()
            .zip(&task.tests)
            .enumerate()
            .find(|(_, (v, t))| matches!(v.verdict, Verdict::Sealed) != t.expected.is_none())
        {
            return Err(EventError::SealedVerdict {
                item: item.to_string(),
                test: i as u32,
            });
        }
        Ok(index)
    }

    /// Applies a checked code event.
    pub(super) fn effect_code(&mut self, event: Event) {
        let Some(&index) = (match &event {
            Event::CodeRun { item, .. }
            | Event::CodeSubmit { item, .. }
            | Event::CodeJudged { item, .. } => self.plan.index.get(item),
            _ => None,
        }) else {
            return;
        };
        let max = self.plan.items[index].max;
        let negative = self.plan.items[index].item.negative;
        let points = match (&event, self.plan.items[index].item.interaction.code_task()) {
            (
                Event::CodeJudged {
                    submission, tests, ..
                },
                Some(task),
            ) => Some(submission_points(task, max, tests, *submission)),
            _ => None,
        };
        let sealed = matches!(&event, Event::CodeJudged { tests, .. }
            if tests.iter().any(|v| v.verdict == Verdict::Sealed));
        let progress = &mut self.progress.items[index];
        match event {
            Event::CodeRun { .. } => progress.code.runs = progress.code.runs.saturating_add(1),
            Event::CodeSubmit { code, .. } => {
                progress.code.submitted.push(code);
                progress.code.verdicts.push(None);
            }
            Event::CodeJudged {
                submission, tests, ..
            } => {
                let slot = (submission as usize).checked_sub(1);
                if let Some(slot) = slot.and_then(|i| progress.code.verdicts.get_mut(i)) {
                    *slot = Some(tests);
                }
                if sealed {
                    // Part of the verdicts are the backend's: so is the score.
                    progress.score = Some(ItemScore::pending(max));
                    return;
                }
                let points = points.unwrap_or(Points::ZERO);
                let best = progress.score.map_or(points, |s| s.earned.max(points));
                progress.score = Some(item_score(best, max, negative));
            }
            _ => {}
        }
    }

    /// Whether a submission still waits for its verdicts (a result signed now would miss them).
    pub fn judging_pending(&self) -> bool {
        self.progress.items.iter().any(|i| i.code.pending())
    }
}

impl Session {
    fn task_of(&self, item: &str) -> Result<&CodeTask, EventError> {
        let index = self.item_index(item)?;
        self.code_task(index, item)
    }

    /// Starts judging `code` on item `item`: every test, or (`Tests::Shown`) the tests the
    /// applicant may see, as "Run shown tests" does. Seeded as the backend seeds its own.
    ///
    /// # Errors
    /// [`EventError`] for an unknown item or one that is not a coding task.
    pub fn judging(&self, item: &str, code: &str, which: Tests) -> Result<Judging, EventError> {
        let task = self.task_of(item)?;
        Ok(Judging::new(
            task,
            code,
            code_seed(self.config.seed, item),
            which,
        ))
    }
}

/// Seed of the runs of item `item` in a session seeded with `seed`.
fn code_seed(seed: u64, item: &str) -> u64 {
    crate::seed::Stream::new(seed, "code", item).next_u64()
}

/// Verdicts the backend found different from the browser's, for a result's flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejudged {
    /// (item, submission) whose verdicts differ, or that the browser never judged.
    pub differing: Vec<(String, u32)>,
}

/// Whether the browser's verdicts agree with the backend's test by test; a sealed package's
/// browser claims nothing of the tests it could not judge (`sealed`). Step counts are left out:
/// they do not score, and a runner built anew (RustPython's build is not bit-reproducible)
/// counts a fraction of a percent differently while every verdict stays the same.
fn same_verdicts(claimed: &[TestVerdict], judged: &[TestVerdict], sealed: bool) -> bool {
    claimed.len() == judged.len()
        && claimed.iter().zip(judged).all(|(x, y)| {
            x.test == y.test && (x.verdict == y.verdict || sealed && x.verdict == Verdict::Sealed)
        })
}

/// Replaces the verdicts of every submission in `events` with `judge`'s, run on `package` with
/// the session's `seed`: each `code.judged` is dropped and the backend's own follows its
/// `code.submit` at the same time stamp. Returns the events to re-score and which verdicts
/// differed from the browser's.
pub fn rejudge(
    package: &crate::Package,
    seed: u64,
    events: &[Event],
    judge: &mut dyn FnMut(&CodeTask, &str, u64) -> Vec<TestVerdict>,
) -> (Vec<Event>, Rejudged) {
    let task_of = |item: &str| {
        package
            .items()
            .find(|(_, i)| i.id == item)
            .and_then(|(_, i)| i.interaction.code_task())
    };
    let sealed = package.delivery == crate::package::Delivery::Sealed;
    let mut claimed = std::collections::BTreeMap::new();
    for event in events {
        if let Event::CodeJudged {
            item,
            submission,
            tests,
            ..
        } = event
        {
            claimed
                .entry((item.clone(), *submission))
                .or_insert_with(|| tests.clone());
        }
    }
    let mut out = Vec::with_capacity(events.len());
    let mut counts = std::collections::BTreeMap::<String, u32>::new();
    let mut differing = Vec::new();
    for event in events {
        match event {
            Event::CodeJudged { .. } => {}
            Event::CodeSubmit { t, item, code } => {
                out.push(event.clone());
                let Some(task) = task_of(item) else { continue };
                let n = counts.entry(item.clone()).or_default();
                *n += 1;
                let tests = judge(task, code, code_seed(seed, item));
                if !claimed
                    .get(&(item.clone(), *n))
                    .is_some_and(|c| same_verdicts(c, &tests, sealed))
                {
                    differing.push((item.clone(), *n));
                }
                out.push(Event::CodeJudged {
                    t: *t,
                    item: item.clone(),
                    submission: *n,
                    tests,
                });
            }
            _ => out.push(event.clone()),
        }
    }
    (out, Rejudged { differing })
}
