//! The server's clock against the browser's, for the flags of a result.
//!
//! Event times come from the applicant's computer; the clock the backend trusts is its own: when
//! it issued the grant, and when each checkpoint and the result arrived. Two flags follow:
//! `clock_drift`, when a token's signing time and its arrival disagree by more than the skew;
//! and, for a sealed package with a time limit, `server_time_exceeded`, when the first delivery
//! that held the applicant's last answer reached the server later than the session's own time
//! after the grant (limit × time multiplier + break allowance + skew). The second is what a log
//! stamped on a slowed clock cannot hide: a 30-minute test taken in 95 minutes. A delivery that
//! was only late (the applicant went offline) is flagged too, for a person to review: the
//! backend cannot tell the two apart, and refuses neither.

use assay::Package;
use assay::package::Delivery;
use assay::receipt::jose::Compact;
use assay::receipt::{CheckpointClaims, GrantClaims};
use assay::session::Event;

/// What the backend knows of one delivery: the checkpoint tokens with their receive times, and
/// the result's signing time and arrival.
pub struct Deliveries<'a> {
    /// Checkpoints in order of receipt, with the server's receive time (s).
    pub checkpoints: &'a [(String, u64)],
    /// The result's `iat` (the browser's clock, s).
    pub result_iat: u64,
    /// When the result arrived (the server's clock, s).
    pub now: u64,
}

/// The timing flags of a result (see the module's introduction).
pub fn flags(
    package: &Package,
    grant: &GrantClaims,
    events: &[Event],
    deliveries: &Deliveries<'_>,
    skew_s: u64,
) -> Vec<&'static str> {
    let checkpoints: Vec<(CheckpointClaims, u64)> = deliveries
        .checkpoints
        .iter()
        .filter_map(|(token, received)| {
            let payload = Compact::parse(token).ok()?.payload;
            Some((serde_json::from_slice(&payload).ok()?, *received))
        })
        .collect();
    let mut flags = Vec::new();
    let drift = deliveries.result_iat.abs_diff(deliveries.now) > skew_s
        || checkpoints
            .iter()
            .any(|(c, received)| c.iat.abs_diff(*received) > skew_s);
    if drift {
        flags.push("clock_drift");
    }
    if let Some(allowed) = session_seconds(package, grant)
        && package.delivery == Delivery::Sealed
    {
        // The applicant's last answer, and the first delivery that held it.
        let last_answer = events
            .iter()
            .rposition(|e| matches!(e, Event::ItemAnswer { .. } | Event::CodeSubmit { .. }));
        let arrived = match last_answer {
            None => None,
            Some(i) => checkpoints
                .iter()
                .filter(|(c, _)| c.seq > i as u64)
                .map(|(_, received)| *received)
                .min()
                .or(Some(deliveries.now)),
        };
        if arrived.is_some_and(|t| t > grant.iat.saturating_add(allowed).saturating_add(skew_s)) {
            flags.push("server_time_exceeded");
        }
    }
    flags
}

/// The session's own time in seconds (its limit scaled, plus breaks), for a timed package.
fn session_seconds(package: &Package, grant: &GrantClaims) -> Option<u64> {
    let limit = package.time_limit_ms?;
    let scaled = limit.saturating_mul(u64::from(grant.acc.time_multiplier_permille)) / 1000;
    Some(
        scaled
            .saturating_add(grant.acc.break_allowance_ms)
            .div_ceil(1000),
    )
}
