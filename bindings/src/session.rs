//! `Session`: a session without a grant (local practice, replaying a log) and package checks.

use assay::session::{self, Event, SessionConfig, SessionReplayError};
use wasm_bindgen::prelude::*;

use crate::convert::{error, error_at, from_js, integer, load, to_js};

/// Validates a package; returns its summary or throws with `issues` (every problem and its path).
#[wasm_bindgen(js_name = validatePackage, unchecked_return_type = "PackageSummary")]
pub fn validate_package(package_json: &str) -> Result<JsValue, JsValue> {
    let package = load(package_json)?;
    to_js(&session::PackageSummary::of(&package, None))
}

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    assay::ENGINE_VERSION.to_string()
}

/// A session held in wasm memory, not bound to a grant; JS holds only this handle.
///
/// For a session a backend granted, [`crate::Attempt`] drives it instead.
#[wasm_bindgen]
pub struct Session {
    inner: session::Session,
}

fn replay_error(e: &SessionReplayError) -> JsValue {
    let index = match e {
        SessionReplayError::Event(r) => Some(r.index),
        _ => None,
    };
    error_at(e.code(), &e.to_string(), index)
}

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
            .map(|inner| Session { inner })
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
            .map(|inner| Session { inner })
            .map_err(|e| replay_error(&e))
    }

    /// Applies one event; throws (and changes nothing) if the event is refused.
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Event")] event: JsValue,
    ) -> Result<(), JsValue> {
        let event: Event = from_js(event, "event")?;
        self.inner
            .apply(event)
            .map_err(|e| error(e.code(), &e.to_string()))
    }

    /// The state after the last accepted event.
    #[wasm_bindgen(unchecked_return_type = "SessionState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.state())
    }

    /// The clock as it would read at `t` (ms), for a ticking display.
    #[wasm_bindgen(js_name = timeAt, unchecked_return_type = "TimeView")]
    pub fn time_at(&self, t: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.time_at(integer(t, "t")?))
    }

    /// An item as presented (variant text, choice order, no key), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "PresentedItem | undefined")]
    pub fn item(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.inner.item(id) {
            Some(item) => to_js(&item),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The package's title, description, feedback rule and limits (no item content).
    #[wasm_bindgen(unchecked_return_type = "PackageSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.summary())
    }
}
