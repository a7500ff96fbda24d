//! Coding items in a session: runs, graded submissions, verdicts, penalties, and the backend's
//! rejudging. The verdicts here are written by hand; the sandbox's own are tested in
//! sandbox/tests.

use std::sync::Arc;

use assay::Package;
use assay::sandbox::{Budget, TestVerdict, Verdict};
use assay::session::{Event, Session, SessionConfig, rejudge};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const PACKAGE: &str = r#"{
  "format": 1, "id": "code-demo", "version": "1", "title": "Code",
  "sections": [{"id": "s", "items": [
    {"id": "twice", "stem": "Return twice n.", "points": 10,
     "interaction": {"type": "code", "language": "python", "stub": "def solve(n):\n    pass\n",
       "harness": {"kind": "function", "entry": "solve"},
       "penalty": {"free_submissions": 1, "per_submission": 0.25, "max_deduction": 0.5},
       "tests": [
         {"name": "one", "args": [1], "expected": 2},
         {"name": "big", "args": [1000], "expected": 2000, "points": 3, "visibility": "hidden"}
       ]}},
    {"id": "mc", "stem": "Pick A", "interaction": {"type": "single_choice", "key": "A",
      "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}]}}
  ]}]
}"#;

fn package() -> Arc<Package> {
    Arc::new(Package::from_json(PACKAGE.as_bytes()).expect("valid package"))
}

fn session() -> Session {
    let config = SessionConfig {
        sid: "sid".into(),
        nonce: "bm9uY2U".into(),
        seed: 9,
        accommodations: Default::default(),
    };
    let mut s = Session::start(package(), config).unwrap();
    s.apply(Event::SessionStart { t: 1 }).unwrap();
    s.apply(Event::ItemView {
        t: 2,
        item: "twice".into(),
    })
    .unwrap();
    s
}

fn verdicts(passed: [bool; 2]) -> Vec<TestVerdict> {
    passed
        .iter()
        .enumerate()
        .map(|(i, &ok)| TestVerdict {
            test: i as u32,
            verdict: if ok {
                Verdict::Passed
            } else {
                Verdict::LimitExceeded {
                    budget: Budget::Steps,
                }
            },
            steps: 1000 + i as u64,
        })
        .collect()
}

fn submit(s: &mut Session, t: u64, code: &str) {
    s.apply(Event::CodeSubmit {
        t,
        item: "twice".into(),
        code: code.into(),
    })
    .unwrap();
}

fn judged(n: u32, t: u64, passed: [bool; 2]) -> Event {
    Event::CodeJudged {
        t,
        item: "twice".into(),
        submission: n,
        tests: verdicts(passed),
    }
}

#[test]
fn points_follow_the_passed_tests_weights_and_the_penalty_and_the_best_submission_counts() {
    let mut s = session();
    s.apply(Event::CodeRun {
        t: 3,
        item: "twice".into(),
        code: "def solve(n): return n".into(),
    })
    .unwrap();
    submit(&mut s, 4, "def solve(n): return n + n if n < 10 else 0");
    let view = s.state().items[0].code.clone().unwrap();
    assert_eq!((view.runs, view.submissions, view.pending), (1, 1, 1));
    assert!(s.judging_pending());
    s.apply(judged(1, 5, [true, false])).unwrap();
    // One of four weighted points: 10 × 1/4.
    assert_eq!(s.state().items[0].score.unwrap().earned.0, 2500);
    assert!(!s.judging_pending());
    submit(&mut s, 6, "def solve(n): return 2 * n");
    s.apply(judged(2, 7, [true, true])).unwrap();
    // Everything passes on the second submission, a quarter off: 7.5.
    assert_eq!(s.state().items[0].score.unwrap().earned.0, 7500);
    submit(&mut s, 8, "def solve(n): return 0");
    s.apply(judged(3, 9, [false, false])).unwrap();
    // A worse later submission does not take the best away.
    let state = s.state();
    assert_eq!(state.items[0].score.unwrap().earned.0, 7500);
    assert_eq!(state.score.earned.0, 7500);
    let view = state.items[0].code.clone().unwrap();
    assert_eq!(view.last_code.as_deref(), Some("def solve(n): return 0"));
    assert_eq!(view.last_judged, Some(3));
}

#[test]
fn the_penalty_stops_at_its_maximum() {
    let mut s = session();
    for n in 1..=5 {
        submit(&mut s, 2 + n as u64 * 2, "def solve(n): return 2 * n");
        s.apply(judged(n, 3 + n as u64 * 2, [n == 5, n == 5]))
            .unwrap();
    }
    // The fifth submission is the fourth beyond the free one: 4 × 25% capped at 50%.
    assert_eq!(s.state().items[0].score.unwrap().earned.0, 5000);
}

#[test]
fn verdicts_must_name_a_waiting_submission_and_cover_every_test_in_order() {
    let mut s = session();
    let code = |e: Event, s: &mut Session| s.apply(e).unwrap_err().code();
    assert_eq!(
        code(judged(1, 3, [true, true]), &mut s),
        "unknown_submission"
    );
    submit(&mut s, 4, "x");
    // A second submission waits for the first one's verdicts.
    let again = Event::CodeSubmit {
        t: 4,
        item: "twice".into(),
        code: "y".into(),
    };
    assert_eq!(code(again, &mut s), "judging_pending");
    let state = s.state();
    assert_eq!(state.items[0].code.clone().unwrap().pending, 1);
    // A submission waiting for its verdicts already counts as an answer.
    assert!(state.items[0].answered && state.items[0].score.is_none());
    assert_eq!(state.score.answered, 1);
    let mut partial = verdicts([true, true]);
    partial.pop();
    let short = Event::CodeJudged {
        t: 5,
        item: "twice".into(),
        submission: 1,
        tests: partial,
    };
    assert_eq!(code(short, &mut s), "invalid_verdicts");
    let mut swapped = verdicts([true, true]);
    swapped.reverse();
    let swapped = Event::CodeJudged {
        t: 5,
        item: "twice".into(),
        submission: 1,
        tests: swapped,
    };
    assert_eq!(code(swapped, &mut s), "invalid_verdicts");
    s.apply(judged(1, 5, [true, true])).unwrap();
    assert_eq!(
        code(judged(1, 6, [true, true]), &mut s),
        "unknown_submission"
    );
    submit(&mut s, 6, "y");
    let not_code = Event::CodeSubmit {
        t: 7,
        item: "mc".into(),
        code: "x".into(),
    };
    s.apply(Event::ItemView {
        t: 7,
        item: "mc".into(),
    })
    .unwrap();
    assert_eq!(code(not_code, &mut s), "not_code");
    let long = Event::CodeSubmit {
        t: 8,
        item: "twice".into(),
        code: "#".repeat(70_000),
    };
    s.apply(Event::ItemView {
        t: 8,
        item: "twice".into(),
    })
    .unwrap();
    assert_eq!(code(long, &mut s), "code_too_long");
}

#[test]
fn verdicts_arriving_after_the_test_ended_still_count() {
    let mut s = session();
    submit(&mut s, 3, "def solve(n): return 2 * n");
    s.apply(Event::SessionSubmit { t: 4 }).unwrap();
    assert_eq!(
        s.apply(Event::ItemView {
            t: 5,
            item: "twice".into()
        })
        .unwrap_err()
        .code(),
        "session_completed"
    );
    s.apply(judged(1, 6, [true, true])).unwrap();
    assert_eq!(s.state().score.earned.0, 10_000);
}

#[test]
fn code_events_round_trip_through_json_and_hash_as_canonical_json() {
    let events = [
        Event::CodeRun {
            t: 3,
            item: "twice".into(),
            code: "print('é\\n')\n\t".into(),
        },
        Event::CodeSubmit {
            t: 4,
            item: "twice".into(),
            code: "def solve(n):\n    return 2*n\n".into(),
        },
        judged(1, 5, [true, false]),
    ];
    for event in events {
        let json = serde_json::to_string(&event).unwrap();
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back, event);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            event.canonical_json(),
            assay::canonical::value_to_jcs(&value),
            "{json}"
        );
    }
    let bad = r#"{"type":"code.judged","t":1,"item":"twice","tests":[]}"#;
    let err = serde_json::from_str::<Event>(bad).unwrap_err().to_string();
    assert!(err.contains("needs `submission`"), "{err}");
}

#[test]
fn the_backend_rejudges_every_submission_and_flags_verdicts_that_differ() {
    let mut s = session();
    let mut events = vec![
        Event::SessionStart { t: 1 },
        Event::ItemView {
            t: 2,
            item: "twice".into(),
        },
    ];
    let mut push = |s: &mut Session, e: Event| {
        s.apply(e.clone()).unwrap();
        events.push(e);
    };
    push(
        &mut s,
        Event::CodeSubmit {
            t: 3,
            item: "twice".into(),
            code: "honest".into(),
        },
    );
    push(&mut s, judged(1, 4, [true, false]));
    push(
        &mut s,
        Event::CodeSubmit {
            t: 5,
            item: "twice".into(),
            code: "claims too much".into(),
        },
    );
    push(&mut s, judged(2, 6, [true, true]));
    push(
        &mut s,
        Event::CodeSubmit {
            t: 7,
            item: "twice".into(),
            code: "never judged".into(),
        },
    );
    push(&mut s, Event::SessionSubmit { t: 8 });
    assert_eq!(s.state().score.earned.0, 7500, "the browser's claim");
    // The backend's sandbox: only "honest" passes the first test; its step counts differ from
    // the browser's (another build of the runner), which is not a difference in verdicts.
    let mut judge = |_task: &assay::package::CodeTask, code: &str, _seed: u64| {
        let mut v = verdicts([code == "honest", false]);
        v.iter_mut().for_each(|t| t.steps += 7);
        v
    };
    let (rejudged, report) = rejudge(&package(), 9, &events, &mut judge);
    assert_eq!(
        report.differing,
        vec![("twice".to_string(), 2), ("twice".to_string(), 3)]
    );
    let config = s.config().clone();
    let backend = Session::replay(package(), config, rejudged).unwrap();
    assert_eq!(
        backend.state().score.earned.0,
        2500,
        "the backend's own verdicts count"
    );
}

/// A sandbox that counts what it is asked to run and passes every test.
#[derive(Debug, Default)]
struct CountingJudge {
    runs: std::cell::Cell<usize>,
}

impl assay::sandbox::CodeJudge for CountingJudge {
    fn judge_all(
        &self,
        _task: &assay::package::CodeTask,
        _code: &str,
        _seed: u64,
    ) -> Vec<TestVerdict> {
        self.runs.set(self.runs.get() + 1);
        verdicts([true, true])
    }
}

#[test]
fn a_result_that_fails_verification_never_has_its_code_run() {
    use assay::receipt::{
        Evidence, GRANT_TYP, GrantClaims, PrivateKey, RESULT_TYP, ResultClaims, Trust, sign_claims,
        verify,
    };
    let issuer = PrivateKey::from_seed(&[3; 32]);
    let key = PrivateKey::from_seed(&[4; 32]);
    let now = 1_800_000_000;
    let package = package();
    let grant = GrantClaims::for_session(
        "t",
        "aud",
        None,
        "sid",
        "bm9uY2U",
        9,
        &key.public(),
        &package,
        Default::default(),
        now,
        3600,
    )
    .unwrap();
    let grant_token = sign_claims(&issuer, GRANT_TYP, &grant);
    let mut s = Session::start(package.clone(), grant.session_config()).unwrap();
    let events = vec![
        Event::SessionStart { t: now * 1000 },
        Event::ItemView {
            t: now * 1000 + 1,
            item: "twice".into(),
        },
        Event::CodeSubmit {
            t: now * 1000 + 2,
            item: "twice".into(),
            code: "while True: pass".into(),
        },
        judged(1, now * 1000 + 3, [true, true]),
        Event::SessionSubmit { t: now * 1000 + 4 },
    ];
    for e in &events {
        s.apply(e.clone()).unwrap();
    }
    let claims =
        ResultClaims::from_session(&s, &grant, Some(&grant_token), "r", now, now + 60, None);
    let issuer_public = issuer.public();
    let judge = CountingJudge::default();
    let check = |token: &str| {
        verify(
            Evidence {
                result: token,
                grant: &grant_token,
                events: &events,
                checkpoints: &[],
            },
            Trust {
                issuer: &issuer_public,
                package: &package,
                now,
                audience: Some("aud"),
                skew: 60,
                judge: Some(&judge),
            },
        )
    };
    // The session's own key in the header, another signature: the kid check passes, the
    // signature does not.
    let signed = sign_claims(&key, RESULT_TYP, &claims);
    let other = sign_claims(&PrivateKey::from_seed(&[5; 32]), RESULT_TYP, &claims);
    let (body, _) = signed.rsplit_once('.').unwrap();
    let (_, signature) = other.rsplit_once('.').unwrap();
    let forged = check(&format!("{body}.{signature}"));
    assert!(
        forged.failures.iter().any(|f| f.code == "result_signature"),
        "{:?}",
        forged.failures
    );
    assert_eq!(judge.runs.get(), 0, "a forged result's submission was run");
    let honest = check(&signed);
    assert!(honest.valid, "{:?}", honest.failures);
    assert_eq!(
        judge.runs.get(),
        1,
        "the signed result's submission is re-run"
    );
}
