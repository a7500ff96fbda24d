//! Applicant code: what a run is asked to do, how what happened is judged.
//!
//! Code runs in the Python runner module (`runner/`), metered by `assay-meter`. The browser's
//! Worker and the backend's wasmtime run the very same module; this module holds everything
//! around the run that decides a verdict, so the two cannot disagree:
//! - [`RunRequest`]: the JSON the module is given (code, harness, seed, limits);
//! - [`Observed`] → [`RunReport`]: what the host saw (a response, or a trap and the counter) and
//!   what it means (returned, raised, limit exceeded, not allowed...);
//! - [`compare`]: the test comparators;
//! - [`verdict`]: one test's verdict from its expectation and the report;
//! - [`judging`]: a whole submission judged as a sans-I/O state machine every host drives.

pub mod compare;
pub mod judging;
mod limits;
pub mod present;
mod report;
pub mod verdict;

pub use limits::{Budget, Limits};
pub use report::{Observed, PyError, RunEnd, RunHarness, RunReport, RunRequest};
pub use verdict::{TestVerdict, Verdict};

/// Runs a submission on every test of a task: the backend's sandbox, for re-scoring.
pub trait CodeJudge: std::fmt::Debug {
    /// The verdicts of `code` on each test of `task`, the runs seeded from `seed`.
    fn judge_all(&self, task: &crate::package::CodeTask, code: &str, seed: u64)
    -> Vec<TestVerdict>;
}
