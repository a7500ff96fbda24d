//! Log-probabilities of every item's categories at every quadrature point, in one flat array.
//!
//! The adaptive estimate, and EAP scoring and the calibration E-step where the weighted score does
//! not apply (3PL, GRM), add `ln P(k | X_q)` over a person's responses; looking those up instead
//! of recomputing them leaves only additions in the inner loops, and laying each (item, category)
//! as a run of `Q` values lets them vectorise.

use super::estimate::{Estimate, Quadrature};
use super::model::{Item, P_FLOOR};

/// `ln P(k | X_q)` for each item `j`, category `k` and point `q`, at `offset(j, k) + q`.
#[derive(Debug, Clone, PartialEq)]
pub struct LogTable {
    points: usize,
    offsets: Vec<usize>,
    categories: Vec<usize>,
    values: Vec<f64>,
}

impl LogTable {
    /// Tabulates `items` at the points of `quad`.
    pub fn new(items: &[Item], quad: &Quadrature) -> LogTable {
        let points = quad.len();
        let mut offsets = Vec::with_capacity(items.len());
        let mut categories = Vec::with_capacity(items.len());
        let mut values = Vec::new();
        for item in items {
            offsets.push(values.len());
            categories.push(item.categories());
            for k in 0..item.categories() {
                for x in quad.points() {
                    values.push(libm::log(item.prob(*x, k).max(P_FLOOR)));
                }
            }
        }
        LogTable {
            points,
            offsets,
            categories,
            values,
        }
    }

    /// Number of quadrature points.
    pub fn points(&self) -> usize {
        self.points
    }

    /// Number of items.
    pub fn items(&self) -> usize {
        self.offsets.len()
    }

    /// Number of categories of item `j`.
    pub fn categories(&self, j: usize) -> usize {
        self.categories[j]
    }

    /// Where item `j`'s category `k` starts in [`LogTable::values`].
    pub fn offset(&self, j: usize, k: usize) -> usize {
        self.offsets[j] + k * self.points
    }

    /// The flat table.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Adds the log-likelihood of `(item, category)` responses into `log_lik` (one value per point).
    pub fn accumulate(
        &self,
        responses: impl IntoIterator<Item = (usize, usize)>,
        log_lik: &mut [f64],
    ) {
        for (j, k) in responses {
            let start = self.offset(j, k);
            let row = &self.values[start..start + self.points];
            for (l, v) in log_lik.iter_mut().zip(row) {
                *l += v;
            }
        }
    }

    /// EAP estimate from `(item, category)` responses; `scratch` is resized to the grid.
    pub fn eap(
        &self,
        quad: &Quadrature,
        responses: impl IntoIterator<Item = (usize, usize)>,
        scratch: &mut Vec<f64>,
    ) -> Estimate {
        scratch.clear();
        scratch.resize(self.points, 0.0);
        self.accumulate(responses, scratch);
        quad.posterior(scratch).0
    }
}

/// `P(k | X_q)` laid out as [`LogTable`], for scoring many people at once.
///
/// The posterior over the grid is the prior weight times a product of probabilities: working
/// with the products themselves instead of sums of logs saves the `exp` at every point for every
/// person, which is most of the cost of EAP scoring. The product is rescaled before it could
/// underflow. The session keeps [`LogTable`], whose bits its golden logs pin down.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbTable {
    points: usize,
    /// Row number of each item's category 0; a row is `points` values.
    first_row: Vec<usize>,
    values: Vec<f64>,
    /// The smallest value of each row: how far one factor can shrink the product.
    row_min: Vec<f64>,
}

/// The product is rescaled before a factor could take its largest value below this (2^-900),
/// which keeps it a normal number (down to 2^-1022) even after a factor as small as `P_FLOOR`.
const UNDERFLOW_GUARD: f64 = 1.183_052_186_166_774_7e-271;

impl ProbTable {
    /// Tabulates `items` at the points of `quad`.
    pub fn new(items: &[Item], quad: &Quadrature) -> ProbTable {
        let points = quad.len();
        let mut first_row = Vec::with_capacity(items.len());
        let mut values = Vec::new();
        let mut row_min = Vec::new();
        for item in items {
            first_row.push(row_min.len());
            for k in 0..item.categories() {
                let row: Vec<f64> = quad
                    .points()
                    .iter()
                    .map(|x| item.prob(*x, k).max(P_FLOOR))
                    .collect();
                row_min.push(row.iter().fold(1.0_f64, |m, &v| m.min(v)));
                values.extend(row);
            }
        }
        ProbTable {
            points,
            first_row,
            values,
            row_min,
        }
    }

    /// EAP estimate from `(item, category)` responses; `scratch` is resized to the grid.
    pub fn eap(
        &self,
        quad: &Quadrature,
        responses: impl IntoIterator<Item = (usize, usize)>,
        scratch: &mut Vec<f64>,
    ) -> Estimate {
        scratch.clear();
        scratch.extend_from_slice(quad.weights());
        // A lower bound on the product's largest value: it was at least this before the factors
        // since the last rescale, each of which is at least its row's minimum.
        let mut bound = scratch.iter().fold(0.0_f64, |m, &v| m.max(v));
        for (j, k) in responses {
            let row = self.first_row[j] + k;
            let floor = self.row_min[row];
            if bound * floor < UNDERFLOW_GUARD {
                let top = scratch.iter().fold(0.0_f64, |m, &v| m.max(v));
                let factor = 1.0 / top;
                scratch.iter_mut().for_each(|v| *v *= factor);
                bound = 1.0;
            }
            let values = &self.values[row * self.points..(row + 1) * self.points];
            for (l, p) in scratch.iter_mut().zip(values) {
                *l *= p;
            }
            bound *= floor;
        }
        let total: f64 = scratch.iter().sum();
        let first: f64 = scratch.iter().zip(quad.points()).map(|(l, x)| l * x).sum();
        let mean = first / total;
        let second: f64 = scratch
            .iter()
            .zip(quad.points())
            .map(|(l, x)| l * (x - mean) * (x - mean))
            .sum();
        Estimate {
            theta: mean,
            se: libm::sqrt(second / total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psychometrics::estimate::{Prior, eap};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn table_eap_equals_direct_eap() {
        let items = vec![
            Item::two_pl(1.2, -0.5),
            Item::three_pl(1.5, 0.3, 0.2),
            Item::Graded {
                a: 0.9,
                b: vec![-1.0, 0.0, 1.0],
            },
        ];
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let table = LogTable::new(&items, &quad);
        let responses = [(0, 1), (1, 0), (2, 2)];
        let direct: Vec<(&Item, usize)> = responses.iter().map(|&(j, k)| (&items[j], k)).collect();
        let a = table.eap(&quad, responses, &mut Vec::new());
        let b = eap(&direct, &quad);
        assert!((a.theta - b.theta).abs() < 1e-14 && (a.se - b.se).abs() < 1e-14);
        assert_eq!(table.offset(2, 1), 2 * 41 + 2 * 41 + 41);
    }

    #[test]
    fn products_give_the_log_domain_estimate_and_survive_long_tests() {
        let items: Vec<Item> = (0..400)
            .map(|i| Item::two_pl(2.5, -3.0 + 6.0 * f64::from(i) / 400.0))
            .collect();
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let logs = LogTable::new(&items, &quad);
        let probs = ProbTable::new(&items, &quad);
        // Patterns whose likelihood at most points is far below f64's smallest normal number.
        let patterns: [Vec<(usize, usize)>; 3] = [
            (0..400).map(|j| (j, usize::from(j < 200))).collect(),
            (0..400).map(|j| (j, j % 2)).collect(),
            (0..5).map(|j| (j, 1)).collect(),
        ];
        for responses in patterns {
            let a = logs.eap(&quad, responses.iter().copied(), &mut Vec::new());
            let b = probs.eap(&quad, responses.iter().copied(), &mut Vec::new());
            assert!(b.theta.is_finite() && b.se.is_finite(), "{b:?}");
            assert!(
                (a.theta - b.theta).abs() < 1e-9 && (a.se - b.se).abs() < 1e-9,
                "{a:?} {b:?}"
            );
        }
    }
}
