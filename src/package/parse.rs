//! Reading a package: size limit, JSON syntax, shape, then every rule, all with JSON paths.

use serde::de::DeserializeOwned;
use serde_json::Value;
use thiserror::Error;

use super::{Item, Package, limits, validate};
use crate::canonical;

/// One problem in a package, at a JSON path such as `sections[1].items[3].interaction.key`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Issue {
    /// Where the problem is (`(root)` for the document itself).
    pub path: String,
    /// What is wrong, in words an author can act on.
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a package was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PackageError {
    /// The document is larger than [`limits::MAX_PACKAGE_BYTES`].
    #[error("the package is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Size of the document.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The document is not JSON (or nests deeper than the parser allows).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's explanation.
        message: String,
    },
    /// The document is JSON but breaks rules; every problem found is listed.
    #[error("{} problem(s): {}", .0.len(), list(.0))]
    Invalid(Vec<Issue>),
}

fn list(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(Issue::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl PackageError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PackageError::TooLarge { .. } => "package_too_large",
            PackageError::Syntax { .. } => "package_syntax",
            PackageError::Invalid(_) => "package_invalid",
        }
    }

    /// The problems listed, one per entry (a syntax or size error is a single entry).
    pub fn issues(&self) -> Vec<Issue> {
        match self {
            PackageError::Invalid(issues) => issues.clone(),
            other => vec![Issue {
                path: ROOT.into(),
                message: other.to_string(),
            }],
        }
    }
}

/// The path used for problems with the document as a whole.
pub const ROOT: &str = "(root)";

impl Package {
    /// Parses and validates a package document, reporting every problem found.
    ///
    /// # Errors
    /// [`PackageError`]: too large, not JSON, or invalid (with every issue and its path).
    pub fn from_json(bytes: &[u8]) -> Result<Package, PackageError> {
        if bytes.len() > limits::MAX_PACKAGE_BYTES {
            return Err(PackageError::TooLarge {
                size: bytes.len(),
                limit: limits::MAX_PACKAGE_BYTES,
            });
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| PackageError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })?;
        Package::from_value(value)
    }

    /// Validates an already parsed JSON document (see [`Package::from_json`]).
    ///
    /// # Errors
    /// [`PackageError::Invalid`] with every issue found.
    pub fn from_value(value: Value) -> Result<Package, PackageError> {
        let sha256 = canonical::sha256(&canonical::value_to_jcs(&value));
        let (mut issues, partial) = shape(value);
        // Rules are checked on whatever parsed, so an author sees broken keys alongside broken
        // shapes instead of fixing one layer of problems per run.
        if let Some((package, positions)) = &partial {
            issues.extend(validate::check(package, positions));
        }
        issues.sort();
        issues.dedup();
        match partial {
            Some((mut package, _)) if issues.is_empty() => {
                package.sha256 = hex::encode(sha256);
                Ok(package)
            }
            _ => Err(PackageError::Invalid(issues)),
        }
    }

    /// Hex SHA-256 of the document's RFC 8785 canonical JSON (empty if not built by `from_json`).
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
}

/// Positions in the document of the items that parsed, per section: `positions[s][k]` is the
/// index under `sections[s].items` of the package's `k`-th item in that section.
pub(crate) type Positions = Vec<Vec<usize>>;

/// Shape problems (wrong types, unknown or missing fields), one per item plus the skeleton, so a
/// package with several broken items reports each of them; and the package made of what parsed.
fn shape(mut value: Value) -> (Vec<Issue>, Option<(Package, Positions)>) {
    let mut issues = Vec::new();
    let mut parsed: Vec<Vec<Item>> = Vec::new();
    let mut positions: Positions = Vec::new();
    if let Some(sections) = value.get_mut("sections").and_then(Value::as_array_mut) {
        for (s, section) in sections.iter_mut().enumerate() {
            let mut items_ok = Vec::new();
            let mut at = Vec::new();
            if let Some(items) = section.get_mut("items").and_then(Value::as_array_mut) {
                if items.is_empty() {
                    issues.push(Issue {
                        path: format!("sections[{s}].items"),
                        message: "a section needs at least one item".into(),
                    });
                }
                for (i, item) in items.drain(..).enumerate() {
                    match typed::<Item>(item, &format!("sections[{s}].items[{i}]")) {
                        Ok(item) => {
                            items_ok.push(item);
                            at.push(i);
                        }
                        Err(issue) => issues.push(issue),
                    }
                }
            }
            parsed.push(items_ok);
            positions.push(at);
        }
    }
    match typed::<Package>(value, "") {
        Ok(mut package) => {
            for (section, items) in package.sections.iter_mut().zip(parsed) {
                section.items = items;
            }
            (issues, Some((package, positions)))
        }
        Err(issue) => {
            issues.push(issue);
            (issues, None)
        }
    }
}

fn typed<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, Issue> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = match (prefix.is_empty(), inner == ".") {
            (true, true) => ROOT.to_string(),
            (true, false) => inner,
            (false, true) => prefix.to_string(),
            (false, false) => format!("{prefix}.{inner}"),
        };
        Issue {
            path,
            message: plain(&e.into_inner().to_string()),
        }
    })
}

/// serde_json appends " at line L column C"; the position is reported in its own fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// serde names Rust types in its messages; authors know JSON types.
fn plain(message: &str) -> String {
    message
        .replace("expected f64", "expected a number")
        .replace("expected u64", "expected a whole number ≥ 0")
        .replace("expected u32", "expected a whole number ≥ 0")
        .replace("expected i64", "expected a whole number")
        .replace("expected a string", "expected text")
}
