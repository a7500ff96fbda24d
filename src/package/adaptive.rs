//! Adaptive sections: how they are written, the rules they follow, and the item pool they become.
//!
//! A section with an `adaptive` block is a pool: the session gives one item at a time, chosen by
//! maximum information at the current ability estimate (see [`crate::psychometrics::cat`]), and
//! the section ends by itself when its stopping rule is met. Every item of the pool carries IRT
//! parameters (`irt`) and, when the section balances content, an `area`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Issue, Item, Section, SectionOrder};
use crate::psychometrics::IrtError;
use crate::psychometrics::cat::{CatConfig, PoolItem, StopRule};
use crate::psychometrics::estimate::{EstimatorConfig, Method, Prior};
use crate::psychometrics::params::{IrtParams, Location};

/// How far the content shares may add up from 1 before the section is refused.
pub const CONTENT_SUM_TOLERANCE: f64 = 0.01;
/// Largest slope accepted: beyond it an item is a step function and its information misleads.
pub const MAX_SLOPE: f64 = 10.0;
/// Largest difficulty (or boundary) magnitude accepted, in logits.
pub const MAX_LOCATION: f64 = 10.0;
/// Most quadrature points an estimator may use.
pub const MAX_POINTS: u32 = 1001;

/// What makes a section adaptive: how it estimates ability, picks items and stops.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adaptive {
    /// The ability estimator.
    #[serde(default)]
    pub estimator: Estimator,
    /// How the next item is chosen among the most informative.
    #[serde(default)]
    pub selection: Selection,
    /// Target share of each content area, by the items' `area` (empty: no balancing).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub content: BTreeMap<String, f64>,
    /// When the section ends by itself.
    pub stop: Stop,
}

/// The ability estimator of an adaptive section.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Estimator {
    /// `EAP` (default), `MAP` or `MLE`.
    pub method: Method,
    /// Quadrature points for EAP.
    pub points: u32,
    /// Lowest and highest θ: the quadrature grid for EAP, the bounds for MAP and MLE.
    pub range: [f64; 2],
    /// Normal prior on θ (EAP and MAP).
    pub prior: Prior,
}

impl Default for Estimator {
    fn default() -> Self {
        Estimator {
            method: Method::Eap,
            points: 41,
            range: [-4.0, 4.0],
            prior: Prior::default(),
        }
    }
}

/// Exposure control: randomesque choice and Sympson–Hetter parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Selection {
    /// Choose at random among this many most informative items (1, the default: always the most
    /// informative).
    pub randomesque: u32,
    /// Sympson–Hetter exposure parameters by item id, each in (0, 1]: the chance an item is given
    /// once selected. Items not listed are always given; an empty map turns the control off.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub sympson_hetter: BTreeMap<String, f64>,
}

/// The stopping rule of an adaptive section.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// Stop once the standard error of θ is at most this (after `min_items`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub se: Option<f64>,
    /// Never stop on the standard error before this many answers (default 1).
    #[serde(default = "one_item")]
    pub min_items: u32,
    /// Always stop after this many answers.
    pub max_items: u32,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            randomesque: 1,
            sympson_hetter: BTreeMap::new(),
        }
    }
}

fn one_item() -> u32 {
    1
}

impl Adaptive {
    /// The psychometric configuration this block describes.
    pub fn cat_config(&self) -> CatConfig {
        let e = &self.estimator;
        CatConfig {
            estimator: EstimatorConfig {
                method: e.method,
                prior: e.prior,
                points: e.points as usize,
                min: e.range[0],
                max: e.range[1],
            },
            randomesque: self.selection.randomesque.max(1) as usize,
            sympson_hetter: !self.selection.sympson_hetter.is_empty(),
            content: self.content.clone(),
            stop: StopRule {
                min_items: self.stop.min_items as usize,
                max_items: self.stop.max_items as usize,
                se: self.stop.se,
            },
        }
    }

    /// The pool made of `items` (a section's items, in author order).
    ///
    /// # Errors
    /// [`IrtError::Param`] for an item without IRT parameters or with invalid ones, its path
    /// relative to the section (`items[3].irt.a`).
    pub fn pool<'a>(
        &self,
        items: impl IntoIterator<Item = &'a Item>,
    ) -> Result<Vec<PoolItem>, IrtError> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("items[{i}].irt");
                let Some(irt) = &item.irt else {
                    return Err(IrtError::Param {
                        path,
                        message: "an adaptive section's items need IRT parameters".into(),
                    });
                };
                Ok(PoolItem {
                    id: item.id.clone(),
                    area: item.area.clone(),
                    exposure: self
                        .selection
                        .sympson_hetter
                        .get(&item.id)
                        .copied()
                        .unwrap_or(1.0),
                    model: irt.model,
                    item: irt.to_item(&path)?,
                })
            })
            .collect()
    }
}

/// Problems with an item's `irt` parameters, at `at` (the item's path).
pub(crate) fn check_irt(at: &str, irt: &IrtParams) -> Vec<Issue> {
    let path = format!("{at}.irt");
    match irt.to_item(&path) {
        Ok(_) => {}
        Err(IrtError::Param { path, message }) => return vec![Issue { path, message }],
        Err(other) => {
            return vec![Issue {
                path,
                message: other.to_string(),
            }];
        }
    }
    let mut issues = Vec::new();
    if irt.a.is_some_and(|a| a > MAX_SLOPE) {
        issues.push(Issue {
            path: format!("{path}.a"),
            message: format!("a slope above {MAX_SLOPE} is outside the plausible range"),
        });
    }
    let bs: Vec<(String, f64)> = match &irt.b {
        Location::One(b) => vec![(format!("{path}.b"), *b)],
        Location::Many(bs) => bs
            .iter()
            .enumerate()
            .map(|(k, b)| (format!("{path}.b[{k}]"), *b))
            .collect(),
    };
    for (p, b) in bs {
        if b.abs() > MAX_LOCATION {
            issues.push(Issue {
                path: p,
                message: format!("{b} is outside the plausible range ±{MAX_LOCATION}"),
            });
        }
    }
    issues
}

/// Problems with an adaptive section at `at` (`sections[s]`); `paths[k]` is the path of its
/// `k`-th parsed item.
pub(crate) fn check(
    at: &str,
    section: &Section,
    adaptive: &Adaptive,
    paths: &[String],
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut issue = |path: String, message: String| issues.push(Issue { path, message });
    let here = format!("{at}.adaptive");
    if section.order == SectionOrder::Shuffled {
        issue(
            format!("{at}.order"),
            "an adaptive section's order is chosen by the engine: remove `order`".into(),
        );
    }
    let pool = section.items.len();
    // Linear scans: a pool is at most a few thousand items, checked once per package.
    let has_id = |id: &str| section.items.iter().any(|i| i.id == id);
    let has_area = |area: &str| {
        section
            .items
            .iter()
            .any(|i| i.area.as_deref() == Some(area))
    };
    for (item, path) in section.items.iter().zip(paths) {
        if item.irt.is_none() {
            issue(
                format!("{path}.irt"),
                "an adaptive section's items need IRT parameters".into(),
            );
        }
        if item.interaction.code_task().is_some() {
            issue(
                format!("{path}.interaction"),
                "an adaptive section's items are scored as they are answered: a coding task, \
                 graded after its submission runs, cannot be one"
                    .into(),
            );
        }
        if item.max_points() <= crate::points::Points::ZERO {
            issue(
                format!("{path}.points"),
                "an adaptive section's items must be scored: their answers estimate ability".into(),
            );
        }
        if !adaptive.content.is_empty() {
            match item.area.as_deref() {
                None => issue(
                    format!("{path}.area"),
                    "needed: the section balances content areas".into(),
                ),
                Some(area) if !adaptive.content.contains_key(area) => issue(
                    format!("{path}.area"),
                    format!(
                        "{area:?} is not one of the areas in {here}.content ({})",
                        join(adaptive.content.keys().map(String::as_str))
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    let e = &adaptive.estimator;
    let est = format!("{here}.estimator");
    if !(2..=MAX_POINTS).contains(&e.points) {
        issue(
            format!("{est}.points"),
            format!("{} is outside 2..={MAX_POINTS}", e.points),
        );
    }
    let [lo, hi] = e.range;
    let range_ok =
        lo.is_finite() && hi.is_finite() && lo < hi && lo.abs() <= 20.0 && hi.abs() <= 20.0;
    if !range_ok {
        issue(
            format!("{est}.range"),
            "needs two finite numbers within ±20, the first below the second".into(),
        );
    }
    if !(e.prior.sd.is_finite() && e.prior.sd > 0.0) {
        issue(
            format!("{est}.prior.sd"),
            "must be a positive number".into(),
        );
    }
    if !e.prior.mean.is_finite() || (range_ok && !(lo..=hi).contains(&e.prior.mean)) {
        issue(
            format!("{est}.prior.mean"),
            "must be a finite number within the estimator's range".into(),
        );
    }

    let randomesque = adaptive.selection.randomesque;
    if randomesque == 0 || randomesque as usize > pool.max(1) {
        issue(
            format!("{here}.selection.randomesque"),
            format!("{randomesque} is outside 1..={pool} (the items in the pool)"),
        );
    }
    for (id, k) in &adaptive.selection.sympson_hetter {
        let path = format!("{here}.selection.sympson_hetter.{id}");
        if !has_id(id) {
            issue(
                path.clone(),
                format!("{id:?} is not an item of this section"),
            );
        }
        if !(k.is_finite() && *k > 0.0 && *k <= 1.0) {
            issue(path, "must be a probability in (0, 1]".into());
        }
    }

    if !adaptive.content.is_empty() {
        let mut total = 0.0;
        for (area, share) in &adaptive.content {
            let path = format!("{here}.content.{area}");
            if !(share.is_finite() && (0.0..=1.0).contains(share)) {
                issue(path.clone(), "must be a share from 0 to 1".into());
            } else {
                total += share;
            }
            if !has_area(area) {
                issue(path, "no item of this section has this area".into());
            }
        }
        if (total - 1.0).abs() > CONTENT_SUM_TOLERANCE {
            issue(
                format!("{here}.content"),
                format!("the shares add up to {}, not 1", round3(total)),
            );
        }
    }

    let stop = &adaptive.stop;
    let at_stop = format!("{here}.stop");
    if stop.min_items == 0 {
        issue(
            format!("{at_stop}.min_items"),
            "must be at least 1: a section that can stop before its first item gives none".into(),
        );
    }
    if stop.max_items < stop.min_items {
        issue(
            format!("{at_stop}.max_items"),
            format!(
                "{} is less than min_items {}",
                stop.max_items, stop.min_items
            ),
        );
    }
    if stop.max_items as usize > pool {
        issue(
            format!("{at_stop}.max_items"),
            format!(
                "{} is more than the {pool} items in the pool",
                stop.max_items
            ),
        );
    }
    if let Some(se) = stop.se {
        if !(se.is_finite() && se > 0.0) {
            issue(format!("{at_stop}.se"), "must be a positive number".into());
        } else if e.method != Method::Mle && e.prior.sd.is_finite() && se >= e.prior.sd {
            issue(
                format!("{at_stop}.se"),
                format!(
                    "{se} is not below the prior's sd {}: the section would always stop at min_items",
                    e.prior.sd
                ),
            );
        }
    }
    issues
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn join<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}
