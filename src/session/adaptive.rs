//! Adaptive sections in a session: the pool each one runs, and how answers become IRT responses.
//!
//! The next item is a pure function of the pool, the answers so far (as response categories),
//! the session seed and the section id, through [`Pool::step`]; the session keeps only the items
//! given and the categories, so a replay of the same events walks the same item path and computes
//! the same θ and SE, bit for bit.

use super::{AdaptiveView, EventError, Session, StartError};
use crate::package::{Item, Section};
use crate::psychometrics::cat::{Pool, Step};
use crate::psychometrics::{self, IrtError};
use crate::scoring::ItemScore;

/// An adaptive section's pool, with the step taken before any answer.
#[derive(Debug, Clone)]
pub(crate) struct AdaptivePlan {
    /// The section's items as a pool, in author order (pool index = position in the section).
    pub pool: Pool,
    /// The estimate before any answer and the first item.
    pub first: Step,
}

impl AdaptivePlan {
    /// The pool of `section`, whose items are rendered as `items`, for a session on `seed`.
    pub fn new<'a>(
        section: &Section,
        items: impl IntoIterator<Item = &'a Item>,
        seed: u64,
    ) -> Result<AdaptivePlan, StartError> {
        let failed = |source: IrtError| StartError::Adaptive {
            section: section.id.clone(),
            source,
        };
        let Some(adaptive) = &section.adaptive else {
            return Err(failed(IrtError::Config {
                field: "adaptive".into(),
                message: "the section is not adaptive".into(),
            }));
        };
        let pool = Pool::new(adaptive.pool(items).map_err(failed)?, adaptive.cat_config())
            .map_err(failed)?;
        let first = pool.step(&[], seed, &section.id).map_err(failed)?;
        if first.next.is_none() {
            return Err(failed(IrtError::Config {
                field: "stop".into(),
                message: "the section stops before its first item".into(),
            }));
        }
        Ok(AdaptivePlan { pool, first })
    }
}

/// What an adaptive section has given and received so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct AdaptiveProgress {
    /// Pool indices of the items given, in order; the last one is awaiting its answer while
    /// `given` is longer than `responses`.
    pub given: Vec<usize>,
    /// `(pool index, category)` of each answer, in order.
    pub responses: Vec<(usize, usize)>,
    /// The latest step (`None` until the section opens).
    pub step: Option<Step>,
}

/// An accepted answer's effect on its adaptive section: the response it adds and the step after.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Advance {
    /// `(pool index, category)`.
    pub response: (usize, usize),
    /// The estimate with this answer, and the next item or the reason to stop.
    pub step: Step,
}

/// The IRT response category of a scored answer to `item`.
///
/// A right/wrong model counts full marks as 1 and anything less as 0 (negative marks included).
/// A graded item with `m` categories maps the share of the points earned onto `0..m`, rounding
/// to the nearest category: a Likert item keyed over five points, scored 0, ¼, ½, ¾ or all of its
/// points, gives categories 0 to 4. Integer arithmetic keeps the mapping exact on every target.
pub(crate) fn category(item: &psychometrics::Item, score: &ItemScore) -> usize {
    let max = score.max.0;
    if max <= 0 {
        return 0;
    }
    let earned = score.earned.0.clamp(0, max);
    match item {
        psychometrics::Item::Binary { .. } => usize::from(earned == max),
        psychometrics::Item::Graded { b, .. } => {
            let top = b.len() as i64;
            ((2 * earned * top + max) / (2 * max)) as usize
        }
    }
}

/// The session's side of adaptive sections: which item is being given, what an answer leads to,
/// and what the state shows.
impl Session {
    /// Gives the first item of adaptive section `section` as it opens.
    pub(super) fn give_first(&mut self, section: usize) {
        let Some(pool) = self.plan.sections[section].adaptive.clone() else {
            return;
        };
        let a = &mut self.progress.adaptive[section];
        if a.step.is_none() {
            a.step = Some(pool.first);
            if let Some(j) = pool.first.next {
                a.given.push(j);
                self.progress.current_item = Some(self.plan.sections[section].items.start + j);
            }
        }
    }

    /// The pool of section `section`, if it is adaptive.
    pub(super) fn pool(&self, section: usize) -> Option<&AdaptivePlan> {
        self.plan.sections[section].adaptive.as_deref()
    }

    /// Pool index of the item adaptive section `section` is giving now: the first item before the
    /// section opens, then the last item given while it awaits its answer.
    fn giving(&self, section: usize) -> Option<usize> {
        let pool = self.pool(section)?;
        let a = &self.progress.adaptive[section];
        if a.given.is_empty() {
            pool.first.next
        } else if a.given.len() > a.responses.len() {
            a.given.last().copied()
        } else {
            None
        }
    }

    /// In an adaptive section, refuses any item but the one being given.
    pub(super) fn selected(&self, index: usize, item: &str) -> Result<(), EventError> {
        let section = self.plan.items[index].section;
        if self.pool(section).is_none() {
            return Ok(());
        }
        let start = self.plan.sections[section].items.start;
        if self.giving(section).map(|j| start + j) == Some(index) {
            Ok(())
        } else {
            Err(EventError::NotSelected {
                item: item.to_string(),
                section: self.plan.sections[section].id.clone(),
            })
        }
    }

    /// The adaptive step an answer to item `index`, scored `score`, leads to (`None` outside
    /// adaptive sections).
    pub(super) fn advance(
        &self,
        index: usize,
        score: &ItemScore,
    ) -> Result<Option<Advance>, EventError> {
        let section = self.plan.items[index].section;
        let Some(pool) = self.pool(section) else {
            return Ok(None);
        };
        let planned = &self.plan.sections[section];
        let j = index - planned.items.start;
        let failed = |source| EventError::Adaptive {
            section: planned.id.clone(),
            source,
        };
        let item = &pool
            .pool
            .items()
            .get(j)
            .ok_or_else(|| {
                failed(IrtError::Data {
                    message: format!("item {index} is outside the pool"),
                })
            })?
            .item;
        let response = (j, category(item, score));
        let mut responses = self.progress.adaptive[section].responses.clone();
        responses.push(response);
        let step = pool
            .pool
            .step(&responses, self.config.seed, &planned.id)
            .map_err(failed)?;
        Ok(Some(Advance { response, step }))
    }

    /// Records an adaptive answer to item `index` and gives the next item, or closes the section
    /// when its stopping rule is met (as a `section.submit` at `t` would).
    pub(super) fn advance_to(&mut self, index: usize, advance: Advance, t: u64) {
        let section = self.plan.items[index].section;
        let start = self.plan.sections[section].items.start;
        let a = &mut self.progress.adaptive[section];
        a.responses.push(advance.response);
        a.step = Some(advance.step);
        match advance.step.next {
            Some(j) => {
                a.given.push(j);
                self.progress.current_item = Some(start + j);
            }
            None => self.submit_open_section(t),
        }
    }

    /// Plan indices of the items section `section` lists: all of a fixed section's items, the
    /// items given so far by an adaptive one.
    pub(super) fn listed(&self, section: usize) -> Vec<usize> {
        let range = self.plan.sections[section].items.clone();
        match self.pool(section) {
            Some(_) => self.progress.adaptive[section]
                .given
                .iter()
                .map(|j| range.start + j)
                .collect(),
            None => range.collect(),
        }
    }

    /// The estimate and progress of section `section`, if it is adaptive.
    pub(super) fn adaptive_view(&self, section: usize) -> Option<AdaptiveView> {
        let pool = self.pool(section)?;
        let a = &self.progress.adaptive[section];
        let step = a.step.unwrap_or(pool.first);
        let stop = pool.pool.config().stop;
        Some(AdaptiveView {
            theta: step.estimate.theta,
            se: step.estimate.se,
            answered: a.responses.len() as u32,
            min_items: stop.min_items as u32,
            max_items: stop.max_items as u32,
            target_se: stop.se,
            stop: step.stop,
        })
    }

    /// The `(item id, category)` answers an adaptive section has received, in order, as
    /// [`crate::psychometrics::Pool::replay`] takes them (`None` for a fixed section).
    pub fn adaptive_answers(&self, section: &str) -> Option<Vec<(String, usize)>> {
        let s = self.plan.sections.iter().position(|p| p.id == section)?;
        let pool = self.pool(s)?;
        Some(
            self.progress.adaptive[s]
                .responses
                .iter()
                .map(|&(j, k)| (pool.pool.items()[j].id.clone(), k))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::points::Points;
    use crate::scoring::Outcome;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn score(earned: i64, max: i64) -> ItemScore {
        ItemScore {
            earned: Points(earned),
            max: Points(max),
            outcome: Outcome::Partial,
        }
    }

    #[test]
    fn binary_items_need_full_marks() {
        let item = psychometrics::Item::two_pl(1.0, 0.0);
        assert_eq!(category(&item, &score(2000, 2000)), 1);
        assert_eq!(category(&item, &score(1999, 2000)), 0);
        assert_eq!(category(&item, &score(-500, 2000)), 0);
        assert_eq!(category(&item, &score(0, 0)), 0);
    }

    #[test]
    fn graded_items_round_the_share_to_the_nearest_category() {
        let item = psychometrics::Item::Graded {
            a: 1.0,
            b: vec![-1.0, 0.0, 1.0, 2.0],
        };
        // A third of a point is stored as 333 thousandths; rounding still finds its category.
        let three = psychometrics::Item::Graded {
            a: 1.0,
            b: vec![-1.0, 1.0, 2.0],
        };
        assert_eq!(category(&three, &score(333, 1000)), 1);
        assert_eq!(category(&three, &score(667, 1000)), 2);
        let got: Vec<usize> = [0, 250, 500, 750, 1000, 1200, -10]
            .iter()
            .map(|&e| category(&item, &score(e, 1000)))
            .collect();
        assert_eq!(got, [0, 1, 2, 3, 4, 4, 0]);
    }
}
