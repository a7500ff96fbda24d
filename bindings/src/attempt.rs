//! `Attempt`: a session under a backend's grant, as the shim (or a partner's host) drives it.
//!
//! One applicant action is one call: `record(event)` returns the step (what to store, what
//! changed, what is due), so a host redraws without reading the whole state again.

use assay::attempt::{self, AttemptError, Delivered};
use assay::sandbox::judging::Tests;
use assay::session::Event;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::Judging;
use crate::convert::{error, error_at, from_js, integer, list_from_js, load, to_js};

/// One applicant's session under a backend's grant; JS holds only this handle.
#[wasm_bindgen]
pub struct Attempt {
    inner: attempt::Attempt,
}

fn attempt_error(e: &AttemptError) -> JsValue {
    error_at(e.code(), &e.to_string(), e.event_index())
}

/// A checkpoint to sign: its JWS signing input and the first event it covers.
#[derive(Serialize)]
struct CheckpointInput {
    input: String,
    from: u64,
}

#[wasm_bindgen]
impl Attempt {
    /// Opens the attempt of `grant` (compact JWS) on a package (JSON text), replaying `events`
    /// already taken, of which the first `covered` went out in checkpoints (`signed`: and the
    /// result). Throws `grant_malformed`, `package_mismatch`, or a replay error with `index`.
    pub fn open(
        package_json: &str,
        grant: &str,
        #[wasm_bindgen(unchecked_param_type = "Event[]")] events: JsValue,
        covered: f64,
        signed: bool,
    ) -> Result<Attempt, JsValue> {
        let package = load(package_json)?;
        let events: Vec<Event> = list_from_js(events, "events")?;
        let delivered = Delivered {
            covered: integer(covered, "covered")?,
            signed,
        };
        attempt::Attempt::from_grant(package, grant, events, delivered)
            .map(|inner| Attempt { inner })
            .map_err(|e| attempt_error(&e))
    }

    /// Records one event; returns the step. Throws (changing nothing) if it is refused.
    #[wasm_bindgen(unchecked_return_type = "Step")]
    pub fn record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Event")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        let event: Event = from_js(event, "event")?;
        let step = self.inner.record(event).map_err(|e| attempt_error(&e))?;
        to_js(&step)
    }

    /// What is due now, for a host that has just opened the attempt.
    #[wasm_bindgen(unchecked_return_type = "Due[]")]
    pub fn due(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.due())
    }

    /// A checkpoint over the events not yet covered, signed at `iat` (s): `{input, from}`, or
    /// `null` when every event is covered. The host signs `input` with the session key.
    #[wasm_bindgen(
        js_name = checkpointInput,
        unchecked_return_type = "{ input: string; from: number } | null"
    )]
    pub fn checkpoint_input(&mut self, jti: &str, iat: f64) -> Result<JsValue, JsValue> {
        let next = self.inner.checkpoint_input(jti, integer(iat, "iat")?);
        to_js(&next.map(|(input, from)| CheckpointInput { input, from }))
    }

    /// The result's JWS signing input, signed at `iat` (s); `wasmSha256` names the engine
    /// module that ran (hex). Throws `not_finished` or `judging_pending`.
    #[wasm_bindgen(js_name = resultInput)]
    pub fn result_input(
        &mut self,
        jti: &str,
        iat: f64,
        wasm_sha256: Option<String>,
    ) -> Result<String, JsValue> {
        self.inner
            .result_input(jti, integer(iat, "iat")?, wasm_sha256.as_deref())
            .map_err(|e| attempt_error(&e))
    }

    /// The whole state after the last event (a host mirrors it from steps instead).
    #[wasm_bindgen(unchecked_return_type = "SessionState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.session().state())
    }

    /// The clock as it would read at `t` (ms), for a ticking display.
    #[wasm_bindgen(js_name = timeAt, unchecked_return_type = "TimeView")]
    pub fn time_at(&self, t: f64) -> Result<JsValue, JsValue> {
        to_js(&self.inner.session().time_at(integer(t, "t")?))
    }

    /// An item as presented (variant text, choice order, no key), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "PresentedItem | undefined")]
    pub fn item(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.inner.session().item(id) {
            Some(item) => to_js(&item),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The package's title, description, feedback rule and limits (no item content).
    #[wasm_bindgen(unchecked_return_type = "PackageSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.session().summary())
    }

    /// The grant's claims (accommodations, expiry, key binding).
    #[wasm_bindgen(js_name = grantClaims, unchecked_return_type = "GrantClaims")]
    pub fn grant_claims(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.grant())
    }

    /// Starts judging `code` on a coding item (every test, or only the shown ones): the host
    /// makes the runs it asks for and feeds back what it saw.
    pub fn judging(&self, item: &str, code: &str, shown_only: bool) -> Result<Judging, JsValue> {
        let which = if shown_only { Tests::Shown } else { Tests::All };
        let inner = self
            .inner
            .session()
            .judging(item, code, which)
            .map_err(|e| error(e.code(), &e.to_string()))?;
        Ok(Judging { inner })
    }
}
