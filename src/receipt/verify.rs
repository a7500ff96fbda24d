//! Verifying a signed result: signatures, bindings, the event chain, checkpoints, and a re-score.
//!
//! Every check runs and every failure is listed, so an operator sees the whole picture (a wrong
//! audience *and* a score mismatch) rather than the first problem.

use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::FLAG_CODES;
use super::claims::{
    AdaptiveClaim, CHAIN_ALG, CHECKPOINT_TYP, CheckpointClaims, GRANT_TYP, GrantClaims, ItemClaim,
    RESULT_TYP, ResultClaims, ScoreClaim, adaptive_claims, item_claims, score_claim,
};
use super::jose::{Compact, JoseError, PublicKey};
use crate::canonical::parse_canonical;
use crate::package::{Delivery, Package};
use crate::session::{Chain, Event, Session, SessionReplayError, Status};

/// What the verifier was given.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    /// The result (compact JWS).
    pub result: &'a str,
    /// The grant it answers (compact JWS).
    pub grant: &'a str,
    /// The session's events, in order.
    pub events: &'a [Event],
    /// Checkpoints received during the session (compact JWS each).
    pub checkpoints: &'a [String],
}

/// What the verifier trusts.
#[derive(Debug, Clone, Copy)]
pub struct Trust<'a> {
    /// The key that signs grants.
    pub issuer: &'a PublicKey,
    /// The package the grant names.
    pub package: &'a Arc<Package>,
    /// The verifier's clock, seconds since the epoch.
    pub now: u64,
    /// The audience this verifier accepts (`None`: the grant's).
    pub audience: Option<&'a str>,
    /// Clock skew tolerated, in seconds.
    pub skew: u64,
    /// The sandbox that re-runs coding submissions; without one, coding items are scored from
    /// the verdicts in the events (the browser's).
    pub judge: Option<&'a dyn crate::sandbox::CodeJudge>,
}

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The outcome of verification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// True when no check failed.
    pub valid: bool,
    /// Every failed check.
    pub failures: Vec<Failure>,
    /// The score re-computed from the events (the one that counts).
    pub rescore: Option<ScoreClaim>,
    /// The score the result claims.
    pub claimed: Option<ScoreClaim>,
    /// Each item's re-computed score, in presentation order (empty without a re-score).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemClaim>,
    /// The adaptive sections' θ and SE re-computed from the events (empty without any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adaptive: Vec<AdaptiveClaim>,
    /// The session ended (submitted or timed out).
    pub complete: bool,
    /// The result's claims, when they could be read.
    #[serde(skip)]
    pub claims: Option<ResultClaims>,
    /// The grant's claims, when they could be read.
    #[serde(skip)]
    pub grant: Option<GrantClaims>,
}

/// Runs every check on a result.
pub fn verify(evidence: Evidence<'_>, trust: Trust<'_>) -> Verdict {
    let mut failures = Vec::new();
    let mut fail = |code: &'static str, message: String| failures.push(Failure { code, message });

    // The grant: signed by the issuer, for this package and audience, not expired.
    let grant = match open::<GrantClaims>(evidence.grant, trust.issuer, GRANT_TYP) {
        Ok(g) => Some(g),
        Err((code, message)) => {
            fail(grant_code(code), format!("grant: {message}"));
            None
        }
    };
    let Some(grant) = grant else {
        return finish(failures, None, None, None, false, None);
    };
    if trust.now > grant.exp.saturating_add(trust.skew) {
        fail(
            "grant_expired",
            format!("the grant expired at {} (now {})", grant.exp, trust.now),
        );
    }
    if let Some(aud) = trust.audience
        && grant.aud != aud
    {
        fail(
            "grant_audience",
            format!("the grant is for {:?}, not {aud:?}", grant.aud),
        );
    }
    if grant.pkg.sha256 != trust.package.sha256() {
        fail(
            "package_mismatch",
            format!(
                "the grant names package sha256 {}, not {}",
                grant.pkg.sha256,
                trust.package.sha256()
            ),
        );
    }
    // A sealed package's browser ran its public view: the grant must name that view too, and
    // the browser's own (blind) score is checked against a replay on it.
    let public = match trust.package.delivery {
        Delivery::Practice => None,
        Delivery::Sealed => match trust.package.public_view() {
            Ok(view) => {
                if grant.pkg.public_sha256.as_deref() != Some(view.sha256()) {
                    fail(
                        "package_mismatch",
                        format!(
                            "the grant names public view {:?}, not {}",
                            grant.pkg.public_sha256,
                            view.sha256()
                        ),
                    );
                }
                Some(Arc::new(view))
            }
            Err(e) => {
                fail("package_mismatch", format!("the public view: {e}"));
                None
            }
        },
    };
    let session_key = match &grant.cnf.jwk {
        Some(jwk) => match PublicKey::from_jwk(jwk) {
            Ok(key) if key.thumbprint() == grant.cnf.jkt => Some(key),
            Ok(_) => {
                fail(
                    "grant_key",
                    "the grant's key does not match its thumbprint".into(),
                );
                None
            }
            Err(e) => {
                fail("grant_key", format!("the grant's key: {e}"));
                None
            }
        },
        None => {
            fail("grant_key", "the grant carries no session key".into());
            None
        }
    };
    let Some(session_key) = session_key else {
        return finish(failures, None, None, None, false, Some(grant));
    };

    // The result: signed by the session key, bound to this session, in its time window.
    let claims = match open::<ResultClaims>(evidence.result, &session_key, RESULT_TYP) {
        Ok(c) => Some(c),
        Err((code, message)) => {
            fail(result_code(code), format!("result: {message}"));
            None
        }
    };
    if let Some(c) = &claims {
        let bindings = [
            ("result_session", "sid", &c.sid, &grant.sid),
            ("result_nonce", "nonce", &c.nonce, &grant.nonce),
            ("result_audience", "aud", &c.aud, &grant.aud),
            ("result_key", "cnf.jkt", &c.cnf.jkt, &grant.cnf.jkt),
            (
                "result_package",
                "pkg.sha256",
                &c.pkg.sha256,
                &grant.pkg.sha256,
            ),
        ];
        for (code, claim, got, want) in bindings {
            if got != want {
                fail(code, format!("{claim} is {got:?}; the grant says {want:?}"));
            }
        }
        if c.pkg != grant.pkg {
            fail("result_package", "pkg differs from the grant's".into());
        }
        if c.sub != grant.sub {
            fail("result_subject", "sub differs from the grant's".into());
        }
        if let Some(token) = &c.grant
            && token.trim() != evidence.grant.trim()
        {
            fail("result_grant", "the result embeds a different grant".into());
        }
        if c.iat > trust.now.saturating_add(trust.skew) {
            fail(
                "result_future",
                format!("iat {} is after now {}", c.iat, trust.now),
            );
        }
        if c.iat.saturating_add(trust.skew) < grant.iat {
            fail(
                "result_before_grant",
                format!("iat {} is before the grant ({})", c.iat, grant.iat),
            );
        }
        if trust.now > c.exp.saturating_add(trust.skew) {
            fail(
                "result_expired",
                format!("the result expired at {} (now {})", c.exp, trust.now),
            );
        }
        if c.log.alg != CHAIN_ALG {
            fail(
                "log_algorithm",
                format!("log.alg {:?} is not {CHAIN_ALG:?}", c.log.alg),
            );
        }
    }

    // The event log: the chain must reach the claimed head, through every checkpoint.
    let mut chain = Chain::genesis(&grant.sid, &grant.nonce);
    let mut heads = Vec::with_capacity(evidence.events.len() + 1);
    heads.push(chain.head_hex());
    for event in evidence.events {
        let head = chain.next_head(event);
        chain.advance(head);
        heads.push(chain.head_hex());
    }
    if let Some(c) = &claims {
        if c.log.n != evidence.events.len() as u64 {
            fail(
                "log_length",
                format!(
                    "the result claims {} events; {} were sent",
                    c.log.n,
                    evidence.events.len()
                ),
            );
        }
        if c.log.head != chain.head_hex() {
            fail(
                "log_head",
                "the events do not hash to the claimed chain head".into(),
            );
        }
    }
    // The events' own times against the grant and the result (the browser's clock, so flags):
    // a log stamped before its session was granted, or after its result was signed, was not
    // taken in that session as it ran.
    let skew_ms = trust.skew.saturating_mul(1000);
    if let Some(first) = evidence.events.first()
        && first.t().saturating_add(skew_ms) < grant.iat.saturating_mul(1000)
    {
        fail(
            "events_before_grant",
            format!(
                "the first event is stamped {} ms, before the grant was issued ({} s)",
                first.t(),
                grant.iat
            ),
        );
    }
    if let (Some(c), Some(last)) = (&claims, evidence.events.last())
        && last.t() > c.iat.saturating_add(trust.skew).saturating_mul(1000)
    {
        fail(
            "events_after_result",
            format!(
                "the last event is stamped {} ms, after the result was signed ({} s)",
                last.t(),
                c.iat
            ),
        );
    }
    for (i, token) in evidence.checkpoints.iter().enumerate() {
        match open::<CheckpointClaims>(token, &session_key, CHECKPOINT_TYP) {
            Ok(cp) => {
                if cp.sid != grant.sid {
                    fail(
                        "checkpoint_session",
                        format!("checkpoint {i} is for session {:?}", cp.sid),
                    );
                }
                match heads.get(cp.seq as usize) {
                    Some(head) if *head == cp.head => {}
                    Some(_) => fail(
                        "checkpoint_mismatch",
                        format!(
                            "checkpoint {i} (seq {}) names a different head than the events",
                            cp.seq
                        ),
                    ),
                    None => fail(
                        "checkpoint_mismatch",
                        format!(
                            "checkpoint {i} covers {} events; only {} were sent",
                            cp.seq,
                            evidence.events.len()
                        ),
                    ),
                }
            }
            Err((_, message)) => fail("checkpoint_invalid", format!("checkpoint {i}: {message}")),
        }
    }

    // The re-score: the events replayed on the package give the score that counts, with the
    // backend's own verdicts for every coding submission.
    let config = grant.session_config();
    let mut adaptive = Vec::new();
    let mut items = Vec::new();
    let has_code = trust.package.has_code();
    // Running applicant code is the costly part of a verification, so only evidence that passed
    // every other check gets it: a result refused anyway (a forged signature, a log that does
    // not reach its head, another session's checkpoint) never has its submissions run, whatever
    // they are. Its replay still runs on the browser's own verdicts, for the report.
    let refused = failures.iter().any(|f| !FLAG_CODES.contains(&f.code));
    let mut fail = |code: &'static str, message: String| failures.push(Failure { code, message });
    let events = match trust.judge {
        Some(judge) if has_code && !refused => {
            let mut run = |task: &crate::package::CodeTask, code: &str, seed: u64| {
                judge.judge_all(task, code, seed)
            };
            let (events, rejudged) =
                crate::session::rejudge(trust.package, config.seed, evidence.events, &mut run);
            if !rejudged.differing.is_empty() {
                let list: Vec<String> = rejudged
                    .differing
                    .iter()
                    .map(|(item, n)| format!("{item} #{n}"))
                    .collect();
                fail(
                    "code_mismatch",
                    format!(
                        "the sandbox's verdicts differ from the result's for {}",
                        list.join(", ")
                    ),
                );
            }
            std::borrow::Cow::Owned(events)
        }
        _ => std::borrow::Cow::Borrowed(evidence.events),
    };
    // What the browser could score: the package itself, or for a sealed one its public view
    // replayed on the browser's own events (every answer pending there).
    let browser = match &public {
        None => None,
        Some(view) => match Session::replay(
            view.clone(),
            config.clone(),
            evidence.events.iter().cloned(),
        ) {
            Ok(session) => Some(session.state()),
            Err(e) => {
                fail("replay_refused", format!("on the public view: {e}"));
                None
            }
        },
    };
    let (rescore, complete) =
        match Session::replay(trust.package.clone(), config, events.iter().cloned()) {
            Ok(session) => {
                let authoritative = session.state();
                let rescore = score_claim(&authoritative);
                let state = browser.as_ref().unwrap_or(&authoritative);
                let rescore_seen = score_claim(state);
                if let Some(c) = &claims {
                    if c.score != rescore_seen {
                        fail(
                            "score_mismatch",
                            format!(
                                "the result claims {}/{}; the events score {}/{}",
                                c.score.raw, c.score.max, rescore_seen.raw, rescore_seen.max
                            ),
                        );
                    }
                    if c.resp != item_claims(state) {
                        fail(
                            "items_mismatch",
                            "per-item scores differ from the re-score".into(),
                        );
                    }
                }
                adaptive = adaptive_claims(&authoritative);
                items = item_claims(&authoritative);
                if let Some(c) = &claims
                    && c.adaptive != adaptive
                {
                    fail(
                        "adaptive_mismatch",
                        adaptive_difference(&c.adaptive, &adaptive),
                    );
                }
                (Some(rescore), authoritative.status == Status::Completed)
            }
            Err(SessionReplayError::Event(e)) => {
                fail("replay_refused", e.to_string());
                (None, false)
            }
            Err(SessionReplayError::Start(e)) => {
                fail("replay_start", e.to_string());
                (None, false)
            }
        };
    let claimed = claims.as_ref().map(|c| c.score);
    let mut verdict = finish(failures, rescore, claimed, claims, complete, Some(grant));
    verdict.adaptive = adaptive;
    verdict.items = items;
    verdict
}

/// Names the first adaptive section whose claimed estimate differs from the re-computed one.
fn adaptive_difference(claimed: &[AdaptiveClaim], derived: &[AdaptiveClaim]) -> String {
    let show = |a: &AdaptiveClaim| format!("θ {} SE {} after {} answers", a.theta, a.se, a.n);
    for (i, want) in derived.iter().enumerate() {
        match claimed.get(i) {
            Some(got) if got == want => {}
            Some(got) => {
                return format!(
                    "section {:?}: the result claims {}; the events give {} (thousandths of a logit)",
                    want.section,
                    show(got),
                    show(want)
                );
            }
            None => {
                return format!(
                    "the result has no estimate for adaptive section {:?}",
                    want.section
                );
            }
        }
    }
    format!(
        "the result claims {} adaptive estimates; the package has {} adaptive sections",
        claimed.len(),
        derived.len()
    )
}

fn finish(
    failures: Vec<Failure>,
    rescore: Option<ScoreClaim>,
    claimed: Option<ScoreClaim>,
    claims: Option<ResultClaims>,
    complete: bool,
    grant: Option<GrantClaims>,
) -> Verdict {
    Verdict {
        valid: failures.is_empty(),
        failures,
        rescore,
        claimed,
        items: Vec::new(),
        adaptive: Vec::new(),
        complete,
        claims,
        grant,
    }
}

/// Stage at which reading a token failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Parsing or verifying the JWS (with the JOSE error code).
    Jose(&'static str),
    /// The `typ` header.
    Typ,
    /// The payload is not canonical JSON.
    Canonical,
    /// The claims do not have the expected shape.
    Claims,
}

/// Opens a token: parses, verifies against `key`, checks `typ`, canonical form and claims.
///
/// # Errors
/// The stage that failed and why.
pub fn open<T: DeserializeOwned>(
    token: &str,
    key: &PublicKey,
    typ: &str,
) -> Result<T, (Stage, String)> {
    let compact = Compact::parse(token).map_err(|e| (Stage::Jose(e.code()), e.to_string()))?;
    compact
        .verify(key)
        .map_err(|e: JoseError| (Stage::Jose(e.code()), e.to_string()))?;
    if compact.typ() != Some(typ) {
        return Err((
            Stage::Typ,
            format!("typ is {:?}, expected {typ:?}", compact.typ()),
        ));
    }
    let value = parse_canonical(&compact.payload)
        .map_err(|e| (Stage::Canonical, format!("payload: {e}")))?;
    serde_json::from_value(value).map_err(|e| (Stage::Claims, format!("claims: {e}")))
}

fn grant_code(stage: Stage) -> &'static str {
    match stage {
        Stage::Jose("jws_signature" | "jws_kid") => "grant_signature",
        Stage::Jose("jws_algorithm") => "grant_algorithm",
        Stage::Jose(_) => "grant_malformed",
        Stage::Typ => "grant_type",
        Stage::Canonical => "grant_not_canonical",
        Stage::Claims => "grant_claims",
    }
}

fn result_code(stage: Stage) -> &'static str {
    match stage {
        Stage::Jose("jws_signature") => "result_signature",
        Stage::Jose("jws_kid") => "result_kid",
        Stage::Jose("jws_algorithm") => "result_algorithm",
        Stage::Jose("jws_critical") => "result_critical",
        Stage::Jose(_) => "result_malformed",
        Stage::Typ => "result_type",
        Stage::Canonical => "result_not_canonical",
        Stage::Claims => "result_claims",
    }
}
