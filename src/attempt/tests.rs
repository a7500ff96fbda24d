//! What is due after every kind of event: the rule each host follows.

use std::sync::Arc;

use super::*;
use crate::receipt::{GRANT_TYP, PrivateKey, sign_claims};
use crate::scoring::Response;
use crate::session::{Accommodations, SectionStatus};

/// Two fixed sections, the first timed at 60 s, and a coding item in the second.
const PACKAGE: &str = r#"{
  "format": 1, "id": "drive", "version": "1", "title": "Drive",
  "sections": [
    {"id": "a", "time_limit_ms": 60000, "items": [
      {"id": "a1", "stem": "One?", "interaction": {"type": "single_choice", "key": "A",
        "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}]}},
      {"id": "a2", "stem": "Two?", "interaction": {"type": "single_choice", "key": "B",
        "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}]}}
    ]},
    {"id": "b", "items": [
      {"id": "twice", "stem": "Return twice n.", "points": 2,
       "interaction": {"type": "code", "language": "python", "stub": "def solve(n):\n    pass\n",
         "harness": {"kind": "function", "entry": "solve"},
         "tests": [{"name": "one", "args": [1], "expected": 2}]}}
    ]}
  ]
}"#;

fn package(json: &str) -> Arc<Package> {
    Arc::new(Package::from_json(json.as_bytes()).expect("valid package"))
}

fn grant(package: &Package) -> String {
    let issuer = PrivateKey::from_seed(&[1; 32]);
    let session_key = PrivateKey::from_seed(&[2; 32]);
    let claims = GrantClaims::for_session(
        "issuer",
        "audience",
        None,
        "sid-1",
        "bm9uY2UtMTI4LWJpdHM",
        11,
        &session_key.public(),
        package,
        Accommodations::default(),
        1_000,
        3_600,
    )
    .expect("a package one can grant");
    sign_claims(&issuer, GRANT_TYP, &claims)
}

fn attempt(json: &str) -> Attempt {
    let package = package(json);
    let grant = grant(&package);
    Attempt::from_grant(package, &grant, Vec::new(), Delivered::default()).expect("opens")
}

fn view(item: &str) -> Due {
    Due::View { item: item.into() }
}

const SOON: Due = Due::Checkpoint {
    urgency: Urgency::Soon,
};
const NOW: Due = Due::Checkpoint {
    urgency: Urgency::Now,
};

fn answer(t: u64, item: &str, choice: &str) -> Event {
    Event::ItemAnswer {
        t,
        item: item.into(),
        response: Some(Response::Text(choice.into())),
    }
}

/// Started at t = 1000 and showing a1.
fn started() -> Attempt {
    let mut a = attempt(PACKAGE);
    a.record(Event::SessionStart { t: 1_000 }).unwrap();
    a.record(Event::ItemView {
        t: 1_010,
        item: "a1".into(),
    })
    .unwrap();
    a
}

#[test]
fn nothing_is_due_before_the_start() {
    assert_eq!(attempt(PACKAGE).due(), []);
}

#[test]
fn the_start_asks_for_the_first_item_the_deadline_and_a_checkpoint() {
    let mut a = attempt(PACKAGE);
    let step = a.record(Event::SessionStart { t: 1_000 }).unwrap();
    assert_eq!(step.overview.seq, 1);
    assert_eq!(step.overview.status, Status::InProgress);
    assert_eq!(step.recorded, [Event::SessionStart { t: 1_000 }]);
    assert_eq!(step.due, [view("a1"), Due::Clock { t: 61_000 }, SOON]);
    // The host drew the items from the state when it opened the attempt; none changed, but the
    // first section opened.
    assert_eq!(step.changed, []);
    let sections = step.sections.expect("a section opened");
    assert_eq!(sections[0].status, SectionStatus::Open);
}

#[test]
fn viewing_and_answering_report_only_what_changed() {
    let mut a = started();
    let step = a.record(answer(2_000, "a1", "A")).unwrap();
    assert_eq!(step.changed.len(), 1);
    assert_eq!(step.changed[0].id, "a1");
    assert!(step.changed[0].answered);
    assert_eq!(step.sections, None);
    assert_eq!(step.due, [Due::Clock { t: 61_000 }, SOON]);
}

#[test]
fn a_clock_that_steps_back_is_held_at_the_last_event() {
    let mut a = started();
    let step = a.record(answer(500, "a1", "B")).unwrap();
    assert_eq!(step.recorded, [answer(1_010, "a1", "B")]);
}

#[test]
fn a_section_handed_in_opens_the_next_and_checkpoints_at_once() {
    let mut a = started();
    let step = a
        .record(Event::SectionSubmit {
            t: 3_000,
            section: "a".into(),
        })
        .unwrap();
    let sections = step.sections.expect("the sections changed");
    assert_eq!(sections[0].status, SectionStatus::Submitted);
    assert_eq!(sections[1].status, SectionStatus::Open);
    // The second section has no time limit of its own and the test none: no clock is due.
    assert_eq!(step.due, [view("twice"), NOW]);
}

#[test]
fn an_action_after_the_deadline_records_the_clock_instead() {
    let mut a = started();
    let step = a.record(answer(61_500, "a2", "B")).unwrap();
    let refused = step.refused.expect("refused");
    assert_eq!(refused.code, "time_up");
    assert_eq!(step.recorded, [Event::Clock { t: 61_500 }]);
    let sections = step.sections.expect("the section closed");
    assert_eq!(sections[0].status, SectionStatus::TimedOut);
    assert_eq!(step.due, [view("twice"), NOW]);
    // The answer was not taken.
    let state = a.session().state();
    assert!(!state.items.iter().any(|v| v.id == "a2" && v.answered));
}

#[test]
fn a_refused_event_changes_nothing_and_says_why() {
    let mut a = started();
    let before = a.session().state();
    let error = a.record(answer(2_000, "a2", "A")).unwrap_err();
    assert_eq!(error.code(), "item_not_viewed");
    assert_eq!(a.session().state(), before);
    let error = a.record(answer(2_000, "nope", "A")).unwrap_err();
    assert_eq!(error.code(), "unknown_item");
}

/// In section b, showing the coding item.
fn at_code() -> Attempt {
    let mut a = started();
    a.record(Event::SectionSubmit {
        t: 3_000,
        section: "a".into(),
    })
    .unwrap();
    a.record(Event::ItemView {
        t: 3_010,
        item: "twice".into(),
    })
    .unwrap();
    a
}

fn submit(t: u64) -> Event {
    Event::CodeSubmit {
        t,
        item: "twice".into(),
        code: "def solve(n): return 2 * n".into(),
    }
}

fn judged(t: u64) -> Event {
    Event::CodeJudged {
        t,
        item: "twice".into(),
        submission: 1,
        tests: vec![crate::sandbox::TestVerdict {
            test: 0,
            verdict: crate::sandbox::Verdict::Passed,
            steps: 10,
        }],
    }
}

#[test]
fn a_submission_is_due_for_judging_until_its_verdicts_are_recorded() {
    let mut a = at_code();
    let step = a.record(submit(4_000)).unwrap();
    let judge = Due::Judge {
        item: "twice".into(),
        submission: 1,
        code: "def solve(n): return 2 * n".into(),
    };
    assert_eq!(step.due, [judge, SOON]);
    let step = a.record(judged(4_500)).unwrap();
    assert_eq!(step.due, [SOON]);
    assert!(step.changed.iter().any(|v| v.id == "twice"));
}

#[test]
fn a_test_ended_while_judging_checkpoints_then_signs_once_the_verdicts_are_in() {
    let mut a = at_code();
    a.record(submit(4_000)).unwrap();
    let step = a.record(Event::SessionSubmit { t: 4_100 }).unwrap();
    assert_eq!(step.overview.status, Status::Completed);
    assert!(matches!(step.due[0], Due::Judge { .. }));
    assert_eq!(step.due[1..], [NOW]);
    assert_eq!(
        a.result_input("r1", 5, None),
        Err(AttemptError::JudgingPending)
    );
    let (_, from) = a.checkpoint_input("c1", 5).expect("events to cover");
    assert_eq!(from, 0);
    assert_eq!(a.due()[1..], []);
    let step = a.record(judged(4_200)).unwrap();
    assert_eq!(step.due, [Due::SignResult]);
    let input = a.result_input("r1", 6, Some("abc")).unwrap();
    assert_eq!(input.split('.').count(), 2);
    assert_eq!(a.due(), []);
    assert_eq!(a.checkpoint_input("c2", 7), None);
}

#[test]
fn no_result_is_signed_before_the_end() {
    let mut a = started();
    assert_eq!(a.result_input("r", 1, None), Err(AttemptError::NotFinished));
}

#[test]
fn checkpoints_cover_what_is_new_and_nothing_twice() {
    let mut a = started();
    let (input, from) = a.checkpoint_input("c1", 2).unwrap();
    assert_eq!(from, 0);
    assert!(input.contains('.'));
    assert_eq!(a.checkpoint_input("c2", 2), None);
    assert_eq!(a.due(), [Due::Clock { t: 61_000 }]);
    a.record(answer(2_000, "a1", "A")).unwrap();
    assert_eq!(a.checkpoint_input("c3", 3).map(|(_, from)| from), Some(2));
}

#[test]
fn a_resumed_attempt_is_due_what_the_closed_page_left() {
    let package = package(PACKAGE);
    let grant = grant(&package);
    let events = vec![
        Event::SessionStart { t: 1_000 },
        Event::ItemView {
            t: 1_010,
            item: "a1".into(),
        },
        Event::SectionSubmit {
            t: 2_000,
            section: "a".into(),
        },
    ];
    // The page closed after handing in section a, before showing b's item or checkpointing.
    let a = Attempt::from_grant(
        package.clone(),
        &grant,
        events.clone(),
        Delivered {
            covered: 2,
            signed: false,
        },
    )
    .unwrap();
    assert_eq!(a.due(), [view("twice"), NOW]);
    // Everything delivered: only the view is left.
    let a = Attempt::from_grant(
        package,
        &grant,
        events,
        Delivered {
            covered: 3,
            signed: false,
        },
    )
    .unwrap();
    assert_eq!(a.due(), [view("twice")]);
}

#[test]
fn a_log_that_does_not_replay_names_the_event() {
    let package = package(PACKAGE);
    let grant = grant(&package);
    let events = vec![Event::ItemView {
        t: 1,
        item: "a1".into(),
    }];
    let error = Attempt::from_grant(package, &grant, events, Delivered::default()).unwrap_err();
    assert_eq!(error.code(), "not_started");
    assert_eq!(error.event_index(), Some(0));
}

#[test]
fn another_package_than_the_granted_one_is_refused() {
    let granted = package(PACKAGE);
    let grant = grant(&granted);
    let other = package(&PACKAGE.replace("\"Drive\"", "\"Other\""));
    let error = Attempt::from_grant(other, &grant, Vec::new(), Delivered::default()).unwrap_err();
    assert_eq!(error.code(), "package_mismatch");
    let error =
        Attempt::from_grant(granted, "not.a.jws", Vec::new(), Delivered::default()).unwrap_err();
    assert_eq!(error.code(), "grant_malformed");
}

#[test]
fn an_adaptive_section_asks_for_each_item_the_engine_gives() {
    let mut a = attempt(include_str!("../../samples/ai-aptitude.json"));
    let step = a.record(Event::SessionStart { t: 1_000 }).unwrap();
    let Some(Due::View { item: first }) = step.due.first().cloned() else {
        panic!("no item due: {:?}", step.due);
    };
    let step = a
        .record(Event::ItemView {
            t: 1_100,
            item: first.clone(),
        })
        .unwrap();
    assert!(!step.due.iter().any(|d| matches!(d, Due::View { .. })));
    let item = a.session().planned_item(&first).expect("given").clone();
    let response = match &item.interaction {
        crate::package::Interaction::SingleChoice { choices, .. } => {
            Response::Text(choices[0].id.clone())
        }
        _ => Response::Number(1.0),
    };
    let step = a
        .record(Event::ItemAnswer {
            t: 2_000,
            item: first.clone(),
            response: Some(response),
        })
        .unwrap();
    let Some(Due::View { item: second }) = step.due.first().cloned() else {
        panic!("no next item due: {:?}", step.due);
    };
    assert_ne!(second, first);
    // The new item's view and the answered one changed, and the estimate moved.
    assert!(step.changed.iter().any(|v| v.id == second));
    assert!(step.changed.iter().any(|v| v.id == first && v.answered));
    assert!(step.sections.is_some());
}
