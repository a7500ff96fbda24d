//! The posterior over the grid through the weighted score, for logistic items without guessing.
//!
//! For Rasch, 1PL and 2PL items `ln P(1 | θ) − ln P(0 | θ) = a·θ + d`, so a person's log
//! posterior at grid point `X_q` is `S·X_q + C_q` plus a constant, where `S = Σ a_j` over the
//! items answered right (the weighted score, sufficient for θ) and `C_q = ln w_q + Σ ln P_j(0 | X_q)`
//! over the items answered at all. Everyone who answered the same items shares `C`, so a person
//! costs a sum of slopes and one pass over the grid instead of one pass per item.
//!
//! On an equally spaced grid, neighbouring posterior weights differ by the factor
//! `exp(S·h) · exp(C_{q+1} − C_q)`. The log posterior is concave (every `ln P` is concave in θ and
//! the prior is normal), so starting at its mode with weight 1 and walking outwards with those
//! factors keeps every weight in [0, 1]: nothing overflows, underflow only drops negligible tails,
//! and the walk needs no `exp` per point.
//!
//! `ln P(0 | X_q)` is computed here as `−ln(1 + e^z)`, exact however steep the item; the tables
//! of the general route take `ln(1 − P)`, which loses digits once `z = a·X_q + d` passes about 20
//! (P within 2e-9 of 1). The two routes therefore agree to rounding except where a steep item
//! meets a grid point far above its difficulty, and there this one is the more accurate.

use super::estimate::{Estimate, Quadrature};
use super::model::Item;

/// Largest `|ln|` a factor of the walk may have: `exp` of it stays a normal, finite number.
const LOG_FACTOR_LIMIT: f64 = 600.0;

/// `ln(1 + e^z)` without overflow or loss of precision on either side.
#[inline]
pub(crate) fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + libm::log1p(libm::exp(-z))
    } else {
        libm::log1p(libm::exp(z))
    }
}

/// Slopes, intercepts and `ln P(0 | X_q)` of binary logistic items on an equally spaced grid.
#[derive(Debug, Clone, PartialEq)]
pub struct SlopeGrid {
    points: Vec<f64>,
    log_weights: Vec<f64>,
    step: f64,
    slopes: Vec<f64>,
    intercepts: Vec<f64>,
    /// `ln P_j(0 | X_q)` at `j · points + q`.
    log_wrong: Vec<f64>,
    /// `exp(a_j·h)`: item j's factor in `exp(S·h)`.
    step_factors: Vec<f64>,
}

/// The part of the posterior shared by everyone who answered the same items.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// `C_q`: the log prior weight plus `ln P(0 | X_q)` summed over the answered items.
    base: Vec<f64>,
    /// `exp(C_{q+1} − C_q)` at `q < Q − 1`, then zeros up to `2Q`: a walk past the last point
    /// finds weight 0.
    up: Vec<f64>,
    /// `Q` zeros, then `exp(C_q − C_{q+1})` at `Q + q`: a walk past the first point finds 0.
    down: Vec<f64>,
    /// `C_{q+1} − C_q`.
    rise: Vec<f64>,
}

/// One person's unnormalised posterior, 1 at the mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Walk {
    /// The point where the posterior peaks.
    pub mode: usize,
    /// The first point of the window where the posterior is not negligible.
    pub lo: usize,
    /// The last point of that window.
    pub hi: usize,
    /// The log posterior at the mode, less the response-pattern constant `Σ d_j` (answered right).
    pub log_mode: f64,
}

impl SlopeGrid {
    /// The grid for `(slope, intercept)` pairs (`P(1 | θ) = σ(a·θ + d)`), or `None` when the grid
    /// is not equally spaced, a parameter is not finite or a score could be too steep for the walk.
    pub fn new(slope_intercepts: &[(f64, f64)], quad: &Quadrature) -> Option<SlopeGrid> {
        let points = quad.points();
        let (first, last) = (*points.first()?, *points.last()?);
        let step = (last - first) / (points.len() - 1) as f64;
        let even = points
            .windows(2)
            .all(|w| ((w[1] - w[0]) - step).abs() <= 1e-9 * step.abs());
        if !even || step.is_nan() || step <= 0.0 {
            return None;
        }
        let mut grid = SlopeGrid {
            points: points.to_vec(),
            log_weights: quad.log_weights().to_vec(),
            step,
            slopes: vec![0.0; slope_intercepts.len()],
            intercepts: vec![0.0; slope_intercepts.len()],
            log_wrong: Vec::new(),
            step_factors: Vec::new(),
        };
        grid.set_params(slope_intercepts.iter().copied())
            .then_some(grid)
    }

    /// The grid for scoring `items`, or `None` unless every item is binary without guessing (a
    /// graded item with two categories is a 2PL item).
    pub fn for_items(items: &[Item], quad: &Quadrature) -> Option<SlopeGrid> {
        let pairs: Option<Vec<(f64, f64)>> = items
            .iter()
            .map(|item| match item {
                Item::Binary { a, b, c } if *c == 0.0 => Some((*a, -a * b)),
                Item::Graded { a, b } if b.len() == 1 => Some((*a, -a * b[0])),
                _ => None,
            })
            .collect();
        SlopeGrid::new(&pairs?, quad)
    }

    /// Replaces the item parameters (same number of items) and re-tabulates; false when one is
    /// not finite or a score could be too steep for the walk (the grid must not be used then).
    pub fn set_params(&mut self, slope_intercepts: impl Iterator<Item = (f64, f64)>) -> bool {
        let mut steepest = 0.0;
        for (j, (a, d)) in slope_intercepts.enumerate().take(self.slopes.len()) {
            if !a.is_finite() || !d.is_finite() {
                return false;
            }
            self.slopes[j] = a;
            self.intercepts[j] = d;
            steepest += a.abs();
        }
        if steepest * self.step > LOG_FACTOR_LIMIT {
            return false;
        }
        self.tabulate();
        true
    }

    fn tabulate(&mut self) {
        let q_len = self.points.len();
        self.step_factors = self
            .slopes
            .iter()
            .map(|a| libm::exp(a * self.step))
            .collect();
        self.log_wrong.clear();
        self.log_wrong.reserve(self.slopes.len() * q_len);
        for (a, d) in self.slopes.iter().zip(&self.intercepts) {
            for x in &self.points {
                self.log_wrong.push(-softplus(a * x + d));
            }
        }
    }

    /// Number of grid points.
    pub fn points(&self) -> usize {
        self.points.len()
    }

    /// The slopes.
    pub fn slopes(&self) -> &[f64] {
        &self.slopes
    }

    /// The intercepts.
    pub fn intercepts(&self) -> &[f64] {
        &self.intercepts
    }

    /// The shared terms for people who answered every item but `skipped` (item indices in
    /// increasing order), or `None` when two neighbouring points differ too much for the walk or
    /// `skipped` names an item twice or one the grid does not have.
    pub fn shared(&self, skipped: &[u32]) -> Option<Shared> {
        if skipped.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        let q_len = self.points.len();
        let mut base = self.log_weights.clone();
        for row in self.log_wrong.chunks_exact(q_len) {
            for (b, v) in base.iter_mut().zip(row) {
                *b += v;
            }
        }
        for &j in skipped {
            let start = j as usize * q_len;
            let row = self.log_wrong.get(start..start + q_len)?;
            for (b, v) in base.iter_mut().zip(row) {
                *b -= v;
            }
        }
        let mut up = Vec::with_capacity(2 * q_len);
        let mut down = vec![0.0; q_len];
        let mut rise = Vec::with_capacity(q_len - 1);
        for w in base.windows(2) {
            let diff = w[1] - w[0];
            if diff.is_nan() || diff.abs() > LOG_FACTOR_LIMIT {
                return None;
            }
            up.push(libm::exp(diff));
            down.push(libm::exp(-diff));
            rise.push(diff);
        }
        up.resize(2 * q_len, 0.0);
        Some(Shared {
            base,
            up,
            down,
            rise,
        })
    }

    /// The weighted score `S` of a row of 0/1 responses without gaps, and `exp(S·h)` as the product
    /// of the items' `exp(a_j·h)`: one pass, four interleaved lanes each (independent operations
    /// the processor overlaps), combined in a fixed order.
    #[inline]
    pub(crate) fn score_row(&self, row: &[u8]) -> (f64, f64) {
        debug_assert!(row.len() == self.slopes.len() && row.iter().all(|&r| r <= 1));
        let (mut sums, mut products) = ([0.0_f64; 4], [1.0_f64; 4]);
        // A response of 1 keeps a value's bits and 0 swaps them for 0 (sums) or 1 (products):
        // masks, not branches.
        let one = 1.0_f64.to_bits();
        let (rows, r_tail) = row.as_chunks::<4>();
        let (slopes, a_tail) = self.slopes.as_chunks::<4>();
        let (factors, e_tail) = self.step_factors.as_chunks::<4>();
        let mut add = |l: usize, r: u8, a: f64, e: f64| {
            let keep = 0_u64.wrapping_sub(u64::from(r));
            sums[l] += f64::from_bits(a.to_bits() & keep);
            products[l] *= f64::from_bits((e.to_bits() & keep) | (one & !keep));
        };
        for ((r, a), e) in rows.iter().zip(slopes).zip(factors) {
            for l in 0..4 {
                add(l, r[l], a[l], e[l]);
            }
        }
        for (l, ((r, a), e)) in r_tail.iter().zip(a_tail).zip(e_tail).enumerate() {
            add(l, *r, *a, *e);
        }
        (
            (sums[0] + sums[1]) + (sums[2] + sums[3]),
            (products[0] * products[1]) * (products[2] * products[3]),
        )
    }

    /// The weighted score of a person who answered `right` correctly.
    #[inline]
    pub fn score(&self, right: impl Iterator<Item = usize>) -> f64 {
        right.map(|j| self.slopes[j]).sum()
    }

    /// The mode of the posterior for weighted score `score` and the factors `exp(±score·h)`.
    #[inline]
    fn start(&self, shared: &Shared, score: f64, ratio: f64) -> (usize, f64, f64) {
        // The log posterior rises by `score·h + C_{q+1} − C_q` from point q to q + 1, which
        // decreases with q (concavity): the mode is the number of rises that are positive. A
        // count over all of them has no dependent branches, unlike a binary search.
        let lift = score * self.step;
        let mode = shared
            .rise
            .iter()
            .fold(0, |n, r| n + usize::from(lift + r > 0.0));
        (mode, ratio, 1.0 / ratio)
    }

    /// A buffer for [`SlopeGrid::walk`]: room for a walk past either end of the grid.
    pub fn walk_buffer(&self) -> Vec<f64> {
        vec![0.0; 3 * self.points.len()]
    }

    /// The posterior for weighted score `score`, scaled to 1 at the mode, over the points where it
    /// is not negligible: point `q`'s weight lands at `buffer[Q + q]` for `q` in the returned
    /// window (the buffer comes from [`SlopeGrid::walk_buffer`]).
    ///
    /// The walk goes out from the mode in both directions at once: two independent chains of
    /// products the processor overlaps. A log-concave sequence falls ever faster past its peak,
    /// so once both sides are below [`NEGLIGIBLE`] the rest of the grid adds less than a rounding
    /// error to a total of at least 1, and the walk stops.
    pub fn walk(&self, shared: &Shared, score: f64, buffer: &mut [f64]) -> Walk {
        let n = self.points.len();
        let centre = &mut buffer[..3 * n];
        let ratio = libm::exp(score * self.step);
        let (mode, reach) = self.walk_with(shared, score, ratio, |mode, k, [above, below]| {
            centre[n + mode + k] = above;
            centre[n + mode - k] = below;
        });
        centre[n + mode] = 1.0;
        Walk {
            mode,
            lo: mode.saturating_sub(reach),
            hi: (mode + reach).min(n - 1),
            log_mode: score * self.points[mode] + shared.base[mode],
        }
    }

    /// The walk itself: calls `visit(mode, k, [above, below])` with the weights `k` steps above and
    /// below the mode (0 past the grid's ends) for `k = 1, 2...` until both are negligible;
    /// returns the mode and the last `k`. The two sides travel as a pair, which the compiler
    /// can keep in one vector register.
    #[inline(always)]
    fn walk_with(
        &self,
        shared: &Shared,
        score: f64,
        ratio: f64,
        mut visit: impl FnMut(usize, usize, [f64; 2]),
    ) -> (usize, usize) {
        let n = self.points.len();
        let (mode, ratio, inverse) = self.start(shared, score, ratio);
        let scale = [ratio, inverse];
        let mut w = [1.0_f64; 2];
        for k in 1..n {
            let factor = [shared.up[mode + k - 1], shared.down[n + mode - k]];
            for side in 0..2 {
                w[side] *= scale[side] * factor[side];
            }
            visit(mode, k, w);
            if w[0] < NEGLIGIBLE && w[1] < NEGLIGIBLE {
                return (mode, k);
            }
        }
        (mode, n - 1)
    }

    /// EAP estimate and posterior SD for weighted score `score`.
    ///
    /// The walk's weights are summed as they come, with their distance `k` from the mode in grid
    /// steps: moments about the mode (close to the mean) in small whole numbers, so the variance
    /// as a difference of moments loses almost nothing to cancellation. The two sides keep their
    /// own sums, so neither waits for the other.
    pub fn eap(&self, shared: &Shared, score: f64) -> Estimate {
        self.eap_at(shared, score, libm::exp(score * self.step))
    }

    /// [`SlopeGrid::eap`] with `exp(score·h)` already known (from [`SlopeGrid::score_row`]).
    pub(crate) fn eap_at(&self, shared: &Shared, score: f64, ratio: f64) -> Estimate {
        // [Σ w, Σ w·k, Σ w·k²], each for [above, below].
        let mut sums = [[0.0_f64; 2]; 3];
        let mut k = 0.0;
        let (mode, _) = self.walk_with(shared, score, ratio, |_, _, w| {
            k += 1.0;
            for side in 0..2 {
                let wk = w[side] * k;
                sums[0][side] += w[side];
                sums[1][side] += wk;
                sums[2][side] += wk * k;
            }
        });
        let total = 1.0 + sums[0][0] + sums[0][1];
        let shift = (sums[1][0] - sums[1][1]) / total;
        let spread = (sums[2][0] + sums[2][1]) / total - shift * shift;
        Estimate {
            theta: self.points[mode] + shift * self.step,
            se: libm::sqrt(spread.max(0.0)) * self.step,
        }
    }
}

/// A weight below this, relative to the mode's 1, ends the walk: the rest of the grid, each weight
/// smaller still, adds under `Q · 1e-20` to a total of at least 1 (below 1e-16 for any grid of up
/// to 1,001 points: less than a rounding error).
pub const NEGLIGIBLE: f64 = 1e-20;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psychometrics::estimate::{Prior, eap};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn close(a: Estimate, b: Estimate, tol: f64) -> bool {
        (a.theta - b.theta).abs() < tol && (a.se - b.se).abs() < tol
    }

    #[test]
    fn the_walk_gives_the_direct_estimate() {
        let items: Vec<Item> = (0..30)
            .map(|i| {
                let i = f64::from(i);
                Item::two_pl(0.4 + 0.07 * i, -2.5 + 0.17 * i)
            })
            .collect();
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior { mean: 0.3, sd: 1.2 });
        let Some(grid) = SlopeGrid::for_items(&items, &quad) else {
            panic!("2PL items on an even grid have a slope grid");
        };
        let full = grid.shared(&[]).expect("moderate slopes");
        let patterns: [fn(usize) -> usize; 4] = [|_| 0, |_| 1, |j| j % 2, |j| usize::from(j < 12)];
        let mut buffer = grid.walk_buffer();
        for pattern in patterns {
            let direct: Vec<(&Item, usize)> = items
                .iter()
                .enumerate()
                .map(|(j, it)| (it, pattern(j)))
                .collect();
            let score = grid.score((0..30).filter(|&j| pattern(j) == 1));
            let fast = grid.eap(&full, score);
            assert!(close(fast, eap(&direct, &quad), 1e-12), "{fast:?}");
            // The window holds the mode's 1 and falls to negligible weights at both ends, unless
            // it reaches the grid's.
            let walk = grid.walk(&full, score, &mut buffer);
            let window = &buffer[41 + walk.lo..=41 + walk.hi];
            assert_eq!(window[walk.mode - walk.lo], 1.0);
            assert!(window.iter().all(|w| (0.0..=1.0 + 1e-12).contains(w)));
            assert!(walk.lo == 0 || window[0] < NEGLIGIBLE);
            assert!(walk.hi == 40 || window[window.len() - 1] < NEGLIGIBLE);
            assert!(
                walk.hi - walk.lo < 40,
                "a 30-item posterior is narrower than the grid"
            );
        }
        // Skipped items drop out of the shared terms.
        let skipped = [3_u32, 10, 29];
        let part = grid.shared(&skipped).expect("moderate slopes");
        let direct: Vec<(&Item, usize)> = items
            .iter()
            .enumerate()
            .filter(|(j, _)| !skipped.contains(&(*j as u32)))
            .map(|(j, it)| (it, j % 3 % 2))
            .collect();
        let score =
            grid.score((0..30).filter(|&j| j % 3 % 2 == 1 && !skipped.contains(&(j as u32))));
        assert!(close(grid.eap(&part, score), eap(&direct, &quad), 1e-12));
    }

    #[test]
    fn a_row_scores_to_its_slope_sum_and_step_factor() {
        let items: Vec<Item> = (0..23)
            .map(|j| Item::two_pl(0.3 + 0.11 * f64::from(j), 0.0))
            .collect();
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let grid = SlopeGrid::for_items(&items, &quad).expect("moderate slopes");
        let full = grid.shared(&[]).expect("moderate factors");
        for pattern in [0_u32, 1, 0x55_5555, 0x7f_ffff, 0x12_3456] {
            let row: Vec<u8> = (0..23).map(|j| u8::from(pattern >> j & 1 == 1)).collect();
            let (score, ratio) = grid.score_row(&row);
            let want = grid.score((0..23).filter(|&j| row[j] == 1));
            assert!((score - want).abs() < 1e-13, "{pattern:#x}");
            let exact = libm::exp(want * 0.3);
            assert!((ratio / exact - 1.0).abs() < 1e-14, "{pattern:#x}");
            let (a, b) = (grid.eap_at(&full, score, ratio), grid.eap(&full, want));
            assert!(close(a, b, 1e-13), "{pattern:#x}: {a:?} {b:?}");
        }
    }

    #[test]
    fn long_steep_tests_stay_finite_and_guessing_is_refused() {
        let items: Vec<Item> = (0..400)
            .map(|i| Item::two_pl(2.5, -3.0 + 6.0 * f64::from(i) / 400.0))
            .collect();
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let grid = SlopeGrid::for_items(&items, &quad).expect("400 × 2.5 × 0.3 is within bounds");
        let full = grid.shared(&[]).expect("moderate factors");
        for right in [0, 1, 200, 399, 400] {
            let direct: Vec<(&Item, usize)> = items
                .iter()
                .enumerate()
                .map(|(j, it)| (it, usize::from(j < right)))
                .collect();
            let fast = grid.eap(&full, grid.score(0..right));
            assert!(fast.theta.is_finite() && fast.se.is_finite());
            assert!(close(fast, eap(&direct, &quad), 1e-9), "{right}: {fast:?}");
        }
        let steep: Vec<Item> = (0..2000).map(|_| Item::two_pl(3.0, 0.0)).collect();
        assert!(SlopeGrid::for_items(&steep, &quad).is_none());
        assert!(SlopeGrid::for_items(&[Item::three_pl(1.0, 0.0, 0.2)], &quad).is_none());
        assert!(
            SlopeGrid::for_items(
                &[Item::Graded {
                    a: 1.0,
                    b: vec![0.5]
                }],
                &quad
            )
            .is_some()
        );
    }
}
