//! The public view of a sealed package: what a browser may hold of it.
//!
//! A sealed package never reaches the page whole. The core derives its public view, the same
//! document with every secret taken out: keys, accepted answers and patterns, numeric answers and
//! tolerances, score maps and scoring methods, Likert keying, IRT parameters and content areas,
//! the input and expected output of every test the applicant may not see, checkers, reference
//! and known-bad solutions. What stays is what the screens need: stems, choices, parameters,
//! limits, stubs and shown tests. The view is a package of its own (`"view": "public"`), with its
//! own digest; a session runs on it exactly as on the full package, and every answer it cannot
//! score is pending until the backend re-scores the log with the full package.
//!
//! Ordering items are the one place where the secret shaped presentation: a practice session
//! never starts an ordering in key order. A public view cannot know the key, so both views of a
//! sealed package list an ordering's choices by id and start from a seeded shuffle that is never
//! that listing (see `session::plan`); the authored order, often the key, does not leak.

use std::collections::BTreeSet;

use super::code::{Comparator, Visibility};
use super::{
    Delivery, Interaction, Issue, MatchingScoring, MultipleScoring, OrderingScoring, Package,
    PackageError, View,
};

impl Package {
    /// The public view of a sealed package: the document a browser receives, with its own digest.
    ///
    /// # Errors
    /// [`PackageError::Invalid`] when the package is not sealed, or is a public view already.
    pub fn public_view(&self) -> Result<Package, PackageError> {
        if self.delivery != Delivery::Sealed || self.view != View::Full {
            return Err(PackageError::Invalid(vec![Issue {
                path: "delivery".into(),
                message: "only a sealed package, as its author wrote it, has a public view".into(),
            }]));
        }
        let mut public = self.clone();
        public.view = View::Public;
        for section in &mut public.sections {
            for item in &mut section.items {
                item.irt = None;
                item.area = None;
                // An unkeyed item earns nothing: its points say so without naming a key.
                item.points = item.max_points();
                strip(&mut item.interaction);
            }
        }
        let value = serde_json::to_value(&public).map_err(|e| {
            PackageError::Invalid(vec![Issue {
                path: super::parse::ROOT.into(),
                message: format!("the public view does not serialize: {e}"),
            }])
        })?;
        // Parsing the view as any browser will gives it its digest and proves it reads back.
        Package::from_value(value)
    }

    /// Whether this document is the public view of a sealed package (it scores nothing).
    pub fn is_public_view(&self) -> bool {
        self.view == View::Public
    }
}

/// Takes every secret out of an interaction.
fn strip(interaction: &mut Interaction) {
    match interaction {
        Interaction::SingleChoice { key, .. } => *key = None,
        Interaction::MultipleChoice { key, scoring, .. } => {
            *key = None;
            *scoring = MultipleScoring::AllOrNothing;
        }
        Interaction::Numeric {
            answer,
            abs_tolerance,
            rel_tolerance,
            ..
        } => {
            *answer = None;
            *abs_tolerance = 0.0;
            *rel_tolerance = 0.0;
        }
        Interaction::TextEntry {
            accepted,
            case_sensitive,
            pattern,
            ..
        } => {
            accepted.clear();
            *case_sensitive = false;
            *pattern = None;
        }
        Interaction::Ordering {
            choices,
            key,
            scoring,
        } => {
            *key = None;
            *scoring = OrderingScoring::Exact;
            choices.sort_by(|a, b| a.id.cmp(&b.id));
        }
        Interaction::Matching { key, scoring, .. } => {
            *key = None;
            *scoring = MatchingScoring::PerPair;
        }
        Interaction::Likert { keyed, .. } => *keyed = None,
        Interaction::Code(task) => {
            for test in &mut task.tests {
                // A test the browser cannot judge itself (hidden, shown once failed, or decided
                // by the author's checker) keeps its name, points and visibility only.
                if test.visibility != Visibility::Shown || test.compare == Comparator::Checker {
                    test.args = None;
                    test.stdin = None;
                    test.expected = None;
                    test.compare = Comparator::Exact;
                }
            }
            task.checker = None;
            task.reference = None;
            task.known_bad.clear();
        }
    }
}

/// The rules of a public view: it is sealed and holds nothing [`Package::public_view`] takes out.
pub(crate) fn check_public(package: &Package, paths: &[Vec<String>]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut secret = |path: String, what: &str| {
        issues.push(Issue {
            path,
            message: format!("a public view holds no {what}"),
        });
    };
    if package.delivery != Delivery::Sealed {
        secret("delivery".into(), "practice package: its view is sealed");
    }
    for (s, section) in package.sections.iter().enumerate() {
        if section.adaptive.is_some() {
            secret(format!("sections[{s}].adaptive"), "adaptive rules");
        }
        for (k, item) in section.items.iter().enumerate() {
            let at = paths
                .get(s)
                .and_then(|p| p.get(k))
                .cloned()
                .unwrap_or_else(|| format!("sections[{s}].items[{k}]"));
            if item.irt.is_some() {
                secret(format!("{at}.irt"), "IRT parameters");
            }
            if item.area.is_some() {
                secret(format!("{at}.area"), "content area");
            }
            let at = format!("{at}.interaction");
            for (field, what) in secrets(&item.interaction) {
                secret(format!("{at}.{field}"), what);
            }
        }
    }
    issues
}

/// The secret fields an interaction still holds: (field, what it holds).
fn secrets(interaction: &Interaction) -> Vec<(String, &'static str)> {
    let mut held = Vec::new();
    let mut hold = |present: bool, field: &'static str| {
        if present {
            held.push((field.to_string(), field));
        }
    };
    match interaction {
        Interaction::SingleChoice { key, .. } => hold(key.is_some(), "key"),
        Interaction::MultipleChoice { key, scoring, .. } => {
            hold(key.is_some(), "key");
            hold(*scoring != MultipleScoring::AllOrNothing, "scoring");
        }
        Interaction::Numeric {
            answer,
            abs_tolerance,
            rel_tolerance,
            ..
        } => {
            hold(answer.is_some(), "answer");
            hold(*abs_tolerance != 0.0, "abs_tolerance");
            hold(*rel_tolerance != 0.0, "rel_tolerance");
        }
        Interaction::TextEntry {
            accepted,
            case_sensitive,
            pattern,
            ..
        } => {
            hold(!accepted.is_empty(), "accepted");
            hold(*case_sensitive, "case_sensitive");
            hold(pattern.is_some(), "pattern");
        }
        Interaction::Ordering {
            choices,
            key,
            scoring,
        } => {
            hold(key.is_some(), "key");
            hold(*scoring != OrderingScoring::Exact, "scoring");
            let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
            let sorted: BTreeSet<&str> = ids.iter().copied().collect();
            // Listed as authored, an ordering's choices may be its key.
            if !ids.iter().copied().eq(sorted.iter().copied()) {
                held.push((
                    "choices".into(),
                    "ordering choices in authored order (they may be the key)",
                ));
            }
        }
        Interaction::Matching { key, scoring, .. } => {
            hold(key.is_some(), "key");
            hold(*scoring != MatchingScoring::PerPair, "scoring");
        }
        Interaction::Likert { keyed, .. } => hold(keyed.is_some(), "keyed"),
        Interaction::Code(task) => {
            hold(task.checker.is_some(), "checker");
            hold(task.reference.is_some(), "reference");
            hold(!task.known_bad.is_empty(), "known_bad");
            let judged_here = |t: &super::code::CodeTest| {
                t.visibility == Visibility::Shown && t.compare != Comparator::Checker
            };
            for (i, test) in task.tests.iter().enumerate() {
                if !judged_here(test)
                    && (test.expected.is_some() || test.args.is_some() || test.stdin.is_some())
                {
                    held.push((
                        format!("tests[{i}]"),
                        "input or expected output of a test the browser does not judge",
                    ));
                }
            }
        }
    }
    held
}
