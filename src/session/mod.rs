//! Event-sourced sessions: events in, state out.
//!
//! A [`Session`] starts from (package, [`SessionConfig`]) and folds [`Event`]s. Its state is a
//! pure function of those inputs: the core reads no clock and no OS randomness, so replaying the
//! same events gives the same state, score and chain head on every platform. That one fold serves
//! the applicant's browser, resume after a reload, the backend's re-scoring and CI's simulated
//! candidates. An event that breaks a rule is refused with an [`EventError`] and leaves the session
//! exactly as it was (it is not chained either).
//!
//! In an adaptive section the engine gives one item at a time (`current_item`): each answer to it
//! is final, re-estimates θ and SE, and either gives the next item or, once the stopping rule is
//! met, closes the section as a `section.submit` would. The item path is a pure function of the
//! answers, the seed and the section id, so it replays like everything else.

mod adaptive;
mod chain;
mod clock;
mod code;
mod error;
mod event;
mod plan;
mod state;

use std::sync::Arc;

pub use chain::Chain;
pub use code::{CodeView, Rejudged, rejudge};
pub use error::{EventError, ReplayError, StartError};
pub use event::{Accommodations, Event, MAX_SAFE_INTEGER, SessionConfig};
pub use state::*;

use crate::package::{Interaction, Package};
use crate::points::Points;
use crate::scoring::{self, ItemScore, Outcome, Response, ResponseError};
use adaptive::{AdaptiveProgress, Advance};
use clock::Clock;
use plan::Plan;

/// Longest session id or nonce accepted, in bytes.
pub const MAX_TOKEN_BYTES: usize = 256;
/// Largest time multiplier accepted, in thousandths (10×).
pub const MAX_TIME_MULTIPLIER_PERMILLE: u32 = 10_000;

/// One applicant's attempt at a package.
#[derive(Debug, Clone)]
pub struct Session {
    package: Arc<Package>,
    config: SessionConfig,
    plan: Plan,
    progress: Progress,
    chain: Chain,
}

/// Everything events change, apart from the chain.
#[derive(Debug, Clone)]
struct Progress {
    status: Status,
    completion: Option<Completion>,
    last_t: Option<u64>,
    clock: Clock,
    open_section: Option<usize>,
    /// Active time at which the open section opened.
    section_opened_at: u64,
    sections: Vec<SectionStatus>,
    current_item: Option<usize>,
    items: Vec<ItemProgress>,
    /// Per section; stays empty for fixed sections.
    adaptive: Vec<AdaptiveProgress>,
    signals: Signals,
}

#[derive(Debug, Clone, Default)]
struct ItemProgress {
    viewed: bool,
    flagged: bool,
    response: Option<Response>,
    /// The response is a multiple-choice selection below the item's minimum: kept, not an answer.
    below_minimum: bool,
    score: Option<ItemScore>,
    code: code::CodeProgress,
}

impl ItemProgress {
    /// Whether the item counts as answered: it holds a response, a score, or (a coding task) a
    /// graded submission, judged or not.
    fn answered(&self) -> bool {
        (self.response.is_some() && !self.below_minimum)
            || self.score.is_some()
            || self.code.submitted()
    }
}

/// What a checked event brings to its effect: an answer's score and, in an adaptive section, the
/// step it leads to.
#[derive(Debug, Clone, Copy, Default)]
struct Checked {
    score: Option<ItemScore>,
    advance: Option<Advance>,
    /// An answer that is a selection below its item's minimum ([`scoring::below_minimum`]).
    below_minimum: bool,
}

/// What the clock alone does by time `t`: sections closed by their deadlines, the section open
/// afterwards, and whether the test is over.
#[derive(Debug, Clone, Default)]
struct Expiry {
    timed_out: Vec<usize>,
    open: Option<usize>,
    opened_at: u64,
    test_over: bool,
}

impl Session {
    /// Starts a session: lays out variants and order for the seed; no event has happened yet.
    ///
    /// # Errors
    /// [`StartError`] for an out-of-range config or a variant that cannot be rendered.
    pub fn start(package: Arc<Package>, config: SessionConfig) -> Result<Session, StartError> {
        check_config(&config)?;
        let plan = Plan::new(
            &package,
            config.seed,
            config.accommodations.time_multiplier_permille,
        )?;
        let progress = Progress {
            status: Status::NotStarted,
            completion: None,
            last_t: None,
            clock: Clock {
                allowance_ms: config.accommodations.break_allowance_ms,
                ..Clock::default()
            },
            open_section: None,
            section_opened_at: 0,
            sections: vec![SectionStatus::Locked; plan.sections.len()],
            current_item: None,
            items: vec![ItemProgress::default(); plan.items.len()],
            adaptive: vec![AdaptiveProgress::default(); plan.sections.len()],
            signals: Signals::default(),
        };
        let chain = Chain::genesis(&config.sid, &config.nonce);
        Ok(Session {
            package,
            config,
            plan,
            progress,
            chain,
        })
    }

    /// Starts a session and applies a whole event log.
    ///
    /// # Errors
    /// [`ReplayError`] naming the first refused event (a bad config is reported as event 0).
    pub fn replay(
        package: Arc<Package>,
        config: SessionConfig,
        events: impl IntoIterator<Item = Event>,
    ) -> Result<Session, SessionReplayError> {
        let mut session = Session::start(package, config).map_err(SessionReplayError::Start)?;
        for (index, event) in events.into_iter().enumerate() {
            session
                .apply(event)
                .map_err(|source| SessionReplayError::Event(ReplayError { index, source }))?;
        }
        Ok(session)
    }

    /// The package this session runs.
    pub fn package(&self) -> &Package {
        &self.package
    }

    /// The configuration it started from.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// The package's metadata as this session runs it (limits after the time multiplier).
    pub fn summary(&self) -> PackageSummary {
        PackageSummary::of(&self.package, Some(self.plan.test_limit_ms))
    }

    /// The hash chain over accepted events.
    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    /// Time of the last accepted event.
    pub fn last_t(&self) -> Option<u64> {
        self.progress.last_t
    }

    /// Where the session is (cheaper than the whole [`Session::state`]).
    pub fn status(&self) -> Status {
        self.progress.status
    }

    /// The caller's time at which the clock alone next closes a section or the test, if the
    /// open section is timed: a `clock` event then closes it. A break under way is counted as
    /// lasting until its allowance runs out, which is when the clock starts again.
    pub fn next_deadline(&self) -> Option<u64> {
        let p = &self.progress;
        if p.status == Status::Completed {
            return None;
        }
        let open = p.open_section?;
        let last = p.last_t?;
        let deadline = self.deadline(open, p.section_opened_at)?;
        let left = deadline.saturating_sub(p.clock.active_at(last));
        let frozen = if p.clock.break_since.is_some() {
            p.clock.allowance_left_at(last)
        } else {
            0
        };
        Some(last.saturating_add(frozen).saturating_add(left))
    }

    /// Applies one event, or refuses it and changes nothing.
    ///
    /// # Errors
    /// [`EventError`] naming the broken rule.
    pub fn apply(&mut self, event: Event) -> Result<(), EventError> {
        let limit = self.package.max_events();
        if self.chain.seq() >= limit {
            return Err(EventError::TooManyEvents { limit });
        }
        let t = event.t();
        if t > MAX_SAFE_INTEGER {
            return Err(EventError::TimeOutOfRange { t });
        }
        if let Some(last) = self.progress.last_t
            && t < last
        {
            return Err(EventError::TimeWentBackwards { t, last });
        }
        if let Event::CodeJudged {
            item,
            submission,
            tests,
            ..
        } = &event
        {
            // Verdicts are no action of the applicant's: the clock does not apply to them.
            self.check_judged(item, *submission, tests)?;
            let head = self.chain.next_head(&event);
            self.effect_code(event);
            self.commit(t, head);
            return Ok(());
        }
        if self.progress.status == Status::Completed {
            return Err(EventError::Completed);
        }
        if self.progress.status == Status::NotStarted {
            if !matches!(event, Event::SessionStart { .. }) {
                return Err(EventError::NotStarted);
            }
            let head = self.chain.next_head(&event);
            self.progress.clock.started_at = t;
            self.progress.status = Status::InProgress;
            self.open(0, 0);
            self.commit(t, head);
            return Ok(());
        }
        let expiry = self.expiry_at(t);
        let checked = self.check(&event, &expiry)?;
        let head = self.chain.next_head(&event);
        self.expire(&expiry);
        self.effect(event, checked);
        self.commit(t, head);
        Ok(())
    }

    /// Checks `event` against the session as it stands at the event's time; scores an answer and
    /// takes the adaptive step it leads to.
    fn check(&self, event: &Event, expiry: &Expiry) -> Result<Checked, EventError> {
        let on_break = self.progress.clock.break_since.is_some();
        let navigating = matches!(
            event,
            Event::ItemView { .. }
                | Event::ItemAnswer { .. }
                | Event::ItemFlag { .. }
                | Event::SectionSubmit { .. }
                | Event::CodeRun { .. }
                | Event::CodeSubmit { .. }
        );
        if navigating && on_break {
            return Err(EventError::OnBreak);
        }
        if navigating && expiry.test_over {
            return Err(EventError::TimeUp {
                what: "the test".into(),
            });
        }
        match event {
            Event::SessionStart { .. } => Err(EventError::AlreadyStarted),
            Event::ItemView { item, .. } => {
                let index = self.open_item(item, expiry)?;
                self.selected(index, item).map(|_| Checked::default())
            }
            Event::ItemFlag { item, .. } => {
                let index = self.open_item(item, expiry)?;
                let section = self.plan.items[index].section;
                if self.plan.sections[section].adaptive.is_some() {
                    return Err(EventError::AdaptiveFlag {
                        section: self.plan.sections[section].id.clone(),
                    });
                }
                self.viewed(index, item).map(|_| Checked::default())
            }
            Event::ItemAnswer { item, response, .. } => {
                let index = self.open_item(item, expiry)?;
                self.selected(index, item)?;
                self.viewed(index, item)?;
                let Some(response) = response else {
                    return Ok(Checked::default());
                };
                if let Response::Number(n) = response
                    && !n.is_finite()
                {
                    return Err(EventError::InvalidResponse {
                        item: item.clone(),
                        source: ResponseError::Shape {
                            interaction: "numeric",
                            expected: "a finite number",
                        },
                    });
                }
                let planned = &self.plan.items[index];
                let below_minimum =
                    scoring::below_minimum(&planned.item, response).map_err(|source| {
                        EventError::InvalidResponse {
                            item: item.clone(),
                            source,
                        }
                    })?;
                if below_minimum {
                    return Ok(Checked {
                        below_minimum,
                        ..Checked::default()
                    });
                }
                let mut score =
                    scoring::score_with(&planned.item, response, planned.pattern.as_ref())
                        .map_err(|source| EventError::InvalidResponse {
                            item: item.clone(),
                            source,
                        })?;
                if self.package.is_public_view() {
                    // Even an answer the view could judge (an unkeyed Likert item looks like
                    // one) is the backend's to score.
                    score = ItemScore::pending(planned.max);
                }
                Ok(Checked {
                    score: Some(score),
                    advance: self.advance(index, &score)?,
                    below_minimum: false,
                })
            }
            Event::SectionSubmit { section, .. } => {
                let open = expiry.open.map(|s| &self.plan.sections[s].id);
                if open == Some(section) {
                    Ok(Checked::default())
                } else if let Some(s) = expiry
                    .timed_out
                    .iter()
                    .find(|&&s| &self.plan.sections[s].id == section)
                {
                    Err(EventError::TimeUp {
                        what: format!("section {:?}", self.plan.sections[*s].id),
                    })
                } else {
                    Err(EventError::SectionNotOpen {
                        section: section.clone(),
                    })
                }
            }
            Event::BreakStart { t } => {
                if on_break {
                    Err(EventError::OnBreak)
                } else if self.progress.clock.allowance_left_at(*t) == 0 || expiry.test_over {
                    Err(EventError::NoBreakAllowance)
                } else {
                    Ok(Checked::default())
                }
            }
            Event::BreakEnd { .. } => {
                if on_break {
                    Ok(Checked::default())
                } else {
                    Err(EventError::NotOnBreak)
                }
            }
            Event::Paste { item, .. } => self.item_index(item).map(|_| Checked::default()),
            Event::CodeRun { item, code, .. } | Event::CodeSubmit { item, code, .. } => {
                let index = self.open_item(item, expiry)?;
                self.selected(index, item)?;
                self.viewed(index, item)?;
                let submit = matches!(event, Event::CodeSubmit { .. });
                self.check_code(index, item, code, submit)
                    .map(|()| Checked::default())
            }
            // Checked in `apply`, before the clock.
            Event::CodeJudged { .. } => Ok(Checked::default()),
            Event::FocusLost { .. }
            | Event::FocusGained { .. }
            | Event::Clock { .. }
            | Event::SessionSubmit { .. } => Ok(Checked::default()),
        }
    }

    fn item_index(&self, item: &str) -> Result<usize, EventError> {
        self.plan
            .index
            .get(item)
            .copied()
            .ok_or_else(|| EventError::UnknownItem {
                item: item.to_string(),
            })
    }

    /// The item's index, if it belongs to the section open at the event's time.
    fn open_item(&self, item: &str, expiry: &Expiry) -> Result<usize, EventError> {
        let index = self.item_index(item)?;
        let section = self.plan.items[index].section;
        if expiry.open == Some(section) {
            return Ok(index);
        }
        let section_id = self.plan.sections[section].id.clone();
        if expiry.timed_out.contains(&section)
            || self.progress.sections[section] == SectionStatus::TimedOut
        {
            return Err(EventError::TimeUp {
                what: format!("section {section_id:?}"),
            });
        }
        Err(EventError::ItemNotOpen {
            item: item.to_string(),
            section: section_id,
        })
    }

    fn viewed(&self, index: usize, item: &str) -> Result<(), EventError> {
        if self.progress.items[index].viewed {
            Ok(())
        } else {
            Err(EventError::NotViewed {
                item: item.to_string(),
            })
        }
    }

    /// What the clock closes by `t`, without changing anything.
    fn expiry_at(&self, t: u64) -> Expiry {
        let now = self.progress.clock.active_at(t);
        let mut expiry = Expiry {
            open: self.progress.open_section,
            opened_at: self.progress.section_opened_at,
            ..Expiry::default()
        };
        while let Some(open) = expiry.open {
            let Some(deadline) = self.deadline(open, expiry.opened_at) else {
                break;
            };
            if now < deadline {
                break;
            }
            expiry.timed_out.push(open);
            if self
                .plan
                .test_limit_ms
                .is_some_and(|limit| deadline >= limit)
            {
                expiry.timed_out.extend(open + 1..self.plan.sections.len());
                expiry.open = None;
                expiry.test_over = true;
            } else if open + 1 < self.plan.sections.len() {
                expiry.open = Some(open + 1);
                expiry.opened_at = deadline;
            } else {
                expiry.open = None;
                expiry.test_over = true;
            }
        }
        expiry
    }

    /// Active time at which the section opened at `opened_at` must close, if it is timed.
    fn deadline(&self, section: usize, opened_at: u64) -> Option<u64> {
        let own = self.plan.sections[section]
            .limit_ms
            .map(|limit| opened_at.saturating_add(limit));
        match (own, self.plan.test_limit_ms) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Applies what the clock closed.
    fn expire(&mut self, expiry: &Expiry) {
        for &s in &expiry.timed_out {
            self.progress.sections[s] = SectionStatus::TimedOut;
        }
        if !expiry.timed_out.is_empty() {
            self.progress.current_item = None;
            match expiry.open {
                Some(s) => self.open(s, expiry.opened_at),
                None => self.progress.open_section = None,
            }
        }
        if expiry.test_over {
            self.finish(Completion::TimeUp);
        }
    }

    /// Applies an event already checked.
    fn effect(&mut self, event: Event, checked: Checked) {
        let p = &mut self.progress;
        match event {
            Event::ItemView { item, .. } => {
                if let Some(&i) = self.plan.index.get(&item) {
                    p.items[i].viewed = true;
                    p.current_item = Some(i);
                }
            }
            Event::ItemAnswer { t, item, response } => {
                if let Some(&i) = self.plan.index.get(&item) {
                    p.items[i].response = response;
                    p.items[i].score = checked.score;
                    p.items[i].below_minimum = checked.below_minimum;
                    if let Some(advance) = checked.advance {
                        self.advance_to(i, advance, t);
                    }
                }
            }
            Event::ItemFlag { item, flagged, .. } => {
                if let Some(&i) = self.plan.index.get(&item) {
                    p.items[i].flagged = flagged;
                }
            }
            Event::SectionSubmit { t, .. } => self.submit_open_section(t),
            Event::BreakStart { t } => {
                p.clock.break_since = Some(t);
                if p.status == Status::InProgress {
                    p.status = Status::OnBreak;
                }
            }
            Event::BreakEnd { t } => {
                p.clock.end_break(t);
                if p.status == Status::OnBreak {
                    p.status = Status::InProgress;
                }
            }
            Event::FocusLost { .. } => {
                p.signals.focus_lost = p.signals.focus_lost.saturating_add(1)
            }
            Event::Paste { chars, .. } => {
                p.signals.pastes = p.signals.pastes.saturating_add(1);
                p.signals.pasted_chars = p.signals.pasted_chars.saturating_add(chars);
            }
            Event::SessionSubmit { t } => {
                if p.clock.break_since.is_some() {
                    p.clock.end_break(t);
                }
                if let Some(open) = p.open_section {
                    p.sections[open] = SectionStatus::Submitted;
                }
                // Sections never reached stay locked: the applicant chose not to take them.
                p.open_section = None;
                self.finish(Completion::Submitted);
            }
            Event::CodeRun { .. } | Event::CodeSubmit { .. } | Event::CodeJudged { .. } => {
                self.effect_code(event)
            }
            Event::SessionStart { .. } | Event::FocusGained { .. } | Event::Clock { .. } => {}
        }
    }

    /// Hands in the open section at `t` and opens the next one, or ends the test after the last.
    fn submit_open_section(&mut self, t: u64) {
        let p = &mut self.progress;
        if let Some(open) = p.open_section {
            p.sections[open] = SectionStatus::Submitted;
            p.current_item = None;
            if open + 1 < self.plan.sections.len() {
                let now = p.clock.active_at(t);
                self.open(open + 1, now);
            } else {
                p.open_section = None;
                self.finish(Completion::Submitted);
            }
        }
    }

    fn open(&mut self, section: usize, at: u64) {
        self.progress.open_section = Some(section);
        self.progress.section_opened_at = at;
        self.progress.sections[section] = SectionStatus::Open;
        self.give_first(section);
    }

    fn finish(&mut self, completion: Completion) {
        if self.progress.status != Status::Completed {
            self.progress.status = Status::Completed;
            self.progress.completion = Some(completion);
            self.progress.current_item = None;
        }
    }

    fn commit(&mut self, t: u64, head: crate::canonical::Sha256Digest) {
        self.progress.last_t = Some(t);
        self.chain.advance(head);
    }

    /// The state after the last accepted event.
    pub fn state(&self) -> SessionState {
        let p = &self.progress;
        let t = p.last_t;
        let time = t.map(|t| self.time_at(t));
        let listed: Vec<Vec<usize>> = (0..self.plan.sections.len())
            .map(|s| self.listed(s))
            .collect();
        let items: Vec<ItemView> = listed
            .iter()
            .flatten()
            .map(|&i| {
                let (planned, progress) = (&self.plan.items[i], &p.items[i]);
                ItemView {
                    id: planned.item.id.clone(),
                    section: self.plan.sections[planned.section].id.clone(),
                    viewed: progress.viewed,
                    flagged: progress.flagged,
                    response: progress.response.clone(),
                    score: progress.score,
                    answered: progress.answered(),
                    max: planned.max,
                    code: matches!(planned.item.interaction, Interaction::Code(_))
                        .then(|| progress.code.view()),
                }
            })
            .collect();
        let overview = Overview {
            sid: self.config.sid.clone(),
            seq: self.chain.seq(),
            head: self.chain.head_hex(),
            status: p.status,
            completion: p.completion,
            t,
            elapsed_ms: time.map_or(0, |v| v.elapsed_ms),
            remaining_ms: match time {
                Some(v) => v.remaining_ms,
                None => self.plan.test_limit_ms,
            },
            section: p.open_section.map(|s| self.plan.sections[s].id.clone()),
            section_remaining_ms: time.and_then(|v| v.section_remaining_ms),
            current_item: p.current_item.map(|i| self.plan.items[i].item.id.clone()),
            score: ScoreView {
                earned: self.score(),
                max: items.iter().map(|i| i.max).sum(),
                answered: p.items.iter().filter(|i| i.answered()).count() as u32,
                pending: p
                    .items
                    .iter()
                    .filter(|i| i.score.is_some_and(|s| s.outcome == Outcome::Pending))
                    .count() as u32,
                items: items.len() as u32,
            },
            breaks: BreakView {
                allowance_ms: p.clock.allowance_ms,
                used_ms: t.map_or(0, |t| p.clock.frozen_at(t)),
                on_break: p.clock.break_since.is_some(),
            },
            time_multiplier_permille: self.config.accommodations.time_multiplier_permille,
            signals: p.signals,
        };
        SessionState {
            overview,
            sections: self
                .plan
                .sections
                .iter()
                .zip(&p.sections)
                .zip(&listed)
                .enumerate()
                .map(|(n, ((s, status), listed))| SectionView {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    status: *status,
                    items: listed
                        .iter()
                        .map(|&i| self.plan.items[i].item.id.clone())
                        .collect(),
                    time_limit_ms: s.limit_ms,
                    adaptive: self.adaptive_view(n),
                })
                .collect(),
            items,
        }
    }

    /// Points earned so far, in thousandths.
    pub fn score(&self) -> Points {
        self.progress
            .items
            .iter()
            .filter_map(|i| i.score)
            .map(|s| s.earned)
            .sum()
    }

    /// The clock as it would read at `t` (for a ticking display; changes nothing).
    pub fn time_at(&self, t: u64) -> TimeView {
        let p = &self.progress;
        let clock = &p.clock;
        if p.status == Status::NotStarted {
            return TimeView {
                elapsed_ms: 0,
                remaining_ms: self.plan.test_limit_ms,
                section_remaining_ms: self.plan.sections.first().and_then(|s| s.limit_ms),
                break_left_ms: clock.allowance_ms,
                expired: false,
            };
        }
        // A completed session's clock stopped at its last event.
        let t = if p.status == Status::Completed {
            p.last_t.unwrap_or(t).min(t)
        } else {
            t
        };
        let now = clock.active_at(t);
        let expiry = if p.status == Status::Completed {
            Expiry::default()
        } else {
            self.expiry_at(t)
        };
        let section_remaining_ms = expiry
            .open
            .and_then(|s| self.deadline(s, expiry.opened_at))
            .map(|d| d.saturating_sub(now));
        TimeView {
            elapsed_ms: now,
            remaining_ms: self.plan.test_limit_ms.map(|l| l.saturating_sub(now)),
            section_remaining_ms,
            break_left_ms: clock.allowance_left_at(t),
            expired: !expiry.timed_out.is_empty(),
        }
    }

    /// The item as this session renders it, key included (for simulation and re-scoring).
    pub fn planned_item(&self, id: &str) -> Option<&crate::package::Item> {
        self.plan.index.get(id).map(|&i| &self.plan.items[i].item)
    }

    /// The item as presented in this session, without its key (`None` for an unknown item and for
    /// an adaptive section's items not given yet).
    pub fn item(&self, id: &str) -> Option<PresentedItem> {
        let &index = self.plan.index.get(id)?;
        let planned = &self.plan.items[index];
        let number = (0..self.plan.sections.len())
            .flat_map(|s| self.listed(s))
            .position(|i| i == index)?;
        let item = &planned.item;
        let interaction = match &item.interaction {
            Interaction::SingleChoice { choices, .. } => PresentedInteraction::SingleChoice {
                choices: choices.clone(),
            },
            Interaction::MultipleChoice {
                choices,
                min_choices,
                max_choices,
                ..
            } => PresentedInteraction::MultipleChoice {
                choices: choices.clone(),
                min_choices: min_choices.unwrap_or(0),
                max_choices: max_choices.unwrap_or(choices.len() as u32),
            },
            Interaction::Numeric { units, .. } => PresentedInteraction::Numeric {
                units: units.clone(),
            },
            Interaction::TextEntry { max_length, .. } => PresentedInteraction::TextEntry {
                max_length: *max_length,
            },
            Interaction::Ordering { choices, .. } => PresentedInteraction::Ordering {
                choices: choices.clone(),
            },
            Interaction::Matching {
                sources, targets, ..
            } => PresentedInteraction::Matching {
                sources: sources.clone(),
                targets: targets.clone(),
            },
            Interaction::Likert { scale, .. } => PresentedInteraction::Likert {
                scale: scale.clone(),
            },
            Interaction::Code(task) => PresentedInteraction::Code(Box::new(
                crate::sandbox::present::PresentedCode::of(task),
            )),
        };
        Some(PresentedItem {
            id: item.id.clone(),
            section: self.plan.sections[planned.section].id.clone(),
            number: number as u32 + 1,
            title: item.title.clone(),
            stem: item.stem.clone(),
            points: planned.max,
            interaction,
        })
    }
}

/// A log that does not replay: the session could not start, or an event was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionReplayError {
    /// The configuration or a variant is invalid.
    #[error(transparent)]
    Start(StartError),
    /// An event was refused.
    #[error(transparent)]
    Event(ReplayError),
}

impl SessionReplayError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            SessionReplayError::Start(e) => e.code(),
            SessionReplayError::Event(e) => e.source.code(),
        }
    }
}

fn check_config(config: &SessionConfig) -> Result<(), StartError> {
    let bad = |field, reason: String| Err(StartError::Config { field, reason });
    for (field, value) in [("sid", &config.sid), ("nonce", &config.nonce)] {
        if value.is_empty() || value.len() > MAX_TOKEN_BYTES {
            return bad(field, format!("must be 1 to {MAX_TOKEN_BYTES} bytes"));
        }
    }
    if config.seed > MAX_SAFE_INTEGER {
        return bad("seed", format!("{} is larger than 2^53 - 1", config.seed));
    }
    check_accommodations(&config.accommodations)
}

/// Checks accommodations before any session takes them: a time multiplier from 1× to the most
/// allowed, and a break allowance of at most a day.
///
/// # Errors
/// [`StartError::Config`] naming the field.
pub fn check_accommodations(acc: &Accommodations) -> Result<(), StartError> {
    let bad = |field, reason: String| Err(StartError::Config { field, reason });
    let m = acc.time_multiplier_permille;
    if !(1000..=MAX_TIME_MULTIPLIER_PERMILLE).contains(&m) {
        return bad(
            "accommodations.time_multiplier_permille",
            format!("{m} is outside 1000..={MAX_TIME_MULTIPLIER_PERMILLE}"),
        );
    }
    if acc.break_allowance_ms > crate::package::limits::MAX_TIME_LIMIT_MS {
        return bad(
            "accommodations.break_allowance_ms",
            "is longer than a day".to_string(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests;
