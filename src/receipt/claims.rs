//! The signed documents: session grants, checkpoints and results (DESIGN §4).
//!
//! Every payload is RFC 8785 canonical JSON with integer numbers only, so it has exactly one
//! signed spelling; scores are thousandths of a point.

use serde::{Deserialize, Serialize};

use super::jose::Jwk;
use crate::psychometrics::StopReason;
use crate::scoring::Outcome;
use crate::session::{Accommodations, Session, SessionState};

/// `typ` of a result token.
pub const RESULT_TYP: &str = "assessment-result+jwt";
/// `typ` of a session grant.
pub const GRANT_TYP: &str = "assessment-grant+jwt";
/// `typ` of a checkpoint.
pub const CHECKPOINT_TYP: &str = "assessment-checkpoint+jwt";
/// Version of the result claims set.
pub const RESULT_VERSION: u32 = 1;
/// Name of the event hash chain in `log.alg`.
pub const CHAIN_ALG: &str = "sha256-jcs-chain";

/// Which package a grant or result is about.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageRef {
    /// Package id.
    pub id: String,
    /// Package version.
    pub ver: String,
    /// Hex SHA-256 of its canonical JSON (the full package, as its author wrote it).
    pub sha256: String,
    /// Hex SHA-256 of its public view, for a sealed package: the document the browser runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_sha256: Option<String>,
}

impl PackageRef {
    /// The reference to `package`, naming its public view too when it is sealed.
    ///
    /// # Errors
    /// [`crate::package::PackageError`] when the public view cannot be derived (`package` is
    /// a public view itself).
    pub fn of(
        package: &crate::package::Package,
    ) -> Result<PackageRef, crate::package::PackageError> {
        let public_sha256 = match package.delivery {
            crate::package::Delivery::Practice => None,
            crate::package::Delivery::Sealed => Some(package.public_view()?.sha256().to_string()),
        };
        Ok(PackageRef {
            id: package.id.clone(),
            ver: package.version.clone(),
            sha256: package.sha256().to_string(),
            public_sha256,
        })
    }

    /// Whether a session may run on `package` under this reference: the package itself, or
    /// the public view of a sealed one (what a browser runs).
    pub fn runs(&self, package: &crate::package::Package) -> bool {
        let digest = Some(package.sha256());
        digest == Some(self.sha256.as_str()) || digest == self.public_sha256.as_deref()
    }
}

/// Proof-of-possession confirmation: the session key's thumbprint (and, in a grant, the key).
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    /// RFC 7638 thumbprint of the session key.
    pub jkt: String,
    /// The session's public key (grants carry it so a verifier needs nothing else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwk: Option<Jwk>,
}

/// What a backend grants a browser: a session bound to its key, with the seed and limits.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantClaims {
    /// The backend that issued the grant.
    pub iss: String,
    /// Session id.
    pub sid: String,
    /// At least 128 bits from the issuer's CSPRNG, base64url.
    pub nonce: String,
    /// Audience: the deployment the result is for.
    pub aud: String,
    /// The applicant, as the issuer knows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Results are accepted until this time, seconds since the epoch.
    pub exp: u64,
    /// Seed of variants and shuffles.
    pub seed: u64,
    /// The session key.
    pub cnf: Confirmation,
    /// The package.
    pub pkg: PackageRef,
    /// The applicant's accommodations.
    #[serde(default)]
    pub acc: Accommodations,
}

/// Which engine produced a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineRef {
    /// Engine version.
    pub ver: String,
    /// Hex SHA-256 of the wasm module that ran, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wasm_sha256: Option<String>,
}

/// The event log a result commits to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogRef {
    /// Chain algorithm: [`CHAIN_ALG`].
    pub alg: String,
    /// Number of events.
    pub n: u64,
    /// Chain head after the last event (hex).
    pub head: String,
}

/// A score in thousandths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreClaim {
    /// Points earned, in thousandths.
    pub raw: i64,
    /// Points available, in thousandths.
    pub max: i64,
    /// Units per point (1000).
    pub scale: u32,
}

/// One item's outcome in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemClaim {
    /// Item id.
    pub item: String,
    /// Points earned in thousandths; absent when unanswered, or answered and pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earned: Option<i64>,
    /// Points available, in thousandths.
    pub max: i64,
    /// Answered, and scored by the backend (the browser ran a sealed package's public view).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
}

/// An adaptive section's ability estimate in a result, as integers.
///
/// θ and its standard error are floats in the session; a claim carries them in thousandths of a
/// logit (`round(θ × 1000)`), so the signed payload stays integer-only and a re-score compares
/// them exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdaptiveClaim {
    /// Section id.
    pub section: String,
    /// θ in thousandths of a logit.
    pub theta: i64,
    /// Standard error of θ in thousandths of a logit.
    pub se: i64,
    /// Units per logit (1000).
    pub scale: u32,
    /// Answers the estimate rests on.
    pub n: u32,
    /// Why the engine ended the section, if it did (`se`, `max_items`, `pool_exhausted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<StopReason>,
}

/// Units per logit in [`AdaptiveClaim`].
pub const LOGIT_SCALE: u32 = 1000;

/// The claims of a signed result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultClaims {
    /// Claims-set version: [`RESULT_VERSION`].
    pub ver: u32,
    /// Unique id of this result (the idempotency key).
    pub jti: String,
    /// Session id.
    pub sid: String,
    /// The grant's nonce.
    pub nonce: String,
    /// The grant's audience.
    pub aud: String,
    /// The grant's subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// Signed at, seconds since the epoch (the browser's clock).
    pub iat: u64,
    /// Not to be accepted after, seconds since the epoch.
    pub exp: u64,
    /// The session key's thumbprint.
    pub cnf: Confirmation,
    /// The grant this result answers (compact JWS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<String>,
    /// The package.
    pub pkg: PackageRef,
    /// The engine.
    pub eng: EngineRef,
    /// Per-item outcomes in presentation order.
    pub resp: Vec<ItemClaim>,
    /// The event log.
    pub log: LogRef,
    /// The total.
    pub score: ScoreClaim,
    /// Ability estimates of the adaptive sections, in section order (absent without any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adaptive: Vec<AdaptiveClaim>,
}

/// The claims of a checkpoint: the chain position acknowledged so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointClaims {
    /// Session id.
    pub sid: String,
    /// Number of events covered.
    pub seq: u64,
    /// Chain head after them (hex).
    pub head: String,
    /// Unique id of this checkpoint.
    pub jti: String,
    /// Signed at, seconds since the epoch (the browser's clock).
    pub iat: u64,
}

impl ResultClaims {
    /// The claims describing `session` as it stands, for the grant it runs under.
    pub fn from_session(
        session: &Session,
        grant: &GrantClaims,
        grant_token: Option<&str>,
        jti: &str,
        iat: u64,
        exp: u64,
        wasm_sha256: Option<&str>,
    ) -> ResultClaims {
        let state = session.state();
        ResultClaims {
            ver: RESULT_VERSION,
            jti: jti.to_string(),
            sid: grant.sid.clone(),
            nonce: grant.nonce.clone(),
            aud: grant.aud.clone(),
            sub: grant.sub.clone(),
            iat,
            exp,
            cnf: Confirmation {
                jkt: grant.cnf.jkt.clone(),
                jwk: None,
            },
            grant: grant_token.map(str::to_string),
            pkg: grant.pkg.clone(),
            eng: EngineRef {
                ver: crate::ENGINE_VERSION.to_string(),
                wasm_sha256: wasm_sha256.map(str::to_string),
            },
            resp: item_claims(&state),
            log: LogRef {
                alg: CHAIN_ALG.to_string(),
                n: state.seq,
                head: state.head.clone(),
            },
            score: score_claim(&state),
            adaptive: adaptive_claims(&state),
        }
    }
}

impl CheckpointClaims {
    /// The checkpoint for `session` as it stands: its chain position, signed at `iat`.
    pub fn for_session(session: &Session, jti: &str, iat: u64) -> CheckpointClaims {
        let chain = session.chain();
        CheckpointClaims {
            sid: session.config().sid.clone(),
            seq: chain.seq(),
            head: chain.head_hex(),
            jti: jti.to_string(),
            iat,
        }
    }
}

impl GrantClaims {
    /// Reads a grant's claims without checking its signature.
    ///
    /// For the browser, which takes the grant from its own backend and only needs its contents
    /// to run the session; every verifier checks the signature with [`super::open`].
    ///
    /// # Errors
    /// Not a compact JWS, or its payload is not canonical grant claims.
    pub fn read_unverified(token: &str) -> Result<GrantClaims, String> {
        let compact = super::jose::Compact::parse(token).map_err(|e| e.to_string())?;
        let value =
            crate::canonical::parse_canonical(&compact.payload).map_err(|e| e.to_string())?;
        serde_json::from_value(value).map_err(|e| format!("grant claims: {e}"))
    }
}

/// Per-item outcomes of a session state, in presentation order.
pub fn item_claims(state: &SessionState) -> Vec<ItemClaim> {
    state
        .items
        .iter()
        .map(|i| {
            let pending = i.score.is_some_and(|s| s.outcome == Outcome::Pending);
            ItemClaim {
                item: i.id.clone(),
                earned: i.score.filter(|_| !pending).map(|s| s.earned.0),
                max: i.max.0,
                pending,
            }
        })
        .collect()
}

/// The adaptive sections' estimates of a session state, in section order.
pub fn adaptive_claims(state: &SessionState) -> Vec<AdaptiveClaim> {
    state
        .sections
        .iter()
        .filter_map(|s| {
            let a = s.adaptive.as_ref()?;
            Some(AdaptiveClaim {
                section: s.id.clone(),
                theta: scaled(a.theta),
                se: scaled(a.se),
                scale: LOGIT_SCALE,
                n: a.answered,
                stop: a.stop,
            })
        })
        .collect()
}

/// `round(x × 1000)`; the estimates are bounded by the estimator's range, far inside `i64`.
fn scaled(x: f64) -> i64 {
    (x * f64::from(LOGIT_SCALE)).round() as i64
}

/// A session state's total as a claim.
pub fn score_claim(state: &SessionState) -> ScoreClaim {
    ScoreClaim {
        raw: state.score.earned.0,
        max: state.score.max.0,
        scale: crate::points::SCALE as u32,
    }
}

impl GrantClaims {
    /// A grant for one session of `package`, bound to `session_key`.
    ///
    /// Results are accepted until the session's own time allows (the test limit scaled by the
    /// time multiplier, plus break allowance) and then `margin` seconds for delivery; an untimed
    /// package gets `margin` alone.
    ///
    /// # Errors
    /// As [`PackageRef::of`]: `package` is a public view, not a package one can grant.
    #[allow(clippy::too_many_arguments)]
    pub fn for_session(
        iss: &str,
        aud: &str,
        sub: Option<&str>,
        sid: &str,
        nonce: &str,
        seed: u64,
        session_key: &super::PublicKey,
        package: &crate::package::Package,
        acc: Accommodations,
        iat: u64,
        margin: u64,
    ) -> Result<GrantClaims, crate::package::PackageError> {
        let limit_ms = package.time_limit_ms.map_or(0, |ms| {
            ms.saturating_mul(u64::from(acc.time_multiplier_permille)) / 1000
        });
        let session_s = limit_ms
            .saturating_add(acc.break_allowance_ms)
            .div_ceil(1000);
        Ok(GrantClaims {
            iss: iss.to_string(),
            sid: sid.to_string(),
            nonce: nonce.to_string(),
            aud: aud.to_string(),
            sub: sub.map(str::to_string),
            iat,
            exp: iat.saturating_add(session_s).saturating_add(margin),
            seed,
            cnf: Confirmation {
                jkt: session_key.thumbprint(),
                jwk: Some(session_key.to_jwk()),
            },
            pkg: PackageRef::of(package)?,
            acc,
        })
    }

    /// The session configuration this grant prescribes.
    pub fn session_config(&self) -> crate::session::SessionConfig {
        crate::session::SessionConfig {
            sid: self.sid.clone(),
            nonce: self.nonce.clone(),
            seed: self.seed,
            accommodations: self.acc,
        }
    }
}

/// Longest `sub` (the applicant's name for the operator) a grant carries, in bytes.
pub const MAX_SUB_BYTES: usize = 256;

/// Checks a `sub` before it is stored or signed: 1 to [`MAX_SUB_BYTES`] bytes, in Unicode NFC
/// (one spelling per name, so one applicant is one `sub`), with no control characters.
///
/// # Errors
/// What is wrong with it, in words an operator can act on.
pub fn check_sub(sub: &str) -> Result<(), String> {
    if sub.trim().is_empty() || sub.len() > MAX_SUB_BYTES {
        return Err(format!(
            "sub names the applicant in 1 to {MAX_SUB_BYTES} bytes; this one has {}",
            sub.len()
        ));
    }
    if let Some(at) = sub.chars().position(char::is_control) {
        return Err(format!("sub has a control character at character {at}"));
    }
    if !icu_normalizer::ComposingNormalizerBorrowed::new_nfc().is_normalized(sub) {
        return Err("sub is not in Unicode NFC".into());
    }
    Ok(())
}
