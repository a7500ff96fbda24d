//! Session inputs: the configuration a session starts from and the events it folds.

use serde::{Deserialize, Serialize};

use crate::canonical::{utf16_order, write_str};
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// The applicant runs the shown tests of a coding task (penalty-free, not graded).
    #[serde(rename = "code.run")]
    CodeRun {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
        /// The code run.
        code: String,
    },
    /// The applicant submits code for grading; its verdicts follow in `code.judged`.
    #[serde(rename = "code.submit")]
    CodeSubmit {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
        /// The code submitted.
        code: String,
    },
    /// The verdicts of a submission, one per test, as the sandbox gave them. The backend
    /// re-runs the submission and scores its own verdicts; this event is accepted even after
    /// the test ended, since judging may finish after the clock.
    #[serde(rename = "code.judged")]
    CodeJudged {
        /// Caller's time in ms.
        t: u64,
        /// Item id.
        item: String,
        /// Which submission (1 for the first).
        submission: u32,
        /// The verdicts, test by test.
        tests: Vec<crate::sandbox::TestVerdict>,
    },
}

/// The `t` of any event, by reference or by mutable reference as `$event` is borrowed: every
/// variant carries one, and this is the one place that lists them.
macro_rules! time_stamp {
    ($event:expr) => {
        match $event {
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
            | Event::SessionSubmit { t }
            | Event::CodeRun { t, .. }
            | Event::CodeSubmit { t, .. }
            | Event::CodeJudged { t, .. } => t,
        }
    };
}

impl Event {
    /// The caller's time stamp.
    pub fn t(&self) -> u64 {
        *time_stamp!(self)
    }

    /// The caller's time stamp, to correct (a driver holds a clock that stepped back).
    pub(crate) fn t_mut(&mut self) -> &mut u64 {
        time_stamp!(self)
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
            Event::CodeRun { .. } => "code.run",
            Event::CodeSubmit { .. } => "code.submit",
            Event::CodeJudged { .. } => "code.judged",
        }
    }
}

impl Event {
    /// The event's RFC 8785 canonical JSON, written directly.
    ///
    /// Every accepted event is hashed into the chain, so this is the hottest path of a replay.
    /// The generic JCS serializer allocates for every property; this writer knows the event's
    /// keys, writes them already sorted and escapes strings with serde_json (whose escaping is
    /// JCS's). A property test checks it byte for byte against the JCS crate on arbitrary events.
    pub fn canonical_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(96);
        out.push(b'{');
        let mut first = true;
        let mut key = |out: &mut Vec<u8>, name: &str| {
            if !first {
                out.push(b',');
            }
            first = false;
            out.push(b'"');
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"\":");
        };
        match self {
            Event::ItemView { item, .. } => {
                key(&mut out, "item");
                write_str(&mut out, item);
            }
            Event::ItemAnswer { item, response, .. } => {
                key(&mut out, "item");
                write_str(&mut out, item);
                key(&mut out, "response");
                match response {
                    Some(r) => write_response(&mut out, r),
                    None => out.extend_from_slice(b"null"),
                }
            }
            Event::ItemFlag { item, flagged, .. } => {
                key(&mut out, "flagged");
                out.extend_from_slice(if *flagged { b"true" } else { b"false" });
                key(&mut out, "item");
                write_str(&mut out, item);
            }
            Event::SectionSubmit { section, .. } => {
                key(&mut out, "section");
                write_str(&mut out, section);
            }
            Event::Paste { item, chars, .. } => {
                key(&mut out, "chars");
                out.extend_from_slice(chars.to_string().as_bytes());
                key(&mut out, "item");
                write_str(&mut out, item);
            }
            Event::CodeRun { item, code, .. } | Event::CodeSubmit { item, code, .. } => {
                key(&mut out, "code");
                write_str(&mut out, code);
                key(&mut out, "item");
                write_str(&mut out, item);
            }
            Event::CodeJudged {
                item, submission, ..
            } => {
                key(&mut out, "item");
                write_str(&mut out, item);
                key(&mut out, "submission");
                out.extend_from_slice(submission.to_string().as_bytes());
            }
            Event::SessionStart { .. }
            | Event::BreakStart { .. }
            | Event::BreakEnd { .. }
            | Event::FocusLost { .. }
            | Event::FocusGained { .. }
            | Event::Clock { .. }
            | Event::SessionSubmit { .. } => {}
        }
        key(&mut out, "t");
        out.extend_from_slice(self.t().to_string().as_bytes());
        // "tests" sorts between "t" and "type".
        if let Event::CodeJudged { tests, .. } = self {
            key(&mut out, "tests");
            // Verdicts are structs of strings and integers: serialising them cannot fail.
            let value = serde_json::to_value(tests).unwrap_or_default();
            out.extend_from_slice(&crate::canonical::value_to_jcs(&value));
        }
        key(&mut out, "type");
        write_str(&mut out, self.kind());
        out.push(b'}');
        out
    }
}

fn write_response(out: &mut Vec<u8>, response: &Response) {
    match response {
        Response::Number(n) => {
            out.extend_from_slice(crate::canonical::format_number(*n).as_bytes())
        }
        Response::Text(s) => write_str(out, s),
        Response::List(items) => {
            out.push(b'[');
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, s);
            }
            out.push(b']');
        }
        Response::Pairs(pairs) => {
            let mut keys: Vec<(&String, &String)> = pairs.iter().collect();
            keys.sort_by(|a, b| utf16_order(a.0, b.0));
            out.push(b'{');
            for (i, (k, v)) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, k);
                out.push(b':');
                write_str(out, v);
            }
            out.push(b'}');
        }
    }
}

/// The fields any event may carry; [`Event`]'s deserializer reads this flat shape and then checks
/// which fields the event's type requires. A derived internally tagged enum would buffer every
/// event before reading it, and events are the bulk of every replay.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    #[serde(rename = "type")]
    kind: String,
    t: u64,
    item: Option<String>,
    #[serde(default, deserialize_with = "present")]
    response: Option<Option<Response>>,
    flagged: Option<bool>,
    section: Option<String>,
    chars: Option<u64>,
    code: Option<String>,
    submission: Option<u32>,
    tests: Option<Vec<crate::sandbox::TestVerdict>>,
}

/// Distinguishes `"response": null` (clear the answer) from a missing field.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<Response>>, D::Error> {
    Option::<Response>::deserialize(d).map(Some)
}

/// Event type names, for error messages.
const EVENT_TYPES: &[&str] = &[
    "session.start",
    "item.view",
    "item.answer",
    "item.flag",
    "section.submit",
    "break.start",
    "break.end",
    "focus.lost",
    "focus.gained",
    "paste",
    "clock",
    "session.submit",
    "code.run",
    "code.submit",
    "code.judged",
];

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let raw = RawEvent::deserialize(deserializer)?;
        let RawEvent {
            kind,
            t,
            mut item,
            mut response,
            mut flagged,
            mut section,
            mut chars,
            mut code,
            mut submission,
            mut tests,
        } = raw;
        let missing =
            |field: &'static str| D::Error::custom(format!("a {kind} event needs `{field}`"));
        let event = match kind.as_str() {
            "session.start" => Event::SessionStart { t },
            "item.view" => Event::ItemView {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
            },
            "item.answer" => Event::ItemAnswer {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
                response: response.take().ok_or_else(|| missing("response"))?,
            },
            "item.flag" => Event::ItemFlag {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
                flagged: flagged.take().ok_or_else(|| missing("flagged"))?,
            },
            "section.submit" => Event::SectionSubmit {
                t,
                section: section.take().ok_or_else(|| missing("section"))?,
            },
            "break.start" => Event::BreakStart { t },
            "break.end" => Event::BreakEnd { t },
            "focus.lost" => Event::FocusLost { t },
            "focus.gained" => Event::FocusGained { t },
            "paste" => Event::Paste {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
                chars: chars.take().ok_or_else(|| missing("chars"))?,
            },
            "clock" => Event::Clock { t },
            "session.submit" => Event::SessionSubmit { t },
            "code.run" => Event::CodeRun {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
                code: code.take().ok_or_else(|| missing("code"))?,
            },
            "code.submit" => Event::CodeSubmit {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
                code: code.take().ok_or_else(|| missing("code"))?,
            },
            "code.judged" => Event::CodeJudged {
                t,
                item: item.take().ok_or_else(|| missing("item"))?,
                submission: submission.take().ok_or_else(|| missing("submission"))?,
                tests: tests.take().ok_or_else(|| missing("tests"))?,
            },
            _ => return Err(D::Error::unknown_variant(&kind, EVENT_TYPES)),
        };
        let extra = [
            ("item", item.is_some()),
            ("response", response.is_some()),
            ("flagged", flagged.is_some()),
            ("section", section.is_some()),
            ("chars", chars.is_some()),
            ("code", code.is_some()),
            ("submission", submission.is_some()),
            ("tests", tests.is_some()),
        ];
        if let Some((field, _)) = extra.iter().find(|(_, left)| *left) {
            return Err(D::Error::custom(format!(
                "a {kind} event has no `{field}` field"
            )));
        }
        Ok(event)
    }
}
