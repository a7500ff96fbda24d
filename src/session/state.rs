//! Plain views of a session for callers: its state and the items it presents.

use serde::{Deserialize, Serialize};

use crate::package::{Choice, Feedback};
use crate::points::Points;
use crate::psychometrics::StopReason;
use crate::scoring::{ItemScore, Response};

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No `session.start` yet.
    NotStarted,
    /// Taking the test.
    InProgress,
    /// On a break.
    OnBreak,
    /// Over; see `completion`.
    Completed,
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// The applicant submitted the test, or its last section.
    Submitted,
    /// The test's time ran out.
    TimeUp,
}

/// Where a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    /// Not reached yet.
    Locked,
    /// Being taken.
    Open,
    /// Handed in.
    Submitted,
    /// Closed by its own or the test's time limit (or never reached before the test ended).
    TimedOut,
}

/// The whole state of a session after its last event.
///
/// It reads (and serializes) as one flat object; the [`Overview`] part is what a host mirrors
/// after each step without reading the sections and items again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct SessionState {
    /// Everything but the sections and items.
    #[serde(flatten)]
    pub overview: Overview,
    /// Sections in order.
    pub sections: Vec<SectionView>,
    /// Items in presentation order.
    pub items: Vec<ItemView>,
}

/// `state.seq` rather than `state.overview.seq`: the state is one object to its readers.
impl std::ops::Deref for SessionState {
    type Target = Overview;

    fn deref(&self) -> &Overview {
        &self.overview
    }
}

/// A session's state without its sections and items: small enough to send after every event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct Overview {
    /// Session id.
    pub sid: String,
    /// Number of accepted events.
    pub seq: u64,
    /// Hash-chain head after the last accepted event (lowercase hex SHA-256).
    pub head: String,
    /// Where the session is.
    pub status: Status,
    /// How it ended, once completed.
    pub completion: Option<Completion>,
    /// Time of the last accepted event.
    pub t: Option<u64>,
    /// Active time used, in ms, at `t`.
    pub elapsed_ms: u64,
    /// Test time left at `t`, if the test is timed.
    pub remaining_ms: Option<u64>,
    /// Id of the open section.
    pub section: Option<String>,
    /// Time left in the open section at `t` (the earlier of its own and the test's limit).
    pub section_remaining_ms: Option<u64>,
    /// Item last viewed in the open section.
    pub current_item: Option<String>,
    /// Totals.
    pub score: ScoreView,
    /// Break time.
    pub breaks: BreakView,
    /// Time multiplier in force, in thousandths.
    pub time_multiplier_permille: u32,
    /// Behaviour signals (reported, never scored).
    pub signals: Signals,
}

/// A section's place in the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct SectionView {
    /// Section id.
    pub id: String,
    /// Heading.
    pub title: Option<String>,
    /// Where it is.
    pub status: SectionStatus,
    /// Its item ids in presentation order (for an adaptive section, the items given so far).
    pub items: Vec<String>,
    /// Its limit after the time multiplier, in ms.
    pub time_limit_ms: Option<u64>,
    /// The ability estimate and progress of an adaptive section (absent for a fixed one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptive: Option<AdaptiveView>,
}

/// Where an adaptive section stands: the ability estimate from the answers so far.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct AdaptiveView {
    /// Ability estimate θ, in logits (the prior mean before any answer).
    pub theta: f64,
    /// Its standard error (the posterior SD for EAP).
    pub se: f64,
    /// Answers received, all used in the estimate.
    pub answered: u32,
    /// Fewest answers before the standard-error rule may end the section.
    pub min_items: u32,
    /// Most answers the section takes.
    pub max_items: u32,
    /// Standard error at which the section ends, once it has `min_items` answers.
    pub target_se: Option<f64>,
    /// Why the engine ended the section, once it has.
    pub stop: Option<StopReason>,
}

/// An item's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct ItemView {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section: String,
    /// Shown at least once.
    pub viewed: bool,
    /// Flagged for review.
    pub flagged: bool,
    /// The current answer.
    pub response: Option<Response>,
    /// The current answer's score.
    pub score: Option<ItemScore>,
    /// Whether the item counts as answered (a response, a score or a graded submission); the
    /// test's `score.answered` counts these.
    pub answered: bool,
    /// Most points available, in thousandths.
    pub max: Points,
    /// A coding item's runs, submissions and latest verdicts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<super::CodeView>,
}

/// Score totals, in thousandths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct ScoreView {
    /// Points earned.
    pub earned: Points,
    /// Points available.
    pub max: Points,
    /// Items with an answer.
    pub answered: u32,
    /// Answered items the backend scores (a sealed package's public view scores none).
    pub pending: u32,
    /// Items in the test.
    pub items: u32,
}

/// Break time, in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct BreakView {
    /// Granted.
    pub allowance_ms: u64,
    /// Used so far, at `t`.
    pub used_ms: u64,
    /// On a break now.
    pub on_break: bool,
}

/// Behaviour reported with the result and never scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct Signals {
    /// Times the page lost focus.
    pub focus_lost: u32,
    /// Paste events.
    pub pastes: u32,
    /// Characters pasted in all.
    pub pasted_chars: u64,
}

/// The clock as seen at a given moment, for a ticking display between events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct TimeView {
    /// Active time used, in ms.
    pub elapsed_ms: u64,
    /// Test time left, in ms.
    pub remaining_ms: Option<u64>,
    /// Open section's time left, in ms.
    pub section_remaining_ms: Option<u64>,
    /// Break allowance left, in ms.
    pub break_left_ms: u64,
    /// A `clock` event at this time would close a section or the test.
    pub expired: bool,
}

/// What a page needs to know about the package it runs, without any item content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct PackageSummary {
    /// Package id.
    pub id: String,
    /// Package version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Introduction for applicants.
    pub description: Option<String>,
    /// What the result screen may show.
    pub feedback: FeedbackView,
    /// Test limit after the time multiplier, in ms.
    pub time_limit_ms: Option<u64>,
    /// Most items one applicant is given (an adaptive section counts its `stop.max_items`).
    pub items: u32,
    /// Hex SHA-256 of the package's canonical JSON.
    pub sha256: String,
    /// The page runs the public view of a sealed package: every score is the backend's, and
    /// reaches the page in its receipt as far as `feedback` allows.
    pub sealed: bool,
}

impl PackageSummary {
    /// The summary of `package`; `scaled_limit` replaces its time limit when a session scaled it.
    pub fn of(
        package: &crate::package::Package,
        scaled_limit: Option<Option<u64>>,
    ) -> PackageSummary {
        PackageSummary {
            id: package.id.clone(),
            version: package.version.clone(),
            title: package.title.clone(),
            description: package.description.clone(),
            feedback: package.feedback.into(),
            time_limit_ms: scaled_limit.unwrap_or(package.time_limit_ms),
            items: package.most_items() as u32,
            sha256: package.sha256().to_string(),
            sealed: package.is_public_view(),
        }
    }
}

/// What the result screen may show (mirrors the package's `feedback`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackView {
    /// Only that the test was submitted.
    None,
    /// The total score.
    Score,
    /// The total and each item's score.
    Items,
}

impl From<Feedback> for FeedbackView {
    fn from(f: Feedback) -> Self {
        match f {
            Feedback::None => FeedbackView::None,
            Feedback::Score => FeedbackView::Score,
            Feedback::Items => FeedbackView::Items,
        }
    }
}

/// An item as presented to the applicant: the variant's text, choices in order, no key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct PresentedItem {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section: String,
    /// 1-based position in the test.
    pub number: u32,
    /// Heading.
    pub title: Option<String>,
    /// Question text.
    pub stem: String,
    /// Points available, in thousandths.
    pub points: Points,
    /// How to answer.
    pub interaction: PresentedInteraction,
}

/// The answering part of a presented item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PresentedInteraction {
    /// Pick one.
    SingleChoice {
        /// Options in presentation order.
        choices: Vec<Choice>,
    },
    /// Pick several.
    MultipleChoice {
        /// Options in presentation order.
        choices: Vec<Choice>,
        /// Fewest selections accepted.
        min_choices: u32,
        /// Most selections accepted.
        max_choices: u32,
    },
    /// Type a number.
    Numeric {
        /// Unit suffixes accepted after the number.
        units: Vec<String>,
    },
    /// Type text.
    TextEntry {
        /// Longest answer, in characters.
        max_length: u32,
    },
    /// Put in order.
    Ordering {
        /// Options in their initial (shuffled) order.
        choices: Vec<Choice>,
    },
    /// Pair sources with targets.
    Matching {
        /// Left-hand options.
        sources: Vec<Choice>,
        /// Right-hand options.
        targets: Vec<Choice>,
    },
    /// Rate on a scale.
    Likert {
        /// Scale points in order.
        scale: Vec<Choice>,
    },
    /// Write code.
    Code(Box<crate::sandbox::present::PresentedCode>),
}
