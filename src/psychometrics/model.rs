//! Item response models: response probabilities, their derivatives in θ, and Fisher information.
//!
//! Every model uses the logistic metric (no 1.7 scaling constant), the convention of R's `mirt`
//! and of most modern calibration software, so published slope-intercept estimates compare
//! directly: `a·θ + d` with `b = −d/a`.

use serde::{Deserialize, Serialize};

/// The kinds of item response model Assay estimates and scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ModelKind {
    /// Rasch: slope fixed at 1, difficulty free.
    #[serde(rename = "Rasch")]
    Rasch,
    /// One-parameter logistic: one slope shared by all items, difficulty free.
    #[serde(rename = "1PL")]
    OnePl,
    /// Two-parameter logistic: slope and difficulty.
    #[serde(rename = "2PL")]
    TwoPl,
    /// Three-parameter logistic: slope, difficulty and a lower asymptote (guessing).
    #[serde(rename = "3PL")]
    ThreePl,
    /// Samejima's graded response model for ordered categories.
    #[serde(rename = "GRM")]
    Graded,
}

impl ModelKind {
    /// The name used in files and on the command line (`"2PL"`, `"GRM"`...).
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Rasch => "Rasch",
            ModelKind::OnePl => "1PL",
            ModelKind::TwoPl => "2PL",
            ModelKind::ThreePl => "3PL",
            ModelKind::Graded => "GRM",
        }
    }

    /// Parses a name as [`ModelKind::name`] writes it (case-insensitive).
    pub fn parse(name: &str) -> Option<ModelKind> {
        let all = [
            ModelKind::Rasch,
            ModelKind::OnePl,
            ModelKind::TwoPl,
            ModelKind::ThreePl,
            ModelKind::Graded,
        ];
        all.into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// One calibrated item: the model's parameters in the IRT (a, b) metric.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A right/wrong item: `P(1 | θ) = c + (1 − c) / (1 + exp(−a(θ − b)))`.
    Binary {
        /// Discrimination (slope).
        a: f64,
        /// Difficulty (location).
        b: f64,
        /// Lower asymptote (guessing); 0 for Rasch, 1PL and 2PL.
        c: f64,
    },
    /// Graded response: `P(X ≥ k | θ) = 1 / (1 + exp(−a(θ − b_k)))` for `k = 1..m−1`.
    Graded {
        /// Discrimination (slope).
        a: f64,
        /// Category boundaries, strictly increasing; categories are `0..=b.len()`.
        b: Vec<f64>,
    },
}

/// The logistic function, from the one `libm` every target shares.
#[inline]
pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-x))
}

/// Smallest probability used inside logarithms, so an impossible response costs a finite amount.
pub(crate) const P_FLOOR: f64 = 1e-300;

impl Item {
    /// A two-parameter logistic item.
    pub fn two_pl(a: f64, b: f64) -> Item {
        Item::Binary { a, b, c: 0.0 }
    }

    /// A three-parameter logistic item.
    pub fn three_pl(a: f64, b: f64, c: f64) -> Item {
        Item::Binary { a, b, c }
    }

    /// Number of response categories (2 for binary items).
    pub fn categories(&self) -> usize {
        match self {
            Item::Binary { .. } => 2,
            Item::Graded { b, .. } => b.len() + 1,
        }
    }

    /// The slope.
    pub fn a(&self) -> f64 {
        match self {
            Item::Binary { a, .. } | Item::Graded { a, .. } => *a,
        }
    }

    /// Probability of response category `k` at `theta` (0 when `k` is out of range).
    pub fn prob(&self, theta: f64, k: usize) -> f64 {
        match self {
            Item::Binary { a, b, c } => {
                let p = c + (1.0 - c) * logistic(a * (theta - b));
                match k {
                    0 => 1.0 - p,
                    1 => p,
                    _ => 0.0,
                }
            }
            Item::Graded { a, b } => {
                if k > b.len() {
                    return 0.0;
                }
                let upper = |j: usize| -> f64 {
                    if j == 0 {
                        1.0
                    } else if j > b.len() {
                        0.0
                    } else {
                        logistic(a * (theta - b[j - 1]))
                    }
                };
                upper(k) - upper(k + 1)
            }
        }
    }

    /// `ln P(k | θ)` and its first and second derivatives in θ.
    pub fn log_prob_derivs(&self, theta: f64, k: usize) -> (f64, f64, f64) {
        match self {
            Item::Binary { a, b, c } => {
                let l = logistic(a * (theta - b));
                let p = (c + (1.0 - c) * l).clamp(P_FLOOR, 1.0 - 1e-16);
                let q = 1.0 - p;
                // dP/dθ = a (1 − c) L (1 − L); the derivatives below are the closed forms of
                // Baker & Kim (2004), written so that c = 0 reduces to the 2PL's a(u − P).
                let dp = a * (1.0 - c) * l * (1.0 - l);
                let u = if k == 1 { 1.0 } else { 0.0 };
                let d1 = (u - p) * dp / (p * q);
                let d2 = a * a * (p - c) * q / ((1.0 - c) * (1.0 - c)) * (u * c - p * p) / (p * p);
                let d2 = if *c == 0.0 { -a * a * p * q } else { d2 };
                let lp = libm::log(if k == 1 { p } else { q });
                (lp, d1, d2)
            }
            Item::Graded { a, b } => {
                let m = b.len();
                // Cumulative probabilities P*(k) and their first two derivatives at the two
                // boundaries around category k.
                let star = |j: usize| -> (f64, f64, f64) {
                    if j == 0 {
                        (1.0, 0.0, 0.0)
                    } else if j > m {
                        (0.0, 0.0, 0.0)
                    } else {
                        let s = logistic(a * (theta - b[j - 1]));
                        let w = s * (1.0 - s);
                        (s, a * w, a * a * w * (1.0 - 2.0 * s))
                    }
                };
                let (s0, ds0, dds0) = star(k);
                let (s1, ds1, dds1) = star(k + 1);
                let p = (s0 - s1).max(P_FLOOR);
                let d1 = (ds0 - ds1) / p;
                let d2 = (dds0 - dds1) / p - d1 * d1;
                (libm::log(p), d1, d2)
            }
        }
    }

    /// Fisher information of the item at `theta`.
    pub fn information(&self, theta: f64) -> f64 {
        match self {
            Item::Binary { a, b, c } => {
                let l = logistic(a * (theta - b));
                let p = c + (1.0 - c) * l;
                let q = 1.0 - p;
                if p <= 0.0 || q <= 0.0 {
                    return 0.0;
                }
                let dp = a * (1.0 - c) * l * (1.0 - l);
                dp * dp / (p * q)
            }
            Item::Graded { a, b } => {
                let mut info = 0.0;
                let mut prev_s = 1.0;
                let mut prev_ds = 0.0;
                // The boundaries, then a last pseudo-boundary where P* is 0.
                for bk in b.iter().map(Some).chain(std::iter::once(None)) {
                    let (s, ds) = match bk {
                        Some(bk) => {
                            let s = logistic(a * (theta - bk));
                            (s, a * s * (1.0 - s))
                        }
                        None => (0.0, 0.0),
                    };
                    let p = prev_s - s;
                    if p > 0.0 {
                        let dp = prev_ds - ds;
                        info += dp * dp / p;
                    }
                    prev_s = s;
                    prev_ds = ds;
                }
                info
            }
        }
    }
}

impl Item {
    /// An upper bound on the item's information over all θ: exact for binary items (Birnbaum's
    /// maximum, `a²/4` without guessing), `a²` for graded items (each category contributes
    /// `a² P_k (1 − P*_k − P*_{k+1})² ≤ a² P_k`).
    pub fn max_information(&self) -> f64 {
        match self {
            Item::Binary { a, c, .. } => {
                let root = libm::sqrt(1.0 + 8.0 * c);
                a * a / (8.0 * (1.0 - c) * (1.0 - c))
                    * (1.0 - 20.0 * c - 8.0 * c * c + (1.0 + 8.0 * c) * root)
            }
            Item::Graded { a, .. } => a * a,
        }
    }
}

/// Test information: the sum of the items' information at `theta`.
pub fn test_information<'a>(items: impl IntoIterator<Item = &'a Item>, theta: f64) -> f64 {
    items.into_iter().map(|i| i.information(theta)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn numeric_derivs(item: &Item, theta: f64, k: usize) -> (f64, f64) {
        let h = 1e-4;
        let f = |t: f64| libm::log(item.prob(t, k));
        let d1 = (f(theta + h) - f(theta - h)) / (2.0 * h);
        let d2 = (f(theta + h) - 2.0 * f(theta) + f(theta - h)) / (h * h);
        (d1, d2)
    }

    fn items() -> Vec<Item> {
        vec![
            Item::two_pl(1.3, 0.4),
            Item::three_pl(1.7, -0.5, 0.2),
            Item::Binary {
                a: 1.0,
                b: 1.2,
                c: 0.0,
            },
            Item::Graded {
                a: 1.1,
                b: vec![-1.0, 0.2, 1.5],
            },
        ]
    }

    #[test]
    fn probabilities_sum_to_one() {
        for item in items() {
            for theta in [-3.0, -0.7, 0.0, 1.1, 2.9] {
                let total: f64 = (0..item.categories()).map(|k| item.prob(theta, k)).sum();
                assert!((total - 1.0).abs() < 1e-12, "{item:?} at {theta}: {total}");
            }
        }
    }

    #[test]
    fn analytic_derivatives_match_finite_differences() {
        for item in items() {
            for theta in [-2.0, -0.3, 0.5, 1.8] {
                for k in 0..item.categories() {
                    let (lp, d1, d2) = item.log_prob_derivs(theta, k);
                    let (n1, n2) = numeric_derivs(&item, theta, k);
                    assert!((lp - libm::log(item.prob(theta, k))).abs() < 1e-12);
                    assert!(
                        (d1 - n1).abs() < 1e-6,
                        "{item:?} k={k} θ={theta}: {d1} vs {n1}"
                    );
                    assert!(
                        (d2 - n2).abs() < 1e-4,
                        "{item:?} k={k} θ={theta}: {d2} vs {n2}"
                    );
                }
            }
        }
    }

    #[test]
    fn information_is_the_expected_negative_second_derivative() {
        for item in items() {
            for theta in [-1.5, 0.0, 0.9] {
                let expected: f64 = (0..item.categories())
                    .map(|k| -item.prob(theta, k) * item.log_prob_derivs(theta, k).2)
                    .sum();
                let info = item.information(theta);
                assert!(
                    (info - expected).abs() < 1e-10,
                    "{item:?}: {info} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn two_pl_information_peaks_at_b_with_a_squared_over_four() {
        let item = Item::two_pl(2.0, 0.5);
        assert!((item.information(0.5) - 1.0).abs() < 1e-12);
        assert!(item.information(0.5) > item.information(0.6));
        assert!(item.information(0.5) > item.information(0.4));
    }

    #[test]
    fn max_information_bounds_the_information_and_is_attained_by_binary_items() {
        for item in items() {
            let grid = (0..16001).map(|i| item.information(-8.0 + 0.001 * f64::from(i)));
            let top = grid.fold(0.0, f64::max);
            let bound = item.max_information();
            assert!(top <= bound * (1.0 + 1e-12), "{item:?}: {top} > {bound}");
            if let Item::Binary { .. } = item {
                assert!((top - bound).abs() < 1e-6, "{item:?}: {top} vs {bound}");
            }
        }
    }

    #[test]
    fn model_names_round_trip() {
        for name in ["Rasch", "1PL", "2PL", "3PL", "GRM"] {
            assert_eq!(ModelKind::parse(name).map(ModelKind::name), Some(name));
        }
        assert_eq!(ModelKind::parse("2pl"), Some(ModelKind::TwoPl));
        assert_eq!(ModelKind::parse("4PL"), None);
    }
}
