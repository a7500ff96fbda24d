//! Simulated applicants: plausible event logs generated from a seed.
//!
//! Tests, benchmarks and CI need realistic sessions without a browser: an applicant who views
//! items, answers (right with a given probability), changes answers, flags, loses focus, pastes,
//! takes breaks and submits. Every choice comes from a [`Stream`], so a seed always produces the
//! same log. The log is built by driving a real [`Session`], so every event in it is accepted.

use std::collections::BTreeMap;

use crate::package::{Interaction, NumericAnswer};
use crate::scoring::Response;
use crate::seed::Stream;
use crate::session::{Event, Session, Status};

/// How a simulated applicant behaves.
#[derive(Debug, Clone, Copy)]
pub struct Behaviour {
    /// Seed of the applicant's choices (independent of the session seed).
    pub seed: u64,
    /// Chance of a right answer, in thousandths.
    pub ability_permille: u32,
    /// Stop after about this many events (the session is then submitted).
    pub events: usize,
    /// Longest pause between events, in ms (pauses are uniform from 1 ms to this).
    pub max_pause_ms: u64,
    /// Time of the first event.
    pub start_t: u64,
    /// Chance, in thousandths per event, of handing in a section once all its items are answered.
    pub submit_permille: u32,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            seed: 1,
            ability_permille: 600,
            events: 60,
            max_pause_ms: 20_000,
            start_t: 1_700_000_000_000,
            submit_permille: 150,
        }
    }
}

/// Drives `session` with a simulated applicant and returns the accepted events, in order.
///
/// The session is left in its final state (normally completed).
pub fn applicant(session: &mut Session, behaviour: Behaviour) -> Vec<Event> {
    let mut rng = Stream::new(behaviour.seed, "simulate", "applicant");
    let mut log = Vec::new();
    let mut t = behaviour.start_t;
    let push = |session: &mut Session, log: &mut Vec<Event>, event: Event| {
        if session.apply(event.clone()).is_ok() {
            log.push(event);
        }
    };
    push(session, &mut log, Event::SessionStart { t });
    while log.len() + 1 < behaviour.events && session.state().status != Status::Completed {
        t += 1 + rng.below(behaviour.max_pause_ms.max(1));
        let state = session.state();
        if state.breaks.on_break {
            push(session, &mut log, Event::BreakEnd { t });
            continue;
        }
        let Some(open) = state.section.clone() else {
            push(session, &mut log, Event::Clock { t });
            continue;
        };
        let Some(section) = state.sections.iter().find(|s| s.id == open) else {
            push(session, &mut log, Event::Clock { t });
            continue;
        };
        let roll = rng.below(1000);
        // An adaptive section gives one item at a time: the applicant can only work on that one.
        let item = match (&section.adaptive, &state.current_item) {
            (Some(_), Some(current)) => current.clone(),
            (Some(_), None) => {
                push(session, &mut log, Event::Clock { t });
                continue;
            }
            (None, _) => section.items[rng.below(section.items.len() as u64) as usize].clone(),
        };
        let all_answered = state
            .items
            .iter()
            .filter(|i| i.section == open)
            .all(|i| i.response.is_some());
        let event = match roll {
            _ if all_answered && roll < u64::from(behaviour.submit_permille) => {
                Event::SectionSubmit { t, section: open }
            }
            0..=349 => Event::ItemView { t, item },
            350..=799 => {
                if !state.items.iter().any(|i| i.id == item && i.viewed) {
                    Event::ItemView { t, item }
                } else {
                    let right = rng.below(1000) < u64::from(behaviour.ability_permille);
                    let response = respond(session, &item, right, &mut rng);
                    Event::ItemAnswer { t, item, response }
                }
            }
            800..=869 => Event::ItemFlag {
                t,
                item,
                flagged: rng.below(2) == 0,
            },
            870..=919 => Event::FocusLost { t },
            920..=949 => Event::FocusGained { t },
            950..=969 => Event::Paste {
                t,
                item,
                chars: 1 + rng.below(200),
            },
            970..=979 if state.breaks.allowance_ms > state.breaks.used_ms => {
                Event::BreakStart { t }
            }
            _ => Event::Clock { t },
        };
        push(session, &mut log, event);
    }
    t += 1;
    push(session, &mut log, Event::SessionSubmit { t });
    log
}

/// An answer of the right shape: the key when `right` (and the key is known), otherwise a
/// plausible other answer.
fn respond(session: &Session, id: &str, right: bool, rng: &mut Stream) -> Option<Response> {
    let item = session.planned_item(id)?;
    let pick = |rng: &mut Stream, n: usize| rng.below(n as u64) as usize;
    Some(match &item.interaction {
        Interaction::SingleChoice { choices, key, .. } => match key {
            Some(key) if right => Response::Text(key.clone()),
            _ => Response::Text(choices[pick(rng, choices.len())].id.clone()),
        },
        Interaction::MultipleChoice {
            choices,
            key,
            max_choices,
            ..
        } => match key {
            Some(key) if right => Response::List(key.clone()),
            _ => {
                let most = max_choices.map_or(choices.len(), |m| m as usize).max(1);
                let n = 1 + pick(rng, most);
                let mut ids: Vec<String> = choices.iter().map(|c| c.id.clone()).collect();
                rng.shuffle(&mut ids);
                ids.truncate(n);
                Response::List(ids)
            }
        },
        Interaction::Numeric { answer, .. } => match answer {
            Some(NumericAnswer::Value(key)) if right => {
                Response::Text(crate::variant::format_number(*key))
            }
            _ => Response::Text(format!("{}", pick(rng, 1000))),
        },
        Interaction::TextEntry { accepted, .. } => {
            if right && !accepted.is_empty() {
                Response::Text(accepted[pick(rng, accepted.len())].clone())
            } else {
                Response::Text(["maybe", "not sure", "x"][pick(rng, 3)].to_string())
            }
        }
        Interaction::Ordering { choices, key, .. } => match key {
            Some(key) if right => Response::List(key.clone()),
            _ => {
                let mut ids: Vec<String> = choices.iter().map(|c| c.id.clone()).collect();
                rng.shuffle(&mut ids);
                Response::List(ids)
            }
        },
        Interaction::Matching {
            key,
            sources,
            targets,
            ..
        } => match key {
            Some(key) if right => Response::Pairs(key.clone()),
            _ => {
                // A distractor source stays unmatched in the key; without a key, pair them all.
                let matched: Vec<&String> = match key {
                    Some(key) => key.keys().collect(),
                    None => sources.iter().map(|s| &s.id).collect(),
                };
                let pairs: BTreeMap<String, String> = matched
                    .into_iter()
                    .map(|s| (s.clone(), targets[pick(rng, targets.len())].id.clone()))
                    .collect();
                Response::Pairs(pairs)
            }
        },
        Interaction::Likert { scale, .. } => {
            Response::Text(scale[pick(rng, scale.len())].id.clone())
        }
        // Simulated applicants answer by choosing, not by writing programs.
        Interaction::Code(_) => return None,
    })
}
