//! Package types, as authors write them (format 1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::adaptive::Adaptive;
use crate::points::{Points, authored};
use crate::psychometrics::params::IrtParams;

/// A whole assessment: metadata, timing and sections of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Format version; this build reads [`super::FORMAT`].
    pub format: u32,
    /// Stable identifier of the assessment.
    pub id: String,
    /// Author's version label of this package.
    pub version: String,
    /// Title shown to applicants.
    pub title: String,
    /// Introduction shown before the first item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Limit on the whole test, in milliseconds of active (non-break) time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_ms: Option<u64>,
    /// What the applicant may see once the test is over.
    #[serde(default)]
    pub feedback: Feedback,
    /// Whether browsers receive the whole package or only its public view.
    #[serde(default, skip_serializing_if = "Delivery::is_practice")]
    pub delivery: Delivery,
    /// `public` on the public view of a sealed package (see [`super::seal`]): it holds no secret.
    #[serde(default, skip_serializing_if = "View::is_full")]
    pub view: View,
    /// Sections in the order they are taken.
    pub sections: Vec<Section>,
    /// Hex SHA-256 of the canonical document, set by [`Package::from_json`].
    #[serde(skip)]
    pub(crate) sha256: String,
}

/// What the result screen may show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feedback {
    /// Only that the test was submitted.
    None,
    /// The total score.
    #[default]
    Score,
    /// The total and each item's score.
    Items,
}

/// How a package reaches the applicant's browser (DESIGN §2, trust model §5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// The whole package, keys included: they are disclosed by definition.
    #[default]
    Practice,
    /// Only the public view; keys, hidden tests and scoring rules stay on the backend, which
    /// scores what the browser marks pending.
    Sealed,
}

impl Delivery {
    fn is_practice(&self) -> bool {
        *self == Delivery::Practice
    }
}

/// Which part of a package a document is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The package as its author wrote it.
    #[default]
    Full,
    /// What a browser may see of a sealed package: no key, no hidden test, no scoring rule.
    Public,
}

impl View {
    fn is_full(&self) -> bool {
        *self == View::Full
    }
}

/// A group of items taken together, with its own optional time limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Identifier, unique in the package.
    pub id: String,
    /// Heading shown to applicants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether items keep the author's order or are shuffled by the session seed.
    #[serde(default)]
    pub order: SectionOrder,
    /// Limit on this section, in milliseconds of active time from when it opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_ms: Option<u64>,
    /// Present when the section is adaptive: its items are then a pool, given one at a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptive: Option<Adaptive>,
    /// The items (an adaptive section's pool).
    pub items: Vec<Item>,
}

/// Order of items within a section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionOrder {
    /// As written.
    #[default]
    Fixed,
    /// A permutation drawn from the session seed.
    Shuffled,
}

/// One question: a stem, an interaction and how it scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique in the package.
    pub id: String,
    /// Short heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The question text (plain text; `{{ expr }}` placeholders are filled from parameters).
    pub stem: String,
    /// Points for a fully correct answer.
    #[serde(default = "one_point", serialize_with = "authored::points")]
    pub points: Points,
    /// Points taken away for an incorrect answer (not for an unanswered item).
    #[serde(
        default,
        skip_serializing_if = "is_zero",
        serialize_with = "authored::points"
    )]
    pub negative: Points,
    /// Values drawn from the session seed and substituted into the item's text and key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Param>,
    /// How the applicant answers and how the answer scores.
    pub interaction: Interaction,
    /// Content area, for content balancing in adaptive sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Item response theory parameters; required in adaptive sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub irt: Option<IrtParams>,
}

fn one_point() -> Points {
    Points::whole(1)
}

fn is_zero(points: &Points) -> bool {
    *points == Points::ZERO
}

/// A parameter of a seeded variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Param {
    /// An integer from `min` to `max` inclusive, in steps of `step`.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
        /// Distance between candidate values (default 1).
        #[serde(default = "one")]
        step: i64,
    },
    /// One of the listed strings.
    Pick {
        /// The candidates.
        values: Vec<String>,
    },
}

fn one() -> i64 {
    1
}

/// A labelled option: a choice, a matching source or target, a scale point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Identifier, unique within its list; responses name choices by id.
    pub id: String,
    /// Label shown to the applicant.
    pub text: String,
}

/// The ways an applicant can answer, each with its key and scoring rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Interaction {
    /// Exactly one choice; correct when it is the key.
    SingleChoice {
        /// The options.
        choices: Vec<Choice>,
        /// Id of the correct choice (absent in a public view, as every key is).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<String>,
        /// Present choices in a seeded order.
        #[serde(default)]
        shuffle: bool,
    },
    /// Any number of choices, scored all-or-nothing or by a points map.
    MultipleChoice {
        /// The options.
        choices: Vec<Choice>,
        /// Ids of the correct choices.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<Vec<String>>,
        /// How a selection scores.
        #[serde(default, skip_serializing_if = "MultipleScoring::is_default")]
        scoring: MultipleScoring,
        /// Fewest selections accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_choices: Option<u32>,
        /// Most selections accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_choices: Option<u32>,
        /// Present choices in a seeded order.
        #[serde(default)]
        shuffle: bool,
    },
    /// A number, with tolerance and optional units.
    Numeric {
        /// The correct value, or a `{{ expr }}` template over parameters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer: Option<NumericAnswer>,
        /// Accepted absolute difference.
        #[serde(default, skip_serializing_if = "is_zero_f64")]
        abs_tolerance: f64,
        /// Accepted difference relative to the answer (0.01 is 1%).
        #[serde(default, skip_serializing_if = "is_zero_f64")]
        rel_tolerance: f64,
        /// Unit suffixes an applicant may type after the number (`"kg"`, `"%"`); they are stripped.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        units: Vec<String>,
    },
    /// Free text compared after normalisation with accepted answers or a pattern.
    TextEntry {
        /// Answers that score full points.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        accepted: Vec<String>,
        /// Compare case exactly (default: case-insensitive).
        #[serde(default, skip_serializing_if = "is_false")]
        case_sensitive: bool,
        /// A regular expression the whole normalised answer must match.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pattern: Option<String>,
        /// Longest answer accepted, in characters.
        #[serde(default = "default_max_length")]
        max_length: u32,
    },
    /// Put the choices in order.
    Ordering {
        /// The options, in any order (always presented shuffled).
        choices: Vec<Choice>,
        /// Choice ids in the correct order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<Vec<String>>,
        /// Exact order only, or partial credit per correctly ordered pair.
        #[serde(default, skip_serializing_if = "is_default")]
        scoring: OrderingScoring,
    },
    /// Pair each source with a target.
    Matching {
        /// Left-hand options.
        sources: Vec<Choice>,
        /// Right-hand options.
        targets: Vec<Choice>,
        /// The correct target for each source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<BTreeMap<String, String>>,
        /// Partial credit per correct pair, or all-or-nothing.
        #[serde(default, skip_serializing_if = "is_default")]
        scoring: MatchingScoring,
    },
    /// A rating scale; unscored, or keyed in a direction.
    Likert {
        /// Scale points from one end to the other.
        scale: Vec<Choice>,
        /// Absent for unscored items; otherwise which end of the scale earns the points.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        keyed: Option<LikertKey>,
    },
    /// Write code; it is judged by running the task's tests (see [`super::code`]).
    Code(Box<super::code::CodeTask>),
}

fn default_max_length() -> u32 {
    500
}

fn is_zero_f64(value: &f64) -> bool {
    *value == 0.0
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl MultipleScoring {
    fn is_default(&self) -> bool {
        *self == MultipleScoring::AllOrNothing
    }
}

/// How a multiple-choice selection scores (QTI `match_correct` / `map_response`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum MultipleScoring {
    /// Full points when the selection equals the key, else none.
    #[default]
    AllOrNothing,
    /// Sum of the points mapped to each selected choice, clamped to bounds.
    Map {
        /// Points per choice id (negative for distractors).
        #[serde(serialize_with = "authored::map")]
        map: BTreeMap<String, Points>,
        /// Points for a selected choice missing from the map.
        #[serde(default, serialize_with = "authored::points")]
        default: Points,
        /// Lowest total (default 0).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "authored::optional"
        )]
        lower_bound: Option<Points>,
        /// Highest total (default: the item's points).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "authored::optional"
        )]
        upper_bound: Option<Points>,
    },
}

/// How an ordering scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderingScoring {
    /// Full points for the exact order only.
    #[default]
    Exact,
    /// Points in proportion to the pairs of choices placed in the right relative order.
    Pairs,
}

/// How a matching scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchingScoring {
    /// The item's points shared equally among the key's pairs.
    #[default]
    PerPair,
    /// Full points only when every pair is right.
    AllOrNothing,
}

/// Which end of a Likert scale is keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LikertKey {
    /// The last scale point earns full points.
    Positive,
    /// The first scale point earns full points (reverse-keyed).
    Negative,
}

/// A numeric key: a number, or a template evaluated per variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum NumericAnswer {
    /// A fixed value.
    Value(f64),
    /// A `{{ expr }}` template over the item's parameters.
    Template(String),
}

impl Package {
    /// Most events one session of this package takes (see [`super::limits::EVENTS_PER_ITEM`]):
    /// a log, and what a backend stores of it, is bounded by what the package asks.
    pub fn max_events(&self) -> u64 {
        super::limits::SESSION_EVENTS
            .saturating_add(super::limits::EVENTS_PER_ITEM.saturating_mul(self.most_items() as u64))
    }

    /// Most items one applicant can be given: every item of a fixed section, and up to
    /// `stop.max_items` of an adaptive one.
    pub fn most_items(&self) -> usize {
        self.sections
            .iter()
            .map(|s| match &s.adaptive {
                Some(a) => s.items.len().min(a.stop.max_items as usize),
                None => s.items.len(),
            })
            .sum()
    }

    /// Whether any item is a coding task (re-scoring it needs the sandbox).
    pub fn has_code(&self) -> bool {
        self.items()
            .any(|(_, i)| i.interaction.code_task().is_some())
    }

    /// All items in author order, with their section index.
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| section.items.iter().map(move |item| (s, item)))
    }
}

impl Interaction {
    /// The coding task, when this is one.
    pub fn code_task(&self) -> Option<&super::code::CodeTask> {
        match self {
            Interaction::Code(task) => Some(task),
            _ => None,
        }
    }

    /// The interaction's name as written in packages (`"single_choice"`...).
    pub fn kind(&self) -> &'static str {
        match self {
            Interaction::SingleChoice { .. } => "single_choice",
            Interaction::MultipleChoice { .. } => "multiple_choice",
            Interaction::Numeric { .. } => "numeric",
            Interaction::TextEntry { .. } => "text_entry",
            Interaction::Ordering { .. } => "ordering",
            Interaction::Matching { .. } => "matching",
            Interaction::Likert { .. } => "likert",
            Interaction::Code(_) => "code",
        }
    }
}

impl Item {
    /// Most points this item can earn: its points, or zero for an unscored Likert item.
    pub fn max_points(&self) -> Points {
        match &self.interaction {
            Interaction::Likert { keyed: None, .. } => Points::ZERO,
            _ => self.points,
        }
    }
}

impl<'de> Deserialize<'de> for NumericAnswer {
    /// Accepts a JSON number or a template string, with an error that names both.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = NumericAnswer;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a \"{{ expr }}\" template string")
            }
            fn visit_f64<E>(self, v: f64) -> Result<NumericAnswer, E> {
                Ok(NumericAnswer::Value(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<NumericAnswer, E> {
                Ok(NumericAnswer::Value(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<NumericAnswer, E> {
                Ok(NumericAnswer::Value(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<NumericAnswer, E> {
                Ok(NumericAnswer::Template(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
