//! What one session presents: each item's variant, item order and choice order, fixed at start.
//!
//! Everything here is a pure function of (package, seed), which is why the backend can rebuild
//! the exact test an applicant saw from the seed in the grant.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::StartError;
use super::adaptive::AdaptivePlan;
use crate::package::{Delivery, Interaction, Item, Package, SectionOrder};
use crate::points::Points;
use crate::seed::Stream;
use crate::variant;

/// The session's fixed layout.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// Items in presentation order, sections one after another.
    pub items: Vec<PlannedItem>,
    /// Sections in order.
    pub sections: Vec<PlannedSection>,
    /// Item id → index in `items`.
    pub index: BTreeMap<String, usize>,
    /// Test limit after the time multiplier, in ms.
    pub test_limit_ms: Option<u64>,
}

/// A section's place in the plan.
#[derive(Debug, Clone)]
pub(crate) struct PlannedSection {
    pub id: String,
    pub title: Option<String>,
    /// Section limit after the time multiplier, in ms.
    pub limit_ms: Option<u64>,
    /// Positions of its items in [`Plan::items`].
    pub items: Range<usize>,
    /// The pool an adaptive section runs (shared: sessions are cloned).
    pub adaptive: Option<Arc<AdaptivePlan>>,
}

/// An item as this session presents it.
#[derive(Debug, Clone)]
pub(crate) struct PlannedItem {
    pub section: usize,
    /// The rendered variant, with choices in presentation order.
    pub item: Item,
    /// Its text-entry pattern, compiled once.
    pub pattern: Option<regex_lite::Regex>,
    /// Most points it can earn (a public view knows them from `points` alone).
    pub max: Points,
}

impl Plan {
    /// Lays out `package` for `seed`, scaling limits by `multiplier_permille`.
    pub fn new(package: &Package, seed: u64, multiplier_permille: u32) -> Result<Plan, StartError> {
        let scale = |ms: u64| ms.saturating_mul(u64::from(multiplier_permille)) / 1000;
        let mut items = Vec::new();
        let mut sections = Vec::new();
        for (s, section) in package.sections.iter().enumerate() {
            let mut order: Vec<usize> = (0..section.items.len()).collect();
            // An adaptive section keeps author order: pool index j is the section's j-th item.
            if section.order == SectionOrder::Shuffled && section.adaptive.is_none() {
                Stream::new(seed, "section", &section.id).shuffle(&mut order);
            }
            let start = items.len();
            for i in order {
                let authored = &section.items[i];
                let mut item =
                    variant::render(authored, seed).map_err(|source| StartError::Variant {
                        item: authored.id.clone(),
                        source,
                    })?;
                order_choices(&mut item, seed, package.delivery == Delivery::Sealed);
                let pattern = crate::scoring::compile_pattern(&item);
                let max = if package.is_public_view() {
                    item.points
                } else {
                    item.max_points()
                };
                items.push(PlannedItem {
                    section: s,
                    item,
                    pattern,
                    max,
                });
            }
            let adaptive = match &section.adaptive {
                Some(_) => {
                    let rendered = items[start..].iter().map(|p: &PlannedItem| &p.item);
                    Some(Arc::new(AdaptivePlan::new(section, rendered, seed)?))
                }
                None => None,
            };
            sections.push(PlannedSection {
                id: section.id.clone(),
                title: section.title.clone(),
                limit_ms: section.time_limit_ms.map(scale),
                items: start..items.len(),
                adaptive,
            });
        }
        let index = items
            .iter()
            .enumerate()
            .map(|(i, p)| (p.item.id.clone(), i))
            .collect();
        Ok(Plan {
            items,
            sections,
            index,
            test_limit_ms: package.time_limit_ms.map(scale),
        })
    }
}

/// Puts choices in presentation order: seeded when the item asks for shuffling, and always for
/// ordering items (whose authored order is usually the key), never the key order itself. A
/// sealed package's public view has no key (see `package::seal`): both of its views shuffle an
/// ordering from its choices listed by id and never start in that listing, so the page and the
/// backend present the same order.
fn order_choices(item: &mut Item, seed: u64, sealed: bool) {
    let mut stream = Stream::new(seed, "choices", &item.id);
    match &mut item.interaction {
        Interaction::SingleChoice {
            choices,
            shuffle: true,
            ..
        }
        | Interaction::MultipleChoice {
            choices,
            shuffle: true,
            ..
        } => stream.shuffle(choices),
        Interaction::Ordering { choices, key, .. } => {
            if sealed {
                choices.sort_by(|a, b| a.id.cmp(&b.id));
            }
            let avoid: Vec<String> = match key {
                Some(key) if !sealed => key.clone(),
                _ => choices.iter().map(|c| c.id.clone()).collect(),
            };
            stream.shuffle(choices);
            let in_key_order = choices.iter().map(|c| &c.id).eq(avoid.iter());
            if in_key_order && choices.len() > 1 {
                choices.rotate_left(1);
            }
        }
        _ => {}
    }
}
