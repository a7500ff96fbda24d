//! Session inputs: the configuration a session starts from and the events it folds.

use serde::{Deserialize, Serialize};

use crate::scoring::Response;

/// Largest integer exchanged with JavaScript and signed claims: 2^53 − 1.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Everything a session starts from besides the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct SessionConfig {
    /// Session id, chosen by the backend.
    pub sid: String,
    /// Unpredictable value from the backend's grant; it starts the hash chain.
    pub nonce: String,
    /// Seed for variants and shuffles (at most 2^53 − 1, so JavaScript holds it exactly).
    pub seed: u64,
    /// The applicant's accommodations.
    #[serde(default)]
    pub accommodations: Accommodations,
}

/// Adjustments granted to one applicant, delivered with the session rather than the package.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Accommodations {
    /// Multiplies every time limit, in thousandths (1500 = 1.5× time).
    #[serde(default = "normal_time")]
    pub time_multiplier_permille: u32,
    /// Total break time that freezes the clock, in milliseconds (0 = no breaks).
    #[serde(default)]
    pub break_allowance_ms: u64,
}

fn normal_time() -> u32 {
    1000
}

impl Default for Accommodations {
    fn default() -> Self {
        Accommodations {
            time_multiplier_permille: normal_time(),
            break_allowance_ms: 0,
        }
    }
}

/// Something that happened in the session, stamped with the caller's clock `t` (ms).
///
/// Events are the session's only input; its state is a pure fold over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Event {
    /// The applicant begins; the clock starts.
    #[serde(rename = "session.start")]
    SessionStart {
        /// Caller's time in ms.
        t: u64,
    },
    /// An item is shown.
    #[serde(rename = "item.view")]
    ItemView {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
    },
    /// An answer is given, changed, or cleared (`response: null`).
    #[serde(rename = "item.answer")]
    ItemAnswer {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
        /// The answer; `null` clears it.
        response: Option<Response>,
    },
    /// An item is flagged for review, or unflagged.
    #[serde(rename = "item.flag")]
    ItemFlag {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
        /// Flag state after the event.
        flagged: bool,
    },
    /// The open section is handed in; the next one opens.
    #[serde(rename = "section.submit")]
    SectionSubmit {
        /// Caller's time in ms.
        t: u64,
        /// Id of the open section.
        section: String,
    },
    /// A break begins; the clock freezes while break allowance remains.
    #[serde(rename = "break.start")]
    BreakStart {
        /// Caller's time in ms.
        t: u64,
    },
    /// The break ends.
    #[serde(rename = "break.end")]
    BreakEnd {
        /// Caller's time in ms.
        t: u64,
    },
    /// The page lost focus (reported, never scored).
    #[serde(rename = "focus.lost")]
    FocusLost {
        /// Caller's time in ms.
        t: u64,
    },
    /// The page regained focus.
    #[serde(rename = "focus.gained")]
    FocusGained {
        /// Caller's time in ms.
        t: u64,
    },
    /// Text was pasted into an answer (reported, never scored).
    #[serde(rename = "paste")]
    Paste {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
        /// Characters pasted.
        chars: u64,
    },
    /// Time passes: closes whatever section or test has run out of time by `t`.
    #[serde(rename = "clock")]
    Clock {
        /// Caller's time in ms.
        t: u64,
    },
    /// The applicant hands in the whole test.
    #[serde(rename = "session.submit")]
    SessionSubmit {
        /// Caller's time in ms.
        t: u64,
    },
}

impl Event {
    /// The caller's time stamp.
    pub fn t(&self) -> u64 {
        match self {
            Event::SessionStart { t }
            | Event::ItemView { t, .. }
            | Event::ItemAnswer { t, .. }
            | Event::ItemFlag { t, .. }
            | Event::SectionSubmit { t, .. }
            | Event::BreakStart { t }
            | Event::BreakEnd { t }
            | Event::FocusLost { t }
            | Event::FocusGained { t }
            | Event::Paste { t, .. }
            | Event::Clock { t }
            | Event::SessionSubmit { t } => *t,
        }
    }

    /// The event's name as written in logs (`"item.answer"`...).
    pub fn kind(&self) -> &'static str {
        match self {
            Event::SessionStart { .. } => "session.start",
            Event::ItemView { .. } => "item.view",
            Event::ItemAnswer { .. } => "item.answer",
            Event::ItemFlag { .. } => "item.flag",
            Event::SectionSubmit { .. } => "section.submit",
            Event::BreakStart { .. } => "break.start",
            Event::BreakEnd { .. } => "break.end",
            Event::FocusLost { .. } => "focus.lost",
            Event::FocusGained { .. } => "focus.gained",
            Event::Paste { .. } => "paste",
            Event::Clock { .. } => "clock",
            Event::SessionSubmit { .. } => "session.submit",
        }
    }
}
