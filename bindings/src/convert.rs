//! Values across the boundary: serde in and out, `Error`s with codes, times from JS numbers.

use std::sync::Arc;

use assay::package::{Package, PackageError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// The largest integer a JS number holds exactly: times and seeds stay at or below it.
const MAX_SAFE_INTEGER: f64 = assay::session::MAX_SAFE_INTEGER as f64;

/// One shared conversion out: serde_json text, parsed by the engine's `JSON.parse`.
///
/// Going through JSON text keeps a single serde code path (the one packages and logs already
/// use) instead of a second, JsValue-specific one; every value crossing is plain JSON data
/// anyway (integers ≤ 2^53 − 1 by construction). The `serde-wasm-bindgen` feature builds the
/// other way, for bench/boundary.mjs to compare (docs/figures.md has both).
#[cfg(not(feature = "serde-wasm-bindgen"))]
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error("serialize", &e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// One shared conversion in: `JSON.stringify`, then serde_json with the core's own error text.
#[cfg(not(feature = "serde-wasm-bindgen"))]
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| error("invalid_argument", &format!("{what}: not JSON data")))?
        .into();
    serde_json::from_slice(text.as_bytes())
        .map_err(|e| error("invalid_argument", &format!("{what}: {e}")))
}

/// The measured alternative: serde straight to JS values (plain objects, not Maps).
#[cfg(feature = "serde-wasm-bindgen")]
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error("serialize", &e.to_string()))
}

/// The measured alternative: serde straight from JS values.
#[cfg(feature = "serde-wasm-bindgen")]
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| error("invalid_argument", &format!("{what}: {e}")))
}

/// A list argument that may be left out (`undefined` or `null` is an empty list).
pub(crate) fn list_from_js<T: DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<Vec<T>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(Vec::new())
    } else {
        from_js(value, what)
    }
}

/// A JS `Error` with a `code` property.
pub(crate) fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

/// A JS `Error` for a refused event, with the `index` of the event when a log was replayed.
pub(crate) fn error_at(code: &str, message: &str, index: Option<usize>) -> JsValue {
    let js = error(code, message);
    if let Some(index) = index {
        let _ = js_sys::Reflect::set(&js, &"index".into(), &(index as u32).into());
    }
    js
}

fn package_error(e: &PackageError) -> JsValue {
    let js = error(e.code(), &e.to_string());
    if let Ok(list) = to_js(&e.issues()) {
        let _ = js_sys::Reflect::set(&js, &"issues".into(), &list);
    }
    js
}

/// A package from its JSON text, or an `Error` listing every issue and its path.
pub(crate) fn load(package_json: &str) -> Result<Arc<Package>, JsValue> {
    Package::from_json(package_json.as_bytes())
        .map(Arc::new)
        .map_err(|e| package_error(&e))
}

/// An integer time from JS (`what` names it in the error): 0..=2^53 - 1.
pub(crate) fn integer(value: f64, what: &str) -> Result<u64, JsValue> {
    if (0.0..=MAX_SAFE_INTEGER).contains(&value) && value.fract() == 0.0 {
        Ok(value as u64)
    } else {
        Err(error(
            "time_out_of_range",
            &format!("{what} must be an integer from 0 to 2^53 - 1"),
        ))
    }
}
