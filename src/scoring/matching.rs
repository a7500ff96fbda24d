//! Matching: pair each source with a target.
//!
//! `per_pair` shares the item's points equally among the key's pairs: a 3-point item with three
//! pairs earns 1 point per correct pair. A source may be left unmatched (it earns nothing); a
//! target may serve several sources. `all_or_nothing` needs every pair right.

use std::collections::BTreeMap;

use super::{ResponseError, known_distinct};
use crate::package::{Choice, MatchingScoring};
use crate::points::Points;

/// The points of the pairs, or `None` without a key.
pub(super) fn score(
    sources: &[Choice],
    targets: &[Choice],
    key: Option<&BTreeMap<String, String>>,
    scoring: MatchingScoring,
    pairs: &BTreeMap<String, String>,
    max: Points,
) -> Result<Option<Points>, ResponseError> {
    known_distinct(pairs.keys(), sources, "sources")?;
    for target in pairs.values() {
        if !targets.iter().any(|t| &t.id == target) {
            return Err(ResponseError::UnknownId {
                id: target.clone(),
                what: "targets",
            });
        }
    }
    let Some(key) = key else {
        return Ok(None);
    };
    let correct = key.iter().filter(|(s, t)| pairs.get(*s) == Some(t)).count() as i64;
    // A pair the key does not list (a distractor source) must stay unmatched.
    let wrong_extra = pairs.keys().filter(|s| !key.contains_key(*s)).count() as i64;
    let total = key.len() as i64;
    Ok(Some(match scoring {
        MatchingScoring::PerPair => max.fraction((correct - wrong_extra).max(0), total),
        MatchingScoring::AllOrNothing => {
            if correct == total && wrong_extra == 0 {
                max
            } else {
                Points::ZERO
            }
        }
    }))
}
