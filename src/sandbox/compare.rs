//! Test comparators: does what the code produced match what the author expects?
//!
//! Function tests compare JSON values; stdio tests compare the printed text. Every rule is exact
//! integer or IEEE arithmetic on parsed values, so it gives the same answer on every platform.

use std::cmp::Ordering;

use serde_json::Value;

use crate::package::code::Comparator;

/// What the code produced for one test.
#[derive(Debug, Clone, Copy)]
pub enum Actual<'a> {
    /// The value the entry function returned.
    Value(&'a Value),
    /// What the program printed.
    Text(&'a str),
}

/// Whether `actual` matches `expected` under `comparator`. `Checker` is not decided here (it
/// needs a run of the author's checker) and reports `false`.
pub fn matches(comparator: &Comparator, expected: &Value, actual: Actual<'_>) -> bool {
    match (comparator, actual) {
        (Comparator::Checker, _) => false,
        (Comparator::Exact, Actual::Value(v)) => json_equal(expected, v, None),
        (Comparator::Exact, Actual::Text(t)) => expected.as_str() == Some(t),
        (Comparator::Whitespace, Actual::Value(v)) => match (expected, v) {
            (Value::String(e), Value::String(a)) => tokens(e).eq(tokens(a)),
            _ => json_equal(expected, v, None),
        },
        (Comparator::Whitespace, Actual::Text(t)) => {
            expected.as_str().is_some_and(|e| tokens(e).eq(tokens(t)))
        }
        (
            Comparator::Numeric {
                abs_tolerance,
                rel_tolerance,
            },
            actual,
        ) => {
            let tolerance = Some((*abs_tolerance, *rel_tolerance));
            let close = |e: f64, a: f64| within(e, a, *abs_tolerance, *rel_tolerance);
            match actual {
                Actual::Value(v) => json_equal(expected, v, tolerance),
                Actual::Text(t) => expected.as_str().is_some_and(|e| {
                    let (mut e, mut a) = (tokens(e), tokens(t));
                    loop {
                        match (e.next(), a.next()) {
                            (None, None) => return true,
                            (Some(x), Some(y)) => {
                                let same = match (number(x), number(y)) {
                                    (Some(x), Some(y)) => close(x, y),
                                    _ => x == y,
                                };
                                if !same {
                                    return false;
                                }
                            }
                            _ => return false,
                        }
                    }
                }),
            }
        }
        (Comparator::Unordered, Actual::Value(v)) => match (expected, v) {
            (Value::Array(e), Value::Array(a)) => same_multiset(e, a),
            _ => false,
        },
        (Comparator::Unordered, Actual::Text(t)) => expected.as_str().is_some_and(|e| {
            let mut want: Vec<&str> = lines(e).collect();
            let mut got: Vec<&str> = lines(t).collect();
            want.sort_unstable();
            got.sort_unstable();
            want == got
        }),
    }
}

/// A short description of the first difference, for tests the applicant may see.
pub fn first_difference(expected: &Value, actual: Actual<'_>) -> String {
    match actual {
        Actual::Text(t) => {
            let e = expected.as_str().unwrap_or_default();
            let (mut want, mut got) = (e.lines(), t.lines());
            for line in 1.. {
                match (want.next(), got.next()) {
                    (None, None) => {
                        return if e.ends_with('\n') != t.ends_with('\n') {
                            "the output differs only in its final line break".into()
                        } else {
                            "the output differs in its whitespace".into()
                        };
                    }
                    (Some(w), Some(g)) if w == g => {}
                    (Some(w), Some(g)) => return format!("line {line}: expected {w:?}, got {g:?}"),
                    (Some(w), None) => {
                        return format!("line {line}: expected {w:?}, the output ended");
                    }
                    (None, Some(g)) => {
                        return format!("line {line}: expected the output to end, got {g:?}");
                    }
                }
            }
            unreachable!("the loop returns")
        }
        Actual::Value(v) => format!("expected {}, got {}", short(expected), short(v)),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 200 {
        text
    } else {
        format!("{}…", text.chars().take(200).collect::<String>())
    }
}

fn tokens(text: &str) -> std::str::SplitWhitespace<'_> {
    text.split_whitespace()
}

/// Lines without trailing whitespace, ignoring trailing empty lines.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let trimmed = text.trim_end();
    trimmed
        .lines()
        .map(str::trim_end)
        .filter(move |_| !trimmed.is_empty())
}

fn number(token: &str) -> Option<f64> {
    token.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn within(expected: f64, actual: f64, abs: f64, rel: f64) -> bool {
    let diff = (expected - actual).abs();
    diff <= abs || diff <= rel * expected.abs()
}

/// Structural equality; numbers within `tolerance` (absolute, relative) when one is given, and
/// otherwise equal, integers exactly (a float comparison would blur integers beyond 2^53).
fn json_equal(expected: &Value, actual: &Value, tolerance: Option<(f64, f64)>) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => match (tolerance, e.as_i64(), a.as_i64()) {
            (None, Some(x), Some(y)) => x == y,
            (None, _, _) => e.as_f64() == a.as_f64(),
            (Some((abs, rel)), _, _) => match (e.as_f64(), a.as_f64()) {
                (Some(x), Some(y)) => within(x, y, abs, rel),
                _ => false,
            },
        },
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| json_equal(x, y, tolerance))
        }
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len()
                && e.iter()
                    .all(|(k, x)| a.get(k).is_some_and(|y| json_equal(x, y, tolerance)))
        }
        _ => expected == actual,
    }
}

/// Whether two lists hold the same values the same number of times.
fn same_multiset(expected: &[Value], actual: &[Value]) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let mut e: Vec<&Value> = expected.iter().collect();
    let mut a: Vec<&Value> = actual.iter().collect();
    e.sort_by(|x, y| order(x, y));
    a.sort_by(|x, y| order(x, y));
    e.iter().zip(&a).all(|(x, y)| json_equal(x, y, None))
}

/// A total order on JSON values (by kind, then value), so that lists can be sorted to compare.
fn order(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) => 4,
            Value::Object(_) => 5,
        }
    }
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        // Integers compare exactly (as f64, two beyond 2^53 could tie and keep their input
        // order, and the exact comparison after sorting would then fail); the rest as f64.
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x.cmp(&y),
                (_, _, Some(x), Some(y)) => x.cmp(&y),
                _ => {
                    let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
                    x.total_cmp(&y)
                }
            }
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .map(|(p, q)| order(p, q))
            .find(|o| o.is_ne())
            .unwrap_or(x.len().cmp(&y.len())),
        (Value::Object(x), Value::Object(y)) => {
            let x: Vec<_> = x.iter().collect();
            let y: Vec<_> = y.iter().collect();
            x.iter()
                .zip(&y)
                .map(|((k1, v1), (k2, v2))| k1.cmp(k2).then_with(|| order(v1, v2)))
                .find(|o| o.is_ne())
                .unwrap_or(x.len().cmp(&y.len()))
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const NUMERIC: Comparator = Comparator::Numeric {
        abs_tolerance: 1e-6,
        rel_tolerance: 0.0,
    };

    #[test]
    fn exact_values_compare_structurally_and_integers_exactly() {
        let exact = Comparator::Exact;
        assert!(matches(
            &exact,
            &json!({"a": [1, 2]}),
            Actual::Value(&json!({"a": [1, 2]}))
        ));
        assert!(!matches(
            &exact,
            &json!([1, 2]),
            Actual::Value(&json!([2, 1]))
        ));
        assert!(
            matches(&exact, &json!(2), Actual::Value(&json!(2.0))),
            "2 and 2.0 are one number"
        );
        assert!(!matches(
            &exact,
            &json!(9007199254740993_i64),
            Actual::Value(&json!(9007199254740992_i64))
        ));
        assert!(!matches(&exact, &json!("1"), Actual::Value(&json!(1))));
    }

    #[test]
    fn exact_text_is_exact_and_whitespace_splits_on_whitespace() {
        assert!(matches(
            &Comparator::Exact,
            &json!("6\n"),
            Actual::Text("6\n")
        ));
        assert!(!matches(
            &Comparator::Exact,
            &json!("6\n"),
            Actual::Text("6")
        ));
        assert!(matches(
            &Comparator::Whitespace,
            &json!("1 2\n3\n"),
            Actual::Text("1  2 3")
        ));
        assert!(!matches(
            &Comparator::Whitespace,
            &json!("1 2"),
            Actual::Text("12")
        ));
    }

    #[test]
    fn numeric_tolerance_applies_through_lists_objects_and_tokens() {
        assert!(matches(
            &NUMERIC,
            &json!({"f1": [0.3333333]}),
            Actual::Value(&json!({"f1": [0.33333333]}))
        ));
        assert!(!matches(
            &NUMERIC,
            &json!([0.5]),
            Actual::Value(&json!([0.51]))
        ));
        assert!(matches(
            &NUMERIC,
            &json!("mean 2.5\n"),
            Actual::Text("mean 2.5000001")
        ));
        assert!(!matches(
            &NUMERIC,
            &json!("mean 2.5"),
            Actual::Text("avg 2.5")
        ));
        let relative = Comparator::Numeric {
            abs_tolerance: 0.0,
            rel_tolerance: 0.01,
        };
        assert!(matches(
            &relative,
            &json!(1000.0),
            Actual::Value(&json!(1009.0))
        ));
        assert!(!matches(
            &relative,
            &json!(1000.0),
            Actual::Value(&json!(1011.0))
        ));
    }

    #[test]
    fn unordered_compares_multisets() {
        let c = Comparator::Unordered;
        assert!(matches(
            &c,
            &json!([[1, 2], "a", 3]),
            Actual::Value(&json!([3, "a", [1, 2]]))
        ));
        assert!(!matches(
            &c,
            &json!([1, 1, 2]),
            Actual::Value(&json!([1, 2, 2]))
        ));
        assert!(matches(&c, &json!("b\na\n"), Actual::Text("a\nb")));
        assert!(!matches(&c, &json!("b\na\n"), Actual::Text("a\na\n")));
        // Integers beyond 2^53, which f64 cannot tell apart.
        let big = 9_007_199_254_740_993_i64;
        assert!(matches(
            &c,
            &json!([big, big - 1, -big, u64::MAX]),
            Actual::Value(&json!([u64::MAX, big - 1, -big, big]))
        ));
    }

    #[test]
    fn the_first_difference_names_the_line() {
        assert_eq!(
            first_difference(&json!("1\n2\n3\n"), Actual::Text("1\n2\n4\n")),
            r#"line 3: expected "3", got "4""#
        );
        assert_eq!(
            first_difference(&json!("1\n"), Actual::Text("1")),
            "the output differs only in its final line break"
        );
        assert_eq!(
            first_difference(&json!([1]), Actual::Value(&json!([2]))),
            "expected [1], got [2]"
        );
    }
}
