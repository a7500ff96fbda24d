//! Why a session refused to start or refused an event.

use thiserror::Error;

use crate::psychometrics::IrtError;
use crate::scoring::ResponseError;
use crate::variant::TemplateError;

/// A session that cannot start.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StartError {
    /// A configuration field is out of range.
    #[error("config.{field}: {reason}")]
    Config {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// An item's variant cannot be rendered for this seed.
    #[error("item {item:?}: {source}")]
    Variant {
        /// The item.
        item: String,
        /// The template problem.
        source: TemplateError,
    },
    /// An adaptive section's pool cannot be run.
    #[error("adaptive section {section:?}: {source}")]
    Adaptive {
        /// The section.
        section: String,
        /// What the pool or its configuration is missing.
        source: IrtError,
    },
}

impl StartError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            StartError::Config { .. } => "invalid_config",
            StartError::Variant { .. } => "variant_failed",
            StartError::Adaptive { .. } => "adaptive_invalid",
        }
    }
}

/// An event the session refused; the session is unchanged.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EventError {
    /// Only `session.start` may come first.
    #[error("the session has not started: the first event must be session.start")]
    NotStarted,
    /// A second `session.start`.
    #[error("the session has already started")]
    AlreadyStarted,
    /// Anything after the session completed.
    #[error("the session is complete and takes no more events")]
    Completed,
    /// A time stamp earlier than the previous event's.
    #[error("t = {t} is earlier than the previous event's t = {last}")]
    TimeWentBackwards {
        /// This event's time.
        t: u64,
        /// The previous event's time.
        last: u64,
    },
    /// One event more than the package allows a session ([`crate::Package::max_events`]).
    #[error("the session already holds {limit} events, as many as this package allows")]
    TooManyEvents {
        /// The package's limit.
        limit: u64,
    },
    /// A time stamp beyond 2^53 − 1.
    #[error("t = {t} is larger than 2^53 - 1")]
    TimeOutOfRange {
        /// This event's time.
        t: u64,
    },
    /// An item id the package does not have.
    #[error("there is no item {item:?}")]
    UnknownItem {
        /// The id given.
        item: String,
    },
    /// An item outside the section that is open now.
    #[error("item {item:?} is in section {section:?}, which is not open")]
    ItemNotOpen {
        /// The item.
        item: String,
        /// Its section.
        section: String,
    },
    /// A `section.submit` for a section that is not the open one.
    #[error("section {section:?} is not the open section")]
    SectionNotOpen {
        /// The id given.
        section: String,
    },
    /// An answer or flag for an item never viewed.
    #[error("item {item:?} has not been viewed")]
    NotViewed {
        /// The item.
        item: String,
    },
    /// The section or test ran out of time before this event.
    #[error("time is up for {what}")]
    TimeUp {
        /// What ran out: `the test` or `section "…"`.
        what: String,
    },
    /// Answers and navigation wait until the break ends.
    #[error("the applicant is on a break")]
    OnBreak,
    /// `break.end` without a break.
    #[error("there is no break to end")]
    NotOnBreak,
    /// No break time is left (or none was granted).
    #[error("no break allowance is left")]
    NoBreakAllowance,
    /// In an adaptive section only the item the engine selected may be shown or answered.
    #[error("item {item:?} is not the item adaptive section {section:?} is giving now")]
    NotSelected {
        /// The item.
        item: String,
        /// Its section.
        section: String,
    },
    /// Items of an adaptive section cannot be flagged: there is no going back to them.
    #[error("items of adaptive section {section:?} cannot be flagged")]
    AdaptiveFlag {
        /// The section.
        section: String,
    },
    /// The adaptive step after an answer could not be computed.
    #[error("adaptive section {section:?}: {source}")]
    Adaptive {
        /// The section.
        section: String,
        /// Why the step failed.
        source: IrtError,
    },
    /// A code event for an item that is not a coding task.
    #[error("item {item:?} is not a coding task")]
    NotCode {
        /// The item.
        item: String,
    },
    /// Submitted or run code longer than a task accepts.
    #[error("item {item:?}: {bytes} bytes of code; the limit is {max}")]
    CodeTooLong {
        /// The item.
        item: String,
        /// Bytes given.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Verdicts for a submission that was never made, or was judged already.
    #[error("item {item:?}: submission {submission} {reason}")]
    Submission {
        /// The item.
        item: String,
        /// The submission named.
        submission: u32,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A submission made while the item's previous one still waits for its verdicts.
    #[error("item {item:?}: submission {submission} is still waiting for its verdicts")]
    JudgingPending {
        /// The item.
        item: String,
        /// The submission waiting.
        submission: u32,
    },
    /// Verdicts that do not cover the task's tests one by one, in order.
    #[error("item {item:?}: the verdicts must cover its {tests} tests in order, test 0 first")]
    Verdicts {
        /// The item.
        item: String,
        /// The task's tests.
        tests: usize,
    },
    /// A verdict marked `sealed` for a test this package holds, or a sealed test judged here.
    #[error(
        "item {item:?}, test {test}: only a test whose expectation the package does not hold is \
         sealed, and such a test is judged by the backend"
    )]
    SealedVerdict {
        /// The item.
        item: String,
        /// The test's index.
        test: u32,
    },
    /// The response does not fit the item.
    #[error("item {item:?}: {source}")]
    InvalidResponse {
        /// The item.
        item: String,
        /// Why the response does not fit.
        source: ResponseError,
    },
}

impl EventError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            EventError::NotStarted => "not_started",
            EventError::AlreadyStarted => "already_started",
            EventError::Completed => "session_completed",
            EventError::TimeWentBackwards { .. } => "time_went_backwards",
            EventError::TimeOutOfRange { .. } => "time_out_of_range",
            EventError::TooManyEvents { .. } => "too_many_events",
            EventError::UnknownItem { .. } => "unknown_item",
            EventError::ItemNotOpen { .. } => "item_not_open",
            EventError::SectionNotOpen { .. } => "section_not_open",
            EventError::NotViewed { .. } => "item_not_viewed",
            EventError::TimeUp { .. } => "time_up",
            EventError::OnBreak => "on_break",
            EventError::NotOnBreak => "not_on_break",
            EventError::NoBreakAllowance => "no_break_allowance",
            EventError::InvalidResponse { .. } => "invalid_response",
            EventError::NotSelected { .. } => "item_not_selected",
            EventError::AdaptiveFlag { .. } => "adaptive_no_flag",
            EventError::Adaptive { .. } => "adaptive_failed",
            EventError::NotCode { .. } => "not_code",
            EventError::CodeTooLong { .. } => "code_too_long",
            EventError::Submission { .. } => "unknown_submission",
            EventError::JudgingPending { .. } => "judging_pending",
            EventError::Verdicts { .. } => "invalid_verdicts",
            EventError::SealedVerdict { .. } => "sealed_verdict",
        }
    }
}

/// An event log that does not replay: the index of the first refused event and why.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("event {index}: {source}")]
pub struct ReplayError {
    /// 0-based position in the log.
    pub index: usize,
    /// Why it was refused.
    pub source: EventError,
}
