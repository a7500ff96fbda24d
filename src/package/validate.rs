//! The rules a package must follow beyond its JSON shape; every broken rule becomes an [`Issue`].

use std::collections::{BTreeMap, BTreeSet};

use super::parse::Positions;
use super::{
    Choice, Delivery, Interaction, Issue, Item, MultipleScoring, NumericAnswer, Package, Param,
    View, adaptive, limits,
};
use crate::canonical::format_number;
use crate::points::Points;
use crate::variant;

/// How many seeds each parameterised item is rendered with to check its templates and key.
pub const VARIANT_CHECKS: u64 = 16;

/// Every rule broken by `package`, whose items sit at `positions` in the document.
pub(crate) fn check(package: &Package, positions: &Positions) -> Vec<Issue> {
    let mut c = Checker {
        public: package.view == View::Public,
        ..Checker::default()
    };
    if package.format != super::FORMAT {
        c.issue(
            "format",
            format!(
                "this build reads format {}, not {}",
                super::FORMAT,
                package.format
            ),
        );
    }
    c.identifier("id", &package.id);
    c.label("version", &package.version, limits::MAX_ID_CHARS);
    c.label("title", &package.title, limits::MAX_LABEL_CHARS);
    if let Some(d) = &package.description {
        c.text("description", d, limits::MAX_TEXT_CHARS, true);
    }
    c.time_limit("time_limit_ms", package.time_limit_ms);
    if package.sections.is_empty() {
        c.issue("sections", "a package needs at least one section".into());
    }
    if package.sections.len() > limits::MAX_SECTIONS {
        c.issue(
            "sections",
            format!(
                "{} sections; the limit is {}",
                package.sections.len(),
                limits::MAX_SECTIONS
            ),
        );
    }
    let total: usize = package.sections.iter().map(|s| s.items.len()).sum();
    if total > limits::MAX_ITEMS {
        c.issue(
            "sections",
            format!("{total} items; the limit is {}", limits::MAX_ITEMS),
        );
    }
    let mut section_ids = BTreeMap::new();
    let mut item_ids = BTreeMap::new();
    let mut item_paths = Vec::with_capacity(package.sections.len());
    for (s, section) in package.sections.iter().enumerate() {
        let at = format!("sections[{s}]");
        c.identifier(&format!("{at}.id"), &section.id);
        c.unique(&mut section_ids, &section.id, format!("{at}.id"));
        if let Some(title) = &section.title {
            c.label(&format!("{at}.title"), title, limits::MAX_LABEL_CHARS);
        }
        c.time_limit(&format!("{at}.time_limit_ms"), section.time_limit_ms);
        let mut paths = Vec::with_capacity(section.items.len());
        for (k, item) in section.items.iter().enumerate() {
            let i = positions
                .get(s)
                .and_then(|p| p.get(k))
                .copied()
                .unwrap_or(k);
            let at = format!("{at}.items[{i}]");
            c.unique(&mut item_ids, &item.id, format!("{at}.id"));
            c.item(&at, item);
            paths.push(at);
        }
        if let Some(adaptive) = &section.adaptive {
            if package.delivery == Delivery::Sealed && !c.public {
                c.issue(
                    &format!("{at}.adaptive"),
                    "a sealed package has no adaptive section yet: the backend does not route \
                     one (deliver it as `practice`)"
                        .into(),
                );
            }
            c.issues
                .extend(adaptive::check(&at, section, adaptive, &paths));
        }
        item_paths.push(paths);
    }
    if c.public {
        c.issues
            .extend(super::seal::check_public(package, &item_paths));
    }
    c.issues
}

#[derive(Default)]
struct Checker {
    issues: Vec<Issue>,
    /// Checking a public view: keys are absent by design, and [`super::seal`] checks they are.
    public: bool,
}

impl Checker {
    fn issue(&mut self, path: &str, message: String) {
        self.issues.push(Issue {
            path: path.to_string(),
            message,
        });
    }

    /// A key the full package must have; `None` when it is absent (and, in a full package,
    /// reported).
    fn required<'a, T>(&mut self, path: &str, key: &'a Option<T>) -> Option<&'a T> {
        if key.is_none() && !self.public {
            self.issue(path, "missing: the package as written needs its key".into());
        }
        key.as_ref()
    }

    fn identifier(&mut self, path: &str, id: &str) {
        if id.is_empty() {
            self.issue(path, "must not be empty".into());
        } else if id.chars().count() > limits::MAX_ID_CHARS {
            self.issue(
                path,
                format!("longer than {} characters", limits::MAX_ID_CHARS),
            );
        } else if let Some(bad) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "_-.:".contains(*c)))
        {
            self.issue(
                path,
                format!("{id:?} contains {bad:?}; identifiers use letters, digits and _ - . :"),
            );
        }
    }

    fn unique(&mut self, seen: &mut BTreeMap<String, String>, id: &str, path: String) {
        if let Some(first) = seen.get(id) {
            self.issue(
                &path,
                format!("duplicate id {id:?} (first used at {first})"),
            );
        } else {
            seen.insert(id.to_string(), path);
        }
    }

    fn text(&mut self, path: &str, text: &str, max: usize, may_be_empty: bool) {
        if !may_be_empty && text.trim().is_empty() {
            self.issue(path, "must not be empty".into());
        }
        let n = text.chars().count();
        if n > max {
            self.issue(path, format!("{n} characters; the limit is {max}"));
        }
    }

    fn label(&mut self, path: &str, text: &str, max: usize) {
        self.text(path, text, max, false);
    }

    fn time_limit(&mut self, path: &str, limit: Option<u64>) {
        if let Some(ms) = limit
            && (ms == 0 || ms > limits::MAX_TIME_LIMIT_MS)
        {
            self.issue(
                path,
                format!("{ms} ms is outside 1..={} ms", limits::MAX_TIME_LIMIT_MS),
            );
        }
    }

    fn item(&mut self, at: &str, item: &Item) {
        self.identifier(&format!("{at}.id"), &item.id);
        if let Some(title) = &item.title {
            self.label(&format!("{at}.title"), title, limits::MAX_LABEL_CHARS);
        }
        self.text(
            &format!("{at}.stem"),
            &item.stem,
            limits::MAX_TEXT_CHARS,
            false,
        );
        if item.points < Points::ZERO {
            self.issue(&format!("{at}.points"), "must not be negative".into());
        }
        if item.negative < Points::ZERO {
            self.issue(
                &format!("{at}.negative"),
                "is the penalty for a wrong answer, written as a positive number".into(),
            );
        }
        self.params(at, &item.params);
        if let Some(area) = &item.area {
            self.identifier(&format!("{at}.area"), area);
        }
        if let Some(irt) = &item.irt {
            self.issues.extend(adaptive::check_irt(at, irt));
        }
        self.interaction_shape(&format!("{at}.interaction"), item);
        // Keys and templates are checked on rendered variants: with parameters, the key of one
        // variant can be right while another's is not.
        if item.params.is_empty() {
            match variant::render(item, 0) {
                Ok(rendered) => self.interaction_key(&format!("{at}.interaction"), &rendered, None),
                Err(e) => self.issue(at, e.to_string()),
            }
        } else {
            // The first failing variant is enough to act on; the rest usually repeat it.
            for seed in 0..VARIANT_CHECKS {
                let before = self.issues.len();
                match variant::render(item, seed) {
                    Ok(rendered) => {
                        self.interaction_key(&format!("{at}.interaction"), &rendered, Some(seed));
                    }
                    Err(e) => self.issue(at, format!("variant for seed {seed}: {e}")),
                }
                if self.issues.len() > before {
                    break;
                }
            }
        }
    }

    fn params(&mut self, at: &str, params: &BTreeMap<String, Param>) {
        if params.len() > limits::MAX_PARAMS {
            self.issue(
                &format!("{at}.params"),
                format!(
                    "{} parameters; the limit is {}",
                    params.len(),
                    limits::MAX_PARAMS
                ),
            );
        }
        for (name, param) in params {
            let path = format!("{at}.params.{name}");
            let valid_name = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && name.len() <= limits::MAX_ID_CHARS;
            if !valid_name {
                self.issue(
                    &path,
                    format!(
                        "{name:?} is not a parameter name (a letter, then letters, digits or _)"
                    ),
                );
            }
            match param {
                Param::Int { min, max, step } => {
                    if min > max {
                        self.issue(&path, format!("min {min} is greater than max {max}"));
                    }
                    if *step < 1 {
                        self.issue(
                            &format!("{path}.step"),
                            format!("{step} must be at least 1"),
                        );
                    }
                    let bound = 1i64 << 53;
                    if min.abs() > bound || max.abs() > bound {
                        self.issue(&path, "values must stay within ±2^53".into());
                    }
                }
                Param::Pick { values } => {
                    if values.is_empty() {
                        self.issue(&format!("{path}.values"), "needs at least one value".into());
                    }
                    if values.len() > limits::MAX_CHOICES {
                        self.issue(
                            &format!("{path}.values"),
                            format!(
                                "{} values; the limit is {}",
                                values.len(),
                                limits::MAX_CHOICES
                            ),
                        );
                    }
                    for (v, value) in values.iter().enumerate() {
                        self.text(
                            &format!("{path}.values[{v}]"),
                            value,
                            limits::MAX_LABEL_CHARS,
                            true,
                        );
                    }
                }
            }
        }
    }

    fn choices(&mut self, path: &str, choices: &[Choice], min: usize) -> BTreeSet<String> {
        if choices.len() < min {
            self.issue(
                path,
                format!("needs at least {min} entries, has {}", choices.len()),
            );
        }
        if choices.len() > limits::MAX_CHOICES {
            self.issue(
                path,
                format!(
                    "{} entries; the limit is {}",
                    choices.len(),
                    limits::MAX_CHOICES
                ),
            );
        }
        let mut seen = BTreeMap::new();
        for (i, choice) in choices.iter().enumerate() {
            self.identifier(&format!("{path}[{i}].id"), &choice.id);
            self.unique(&mut seen, &choice.id, format!("{path}[{i}].id"));
            self.label(
                &format!("{path}[{i}].text"),
                &choice.text,
                limits::MAX_LABEL_CHARS,
            );
        }
        seen.into_keys().collect()
    }

    /// Rules that do not depend on the variant: counts, ids, bounds, tolerances.
    fn interaction_shape(&mut self, at: &str, item: &Item) {
        match &item.interaction {
            Interaction::SingleChoice { choices, key, .. } => {
                self.choices(&format!("{at}.choices"), choices, 2);
                self.required(&format!("{at}.key"), key);
            }
            Interaction::MultipleChoice {
                choices,
                key,
                scoring,
                min_choices,
                max_choices,
                ..
            } => {
                let ids = self.choices(&format!("{at}.choices"), choices, 2);
                if self
                    .required(&format!("{at}.key"), key)
                    .is_some_and(Vec::is_empty)
                {
                    self.issue(
                        &format!("{at}.key"),
                        "needs at least one correct choice".into(),
                    );
                }
                let n = choices.len() as u32;
                let lo = min_choices.unwrap_or(0);
                let hi = max_choices.unwrap_or(n);
                if hi > n {
                    self.issue(
                        &format!("{at}.max_choices"),
                        format!("{hi} is more than the {n} choices"),
                    );
                }
                if lo > hi {
                    self.issue(
                        &format!("{at}.min_choices"),
                        format!("{lo} is more than max_choices {hi}"),
                    );
                }
                if let MultipleScoring::Map {
                    map,
                    lower_bound,
                    upper_bound,
                    ..
                } = scoring
                {
                    for id in map.keys() {
                        if !ids.contains(id) {
                            self.issue(
                                &format!("{at}.scoring.map.{id}"),
                                format!("{id:?} is not one of the choices {}", join(&ids)),
                            );
                        }
                    }
                    let lower = lower_bound.unwrap_or(Points::ZERO);
                    let upper = upper_bound.unwrap_or(item.points);
                    if upper > item.points {
                        self.issue(
                            &format!("{at}.scoring.upper_bound"),
                            format!("{upper} is more than the item's {} points", item.points),
                        );
                    }
                    if lower > upper {
                        self.issue(
                            &format!("{at}.scoring.lower_bound"),
                            format!("{lower} is greater than the upper bound {upper}"),
                        );
                    }
                }
            }
            Interaction::Numeric {
                answer,
                abs_tolerance,
                rel_tolerance,
                units,
            } => {
                if let Some(NumericAnswer::Value(v)) =
                    self.required(&format!("{at}.answer"), answer)
                    && (!v.is_finite() || v.abs() > 1e300)
                {
                    self.issue(
                        &format!("{at}.answer"),
                        format!("{} is not a usable number", format_number(*v)),
                    );
                }
                for (name, t) in [
                    ("abs_tolerance", abs_tolerance),
                    ("rel_tolerance", rel_tolerance),
                ] {
                    if !t.is_finite() || *t < 0.0 || *t > 1e300 {
                        self.issue(
                            &format!("{at}.{name}"),
                            format!("{} must be a finite number ≥ 0", format_number(*t)),
                        );
                    }
                }
                for (u, unit) in units.iter().enumerate() {
                    self.label(&format!("{at}.units[{u}]"), unit, 32);
                }
            }
            Interaction::TextEntry {
                accepted,
                pattern,
                max_length,
                ..
            } => {
                if accepted.is_empty() && pattern.is_none() && !self.public {
                    self.issue(at, "needs `accepted` answers or a `pattern`".into());
                }
                if *max_length == 0 || *max_length > limits::MAX_ANSWER_CHARS {
                    self.issue(
                        &format!("{at}.max_length"),
                        format!("{max_length} is outside 1..={}", limits::MAX_ANSWER_CHARS),
                    );
                }
                if let Some(p) = pattern {
                    self.label(&format!("{at}.pattern"), p, limits::MAX_LABEL_CHARS);
                    if let Err(e) = crate::scoring::text::compile_pattern(p, true) {
                        self.issue(
                            &format!("{at}.pattern"),
                            format!("not a valid pattern: {e}"),
                        );
                    }
                }
            }
            Interaction::Ordering { choices, key, .. } => {
                let ids = self.choices(&format!("{at}.choices"), choices, 2);
                let Some(key) = self.required(&format!("{at}.key"), key) else {
                    return;
                };
                let key_set: BTreeSet<String> = key.iter().cloned().collect();
                if key.len() != choices.len() || key_set != ids {
                    self.issue(
                        &format!("{at}.key"),
                        format!("must list each of the choices {} exactly once", join(&ids)),
                    );
                }
            }
            Interaction::Matching {
                sources,
                targets,
                key,
                ..
            } => {
                let source_ids = self.choices(&format!("{at}.sources"), sources, 1);
                let target_ids = self.choices(&format!("{at}.targets"), targets, 1);
                let Some(key) = self.required(&format!("{at}.key"), key) else {
                    return;
                };
                if key.is_empty() {
                    self.issue(&format!("{at}.key"), "needs at least one pair".into());
                }
                for (source, target) in key {
                    if !source_ids.contains(source) {
                        self.issue(
                            &format!("{at}.key.{source}"),
                            format!("{source:?} is not one of the sources {}", join(&source_ids)),
                        );
                    }
                    if !target_ids.contains(target) {
                        self.issue(
                            &format!("{at}.key.{source}"),
                            format!("{target:?} is not one of the targets {}", join(&target_ids)),
                        );
                    }
                }
            }
            Interaction::Likert { scale, .. } => {
                self.choices(&format!("{at}.scale"), scale, 2);
            }
            Interaction::Code(task) => {
                self.issues
                    .extend(super::code::check(at, task, self.public));
                if !item.params.is_empty() {
                    self.issue(
                        &at.replace(".interaction", ".params"),
                        "a coding task has no seeded parameters: its tests are fixed".into(),
                    );
                }
            }
        }
    }

    /// Rules on the key, which may differ between variants.
    fn interaction_key(&mut self, at: &str, item: &Item, seed: Option<u64>) {
        let variant = seed
            .map(|s| format!(" (variant for seed {s})"))
            .unwrap_or_default();
        match &item.interaction {
            Interaction::SingleChoice {
                choices,
                key: Some(key),
                ..
            } => {
                let ids: BTreeSet<String> = choices.iter().map(|c| c.id.clone()).collect();
                if !ids.contains(key) {
                    self.issue(
                        &format!("{at}.key"),
                        format!("{key:?} is not one of the choices {}{variant}", join(&ids)),
                    );
                }
            }
            Interaction::MultipleChoice {
                choices,
                key: Some(key),
                ..
            } => {
                let ids: BTreeSet<String> = choices.iter().map(|c| c.id.clone()).collect();
                let mut seen = BTreeSet::new();
                for (k, id) in key.iter().enumerate() {
                    if !ids.contains(id) {
                        self.issue(
                            &format!("{at}.key[{k}]"),
                            format!("{id:?} is not one of the choices {}{variant}", join(&ids)),
                        );
                    } else if !seen.insert(id) {
                        self.issue(
                            &format!("{at}.key[{k}]"),
                            format!("{id:?} is listed twice{variant}"),
                        );
                    }
                }
            }
            // A rendered template is finite (the evaluator refuses anything else), and a fixed
            // value was checked with the interaction's shape.
            Interaction::TextEntry {
                accepted,
                max_length,
                ..
            } => {
                for (a, answer) in accepted.iter().enumerate() {
                    let n = answer.chars().count();
                    if answer.trim().is_empty() {
                        self.issue(
                            &format!("{at}.accepted[{a}]"),
                            format!("must not be empty{variant}"),
                        );
                    } else if n > *max_length as usize {
                        self.issue(
                            &format!("{at}.accepted[{a}]"),
                            format!("{n} characters is more than max_length {max_length}{variant}"),
                        );
                    }
                }
            }
            Interaction::SingleChoice { .. }
            | Interaction::MultipleChoice { .. }
            | Interaction::Numeric { .. }
            | Interaction::Ordering { .. }
            | Interaction::Matching { .. }
            | Interaction::Likert { .. }
            | Interaction::Code(_) => {}
        }
    }
}

fn join(ids: &BTreeSet<String>) -> String {
    let v: Vec<&str> = ids.iter().map(String::as_str).collect();
    match v.len() {
        0 => "(none)".into(),
        n if n > 8 => format!("{}, ... ({n} in all)", v[..8].join(", ")),
        _ => v.join(", "),
    }
}
