//! Computerised adaptive testing: the next item as a pure function of the pool, the responses so
//! far and the seed.
//!
//! A step estimates θ from the responses, checks the stopping rule, then picks the next item:
//! content balancing chooses the area furthest below its target share, maximum Fisher information
//! at θ̂ ranks that area's unused items, randomesque-K draws one of the top K, and Sympson–Hetter
//! keeps it with probability equal to its exposure parameter. The Sympson–Hetter draw for an item
//! is made once per test (its own stream, keyed by the test's label and the item id), so an item
//! refused once stays refused for the rest of that test, as in the original procedure, without
//! the step having to remember anything. Randomesque draws come from a stream per step, keyed by
//! the label and the step number, so the backend replays any step from the log alone.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::IrtError;
use super::estimate::{Estimate, EstimatorConfig, Method, Quadrature, map, mle};
use super::model::{Item, ModelKind};
use super::random::uniform;
use super::table::LogTable;
use crate::seed::Stream;

/// One item of an adaptive pool.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolItem {
    /// Identifier, unique in the pool.
    pub id: String,
    /// Content area, for content balancing.
    pub area: Option<String>,
    /// Sympson–Hetter exposure parameter: the chance the item is given once selected (1 = always).
    pub exposure: f64,
    /// The model its parameters belong to.
    pub model: ModelKind,
    /// The parameters.
    pub item: Item,
}

/// When an adaptive test ends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StopRule {
    /// Never stop before this many items.
    pub min_items: usize,
    /// Always stop at this many items.
    pub max_items: usize,
    /// Stop once the standard error is at most this (after `min_items`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub se: Option<f64>,
}

impl Default for StopRule {
    fn default() -> Self {
        StopRule {
            min_items: 5,
            max_items: 30,
            se: Some(0.3),
        }
    }
}

/// How an adaptive test estimates, selects and stops.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CatConfig {
    /// The ability estimator (EAP by default).
    pub estimator: EstimatorConfig,
    /// Choose at random among this many most informative items (1 = pure maximum information).
    pub randomesque: usize,
    /// Apply the items' Sympson–Hetter exposure parameters.
    pub sympson_hetter: bool,
    /// Target share of each content area (normalised to sum to 1; empty = no balancing).
    pub content: BTreeMap<String, f64>,
    /// When to stop.
    pub stop: StopRule,
}

impl Default for CatConfig {
    fn default() -> Self {
        CatConfig {
            estimator: EstimatorConfig::default(),
            randomesque: 1,
            sympson_hetter: false,
            content: BTreeMap::new(),
            stop: StopRule::default(),
        }
    }
}

/// Why an adaptive test stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The standard error reached its target.
    Se,
    /// The maximum length was reached.
    MaxItems,
    /// No unused item is left.
    PoolExhausted,
}

/// The outcome of one adaptive step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// θ and SE from the responses so far.
    pub estimate: Estimate,
    /// Index in the pool of the item to give next (`None` once stopped).
    pub next: Option<usize>,
    /// Why the test is over, if it is.
    pub stop: Option<StopReason>,
}

/// An adaptive pool with the configuration it is run under, tabulated for fast steps.
#[derive(Debug, Clone)]
pub struct Pool {
    items: Vec<PoolItem>,
    config: CatConfig,
    quad: Quadrature,
    table: LogTable,
    area_of: Vec<Option<usize>>,
    targets: Vec<f64>,
    /// Items by their maximum information, highest first: the selection scans this order and
    /// stops once no remaining item could beat the K-th best found.
    by_bound: Vec<(f64, usize)>,
}

impl Pool {
    /// Checks the configuration against the pool and tabulates the items.
    ///
    /// # Errors
    /// [`IrtError::Config`] for an empty pool, duplicate ids, bad estimator settings, a negative
    /// target share, a target for an area no item has, or `min_items > max_items`.
    pub fn new(items: Vec<PoolItem>, config: CatConfig) -> Result<Pool, IrtError> {
        let bad = |field: &str, message: String| IrtError::Config {
            field: field.to_string(),
            message,
        };
        if items.is_empty() {
            return Err(bad("pool", "the pool has no items".into()));
        }
        let mut seen = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(first) = seen.insert(item.id.as_str(), i) {
                return Err(bad(
                    "pool",
                    format!("items {first} and {i} share the id {:?}", item.id),
                ));
            }
        }
        let quad = config.estimator.quadrature()?;
        if config.stop.min_items > config.stop.max_items {
            return Err(bad(
                "stop.min_items",
                "is larger than stop.max_items".into(),
            ));
        }
        if let Some(se) = config.stop.se
            && !(se.is_finite() && se > 0.0)
        {
            return Err(bad("stop.se", "must be a positive number".into()));
        }
        let total: f64 = config.content.values().sum();
        let mut targets = Vec::new();
        let names: Vec<&String> = config.content.keys().collect();
        for (name, share) in &config.content {
            if !(share.is_finite() && *share >= 0.0) {
                return Err(bad(
                    &format!("content.{name}"),
                    "must be a share of at least 0".into(),
                ));
            }
            if !items.iter().any(|i| i.area.as_ref() == Some(name)) {
                return Err(bad(
                    &format!("content.{name}"),
                    "no item in the pool has this area".into(),
                ));
            }
            targets.push(if total > 0.0 { share / total } else { 0.0 });
        }
        let area_of = items
            .iter()
            .map(|i| i.area.as_ref().and_then(|a| names.binary_search(&a).ok()))
            .collect();
        let models: Vec<Item> = items.iter().map(|i| i.item.clone()).collect();
        let table = LogTable::new(&models, &quad);
        let mut by_bound: Vec<(f64, usize)> = models
            .iter()
            .enumerate()
            // A hair of slack absorbs rounding between the closed-form maximum and the
            // information computed at a point.
            .map(|(j, m)| (m.max_information() * (1.0 + 1e-9) + 1e-300, j))
            .collect();
        by_bound.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        Ok(Pool {
            items,
            config,
            quad,
            table,
            area_of,
            targets,
            by_bound,
        })
    }

    /// The items.
    pub fn items(&self) -> &[PoolItem] {
        &self.items
    }

    /// The configuration.
    pub fn config(&self) -> &CatConfig {
        &self.config
    }

    /// Index of the item with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// Replaces the Sympson–Hetter exposure parameters (one per item, each in `(0, 1]`).
    pub fn set_exposure(&mut self, exposure: &[f64]) {
        for (item, k) in self.items.iter_mut().zip(exposure) {
            item.exposure = k.clamp(f64::MIN_POSITIVE, 1.0);
        }
    }

    /// θ and SE from `(pool index, category)` responses under the configured estimator.
    pub fn estimate(&self, responses: &[(usize, usize)]) -> Estimate {
        let est = &self.config.estimator;
        match est.method {
            Method::Eap => self
                .table
                .eap(&self.quad, responses.iter().copied(), &mut Vec::new()),
            Method::Map | Method::Mle => {
                let pairs: Vec<(&Item, usize)> = responses
                    .iter()
                    .map(|&(j, k)| (&self.items[j].item, k))
                    .collect();
                if est.method == Method::Map {
                    map(&pairs, est.prior, est.min, est.max)
                } else {
                    mle(&pairs, est.min, est.max)
                }
            }
        }
    }

    /// One adaptive step: the estimate so far, then the next item or the reason to stop.
    ///
    /// `responses` are `(pool index, category)` in the order given; `label` names the test (a
    /// session's section id, say) so different tests on one seed draw independently.
    ///
    /// # Errors
    /// [`IrtError::Data`] if a response names an item outside the pool, a category the item does
    /// not have, or an item twice.
    pub fn step(
        &self,
        responses: &[(usize, usize)],
        seed: u64,
        label: &str,
    ) -> Result<Step, IrtError> {
        self.step_observed(responses, seed, label, None)
    }

    /// Replays an adaptive test from its answers, `(item id, category)` in the order given:
    /// every step is recomputed and each answer must be to the item that step chose. Returns the
    /// steps, one per answer plus the final one, so the caller gets the item path, θ and SE.
    ///
    /// # Errors
    /// [`IrtError::Data`] naming the answer: an unknown item, an item other than the one the
    /// step selected, a category the item does not have, or an answer after the test stopped.
    pub fn replay(
        &self,
        answers: &[(&str, usize)],
        seed: u64,
        label: &str,
    ) -> Result<Vec<Step>, IrtError> {
        let mut responses = Vec::with_capacity(answers.len());
        let mut steps = Vec::with_capacity(answers.len() + 1);
        for (n, &(id, k)) in answers.iter().enumerate() {
            let step = self.step(&responses, seed, label)?;
            let Some(next) = step.next else {
                return Err(IrtError::Data {
                    message: format!("answer {n}: the test had already stopped"),
                });
            };
            if self.items[next].id != id {
                return Err(IrtError::Data {
                    message: format!(
                        "answer {n}: item {id:?} answered, but the step selected {:?}",
                        self.items[next].id
                    ),
                });
            }
            steps.push(step);
            responses.push((next, k));
        }
        steps.push(self.step(&responses, seed, label)?);
        Ok(steps)
    }

    /// [`Pool::step`], counting in `offered` every item that was put to the exposure draw.
    pub(crate) fn step_observed(
        &self,
        responses: &[(usize, usize)],
        seed: u64,
        label: &str,
        offered: Option<&mut [u32]>,
    ) -> Result<Step, IrtError> {
        let mut used = vec![false; self.items.len()];
        for (n, &(j, k)) in responses.iter().enumerate() {
            let Some(item) = self.items.get(j) else {
                return Err(IrtError::Data {
                    message: format!("response {n}: item index {j} is outside the pool"),
                });
            };
            if k >= item.item.categories() {
                return Err(IrtError::Data {
                    message: format!("response {n}: item {} has no category {k}", item.id),
                });
            }
            if std::mem::replace(&mut used[j], true) {
                return Err(IrtError::Data {
                    message: format!("response {n}: item {} was already given", item.id),
                });
            }
        }
        let estimate = self.estimate(responses);
        let stop = &self.config.stop;
        let n = responses.len();
        let reason = if n >= stop.max_items {
            Some(StopReason::MaxItems)
        } else if n >= stop.min_items && stop.se.is_some_and(|se| estimate.se <= se) {
            Some(StopReason::Se)
        } else if n >= self.items.len() {
            Some(StopReason::PoolExhausted)
        } else {
            None
        };
        if reason.is_some() {
            return Ok(Step {
                estimate,
                next: None,
                stop: reason,
            });
        }
        let mut stream = Stream::new(seed, "cat", &format!("{label}\0{n}"));
        let next = self.select(
            estimate.theta,
            responses,
            &used,
            &mut stream,
            (seed, label),
            offered,
        );
        Ok(Step {
            estimate,
            next: Some(next),
            stop: None,
        })
    }

    /// The content area to draw from: the one furthest below its target share after this item.
    fn area(&self, responses: &[(usize, usize)], used: &[bool]) -> Option<usize> {
        if self.targets.is_empty() {
            return None;
        }
        let mut counts = vec![0usize; self.targets.len()];
        for &(j, _) in responses {
            if let Some(a) = self.area_of[j] {
                counts[a] += 1;
            }
        }
        let mut available = vec![false; self.targets.len()];
        for (j, area) in self.area_of.iter().enumerate() {
            if let Some(a) = area
                && !used[j]
            {
                available[*a] = true;
            }
        }
        let after = (responses.len() + 1) as f64;
        let mut best: Option<(usize, f64)> = None;
        for (a, target) in self.targets.iter().enumerate() {
            if !available[a] || *target <= 0.0 {
                continue;
            }
            let deficit = target * after - counts[a] as f64;
            // Ties go to the first area in name order, which keeps the choice reproducible.
            if best.is_none_or(|(_, d)| deficit > d) {
                best = Some((a, deficit));
            }
        }
        best.map(|(a, _)| a)
    }

    /// The `k` most informative eligible items at `theta`, most informative first; equal
    /// information goes to the lower index. The order is total, so the result is the same set and
    /// order a full scan would give.
    fn top(
        &self,
        theta: f64,
        k: usize,
        used: &[bool],
        area: Option<usize>,
        refused: &[usize],
    ) -> Vec<(f64, usize)> {
        let before = |x: &(f64, usize), y: &(f64, usize)| -> bool {
            x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)) == Ordering::Greater
        };
        let mut top: Vec<(f64, usize)> = Vec::with_capacity(k + 1);
        for &(bound, j) in &self.by_bound {
            if top.len() == k && top.last().is_some_and(|last| bound < last.0) {
                break;
            }
            if used[j] || (area.is_some() && self.area_of[j] != area) || refused.contains(&j) {
                continue;
            }
            let entry = (self.items[j].item.information(theta), j);
            if top.len() == k && top.last().is_some_and(|last| !before(&entry, last)) {
                continue;
            }
            let at = top
                .iter()
                .position(|t| before(&entry, t))
                .unwrap_or(top.len());
            top.insert(at, entry);
            top.truncate(k);
        }
        top
    }

    fn select(
        &self,
        theta: f64,
        responses: &[(usize, usize)],
        used: &[bool],
        stream: &mut Stream,
        (seed, label): (u64, &str),
        mut offered: Option<&mut [u32]>,
    ) -> usize {
        let area = self.area(responses, used);
        let k = self.config.randomesque.max(1);
        let mut refused: Vec<usize> = Vec::new();
        let mut first_choice = None;
        loop {
            let top = self.top(theta, k, used, area, &refused);
            let Some(&(_, best)) = top.first() else {
                break;
            };
            first_choice.get_or_insert(best);
            let pick = stream.below(top.len() as u64) as usize;
            let (_, j) = top[pick];
            if let Some(counts) = offered.as_deref_mut() {
                counts[j] += 1;
            }
            let item = &self.items[j];
            if !self.config.sympson_hetter || item.exposure >= 1.0 {
                return j;
            }
            let mut draw = Stream::new(seed, "sympson-hetter", &format!("{label}\0{}", item.id));
            if uniform(&mut draw) < item.exposure {
                return j;
            }
            refused.push(j);
        }
        // Every candidate lost its exposure draw: give the most informative one rather than none.
        first_choice.unwrap_or(0)
    }
}

/// Summary of a simulated adaptive administration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatReport {
    /// Number of simulees.
    pub examinees: usize,
    /// Mean number of items given.
    pub mean_length: f64,
    /// Root mean squared error of the final θ̂ against the true θ.
    pub rmse: f64,
    /// Mean of θ̂ − θ.
    pub bias: f64,
    /// Mean final standard error.
    pub mean_se: f64,
    /// Share of simulees who saw each item, in pool order.
    pub exposure: Vec<f64>,
    /// The largest exposure rate.
    pub max_exposure: f64,
    /// Share of pool items never given.
    pub unused_share: f64,
    /// How many tests ended for each reason.
    pub stops: BTreeMap<String, usize>,
}

/// One simulee's adaptive test: the responses given and the final step.
pub fn simulate_one(
    pool: &Pool,
    theta: f64,
    seed: u64,
    label: &str,
    offered: Option<&mut [u32]>,
) -> Result<(Vec<(usize, usize)>, Step), IrtError> {
    let mut answers = Stream::new(seed, "cat-simulee", label);
    let mut responses = Vec::new();
    let mut offered = offered;
    loop {
        let step = pool.step_observed(&responses, seed, label, offered.as_deref_mut())?;
        match step.next {
            Some(j) => {
                let k = super::random::response(&pool.items[j].item, theta, &mut answers);
                responses.push((j, k));
            }
            None => return Ok((responses, step)),
        }
    }
}

/// Simulates adaptive tests for the given true abilities and summarises them.
///
/// # Errors
/// None in practice: the simulated responses always fit the pool.
pub fn simulate(pool: &Pool, thetas: &[f64], seed: u64) -> Result<CatReport, IrtError> {
    run(pool, thetas, seed, None)
}

fn run(
    pool: &Pool,
    thetas: &[f64],
    seed: u64,
    mut offered: Option<&mut [u32]>,
) -> Result<CatReport, IrtError> {
    let mut given = vec![0u32; pool.items.len()];
    let (mut length, mut sq, mut bias, mut se) = (0usize, 0.0, 0.0, 0.0);
    let mut stops: BTreeMap<String, usize> = BTreeMap::new();
    let mut mine = vec![0u32; pool.items.len()];
    for (e, &theta) in thetas.iter().enumerate() {
        mine.fill(0);
        let label = format!("simulee{e}");
        let (responses, last) = simulate_one(pool, theta, seed, &label, Some(&mut mine))?;
        if let Some(total) = offered.as_deref_mut() {
            // P(S) counts the simulees to whom an item was offered, however many times.
            for (t, &m) in total.iter_mut().zip(&mine) {
                *t += u32::from(m > 0);
            }
        }
        length += responses.len();
        for (j, _) in &responses {
            given[*j] += 1;
        }
        let err = last.estimate.theta - theta;
        sq += err * err;
        bias += err;
        se += last.estimate.se;
        let reason = last.stop.map_or("none", |r| match r {
            StopReason::Se => "se",
            StopReason::MaxItems => "max_items",
            StopReason::PoolExhausted => "pool_exhausted",
        });
        *stops.entry(reason.to_string()).or_default() += 1;
    }
    let n = thetas.len().max(1) as f64;
    let exposure: Vec<f64> = given.iter().map(|&g| f64::from(g) / n).collect();
    let max_exposure = exposure.iter().copied().fold(0.0, f64::max);
    let unused = given.iter().filter(|&&g| g == 0).count() as f64 / given.len() as f64;
    Ok(CatReport {
        examinees: thetas.len(),
        mean_length: length as f64 / n,
        rmse: libm::sqrt(sq / n),
        bias: bias / n,
        mean_se: se / n,
        exposure,
        max_exposure,
        unused_share: unused,
        stops,
    })
}

/// Sympson–Hetter exposure parameters by the usual iterative simulation: each round runs the
/// simulees with the current parameters, measures for each item the share `P(S)` of simulees to
/// whom it was offered, and lowers `k` to `r_max / P(S)` where `P(S) · k` would exceed `r_max`.
///
/// The pool's own parameters are replaced by the result, which is also returned.
///
/// # Errors
/// As [`simulate`].
pub fn calibrate_exposure(
    pool: &mut Pool,
    thetas: &[f64],
    seed: u64,
    r_max: f64,
    rounds: usize,
) -> Result<Vec<f64>, IrtError> {
    let mut k = vec![1.0; pool.items.len()];
    pool.set_exposure(&k);
    let n = thetas.len().max(1) as f64;
    for round in 0..rounds {
        let mut offered = vec![0u32; pool.items.len()];
        // A different seed each round keeps the parameters from fitting one set of draws.
        run(
            pool,
            thetas,
            seed.wrapping_add(round as u64),
            Some(&mut offered),
        )?;
        for (kj, &o) in k.iter_mut().zip(&offered) {
            let p_select = f64::from(o) / n;
            // Never raising k keeps the iteration monotone, so it settles instead of oscillating
            // as the classic reset to 1 does when suppressing one item promotes another.
            if p_select > r_max {
                *kj = kj.min(r_max / p_select);
            }
        }
        pool.set_exposure(&k);
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn pool_items(n: usize) -> Vec<PoolItem> {
        let mut s = Stream::new(1, "test", "pool");
        (0..n)
            .map(|i| PoolItem {
                id: format!("i{i}"),
                area: Some(["logic", "ml", "stats"][i % 3].to_string()),
                exposure: 1.0,
                model: ModelKind::TwoPl,
                item: Item::two_pl(0.6 + 1.4 * uniform(&mut s), -2.5 + 5.0 * uniform(&mut s)),
            })
            .collect()
    }

    #[test]
    fn first_item_is_the_most_informative_at_the_prior_mean() {
        let pool = Pool::new(pool_items(60), CatConfig::default()).unwrap();
        let step = pool.step(&[], 1, "s").unwrap();
        let j = step.next.unwrap();
        let best = (0..60)
            .max_by(|&x, &y| {
                pool.items[x]
                    .item
                    .information(0.0)
                    .total_cmp(&pool.items[y].item.information(0.0))
            })
            .unwrap();
        assert_eq!(j, best);
        assert!((step.estimate.theta).abs() < 1e-12);
    }

    #[test]
    fn pruned_top_k_equals_a_full_sort() {
        let mut items = pool_items(300);
        // Graded and 3PL items and exact ties exercise the bounds and the tie-break.
        items[7].item = Item::Graded {
            a: 2.5,
            b: vec![-0.5, 0.4],
        };
        items[8].item = Item::three_pl(2.4, 0.1, 0.25);
        items[9].item = items[10].item.clone();
        let pool = Pool::new(items, CatConfig::default()).unwrap();
        let mut used = vec![false; 300];
        for j in (0..300).step_by(7) {
            used[j] = true;
        }
        for theta in [-2.7, -0.4, 0.0, 0.35, 1.9] {
            for k in [1, 3, 10] {
                for area in [None, Some(1)] {
                    let mut all: Vec<(f64, usize)> = (0..300)
                        .filter(|&j| !used[j] && (area.is_none() || pool.area_of[j] == area))
                        .map(|j| (pool.items[j].item.information(theta), j))
                        .collect();
                    all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                    all.truncate(k);
                    assert_eq!(pool.top(theta, k, &used, area, &[]), all, "θ={theta} k={k}");
                }
            }
        }
    }

    #[test]
    fn steps_replay_identically_and_depend_on_the_seed() {
        let config = CatConfig {
            randomesque: 5,
            ..CatConfig::default()
        };
        let pool = Pool::new(pool_items(200), config).unwrap();
        let (a, sa) = simulate_one(&pool, 0.7, 11, "x", None).unwrap();
        let (b, sb) = simulate_one(&pool, 0.7, 11, "x", None).unwrap();
        assert_eq!(a, b);
        assert_eq!(sa, sb);
        let (c, _) = simulate_one(&pool, 0.7, 12, "x", None).unwrap();
        assert_ne!(a, c);
        // Re-running any prefix reproduces the next item.
        for n in 0..a.len() {
            assert_eq!(pool.step(&a[..n], 11, "x").unwrap().next, Some(a[n].0));
        }
    }

    #[test]
    fn stopping_rules() {
        let config = CatConfig {
            stop: StopRule {
                min_items: 3,
                max_items: 8,
                se: Some(0.5),
            },
            ..CatConfig::default()
        };
        let pool = Pool::new(pool_items(90), config).unwrap();
        let (responses, last) = simulate_one(&pool, 0.0, 3, "x", None).unwrap();
        assert!(responses.len() >= 3 && responses.len() <= 8);
        match last.stop {
            Some(StopReason::Se) => assert!(last.estimate.se <= 0.5),
            Some(StopReason::MaxItems) => assert_eq!(responses.len(), 8),
            other => panic!("unexpected stop {other:?}"),
        }
        let tiny = Pool::new(pool_items(2), CatConfig::default()).unwrap();
        let (responses, last) = simulate_one(&tiny, 0.0, 3, "x", None).unwrap();
        assert_eq!(responses.len(), 2);
        assert_eq!(last.stop, Some(StopReason::PoolExhausted));
    }

    #[test]
    fn content_balancing_meets_the_targets() {
        let mut content = BTreeMap::new();
        content.insert("logic".to_string(), 0.5);
        content.insert("ml".to_string(), 0.25);
        content.insert("stats".to_string(), 0.25);
        let config = CatConfig {
            content,
            stop: StopRule {
                min_items: 12,
                max_items: 12,
                se: None,
            },
            ..CatConfig::default()
        };
        let pool = Pool::new(pool_items(150), config).unwrap();
        let (responses, _) = simulate_one(&pool, -0.4, 5, "x", None).unwrap();
        let count = |area: &str| {
            responses
                .iter()
                .filter(|(j, _)| pool.items[*j].area.as_deref() == Some(area))
                .count()
        };
        assert_eq!((count("logic"), count("ml"), count("stats")), (6, 3, 3));
    }

    #[test]
    fn bad_responses_and_configs_are_refused() {
        let pool = Pool::new(pool_items(10), CatConfig::default()).unwrap();
        assert!(pool.step(&[(10, 0)], 1, "x").is_err());
        assert!(pool.step(&[(1, 2)], 1, "x").is_err());
        assert!(pool.step(&[(1, 0), (1, 1)], 1, "x").is_err());
        let mut content = BTreeMap::new();
        content.insert("art".to_string(), 1.0);
        let err = Pool::new(
            pool_items(10),
            CatConfig {
                content,
                ..CatConfig::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "content.art: no item in the pool has this area"
        );
    }

    #[test]
    fn sympson_hetter_parameters_lower_the_top_exposure() {
        let config = CatConfig {
            sympson_hetter: true,
            stop: StopRule {
                min_items: 10,
                max_items: 10,
                se: None,
            },
            ..CatConfig::default()
        };
        let mut pool = Pool::new(pool_items(120), config).unwrap();
        let thetas = super::super::random::thetas(300, 0.0, 1.0, &mut Stream::new(2, "t", "t"));
        let free = simulate(&pool, &thetas, 9).unwrap();
        calibrate_exposure(&mut pool, &thetas, 100, 0.3, 8).unwrap();
        let controlled = simulate(&pool, &thetas, 9).unwrap();
        assert!(free.max_exposure > 0.6, "{}", free.max_exposure);
        assert!(controlled.max_exposure < 0.4, "{}", controlled.max_exposure);
    }
}
