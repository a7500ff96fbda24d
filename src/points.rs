//! Points as exact integers: thousandths of a point.
//!
//! Scores are signed and hashed, so they never travel as floats. Authors write decimal points
//! (`"points": 2.5`); the package parser turns them into [`Points`] and refuses values finer than
//! a thousandth, so every later sum is exact and identical on every platform.

use serde::{Deserialize, Deserializer, Serialize};

use crate::canonical::format_number;

/// Thousandths of a point per whole point.
pub const SCALE: i64 = 1000;

/// The largest magnitude a single author-written value may have, in whole points.
pub const MAX_WHOLE_POINTS: i64 = 1_000_000;

/// An exact amount of points, stored in thousandths (`1500` is 1.5 points).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(export, type = "number")
)]
#[serde(transparent)]
pub struct Points(pub i64);

impl Points {
    /// No points.
    pub const ZERO: Points = Points(0);

    /// Whole points, exactly.
    pub const fn whole(n: i64) -> Points {
        Points(n * SCALE)
    }

    /// Converts an author-written decimal, or explains why it cannot be represented exactly.
    ///
    /// # Errors
    /// Not finite, larger than [`MAX_WHOLE_POINTS`], or finer than a thousandth.
    pub fn from_decimal(value: f64) -> Result<Points, String> {
        if !value.is_finite() {
            return Err(format!("{} is not a finite number", format_number(value)));
        }
        if value.abs() > MAX_WHOLE_POINTS as f64 {
            return Err(format!(
                "{} is larger than {MAX_WHOLE_POINTS} points",
                format_number(value)
            ));
        }
        let scaled = value * SCALE as f64;
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return Err(format!(
                "{} is finer than a thousandth of a point",
                format_number(value)
            ));
        }
        Ok(Points(rounded as i64))
    }

    /// `self × numerator / denominator`, rounded half away from zero, for partial credit.
    ///
    /// A zero denominator gives zero: an item with nothing to get right earns nothing.
    pub fn fraction(self, numerator: i64, denominator: i64) -> Points {
        if denominator == 0 {
            return Points::ZERO;
        }
        let product = i128::from(self.0) * i128::from(numerator);
        let den = i128::from(denominator);
        let half = den.abs();
        let twice = 2 * product;
        let rounded = if (twice >= 0) == (den > 0) {
            (twice + half) / (2 * den)
        } else {
            (twice - half) / (2 * den)
        };
        Points(rounded as i64)
    }

    /// The value clamped to `[low, high]`.
    pub fn clamp(self, low: Points, high: Points) -> Points {
        Points(self.0.clamp(low.0, high.0.max(low.0)))
    }

    /// Whole points as a decimal, for display only (never for scoring).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, other: Points) -> Points {
        Points(self.0.saturating_add(other.0))
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, other: Points) -> Points {
        Points(self.0.saturating_sub(other.0))
    }
}

impl std::ops::Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(-self.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = abs / SCALE as u64;
        let frac = abs % SCALE as u64;
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// Writing [`Points`] as authors do, in decimal points (`2.5`), for the package's own fields:
/// a package then serializes to a document that reads back as the same package. Everywhere
/// else (states, claims) points travel as integer thousandths.
pub mod authored {
    use std::collections::BTreeMap;

    use serde::{Serialize, Serializer};

    use super::{Points, SCALE};

    /// A whole number when it is one (`2`), otherwise the nearest double (`2.5`), which
    /// [`Points::from_decimal`] reads back exactly.
    pub fn decimal(points: Points) -> serde_json::Number {
        if points.0 % SCALE == 0 {
            serde_json::Number::from(points.0 / SCALE)
        } else {
            serde_json::Number::from_f64(points.0 as f64 / SCALE as f64)
                .unwrap_or_else(|| serde_json::Number::from(0))
        }
    }

    /// `serialize_with` for a [`Points`] field.
    pub fn points<S: Serializer>(points: &Points, s: S) -> Result<S::Ok, S::Error> {
        decimal(*points).serialize(s)
    }

    /// `serialize_with` for an optional [`Points`] field.
    pub fn optional<S: Serializer>(points: &Option<Points>, s: S) -> Result<S::Ok, S::Error> {
        points.map(decimal).serialize(s)
    }

    /// `serialize_with` for a map of [`Points`].
    pub fn map<S: Serializer>(map: &BTreeMap<String, Points>, s: S) -> Result<S::Ok, S::Error> {
        let decimals: BTreeMap<&String, serde_json::Number> =
            map.iter().map(|(k, v)| (k, decimal(*v))).collect();
        decimals.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Points {
    /// Reads an author-written decimal number of points.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Points, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Points::from_decimal(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn decimals_convert_exactly_or_not_at_all() {
        assert_eq!(Points::from_decimal(2.5), Ok(Points(2500)));
        assert_eq!(Points::from_decimal(-0.125), Ok(Points(-125)));
        assert_eq!(Points::from_decimal(0.1), Ok(Points(100)));
        assert!(Points::from_decimal(0.0001).is_err());
        assert!(Points::from_decimal(f64::NAN).is_err());
        assert!(Points::from_decimal(1e300).is_err());
    }

    #[test]
    fn fractions_round_half_away_from_zero() {
        assert_eq!(Points(1000).fraction(1, 3), Points(333));
        assert_eq!(Points(1000).fraction(2, 3), Points(667));
        assert_eq!(Points(1).fraction(1, 2), Points(1));
        assert_eq!(Points(-1).fraction(1, 2), Points(-1));
        assert_eq!(Points(1000).fraction(5, 0), Points::ZERO);
    }

    #[test]
    fn display_trims_trailing_zeros() {
        assert_eq!(Points(2500).to_string(), "2.5");
        assert_eq!(Points(-125).to_string(), "-0.125");
        assert_eq!(Points(3000).to_string(), "3");
    }
}
