//! The session driver: one applicant's session bound to the grant it runs under, as a host
//! drives it.
//!
//! A host (the browser shim, a partner's screens, a simulator) records what the applicant did
//! with [`Attempt::record`] and gets a small [`Step`] back: the events to store (the one given,
//! its time made monotonic, and any the driver adds), the item views that changed, and what is
//! [`Due`] next. Every protocol decision is taken here (which item to show, what happens when
//! time runs out, what to judge, when to checkpoint and when to sign), in the style of a sans-I/O
//! protocol: the host renders, stores and sends, and decides nothing.
//!
//! ```
//! # use assay::attempt::{Attempt, Due};
//! # fn host(mut attempt: Attempt, now: impl Fn() -> u64) -> Result<(), assay::attempt::AttemptError> {
//! let step = attempt.record(assay::session::Event::SessionStart { t: now() })?;
//! // store step.recorded on the device, then do what is due:
//! for due in &step.due {
//!     if let Due::View { item } = due {
//!         attempt.record(assay::session::Event::ItemView { t: now(), item: item.clone() })?;
//!     }
//! }
//! # Ok(()) }
//! ```

mod due;
mod error;

use std::sync::Arc;

use serde::Serialize;

pub use due::{Due, Urgency};
pub use error::AttemptError;

use crate::canonical::to_jcs;
use crate::package::Package;
use crate::receipt::jose;
use crate::receipt::{CHECKPOINT_TYP, CheckpointClaims, GrantClaims, RESULT_TYP, ResultClaims};
use crate::session::{Event, EventError, ItemView, Overview, SectionView, Session, Status};

/// What the host already delivered of this attempt, as its device store remembers it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Events covered by a signed checkpoint (or by the result).
    pub covered: u64,
    /// Whether the result has been signed.
    pub signed: bool,
}

/// One applicant's session under a backend's grant.
#[derive(Debug, Clone)]
pub struct Attempt {
    session: Session,
    grant: String,
    claims: GrantClaims,
    /// The item views as the host last saw them, to tell it what changed.
    views: Vec<ItemView>,
    /// The sections as the host last saw them.
    sections: Vec<SectionView>,
    delivered: Delivered,
    /// The kind of the last event recorded (a section boundary makes a checkpoint urgent).
    last: Option<&'static str>,
}

/// The answer to one recorded event: everything a host needs to store it and redraw.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct Step {
    /// The session's state without its sections and items (`seq`, `head`, `status`, the
    /// current section and item, the score...), flat in the step as in the state.
    #[serde(flatten)]
    pub overview: Overview,
    /// The events to store, in order: the one given (its `t` raised to the last event's if the
    /// host's clock stepped back), or, when time had run out, the `clock` event that closed
    /// what expired instead.
    pub recorded: Vec<Event>,
    /// Why the event given was not taken, when time had run out before it (`"time_up"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub refused: Option<Refusal>,
    /// Item views that changed, and views of items given for the first time.
    pub changed: Vec<ItemView>,
    /// Every section, when any of them changed (opened, closed, a new adaptive estimate).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub sections: Option<Vec<SectionView>>,
    /// What the host must do next.
    pub due: Vec<Due>,
}

/// An event the attempt did not take, though the step went ahead (time had run out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct Refusal {
    /// The stable code (`"time_up"`).
    pub code: &'static str,
    /// What happened, for people.
    pub message: String,
}

impl Attempt {
    /// Runs a session of `package` under `grant` (a compact JWS), replaying `events` already
    /// taken; `delivered` says what of them the host has sent.
    ///
    /// The grant's signature is not checked here: the backend that issued it checks everything
    /// when the result arrives. The package must be the one the grant names, byte for byte in
    /// canonical form.
    ///
    /// # Errors
    /// [`AttemptError`]: an unreadable grant, another package, or a log that does not replay.
    pub fn from_grant(
        package: Arc<Package>,
        grant: &str,
        events: Vec<Event>,
        delivered: Delivered,
    ) -> Result<Attempt, AttemptError> {
        let claims = GrantClaims::read_unverified(grant).map_err(AttemptError::GrantMalformed)?;
        if !claims.pkg.runs(&package) {
            return Err(AttemptError::PackageMismatch {
                granted: format!(
                    "{} {} (sha256 {})",
                    claims.pkg.id, claims.pkg.ver, claims.pkg.sha256
                ),
                given: package.sha256().to_string(),
            });
        }
        let last = events.last().map(Event::kind);
        let session = Session::replay(package, claims.session_config(), events)?;
        let state = session.state();
        let delivered = Delivered {
            covered: delivered.covered.min(state.seq),
            signed: delivered.signed,
        };
        Ok(Attempt {
            views: state.items,
            sections: state.sections,
            session,
            grant: grant.to_string(),
            claims,
            delivered,
            last,
        })
    }

    /// The session it drives (state, items as presented, the clock between events).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The grant's claims.
    pub fn grant(&self) -> &GrantClaims {
        &self.claims
    }

    /// Records one event of the applicant's (or the runner's verdicts) and says what follows.
    ///
    /// The event's `t` is taken from the host's clock; one earlier than the last event's is
    /// raised to it, since a wall clock may step back. When time ran out before the event, a
    /// `clock` event at that time is recorded instead (closing what expired) and the step says
    /// the event was refused.
    ///
    /// # Errors
    /// [`AttemptError::Event`] when the session refuses the event for any other reason (out of
    /// turn, unknown item, malformed answer...); nothing changes then.
    pub fn record(&mut self, event: Event) -> Result<Step, AttemptError> {
        let mut event = event;
        let last = self.session.last_t();
        if let Some(last) = last
            && event.t() < last
        {
            *event.t_mut() = last;
        }
        let t = event.t();
        match self.session.apply(event.clone()) {
            Ok(()) => Ok(self.step(vec![event], None)),
            Err(EventError::TimeUp { what }) => {
                let clock = Event::Clock { t };
                self.session.apply(clock.clone())?;
                let refusal = Refusal {
                    code: "time_up",
                    message: format!("time was up for {what} before this {}", event.kind()),
                };
                Ok(self.step(vec![clock], Some(refusal)))
            }
            Err(e) => Err(AttemptError::Event(e)),
        }
    }

    /// What is due now, for a host that has just opened the attempt.
    pub fn due(&self) -> Vec<Due> {
        due::due(
            &self.session,
            &self.session.state(),
            self.delivered,
            self.last,
        )
    }

    /// The JWS signing input of a checkpoint over every event so far, signed at `iat` (s), and
    /// the position of the first event it covers; `None` when every event is covered.
    ///
    /// The host signs these ASCII bytes with the session key and sends the checkpoint with the
    /// events from that position on.
    pub fn checkpoint_input(&mut self, jti: &str, iat: u64) -> Option<(String, u64)> {
        let seq = self.session.chain().seq();
        if seq <= self.delivered.covered || self.delivered.signed {
            return None;
        }
        let from = self.delivered.covered;
        let claims = CheckpointClaims::for_session(&self.session, jti, iat);
        self.delivered.covered = seq;
        Some((
            signing_input(&self.claims.cnf.jkt, CHECKPOINT_TYP, &claims),
            from,
        ))
    }

    /// The JWS signing input of the result, signed at `iat` (s); `wasm_sha256` names the
    /// engine module that ran, when the host knows it.
    ///
    /// # Errors
    /// [`AttemptError::NotFinished`] before the session is completed, and
    /// [`AttemptError::JudgingPending`] while a submission waits for its verdicts.
    pub fn result_input(
        &mut self,
        jti: &str,
        iat: u64,
        wasm_sha256: Option<&str>,
    ) -> Result<String, AttemptError> {
        if self.session.status() != Status::Completed {
            return Err(AttemptError::NotFinished);
        }
        if self.session.judging_pending() {
            return Err(AttemptError::JudgingPending);
        }
        let claims = ResultClaims::from_session(
            &self.session,
            &self.claims,
            Some(&self.grant),
            jti,
            iat,
            self.claims.exp,
            wasm_sha256,
        );
        self.delivered = Delivered {
            covered: self.session.chain().seq(),
            signed: true,
        };
        Ok(signing_input(&self.claims.cnf.jkt, RESULT_TYP, &claims))
    }

    /// The step after `recorded` was applied: what changed since the host last looked.
    fn step(&mut self, recorded: Vec<Event>, refused: Option<Refusal>) -> Step {
        self.last = recorded.last().map(Event::kind);
        let state = self.session.state();
        let due = due::due(&self.session, &state, self.delivered, self.last);
        let changed = state
            .items
            .iter()
            .filter(|view| !self.views.iter().any(|seen| seen == *view))
            .cloned()
            .collect();
        let sections = (state.sections != self.sections).then(|| state.sections.clone());
        self.views = state.items;
        self.sections = state.sections;
        Step {
            overview: state.overview,
            recorded,
            refused,
            changed,
            sections,
            due,
        }
    }
}

/// A JWS signing input for canonical `claims` under the session key `kid`.
fn signing_input<T: Serialize>(kid: &str, typ: &str, claims: &T) -> String {
    // Claims hold strings and integers only: canonical JSON cannot fail on them.
    let payload = to_jcs(claims).unwrap_or_default();
    jose::signing_input(kid, typ, &payload)
}

#[cfg(test)]
mod tests;
