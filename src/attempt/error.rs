//! Why an attempt could not open, or refused what a host asked of it.

use crate::session::{EventError, SessionReplayError};

/// An attempt's refusal; [`AttemptError::code`] is stable for machines.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AttemptError {
    /// The grant is not a readable compact JWS with grant claims.
    #[error("the grant cannot be read: {0}")]
    GrantMalformed(String),
    /// The package is not the one the grant names.
    #[error("the grant is for package {granted}, not this one (sha256 {given})")]
    PackageMismatch {
        /// The package the grant names.
        granted: String,
        /// The given package's digest.
        given: String,
    },
    /// The stored events do not replay (the session could not start, or an event is refused).
    #[error(transparent)]
    Replay(#[from] SessionReplayError),
    /// The session refused the event; nothing changed.
    #[error(transparent)]
    Event(#[from] EventError),
    /// A result was asked for before the session ended.
    #[error("the session is not over yet, so it has no result to sign")]
    NotFinished,
    /// A result was asked for while a submission waits for its verdicts.
    #[error("a coding submission is still being judged; its verdicts belong in the result")]
    JudgingPending,
}

impl AttemptError {
    /// A stable machine-readable code (the session's own for a refused event).
    pub fn code(&self) -> &'static str {
        match self {
            AttemptError::GrantMalformed(_) => "grant_malformed",
            AttemptError::PackageMismatch { .. } => "package_mismatch",
            AttemptError::Replay(e) => e.code(),
            AttemptError::Event(e) => e.code(),
            AttemptError::NotFinished => "not_finished",
            AttemptError::JudgingPending => "judging_pending",
        }
    }

    /// Where a refused replay stopped: the index of the event, when that is the reason.
    pub fn event_index(&self) -> Option<usize> {
        match self {
            AttemptError::Replay(SessionReplayError::Event(e)) => Some(e.index),
            _ => None,
        }
    }
}
