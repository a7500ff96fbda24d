//! Text entry: normalised comparison with accepted answers, or a pattern.
//!
//! Normalisation, applied to the answer and to every accepted answer: Unicode NFKC (so full-width
//! `ＡＩ` equals `AI` and `ﬁ` equals `fi`), trim, collapse runs of whitespace to one space, and
//! lowercase unless the item is case-sensitive. A `pattern` must match the whole normalised answer
//! (it is anchored), case-insensitively unless the item is case-sensitive.

use super::ResponseError;
use crate::points::Points;

/// The points of typed text, or `None` with neither accepted answers nor a pattern (a public
/// view: a full package has one or the other).
pub(super) fn score(
    accepted: &[String],
    case_sensitive: bool,
    pattern: Option<&regex_lite::Regex>,
    max_length: u32,
    typed: &str,
    max: Points,
) -> Result<Option<Points>, ResponseError> {
    let chars = typed.chars().count();
    if chars > max_length as usize {
        return Err(ResponseError::TooLong {
            chars,
            max: max_length as usize,
        });
    }
    if accepted.is_empty() && pattern.is_none() {
        return Ok(None);
    }
    let answer = normalise(typed, case_sensitive);
    let listed = accepted
        .iter()
        .any(|a| normalise(a, case_sensitive) == answer);
    let matched = !listed && pattern.is_some_and(|re| re.is_match(&answer));
    Ok(Some(if listed || matched { max } else { Points::ZERO }))
}

/// NFKC, trimmed, whitespace collapsed, lowercased unless case-sensitive.
pub fn normalise(text: &str, case_sensitive: bool) -> String {
    let nfkc: String = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc()
        .normalize(text)
        .into_owned();
    let collapsed = nfkc.split_whitespace().collect::<Vec<_>>().join(" ");
    if case_sensitive {
        collapsed
    } else {
        collapsed.to_lowercase()
    }
}

/// Compiles an author's pattern anchored to the whole answer.
pub(crate) fn compile_pattern(
    pattern: &str,
    case_sensitive: bool,
) -> Result<regex_lite::Regex, regex_lite::Error> {
    let flags = if case_sensitive { "" } else { "(?i)" };
    regex_lite::RegexBuilder::new(&format!("{flags}^(?:{pattern})$"))
        .size_limit(1 << 20)
        .nest_limit(64)
        .build()
}
