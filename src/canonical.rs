//! RFC 8785 canonical JSON (JCS) and the SHA-256 digests built on it.
//!
//! Anything hashed or signed is first written as JCS, so two parties that agree on a value agree
//! on its bytes whatever key order, whitespace or number spelling they started from.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Sha256Digest = [u8; 32];

/// The JCS bytes of a value.
///
/// # Errors
/// The value cannot be represented in JSON (a non-finite float, a map with non-string keys).
pub fn to_jcs<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    // Through a `Value` and the one JCS writer that also checks received bytes: a single
    // implementation to trust, and no second canonicaliser in the browser's module.
    serde_json::to_value(value).map(|v| value_to_jcs(&v))
}

/// Why received bytes are not acceptable canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// Not JSON at all.
    #[error("not JSON: {0}")]
    Syntax(String),
    /// JSON, but not in RFC 8785 form (key order, whitespace, escapes or number spelling differ).
    #[error("not RFC 8785 canonical JSON")]
    NotCanonical,
    /// A number that is not an integer within ±(2^53 − 1).
    #[error("{0} is not an integer within ±(2^53 - 1)")]
    Number(String),
}

/// Parses bytes that must already be RFC 8785 canonical JSON with integer numbers only.
///
/// Signed payloads are checked this way so that one value has exactly one signed spelling.
///
/// # Errors
/// [`CanonicalError`] naming what is wrong.
pub fn parse_canonical(bytes: &[u8]) -> Result<serde_json::Value, CanonicalError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| CanonicalError::Syntax(e.to_string()))?;
    check_integers(&value)?;
    if value_to_jcs(&value) != bytes {
        return Err(CanonicalError::NotCanonical);
    }
    Ok(value)
}

/// The JCS bytes of a parsed JSON value, written directly.
///
/// Verifying a result checks that each payload is canonical, which the generic serializer does
/// with an allocation per property; a parsed `Value`'s objects are already almost in RFC 8785
/// order. A property test checks this writer byte for byte against the JCS crate.
pub fn value_to_jcs(value: &serde_json::Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut Vec<u8>, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => {
            const EXACT: u64 = 1 << 53;
            let text = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) if i.unsigned_abs() <= EXACT => i.to_string(),
                (_, Some(u)) if u <= EXACT => u.to_string(),
                // Beyond 2^53 (and for fractions) JSON numbers are IEEE doubles, as in JavaScript.
                _ => format_number(n.as_f64().unwrap_or(f64::NAN)),
            };
            out.extend_from_slice(text.as_bytes());
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // Already in UTF-8 byte order, which differs from UTF-16 order only for characters
            // at or above U+E000; re-sort just those objects.
            if map.keys().any(|k| k.chars().any(|c| c >= '\u{e000}')) {
                entries.sort_by(|a, b| utf16_order(a.0, b.0));
            }
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, k);
                out.push(b':');
                write_value(out, v);
            }
            out.push(b'}');
        }
    }
}

/// Writes a JSON string as RFC 8785 does: serde_json escapes exactly what JCS escapes
/// (`"`, `\\` and U+0000..U+001F, with lowercase hex).
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let _ = serde_json::to_writer(&mut *out, s);
}

/// RFC 8785's property order: by UTF-16 code units (which differs from Rust's byte order for
/// characters above U+FFFF).
pub(crate) fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

fn check_integers(value: &serde_json::Value) -> Result<(), CanonicalError> {
    const SAFE: u64 = (1 << 53) - 1;
    match value {
        serde_json::Value::Number(n) => {
            let ok = n.as_u64().is_some_and(|v| v <= SAFE)
                || n.as_i64().is_some_and(|v| v.unsigned_abs() <= SAFE);
            if ok {
                Ok(())
            } else {
                Err(CanonicalError::Number(n.to_string()))
            }
        }
        serde_json::Value::Array(items) => items.iter().try_for_each(check_integers),
        serde_json::Value::Object(map) => map.values().try_for_each(check_integers),
        _ => Ok(()),
    }
}

/// A number written as JavaScript and RFC 8785 write it (`5`, `0.1`, `1e+21`).
///
/// The one way the core turns a float into text, for templates and messages alike: it matches
/// what the browser would show and avoids linking a second float formatter into the wasm.
pub fn format_number(n: f64) -> String {
    if !n.is_finite() {
        return if n.is_nan() {
            "NaN".into()
        } else if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    // ryu-js is the ECMAScript Number-to-String algorithm, the one RFC 8785 prescribes.
    ryu_js::Buffer::new().format_finite(n).to_string()
}

/// SHA-256 of a byte string.
pub fn sha256(bytes: &[u8]) -> Sha256Digest {
    Sha256::digest(bytes).into()
}

/// SHA-256 of a value's JCS bytes.
///
/// # Errors
/// As [`to_jcs`].
pub fn jcs_sha256<T: Serialize>(value: &T) -> Result<Sha256Digest, serde_json::Error> {
    Ok(sha256(&to_jcs(value)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn key_order_and_whitespace_do_not_matter() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"b": [1, 2.50, {"y":1,"x":2}], "a": "é"}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{"a":"\u00e9","b":[1,2.5,{"x":2,"y":1}]}"#).unwrap();
        assert_eq!(to_jcs(&a).unwrap(), to_jcs(&b).unwrap());
        assert_eq!(
            String::from_utf8(to_jcs(&a).unwrap()).unwrap(),
            r#"{"a":"é","b":[1,2.5,{"x":2,"y":1}]}"#
        );
    }

    #[test]
    fn rfc8785_number_serialisation() {
        // Selected rows of RFC 8785 appendix B.
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992.0, "9007199254740992"),
            (295147905179352830000.0, "295147905179352830000"),
            (1e21, "1e+21"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (333333333.3333333, "333333333.3333333"),
        ];
        for (value, expected) in cases {
            assert_eq!(
                String::from_utf8(to_jcs(&value).unwrap()).unwrap(),
                expected,
                "{value:e}"
            );
        }
    }
}
