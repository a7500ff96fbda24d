//! Ability estimation from scored responses: EAP, MAP and MLE, each with its standard error.

use serde::{Deserialize, Serialize};

use super::IrtError;
use super::model::Item;

/// An ability estimate and its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The estimate of θ.
    pub theta: f64,
    /// Its standard error (the posterior SD for EAP).
    pub se: f64,
}

/// How θ is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Expected a posteriori, by quadrature over the prior.
    #[serde(rename = "EAP")]
    Eap,
    /// Maximum a posteriori (the posterior mode).
    #[serde(rename = "MAP")]
    Map,
    /// Maximum likelihood, clamped to the bounds.
    #[serde(rename = "MLE")]
    Mle,
}

impl Method {
    /// Parses `EAP`, `MAP` or `MLE` (case-insensitive; `ML` is accepted for MLE).
    pub fn parse(name: &str) -> Option<Method> {
        match name.trim().to_ascii_uppercase().as_str() {
            "EAP" => Some(Method::Eap),
            "MAP" => Some(Method::Map),
            "MLE" | "ML" => Some(Method::Mle),
            _ => None,
        }
    }
}

/// A normal prior on θ.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prior {
    /// Mean.
    pub mean: f64,
    /// Standard deviation (> 0).
    pub sd: f64,
}

impl Default for Prior {
    fn default() -> Self {
        Prior { mean: 0.0, sd: 1.0 }
    }
}

/// Everything an estimator needs besides the responses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EstimatorConfig {
    /// The method.
    pub method: Method,
    /// Prior on θ (EAP and MAP).
    pub prior: Prior,
    /// Number of quadrature points for EAP.
    pub points: usize,
    /// Lowest quadrature point, and the lower bound of MAP and MLE.
    pub min: f64,
    /// Highest quadrature point, and the upper bound of MAP and MLE.
    pub max: f64,
}

impl Default for EstimatorConfig {
    fn default() -> Self {
        EstimatorConfig {
            method: Method::Eap,
            prior: Prior::default(),
            points: 41,
            min: -6.0,
            max: 6.0,
        }
    }
}

impl EstimatorConfig {
    /// Checks the numbers: a positive prior SD, at least two points, `min < max`.
    ///
    /// # Errors
    /// [`IrtError::Config`] naming the offending field.
    pub fn validate(&self) -> Result<(), IrtError> {
        let bad = |field: &str, message: &str| {
            Err(IrtError::Config {
                field: field.to_string(),
                message: message.to_string(),
            })
        };
        if !(self.prior.sd.is_finite() && self.prior.sd > 0.0) {
            return bad("prior.sd", "must be a positive number");
        }
        if !self.prior.mean.is_finite() {
            return bad("prior.mean", "must be a finite number");
        }
        if !(2..=1001).contains(&self.points) {
            return bad("points", "must be between 2 and 1001");
        }
        if !(self.min.is_finite() && self.max.is_finite() && self.min < self.max) {
            return bad("min", "min and max must be finite with min < max");
        }
        Ok(())
    }

    /// The quadrature grid this configuration describes.
    ///
    /// # Errors
    /// As [`EstimatorConfig::validate`].
    pub fn quadrature(&self) -> Result<Quadrature, IrtError> {
        self.validate()?;
        Ok(Quadrature::normal(
            self.points,
            self.min,
            self.max,
            self.prior,
        ))
    }

    /// Estimates θ from `(item, category)` pairs with this configuration.
    ///
    /// # Errors
    /// As [`EstimatorConfig::validate`].
    pub fn estimate(&self, responses: &[(&Item, usize)]) -> Result<Estimate, IrtError> {
        self.validate()?;
        Ok(match self.method {
            Method::Eap => eap(responses, &self.quadrature()?),
            Method::Map => map(responses, self.prior, self.min, self.max),
            Method::Mle => mle(responses, self.min, self.max),
        })
    }
}

/// Equally spaced points with normalised normal-density weights (the grid `mirt` uses).
#[derive(Debug, Clone, PartialEq)]
pub struct Quadrature {
    points: Vec<f64>,
    weights: Vec<f64>,
    log_weights: Vec<f64>,
}

impl Quadrature {
    /// `n` points from `min` to `max` weighted by the `prior` density (`n ≥ 2`, `min < max`).
    pub fn normal(n: usize, min: f64, max: f64, prior: Prior) -> Quadrature {
        let n = n.max(2);
        let step = (max - min) / (n - 1) as f64;
        let points: Vec<f64> = (0..n).map(|i| min + step * i as f64).collect();
        let dens: Vec<f64> = points
            .iter()
            .map(|x| {
                let z = (x - prior.mean) / prior.sd;
                libm::exp(-0.5 * z * z)
            })
            .collect();
        let total: f64 = dens.iter().sum();
        let weights: Vec<f64> = dens.iter().map(|d| d / total).collect();
        let log_weights = weights.iter().map(|w| libm::log(*w)).collect();
        Quadrature {
            points,
            weights,
            log_weights,
        }
    }

    /// The points.
    pub fn points(&self) -> &[f64] {
        &self.points
    }

    /// The weights (they sum to 1).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Natural logarithms of the weights.
    pub fn log_weights(&self) -> &[f64] {
        &self.log_weights
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there are no points (never true for a grid built by [`Quadrature::normal`]).
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Turns log-likelihoods at the points into the EAP estimate, leaving the normalised
    /// posterior in `log_lik`. Returns the estimate and the log marginal likelihood.
    pub fn posterior(&self, log_lik: &mut [f64]) -> (Estimate, f64) {
        let mut top = f64::NEG_INFINITY;
        for (l, lw) in log_lik.iter_mut().zip(&self.log_weights) {
            *l += lw;
            top = top.max(*l);
        }
        let mut total = 0.0;
        let mut first = 0.0;
        for (l, x) in log_lik.iter_mut().zip(&self.points) {
            *l = libm::exp(*l - top);
            total += *l;
            first += *l * x;
        }
        let mean = first / total;
        let mut second = 0.0;
        for (l, x) in log_lik.iter_mut().zip(&self.points) {
            *l /= total;
            second += *l * (x - mean) * (x - mean);
        }
        let estimate = Estimate {
            theta: mean,
            se: libm::sqrt(second),
        };
        (estimate, top + libm::log(total))
    }
}

/// EAP: the posterior mean and SD of θ over the quadrature grid.
pub fn eap(responses: &[(&Item, usize)], quad: &Quadrature) -> Estimate {
    let mut log_lik: Vec<f64> = vec![0.0; quad.len()];
    for (item, k) in responses {
        for (l, x) in log_lik.iter_mut().zip(quad.points()) {
            *l += libm::log(item.prob(*x, *k).max(super::model::P_FLOOR));
        }
    }
    quad.posterior(&mut log_lik).0
}

/// Sum of log-likelihood derivatives and the expected information at `theta`.
fn derivs(responses: &[(&Item, usize)], theta: f64) -> (f64, f64, f64) {
    let mut d1 = 0.0;
    let mut d2 = 0.0;
    let mut info = 0.0;
    for (item, k) in responses {
        let (_, g, h) = item.log_prob_derivs(theta, *k);
        d1 += g;
        d2 += h;
        info += item.information(theta);
    }
    (d1, d2, info)
}

/// Finds the root of a decreasing-at-the-root gradient in `[lo, hi]` by Newton steps, falling back
/// to bisection whenever a step leaves the bracket or the curvature has the wrong sign.
fn solve(mut lo: f64, mut hi: f64, start: f64, grad: impl Fn(f64) -> (f64, f64)) -> f64 {
    let (g_lo, _) = grad(lo);
    if g_lo <= 0.0 {
        return lo;
    }
    let (g_hi, _) = grad(hi);
    if g_hi >= 0.0 {
        return hi;
    }
    let mut x = start.clamp(lo, hi);
    for _ in 0..100 {
        let (g, h) = grad(x);
        if g == 0.0 {
            return x;
        }
        // Keep a bracket with g(lo) > 0 > g(hi): the root of interest is a maximum.
        if g > 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = if h < 0.0 { x - g / h } else { f64::NAN };
        let next = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - x).abs() < 1e-10 || hi - lo < 1e-10 {
            return next;
        }
        x = next;
    }
    x
}

/// MAP: the mode of the posterior under a normal prior, found in `[min, max]`.
///
/// The standard error is `1/√(−ℓ''(θ̂))` from the observed curvature of the log posterior, or the
/// expected information plus the prior precision where the curvature is not negative (3PL).
pub fn map(responses: &[(&Item, usize)], prior: Prior, min: f64, max: f64) -> Estimate {
    let precision = 1.0 / (prior.sd * prior.sd);
    let grad = |t: f64| {
        let (d1, d2, _) = derivs(responses, t);
        (d1 - (t - prior.mean) * precision, d2 - precision)
    };
    let theta = solve(min, max, prior.mean, grad);
    let (_, d2, info) = derivs(responses, theta);
    let curvature = if d2 - precision < 0.0 {
        precision - d2
    } else {
        info + precision
    };
    Estimate {
        theta,
        se: 1.0 / libm::sqrt(curvature),
    }
}

/// MLE: the maximum of the likelihood in `[min, max]`.
///
/// All-right and all-wrong patterns (and any pattern whose likelihood keeps rising towards a
/// bound) get that bound. The standard error is `1/√I(θ̂)` from the test information; with no
/// responses it is infinite.
pub fn mle(responses: &[(&Item, usize)], min: f64, max: f64) -> Estimate {
    let grad = |t: f64| {
        let (d1, d2, _) = derivs(responses, t);
        (d1, d2)
    };
    let theta = if responses.is_empty() {
        0.5 * (min + max)
    } else {
        solve(min, max, 0.5 * (min + max), grad)
    };
    let (_, _, info) = derivs(responses, theta);
    Estimate {
        theta,
        se: if info > 0.0 {
            1.0 / libm::sqrt(info)
        } else {
            f64::INFINITY
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn bank() -> Vec<Item> {
        (0..20)
            .map(|i| Item::two_pl(0.8 + 0.05 * i as f64, -2.0 + 0.2 * i as f64))
            .collect()
    }

    #[test]
    fn eap_without_responses_is_the_prior() {
        let quad = Quadrature::normal(121, -8.5, 9.5, Prior { mean: 0.5, sd: 1.5 });
        let e = eap(&[], &quad);
        assert!((e.theta - 0.5).abs() < 1e-9, "{e:?}");
        assert!((e.se - 1.5).abs() < 1e-6, "{e:?}");
    }

    #[test]
    fn map_and_mle_solve_their_score_equations() {
        let items = bank();
        let responses: Vec<(&Item, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item, usize::from(i % 3 != 0 && i < 14)))
            .collect();
        let prior = Prior::default();
        let m = map(&responses, prior, -6.0, 6.0);
        let (d1, _, _) = derivs(&responses, m.theta);
        assert!(
            (d1 - m.theta).abs() < 1e-8,
            "MAP score {d1} vs prior pull {}",
            m.theta
        );
        let l = mle(&responses, -6.0, 6.0);
        let (d1, _, info) = derivs(&responses, l.theta);
        assert!(d1.abs() < 1e-8);
        assert!((l.se - 1.0 / libm::sqrt(info)).abs() < 1e-12);
        // The prior pulls MAP towards 0 and narrows it.
        assert!(m.theta.abs() < l.theta.abs());
        assert!(m.se < l.se);
    }

    #[test]
    fn mle_of_extreme_patterns_is_the_bound() {
        let items = bank();
        let right: Vec<(&Item, usize)> = items.iter().map(|i| (i, 1)).collect();
        let wrong: Vec<(&Item, usize)> = items.iter().map(|i| (i, 0)).collect();
        assert_eq!(mle(&right, -4.0, 4.0).theta, 4.0);
        assert_eq!(mle(&wrong, -4.0, 4.0).theta, -4.0);
        assert!(mle(&right, -4.0, 4.0).se.is_finite());
        assert_eq!(mle(&[], -4.0, 4.0).se, f64::INFINITY);
        // MAP and EAP stay finite and inside.
        let m = map(&right, Prior::default(), -4.0, 4.0);
        assert!(m.theta > 1.0 && m.theta < 4.0, "{m:?}");
    }

    #[test]
    fn map_with_three_pl_items_stays_in_bounds_and_agrees_with_a_grid_search() {
        let items: Vec<Item> = (0..15)
            .map(|i| Item::three_pl(1.8, -1.5 + 0.25 * i as f64, 0.25))
            .collect();
        // An erratic pattern: hard items right, easy ones wrong.
        let responses: Vec<(&Item, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item, usize::from(i % 2 == 1 || i > 11)))
            .collect();
        let m = map(&responses, Prior::default(), -6.0, 6.0);
        let log_post = |t: f64| -> f64 {
            responses
                .iter()
                .map(|(it, k)| libm::log(it.prob(t, *k)))
                .sum::<f64>()
                - 0.5 * t * t
        };
        let best = (0..12001).map(|i| -6.0 + 0.001 * i as f64).fold(
            (f64::NEG_INFINITY, 0.0),
            |(bv, bt), t| {
                let v = log_post(t);
                if v > bv { (v, t) } else { (bv, bt) }
            },
        );
        assert!((m.theta - best.1).abs() < 2e-3, "{m:?} vs grid {best:?}");
        assert!(m.se.is_finite() && m.se > 0.0);
    }

    #[test]
    fn eap_agrees_with_map_for_long_tests() {
        let items: Vec<Item> = (0..60)
            .map(|i| Item::two_pl(1.5, -3.0 + 0.1 * i as f64))
            .collect();
        let responses: Vec<(&Item, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it, usize::from(i < 38)))
            .collect();
        let quad = Quadrature::normal(81, -6.0, 6.0, Prior::default());
        let e = eap(&responses, &quad);
        let m = map(&responses, Prior::default(), -6.0, 6.0);
        assert!((e.theta - m.theta).abs() < 0.02, "{e:?} {m:?}");
        assert!((e.se - m.se).abs() < 0.02, "{e:?} {m:?}");
    }

    #[test]
    fn config_validation_names_the_field() {
        let mut config = EstimatorConfig::default();
        config.prior.sd = 0.0;
        assert!(
            matches!(config.validate(), Err(IrtError::Config { field, .. }) if field == "prior.sd")
        );
        assert_eq!(Method::parse("ml"), Some(Method::Mle));
        assert_eq!(Method::parse("eap"), Some(Method::Eap));
        assert_eq!(Method::parse("WLE"), None);
    }
}
