//! Numeric answers with tolerance and units.
//!
//! What the applicant typed is trimmed, a declared unit suffix is stripped (`"12.5 kg"` → `12.5`),
//! `_` and thin spaces between digits are ignored, and the rest must parse as a decimal number
//! (Rust's correctly rounded parser, identical on every platform). It is correct when it lies
//! within `abs_tolerance` of the key, or within `rel_tolerance × |key|`; a hair of relative slack
//! (1e-9) absorbs binary representation (a key of `0.1 + 0.2` accepts `0.3`). Text that is not a
//! number is kept and scores as incorrect.

use crate::package::NumericAnswer;
use crate::points::Points;

/// Relative slack that absorbs binary floating-point representation of decimal keys.
const REPRESENTATION_SLACK: f64 = 1e-9;

/// What the applicant gave.
pub(super) enum Given<'a> {
    Number(f64),
    Typed(&'a str),
}

/// The points of a number, or `None` without an answer.
pub(super) fn score(
    answer: Option<&NumericAnswer>,
    abs_tolerance: f64,
    rel_tolerance: f64,
    units: &[String],
    given: Given<'_>,
    max: Points,
) -> Option<Points> {
    let key = match answer? {
        NumericAnswer::Value(key) => key,
        // Templates are rendered before scoring; an unrendered key matches nothing.
        NumericAnswer::Template(_) => return Some(Points::ZERO),
    };
    let value = match given {
        Given::Number(n) => Some(n),
        Given::Typed(s) => parse(s, units),
    };
    Some(match value {
        Some(v) if within(v, *key, abs_tolerance, rel_tolerance) => max,
        _ => Points::ZERO,
    })
}

fn within(value: f64, key: f64, abs_tolerance: f64, rel_tolerance: f64) -> bool {
    if !value.is_finite() {
        return false;
    }
    let diff = (value - key).abs();
    let scale = key.abs().max(1.0);
    diff <= abs_tolerance
        || diff <= rel_tolerance * key.abs()
        || diff <= REPRESENTATION_SLACK * scale
}

/// Parses typed text as a number, stripping one declared unit.
pub(crate) fn parse(typed: &str, units: &[String]) -> Option<f64> {
    let mut s = typed.trim();
    for unit in units {
        if let Some(stripped) = strip_suffix_ignore_case(s, unit.trim()) {
            s = stripped.trim_end();
            break;
        }
    }
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, '_' | '\u{2009}' | '\u{202F}'))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    if suffix.is_empty() || s.len() < suffix.len() || !s.is_char_boundary(s.len() - suffix.len()) {
        return None;
    }
    let (head, tail) = s.split_at(s.len() - suffix.len());
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}
