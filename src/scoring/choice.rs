//! Single and multiple choice.
//!
//! Multiple choice follows QTI: `all_or_nothing` is `match_correct` (the selected set equals the
//! key), `map` is `map_response` (each distinct selected choice adds its mapped points, or the
//! default; the sum is clamped to the bounds). Example: map `{A: 1, B: 1, C: -1}` on a 2-point
//! item, selection `[A, C]` earns 0; `[A, B]` earns 2.

use std::collections::BTreeSet;

use super::{ResponseError, known_distinct};
use crate::package::{Choice, MultipleScoring};
use crate::points::Points;

/// The points of choice `id`, or `None` without a key (a public view scores nothing).
pub(super) fn single(
    choices: &[Choice],
    key: Option<&str>,
    id: &str,
    max: Points,
) -> Result<Option<Points>, ResponseError> {
    known_distinct([&id.to_string()], choices, "choices")?;
    Ok(key.map(|key| if id == key { max } else { Points::ZERO }))
}

/// The points of a selection, or `None` without a key.
pub(super) fn multiple(
    choices: &[Choice],
    key: Option<&[String]>,
    scoring: &MultipleScoring,
    (min, most): (usize, usize),
    ids: &[String],
    max: Points,
) -> Result<Option<Points>, ResponseError> {
    known_distinct(ids, choices, "choices")?;
    if ids.len() < min || ids.len() > most {
        return Err(ResponseError::Count {
            count: ids.len(),
            min,
            max: most,
        });
    }
    let Some(key) = key else {
        return Ok(None);
    };
    let selected: BTreeSet<&String> = ids.iter().collect();
    Ok(Some(match scoring {
        MultipleScoring::AllOrNothing => {
            let correct: BTreeSet<&String> = key.iter().collect();
            if selected == correct {
                max
            } else {
                Points::ZERO
            }
        }
        MultipleScoring::Map {
            map,
            default,
            lower_bound,
            upper_bound,
        } => {
            let sum: Points = selected
                .iter()
                .map(|id| map.get(*id).copied().unwrap_or(*default))
                .sum();
            sum.clamp(
                lower_bound.unwrap_or(Points::ZERO),
                upper_bound.unwrap_or(max),
            )
        }
    }))
}
