//! WebAssembly bindings: a mechanical adapter over the core.
//!
//! Every method converts its JS arguments with serde, calls the core and converts the answer
//! back; errors become JS `Error` objects with a stable `code` property (and `issues` for an
//! invalid package, `index` for a refused replay event). No scoring decision lives here.
//!
//! ```js
//! import init, { Session } from "./pkg/assay.js";
//! await init();
//! const session = Session.start(packageText, { sid: "s1", nonce: "n1", seed: 7 });
//! session.apply({ type: "session.start", t: Date.now() });
//! console.log(session.state().score);
//! ```

use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::package::{Package, PackageError};
use crate::session::{self, Event, SessionConfig, SessionReplayError};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
import type { SessionConfig } from "../types/SessionConfig";
import type { Event } from "../types/Event";
import type { SessionState } from "../types/SessionState";
import type { PresentedItem } from "../types/PresentedItem";
import type { TimeView } from "../types/TimeView";
import type { PackageSummary } from "../types/PackageSummary";
/** A JS Error raised by Assay, with a stable machine-readable code. */
export interface AssayError extends Error { code: string; issues?: { path: string; message: string }[]; index?: number }
"#;

/// One shared conversion out: serde_json text, parsed by the engine's `JSON.parse`.
///
/// Going through JSON text keeps a single serde code path (the one packages and logs already
/// use) instead of a second, JsValue-specific one, which keeps the module small; every value
/// crossing is plain JSON data anyway (integers ≤ 2^53 − 1 by construction).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error("serialize", &e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// One shared conversion in: `JSON.stringify`, then serde_json with the core's own error text.
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| error("invalid_argument", &format!("{what}: not JSON data")))?
        .into();
    serde_json::from_slice(text.as_bytes())
        .map_err(|e| error("invalid_argument", &format!("{what}: {e}")))
}

/// A JS `Error` with a `code` property.
fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

fn package_error(e: &PackageError) -> JsValue {
    let js = error(e.code(), &e.to_string());
    if let Ok(list) = to_js(&e.issues()) {
        let _ = js_sys::Reflect::set(&js, &"issues".into(), &list);
    }
    js
}

fn load(package_json: &str) -> Result<Arc<Package>, JsValue> {
    Package::from_json(package_json.as_bytes())
        .map(Arc::new)
        .map_err(|e| package_error(&e))
}

/// Validates a package; returns its summary or throws with `issues` (every problem and its path).
#[wasm_bindgen(js_name = validatePackage, unchecked_return_type = "PackageSummary")]
pub fn validate_package(package_json: &str) -> Result<JsValue, JsValue> {
    let package = load(package_json)?;
    to_js(&session::PackageSummary::of(&package, None))
}

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::ENGINE_VERSION.to_string()
}

/// A session held in wasm memory; JS holds only this handle.
#[wasm_bindgen]
pub struct Session(session::Session);

#[wasm_bindgen]
impl Session {
    /// Starts a session on a package (JSON text) with `{ sid, nonce, seed, accommodations? }`.
    pub fn start(
        package_json: &str,
        #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
    ) -> Result<Session, JsValue> {
        let package = load(package_json)?;
        let config: SessionConfig = from_js(config, "config")?;
        session::Session::start(package, config)
            .map(Session)
            .map_err(|e| error(e.code(), &e.to_string()))
    }

    /// Starts a session and applies a whole event log; throws with `index` at a refused event.
    pub fn replay(
        package_json: &str,
        #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Event[]")] events: JsValue,
    ) -> Result<Session, JsValue> {
        let package = load(package_json)?;
        let config: SessionConfig = from_js(config, "config")?;
        let events: Vec<Event> = from_js(events, "events")?;
        session::Session::replay(package, config, events)
            .map(Session)
            .map_err(|e| {
                let js = error(e.code(), &e.to_string());
                if let SessionReplayError::Event(r) = &e {
                    let _ = js_sys::Reflect::set(&js, &"index".into(), &(r.index as u32).into());
                }
                js
            })
    }

    /// Applies one event; throws (and changes nothing) if the event is refused.
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Event")] event: JsValue,
    ) -> Result<(), JsValue> {
        let event: Event = from_js(event, "event")?;
        self.0
            .apply(event)
            .map_err(|e| error(e.code(), &e.to_string()))
    }

    /// The state after the last accepted event.
    #[wasm_bindgen(unchecked_return_type = "SessionState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.state())
    }

    /// The clock as it would read at `t` (ms), for a ticking display.
    #[wasm_bindgen(js_name = timeAt, unchecked_return_type = "TimeView")]
    pub fn time_at(&self, t: f64) -> Result<JsValue, JsValue> {
        if !(t.is_finite() && t >= 0.0 && t <= session::MAX_SAFE_INTEGER as f64) {
            return Err(error(
                "time_out_of_range",
                "t must be an integer from 0 to 2^53 - 1",
            ));
        }
        to_js(&self.0.time_at(t as u64))
    }

    /// An item as presented (variant text, choice order, no key), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "PresentedItem | undefined")]
    pub fn item(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.0.item(id) {
            Some(item) => to_js(&item),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The package's title, description, feedback rule and limits (no item content).
    #[wasm_bindgen(unchecked_return_type = "PackageSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.summary())
    }
}
