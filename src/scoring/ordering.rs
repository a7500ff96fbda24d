//! Ordering: exact order, or partial credit per correctly ordered pair.
//!
//! With `pairs`, each of the n(n−1)/2 pairs of choices earns its share when the response keeps
//! the key's relative order of the two (a Kendall-tau style measure): one adjacent swap in four
//! choices keeps 5 of 6 pairs, so earns 5/6 of the points.

use super::{ResponseError, known_distinct};
use crate::package::{Choice, OrderingScoring};
use crate::points::Points;

/// The points of an order, or `None` without a key.
pub(super) fn score(
    choices: &[Choice],
    key: Option<&[String]>,
    scoring: OrderingScoring,
    order: &[String],
    max: Points,
) -> Result<Option<Points>, ResponseError> {
    known_distinct(order, choices, "choices")?;
    if order.len() != choices.len() {
        return Err(ResponseError::Count {
            count: order.len(),
            min: choices.len(),
            max: choices.len(),
        });
    }
    let Some(key) = key else {
        return Ok(None);
    };
    Ok(Some(match scoring {
        OrderingScoring::Exact => {
            if order == key {
                max
            } else {
                Points::ZERO
            }
        }
        OrderingScoring::Pairs => {
            let rank: Vec<usize> = key
                .iter()
                .map(|id| order.iter().position(|o| o == id).unwrap_or(usize::MAX))
                .collect();
            let n = rank.len();
            let total = (n * (n.saturating_sub(1)) / 2) as i64;
            let kept = (0..n)
                .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
                .filter(|&(i, j)| rank[i] < rank[j])
                .count() as i64;
            max.fraction(kept, total)
        }
    }))
}
