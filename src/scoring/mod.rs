//! Scoring: one rule per interaction, all in exact [`Points`].
//!
//! [`score`] takes an item as the session presents it (variant already rendered) and a
//! [`Response`]. A response of the wrong shape (a list for a single choice, an unknown choice id)
//! is refused with a [`ResponseError`]: it can only come from a broken or hostile client. A
//! well-formed but wrong answer (including a numeric answer that is not a number) is accepted
//! and scores as incorrect, so nothing the applicant typed is ever lost.

mod choice;
mod matching;
mod numeric;
mod ordering;
pub(crate) mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::package::{Interaction, Item, LikertKey};
use crate::points::Points;

/// An applicant's answer, in the shape its interaction expects.
///
/// - single choice, Likert: the choice id (`"B"`)
/// - multiple choice, ordering: a list of choice ids (`["A", "C"]`)
/// - numeric: what was typed (`"12.5 kg"`) or a number
/// - text entry: what was typed
/// - matching: source id → target id (`{"s1": "t2"}`)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum Response {
    /// A number.
    Number(f64),
    /// A choice id or typed text.
    Text(String),
    /// Choice ids.
    List(Vec<String>),
    /// Source id → target id.
    Pairs(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for Response {
    /// Reads a response by its JSON shape, without buffering (it sits in every answer event).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Response;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a choice id or typed text, a number, a list of choice ids, or an object of source id → target id")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Response, E> {
                Ok(Response::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Response, E> {
                Ok(Response::Text(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Response, E> {
                Ok(Response::Number(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Response, E> {
                Ok(Response::Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Response, E> {
                Ok(Response::Number(v as f64))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Response, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Response::List(ids))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Response, A::Error> {
                let mut pairs = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    pairs.insert(k, v);
                }
                Ok(Response::Pairs(pairs))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// How an answer was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Full points.
    Correct,
    /// Some but not all points.
    Partial,
    /// No points (and the negative mark, if any).
    Incorrect,
    /// The item carries no score (an unkeyed Likert item).
    Unscored,
    /// Scored by the backend: the key is not in this session's package (a sealed public view).
    Pending,
}

/// The score of one answered item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct ItemScore {
    /// Points earned (negative with a negative mark), in thousandths.
    pub earned: Points,
    /// Points available, in thousandths.
    pub max: Points,
    /// The judgement.
    pub outcome: Outcome,
}

/// A response that does not fit its item.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResponseError {
    /// The JSON shape is wrong for this interaction.
    #[error("a {interaction} item expects {expected}")]
    Shape {
        /// The interaction's name.
        interaction: &'static str,
        /// The shape it takes.
        expected: &'static str,
    },
    /// A choice (or source, target, scale point) id that the item does not have.
    #[error("{id:?} is not one of this item's {what}")]
    UnknownId {
        /// The id given.
        id: String,
        /// What kind of id was expected.
        what: &'static str,
    },
    /// The same id given twice where each may appear once.
    #[error("{id:?} is given more than once")]
    Duplicate {
        /// The repeated id.
        id: String,
    },
    /// Too few or too many selections, or an incomplete ordering.
    #[error("{count} selected; this item takes {min} to {max}")]
    Count {
        /// How many were given.
        count: usize,
        /// Fewest allowed.
        min: usize,
        /// Most allowed.
        max: usize,
    },
    /// Typed text longer than the item allows.
    #[error("the answer has {chars} characters; the limit is {max}")]
    TooLong {
        /// Characters given.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

/// Scores a response to a rendered item.
///
/// # Errors
/// [`ResponseError`] when the response does not fit the item's interaction.
pub fn score(item: &Item, response: &Response) -> Result<ItemScore, ResponseError> {
    score_with(item, response, compile_pattern(item).as_ref())
}

/// Whether `response` is a multiple-choice selection still below the item's minimum: a
/// selection in progress, kept as the applicant left it but not yet an answer (it is neither
/// scored nor counted as answered until it reaches the minimum). Every UI gets the same rule.
///
/// # Errors
/// [`ResponseError`] when the selection could never become an answer: an unknown or repeated
/// id, or more than the item's maximum.
pub fn below_minimum(item: &Item, response: &Response) -> Result<bool, ResponseError> {
    let Interaction::MultipleChoice {
        choices,
        min_choices,
        max_choices,
        ..
    } = &item.interaction
    else {
        return Ok(false);
    };
    let ids = as_list(&item.interaction, response)?;
    let min = min_choices.unwrap_or(0) as usize;
    if ids.len() >= min {
        return Ok(false);
    }
    known_distinct(ids, choices, "choices")?;
    let most = max_choices.map_or(choices.len(), |m| m as usize);
    if ids.len() > most {
        return Err(ResponseError::Count {
            count: ids.len(),
            min,
            max: most,
        });
    }
    Ok(true)
}

/// The compiled text-entry pattern of an item, if it has one (sessions compile it once).
pub fn compile_pattern(item: &Item) -> Option<regex_lite::Regex> {
    match &item.interaction {
        Interaction::TextEntry {
            pattern: Some(p),
            case_sensitive,
            ..
        } => text::compile_pattern(p, *case_sensitive).ok(),
        _ => None,
    }
}

/// [`score`] with the item's pattern already compiled by [`compile_pattern`].
///
/// # Errors
/// As [`score`].
pub fn score_with(
    item: &Item,
    response: &Response,
    pattern: Option<&regex_lite::Regex>,
) -> Result<ItemScore, ResponseError> {
    let max = item.max_points();
    let interaction = &item.interaction;
    let earned = match interaction {
        Interaction::Code(_) => {
            return Err(shape(
                interaction,
                "code submissions (code.submit events), not an answer",
            ));
        }
        Interaction::SingleChoice { choices, key, .. } => {
            let id = as_text(interaction, response, "a choice id")?;
            choice::single(choices, key.as_deref(), id, max)?
        }
        Interaction::MultipleChoice {
            choices,
            key,
            scoring,
            min_choices,
            max_choices,
            ..
        } => {
            let ids = as_list(interaction, response)?;
            let bounds = (
                min_choices.unwrap_or(0) as usize,
                max_choices.map_or(choices.len(), |m| m as usize),
            );
            choice::multiple(choices, key.as_deref(), scoring, bounds, ids, max)?
        }
        Interaction::Numeric {
            answer,
            abs_tolerance,
            rel_tolerance,
            units,
        } => {
            let given = match response {
                Response::Number(n) => numeric::Given::Number(*n),
                Response::Text(s) => numeric::Given::Typed(s),
                _ => return Err(shape(interaction, "a number or the text typed")),
            };
            numeric::score(
                answer.as_ref(),
                *abs_tolerance,
                *rel_tolerance,
                units,
                given,
                max,
            )
        }
        Interaction::TextEntry {
            accepted,
            case_sensitive,
            max_length,
            ..
        } => {
            let typed = as_text(interaction, response, "the text typed")?;
            text::score(accepted, *case_sensitive, pattern, *max_length, typed, max)?
        }
        Interaction::Ordering {
            choices,
            key,
            scoring,
        } => {
            let order = as_list(interaction, response)?;
            ordering::score(choices, key.as_deref(), *scoring, order, max)?
        }
        Interaction::Matching {
            sources,
            targets,
            key,
            scoring,
        } => {
            let Response::Pairs(pairs) = response else {
                return Err(shape(interaction, "an object of source id → target id"));
            };
            matching::score(sources, targets, key.as_ref(), *scoring, pairs, max)?
        }
        Interaction::Likert { scale, keyed } => {
            let id = as_text(interaction, response, "a scale point id")?;
            let Some(position) = scale.iter().position(|c| c.id == id) else {
                return Err(ResponseError::UnknownId {
                    id: id.to_string(),
                    what: "scale points",
                });
            };
            match keyed {
                None => {
                    return Ok(ItemScore {
                        earned: Points::ZERO,
                        max,
                        outcome: Outcome::Unscored,
                    });
                }
                Some(direction) => {
                    let last = scale.len() as i64 - 1;
                    let steps = match direction {
                        LikertKey::Positive => position as i64,
                        LikertKey::Negative => last - position as i64,
                    };
                    Some(max.fraction(steps, last))
                }
            }
        }
    };
    Ok(match earned {
        Some(earned) => item_score(earned, max, item.negative),
        None => ItemScore::pending(max),
    })
}

impl ItemScore {
    /// An answer the backend scores: nothing earned yet, of `max`.
    pub fn pending(max: Points) -> ItemScore {
        ItemScore {
            earned: Points::ZERO,
            max,
            outcome: Outcome::Pending,
        }
    }
}

/// Turns earned points into a score with its outcome, applying the negative mark to a wrong answer.
/// The score of `earned` points out of `max`, with the negative mark taken off a wrong answer.
pub(crate) fn item_score(earned: Points, max: Points, negative: Points) -> ItemScore {
    let outcome = if max == Points::ZERO && earned == Points::ZERO {
        // A zero-point item still says whether it was right; it just carries no weight.
        Outcome::Unscored
    } else if earned >= max {
        Outcome::Correct
    } else if earned > Points::ZERO {
        Outcome::Partial
    } else {
        Outcome::Incorrect
    };
    let earned = if outcome == Outcome::Incorrect {
        earned.min(Points::ZERO) - negative
    } else {
        earned
    };
    ItemScore {
        earned,
        max,
        outcome,
    }
}

fn shape(interaction: &Interaction, expected: &'static str) -> ResponseError {
    ResponseError::Shape {
        interaction: interaction.kind(),
        expected,
    }
}

fn as_text<'a>(
    interaction: &Interaction,
    response: &'a Response,
    expected: &'static str,
) -> Result<&'a str, ResponseError> {
    match response {
        Response::Text(s) => Ok(s),
        _ => Err(shape(interaction, expected)),
    }
}

fn as_list<'a>(
    interaction: &Interaction,
    response: &'a Response,
) -> Result<&'a [String], ResponseError> {
    match response {
        Response::List(v) => Ok(v),
        _ => Err(shape(interaction, "a list of choice ids")),
    }
}

/// Checks that every id is known and none repeats.
fn known_distinct<'a>(
    ids: impl IntoIterator<Item = &'a String>,
    known: &[crate::package::Choice],
    what: &'static str,
) -> Result<(), ResponseError> {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if !known.iter().any(|c| &c.id == id) {
            return Err(ResponseError::UnknownId {
                id: id.clone(),
                what,
            });
        }
        if !seen.insert(id) {
            return Err(ResponseError::Duplicate { id: id.clone() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
