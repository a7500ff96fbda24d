//! Log-probabilities of every item's categories at every quadrature point, in one flat array.
//!
//! EAP scoring, the adaptive estimate and the calibration E-step all add `ln P(k | X_q)` over a
//! person's responses; looking those up instead of recomputing them leaves only additions in the
//! inner loops, and laying each (item, category) as a run of `Q` values lets them vectorise.

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
}
