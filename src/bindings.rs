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
use crate::receipt::jose::{self, Jwk};
use crate::receipt::{
    CHECKPOINT_TYP, CheckpointClaims, GrantClaims, PrivateKey, RESULT_TYP, ResultClaims,
};
use crate::sandbox::judging::Tests;
use crate::session::{self, Event, SessionConfig, SessionReplayError};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
import type { SessionConfig } from "../types/SessionConfig";
import type { Event } from "../types/Event";
import type { SessionState } from "../types/SessionState";
import type { PresentedItem } from "../types/PresentedItem";
import type { TimeView } from "../types/TimeView";
import type { PackageSummary } from "../types/PackageSummary";
import type { GrantClaims } from "../types/GrantClaims";
import type { Jwk } from "../types/Jwk";
import type { Observed } from "../types/Observed";
import type { TestVerdict } from "../types/TestVerdict";
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
pub struct Session {
    inner: session::Session,
    /// The backend's grant the session runs under, when it came from one.
    grant: Option<Grant>,
}

/// A grant as the browser holds it: the token (quoted in the result) and its claims.
struct Grant {
    token: String,
    claims: GrantClaims,
}

impl Session {
    fn local(inner: session::Session) -> Session {
        Session { inner, grant: None }
    }

    fn grant(&self) -> Result<&Grant, JsValue> {
        self.grant.as_ref().ok_or_else(|| {
            error(
                "no_grant",
                "this session was started without a grant, so it has nothing to sign",
            )
        })
    }
}

fn replay_error(e: &SessionReplayError) -> JsValue {
    let js = error(e.code(), &e.to_string());
    if let SessionReplayError::Event(r) = e {
        let _ = js_sys::Reflect::set(&js, &"index".into(), &(r.index as u32).into());
    }
    js
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
            .map(Session::local)
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
            .map(Session::local)
            .map_err(|e| replay_error(&e))
    }

    /// Runs a session under a backend's grant (compact JWS), replaying `events` already taken.
    ///
    /// The grant supplies sid, nonce, seed and accommodations. Its signature is not checked
    /// here (the backend that issued it checks everything); the package must be the one it
    /// names, byte for byte in canonical form, or this throws `package_mismatch`.
    #[wasm_bindgen(js_name = fromGrant)]
    pub fn from_grant(
        package_json: &str,
        grant: &str,
        #[wasm_bindgen(unchecked_param_type = "Event[]")] events: JsValue,
    ) -> Result<Session, JsValue> {
        let package = load(package_json)?;
        let claims = GrantClaims::read_unverified(grant)
            .map_err(|e| error("grant_malformed", &format!("the grant cannot be read: {e}")))?;
        if claims.pkg.sha256 != package.sha256() {
            return Err(error(
                "package_mismatch",
                &format!(
                    "the grant is for package {} {} (sha256 {}), not this one (sha256 {})",
                    claims.pkg.id,
                    claims.pkg.ver,
                    claims.pkg.sha256,
                    package.sha256()
                ),
            ));
        }
        let events: Vec<Event> = if events.is_undefined() || events.is_null() {
            Vec::new()
        } else {
            from_js(events, "events")?
        };
        let inner = session::Session::replay(package, claims.session_config(), events)
            .map_err(|e| replay_error(&e))?;
        Ok(Session {
            inner,
            grant: Some(Grant {
                token: grant.to_string(),
                claims,
            }),
        })
    }

    /// The claims of the grant this session runs under (accommodations, expiry, key binding).
    #[wasm_bindgen(js_name = grantClaims, unchecked_return_type = "GrantClaims")]
    pub fn grant_claims(&self) -> Result<JsValue, JsValue> {
        to_js(&self.grant()?.claims)
    }

    /// The JWS signing input of a checkpoint at the current chain position, signed at `iat` (s).
    ///
    /// The caller signs these ASCII bytes with the session key and appends `.` and the
    /// base64url signature.
    #[wasm_bindgen(js_name = checkpointInput)]
    pub fn checkpoint_input(&self, jti: &str, iat: f64) -> Result<String, JsValue> {
        let grant = self.grant()?;
        let claims = CheckpointClaims::for_session(&self.inner, jti, seconds(iat)?);
        Ok(signing_input(
            &grant.claims.cnf.jkt,
            CHECKPOINT_TYP,
            &claims,
        ))
    }

    /// The JWS signing input of the result as the session stands, signed at `iat` (s).
    ///
    /// `wasmSha256` names the engine module that ran (hex), when the page knows it.
    #[wasm_bindgen(js_name = resultInput)]
    pub fn result_input(
        &self,
        jti: &str,
        iat: f64,
        wasm_sha256: Option<String>,
    ) -> Result<String, JsValue> {
        let grant = self.grant()?;
        let claims = ResultClaims::from_session(
            &self.inner,
            &grant.claims,
            Some(&grant.token),
            jti,
            seconds(iat)?,
            grant.claims.exp,
            wasm_sha256.as_deref(),
        );
        Ok(signing_input(&grant.claims.cnf.jkt, RESULT_TYP, &claims))
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
        if !(t.is_finite() && t >= 0.0 && t <= session::MAX_SAFE_INTEGER as f64) {
            return Err(error(
                "time_out_of_range",
                "t must be an integer from 0 to 2^53 - 1",
            ));
        }
        to_js(&self.inner.time_at(t as u64))
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

    /// Starts judging `code` on a coding item (every test, or only the shown ones): the page
    /// makes the runs it asks for in the runner Worker and feeds back what it saw.
    pub fn judging(&self, item: &str, code: &str, shown_only: bool) -> Result<Judging, JsValue> {
        let which = if shown_only { Tests::Shown } else { Tests::All };
        let inner = self
            .inner
            .judging(item, code, which)
            .map_err(|e| error(e.code(), &e.to_string()))?;
        Ok(Judging { inner })
    }

    /// Whether a coding submission still waits for its verdicts.
    #[wasm_bindgen(js_name = judgingPending)]
    pub fn judging_pending(&self) -> bool {
        self.inner.judging_pending()
    }
}

/// A JWS signing input for canonical `claims` under the session key `kid`.
fn signing_input<T: Serialize>(kid: &str, typ: &str, claims: &T) -> String {
    let payload = crate::canonical::to_jcs(claims).unwrap_or_default();
    jose::signing_input(kid, typ, &payload)
}

/// Seconds since the epoch from JS: an integer in 0..=2^53 - 1.
fn seconds(value: f64) -> Result<u64, JsValue> {
    if value.is_finite() && value >= 0.0 && value <= session::MAX_SAFE_INTEGER as f64 {
        Ok(value as u64)
    } else {
        Err(error(
            "time_out_of_range",
            "iat must be an integer number of seconds from 0 to 2^53 - 1",
        ))
    }
}

fn key_seed(seed: &[u8]) -> Result<PrivateKey, JsValue> {
    let seed: &[u8; 32] = seed
        .try_into()
        .map_err(|_| error("invalid_key", "an Ed25519 seed is 32 bytes"))?;
    Ok(PrivateKey::from_seed(seed))
}

/// The public JWK of the Ed25519 key made from a 32-byte seed.
///
/// For browsers without Ed25519 in WebCrypto: the page keeps the seed and signs here instead.
#[wasm_bindgen(js_name = ed25519PublicJwk, unchecked_return_type = "Jwk")]
pub fn ed25519_public_jwk(seed: &[u8]) -> Result<JsValue, JsValue> {
    let jwk: Jwk = key_seed(seed)?.public().to_jwk();
    to_js(&jwk)
}

/// The base64url Ed25519 signature of `input` (a JWS signing input) with the seed's key.
#[wasm_bindgen(js_name = ed25519Sign)]
pub fn ed25519_sign(seed: &[u8], input: &str) -> Result<String, JsValue> {
    Ok(jose::b64(&key_seed(seed)?.sign(input.as_bytes())))
}

/// One submission being judged; JS holds only this handle.
#[wasm_bindgen]
pub struct Judging {
    inner: crate::sandbox::judging::Judging,
}

/// A run for the Worker: the module's request as JSON text and the step budget for its counter.
#[derive(Serialize)]
struct WorkerRun {
    test: u32,
    request: String,
    steps: u64,
}

#[wasm_bindgen]
impl Judging {
    /// The runs to make now, `[{test, request, steps}]`, as one batch (empty once done).
    #[wasm_bindgen(unchecked_return_type = "{ test: number; request: string; steps: number }[]")]
    pub fn runs(&self) -> Result<JsValue, JsValue> {
        let runs: Vec<WorkerRun> = self
            .inner
            .runs()
            .iter()
            .map(|r| WorkerRun {
                test: r.test,
                request: r.request.to_json(),
                steps: r.request.steps,
            })
            .collect();
        to_js(&runs)
    }

    /// Feeds what the Worker observed for each run of `runs()`, in order.
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Observed[]")] observed: JsValue,
    ) -> Result<(), JsValue> {
        let observed: Vec<crate::sandbox::Observed> = from_js(observed, "observed")?;
        self.inner
            .feed(&observed)
            .map_err(|e| error("judging_feed", &e.to_string()))
    }

    /// Whether every verdict is known.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.inner.is_done()
    }

    /// The verdicts, one per judged test, once done (`null` before).
    #[wasm_bindgen(unchecked_return_type = "TestVerdict[] | null")]
    pub fn verdicts(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.verdicts())
    }
}
