//! What a host must do next, derived from the session alone: the rule every host follows.

use serde::Serialize;

use super::Delivered;
use crate::session::{Session, SessionState, Status};

/// One thing the host must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Due {
    /// Show this item, then record `item.view` for it: the open section has no item on screen
    /// yet, or the adaptive engine gave a new one.
    View {
        /// Item id.
        item: String,
    },
    /// Judge this submission with every test (a `Judging` of the session), then record
    /// `code.judged` with its verdicts.
    Judge {
        /// Item id.
        item: String,
        /// Which submission (from 1).
        submission: u32,
        /// Its code.
        code: String,
    },
    /// Record a `clock` event at `t` unless another event comes first: a section or the test
    /// closes then.
    Clock {
        /// The host's time, in ms.
        t: u64,
    },
    /// Sign and send a checkpoint over the events not yet covered.
    Checkpoint {
        /// How soon.
        urgency: Urgency,
    },
    /// Sign and send the result: the session is over and every verdict is in.
    SignResult,
}

/// How soon a checkpoint is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// At once: a section ended, the clock closed something, or the test is over while a
    /// submission is judged (the backend must have every answer even if the verdicts never come).
    Now,
    /// When the applicant pauses: the host batches answers rather than sending each.
    Soon,
}

/// What is due after the events so far (`state` is the session's, `last` the kind of its last
/// event), given what the host has delivered.
pub(super) fn due(
    session: &Session,
    state: &SessionState,
    delivered: Delivered,
    last: Option<&'static str>,
) -> Vec<Due> {
    let mut due = Vec::new();
    if state.status == Status::NotStarted {
        return due;
    }
    due.extend(judging(state));
    let uncovered = state.seq > delivered.covered && !delivered.signed;
    if state.status == Status::Completed {
        if session.judging_pending() {
            if uncovered {
                due.push(Due::Checkpoint {
                    urgency: Urgency::Now,
                });
            }
        } else if !delivered.signed {
            due.push(Due::SignResult);
        }
        return due;
    }
    due.extend(view(state));
    if let Some(t) = session.next_deadline() {
        due.push(Due::Clock { t });
    }
    if uncovered {
        let boundary = matches!(
            last,
            Some("section.submit" | "clock" | "break.start" | "break.end")
        );
        due.push(Due::Checkpoint {
            urgency: if boundary {
                Urgency::Now
            } else {
                Urgency::Soon
            },
        });
    }
    due
}

/// The item the open section needs on screen, if the host must show (and record viewing) one.
fn view(state: &SessionState) -> Option<Due> {
    let open = state
        .sections
        .iter()
        .find(|s| Some(&s.id) == state.section.as_ref())?;
    if open.adaptive.is_some() {
        // The engine chooses an adaptive section's items; showing one is recorded once.
        let current = state.current_item.as_ref()?;
        let view = state.items.iter().find(|v| &v.id == current)?;
        return (!view.viewed).then(|| Due::View {
            item: current.clone(),
        });
    }
    let on_screen = state
        .current_item
        .as_ref()
        .is_some_and(|item| open.items.contains(item));
    if on_screen {
        return None;
    }
    open.items
        .first()
        .map(|item| Due::View { item: item.clone() })
}

/// Submissions that wait for their verdicts: an item has one at most, its last.
fn judging(state: &SessionState) -> Vec<Due> {
    state
        .items
        .iter()
        .filter_map(|v| {
            let code = v.code.as_ref()?;
            (code.pending > 0).then(|| Due::Judge {
                item: v.id.clone(),
                submission: code.submissions,
                code: code.last_code.clone().unwrap_or_default(),
            })
        })
        .collect()
}
