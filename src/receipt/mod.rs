//! Signed results: session grants, checkpoints, results, and their verification (DESIGN §4-5).
//!
//! A backend signs a [`GrantClaims`] binding a session id, nonce, seed and package to the
//! browser's session key. The browser signs checkpoints and a [`ResultClaims`] with that key.
//! [`verify`] checks every signature and binding, recomputes the event chain through every
//! checkpoint, and re-scores the events: the re-score is the score that counts.

mod claims;
pub mod jose;
mod verify;

pub use claims::*;
pub use jose::{Jwk, PrivateKey, PublicKey};
pub use verify::{Evidence, Failure, Stage, Trust, Verdict, open, verify};

use serde::Serialize;

/// Failure codes that flag a result rather than reject it.
///
/// The backend's re-score is the score that counts, so a client that claims a different score
/// (or a different θ and SE for an adaptive section) is reported, not refused. A signing time outside the grant's window says the applicant's
/// computer clock is wrong: refusing would lose their work over a setting they may not control,
/// and the backend's own receive times (at every checkpoint and at the result) are the clock
/// that is trusted, so it is reported too.
pub const FLAG_CODES: &[&str] = &[
    "score_mismatch",
    "items_mismatch",
    "adaptive_mismatch",
    "code_mismatch",
    "result_future",
    "result_before_grant",
    "events_before_grant",
    "events_after_result",
];

/// Signs claims as a compact JWS of the given `typ` (payload: canonical JSON).
pub fn sign_claims<T: Serialize>(key: &PrivateKey, typ: &str, claims: &T) -> String {
    let payload = crate::canonical::to_jcs(claims).unwrap_or_default();
    jose::sign(key, typ, &payload)
}
