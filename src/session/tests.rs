#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::sync::Arc;

use super::*;
use crate::scoring::Outcome;

/// Two sections: a 60 s section of three items, then an untimed one; 120 s for the test.
const PACKAGE: &str = r#"{
  "format": 1, "id": "unit", "version": "1", "title": "Unit", "time_limit_ms": 120000,
  "sections": [
    {"id": "s1", "time_limit_ms": 60000, "items": [
      {"id": "q1", "stem": "Pick B", "points": 2,
       "interaction": {"type": "single_choice", "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}], "key": "B"}},
      {"id": "q2", "stem": "{{a}} + {{b}} = ?", "params": {"a": {"type": "int", "min": 1, "max": 9}, "b": {"type": "int", "min": 1, "max": 9}},
       "interaction": {"type": "numeric", "answer": "{{a + b}}"}},
      {"id": "q3", "stem": "Say hi", "interaction": {"type": "text_entry", "accepted": ["hi"]}}
    ]},
    {"id": "s2", "order": "shuffled", "items": [
      {"id": "q4", "stem": "Order", "interaction": {"type": "ordering", "choices": [{"id": "x", "text": "x"}, {"id": "y", "text": "y"}, {"id": "z", "text": "z"}], "key": ["x", "y", "z"]}},
      {"id": "q5", "stem": "Rate", "interaction": {"type": "likert", "scale": [{"id": "1", "text": "1"}, {"id": "2", "text": "2"}]}}
    ]}
  ]
}"#;

fn package() -> Arc<Package> {
    Arc::new(Package::from_json(PACKAGE.as_bytes()).unwrap())
}

fn config(seed: u64) -> SessionConfig {
    SessionConfig {
        sid: "sid-1".into(),
        nonce: "nonce-1".into(),
        seed,
        accommodations: Accommodations::default(),
    }
}

fn session() -> Session {
    Session::start(package(), config(7)).unwrap()
}

fn view(t: u64, item: &str) -> Event {
    Event::ItemView {
        t,
        item: item.into(),
    }
}

fn answer(t: u64, item: &str, response: Response) -> Event {
    Event::ItemAnswer {
        t,
        item: item.into(),
        response: Some(response),
    }
}

fn text(s: &str) -> Response {
    Response::Text(s.into())
}

fn q2_sum(s: &Session) -> f64 {
    let stem = s.item("q2").unwrap().stem;
    let parts: Vec<f64> = stem
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap())
        .collect();
    parts[0] + parts[1]
}

#[test]
fn a_full_run_scores_and_completes() {
    let mut s = session();
    s.apply(Event::SessionStart { t: 1_000 }).unwrap();
    s.apply(view(1_100, "q1")).unwrap();
    s.apply(answer(1_200, "q1", text("B"))).unwrap();
    s.apply(view(1_300, "q2")).unwrap();
    let sum = q2_sum(&s);
    s.apply(answer(1_400, "q2", Response::Text(format!("{sum}"))))
        .unwrap();
    s.apply(view(1_500, "q3")).unwrap();
    s.apply(answer(1_600, "q3", text(" HI "))).unwrap();
    s.apply(Event::SectionSubmit {
        t: 1_700,
        section: "s1".into(),
    })
    .unwrap();
    let st = s.state();
    assert_eq!(st.section.as_deref(), Some("s2"));
    assert_eq!(st.sections[0].status, SectionStatus::Submitted);
    assert_eq!(st.score.earned, Points::whole(4));
    assert_eq!(
        st.score.max,
        Points::whole(5),
        "2 + 1 + 1 + 1, and the unscored Likert item adds nothing"
    );
    s.apply(view(1_800, "q5")).unwrap();
    s.apply(answer(1_900, "q5", text("2"))).unwrap();
    s.apply(Event::SessionSubmit { t: 2_000 }).unwrap();
    let st = s.state();
    assert_eq!(st.status, Status::Completed);
    assert_eq!(st.completion, Some(Completion::Submitted));
    assert_eq!(st.seq, 11);
    assert_eq!(st.elapsed_ms, 1_000);
    assert_eq!(
        st.items
            .iter()
            .find(|i| i.id == "q5")
            .unwrap()
            .score
            .unwrap()
            .outcome,
        Outcome::Unscored
    );
    assert_eq!(
        s.apply(Event::Clock { t: 3_000 }),
        Err(EventError::Completed)
    );
}

#[test]
fn refused_events_change_nothing() {
    let mut s = session();
    assert_eq!(s.apply(view(0, "q1")), Err(EventError::NotStarted));
    s.apply(Event::SessionStart { t: 1_000 }).unwrap();
    let before = s.state();
    let refused = [
        (Event::SessionStart { t: 1_000 }, "already_started"),
        (view(999, "q1"), "time_went_backwards"),
        (view(u64::MAX, "q1"), "time_out_of_range"),
        (view(1_001, "nope"), "unknown_item"),
        (view(1_001, "q4"), "item_not_open"),
        (answer(1_001, "q1", text("B")), "item_not_viewed"),
        (
            Event::SectionSubmit {
                t: 1_001,
                section: "s2".into(),
            },
            "section_not_open",
        ),
        (Event::BreakStart { t: 1_001 }, "no_break_allowance"),
        (Event::BreakEnd { t: 1_001 }, "not_on_break"),
        (
            Event::Paste {
                t: 1_001,
                item: "zz".into(),
                chars: 3,
            },
            "unknown_item",
        ),
    ];
    for (event, code) in refused {
        let err = s.apply(event.clone()).unwrap_err();
        assert_eq!(err.code(), code, "{event:?}: {err}");
        assert_eq!(s.state(), before, "{event:?} left a trace");
    }
    s.apply(view(1_001, "q1")).unwrap();
    let before = s.state();
    for (response, _why) in [
        (text("E"), "unknown choice"),
        (Response::List(vec!["B".into()]), "wrong shape"),
    ] {
        let err = s.apply(answer(1_002, "q1", response)).unwrap_err();
        assert_eq!(err.code(), "invalid_response");
        assert_eq!(s.state(), before);
    }
    s.apply(view(1_002, "q2")).unwrap();
    let err = s
        .apply(answer(1_003, "q2", Response::Number(f64::NAN)))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_response");
}

#[test]
fn section_time_out_closes_the_section_and_opens_the_next() {
    let mut s = session();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(view(10, "q1")).unwrap();
    s.apply(answer(20, "q1", text("B"))).unwrap();
    let late = answer(60_000, "q1", text("A"));
    assert_eq!(s.apply(late).unwrap_err().code(), "time_up");
    assert_eq!(s.time_at(59_999).section_remaining_ms, Some(1));
    assert!(s.time_at(60_000).expired);
    s.apply(Event::Clock { t: 60_000 }).unwrap();
    let st = s.state();
    assert_eq!(st.sections[0].status, SectionStatus::TimedOut);
    assert_eq!(st.section.as_deref(), Some("s2"));
    assert_eq!(
        st.score.earned,
        Points::whole(2),
        "answers before the deadline count"
    );
    assert_eq!(st.remaining_ms, Some(60_000));
    assert_eq!(
        st.section_remaining_ms,
        Some(60_000),
        "an untimed section ends with the test"
    );
}

#[test]
fn test_time_out_completes_the_session_even_across_sections() {
    let mut s = session();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(Event::Clock { t: 500_000 }).unwrap();
    let st = s.state();
    assert_eq!(st.status, Status::Completed);
    assert_eq!(st.completion, Some(Completion::TimeUp));
    assert!(
        st.sections
            .iter()
            .all(|x| x.status == SectionStatus::TimedOut)
    );
    // The second section opened when the first timed out (60 s) and closed with the test (120 s).
    assert_eq!(st.remaining_ms, Some(0));
}

#[test]
fn time_multiplier_scales_every_limit() {
    let mut cfg = config(7);
    cfg.accommodations.time_multiplier_permille = 1_500;
    let mut s = Session::start(package(), cfg).unwrap();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(view(89_999, "q1")).unwrap();
    assert_eq!(s.state().section_remaining_ms, Some(1));
    assert_eq!(s.state().remaining_ms, Some(90_001));
    assert_eq!(s.state().sections[0].time_limit_ms, Some(90_000));
}

#[test]
fn breaks_freeze_the_clock_within_the_allowance() {
    let mut cfg = config(7);
    cfg.accommodations.break_allowance_ms = 30_000;
    let mut s = Session::start(package(), cfg).unwrap();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(view(10_000, "q1")).unwrap();
    s.apply(Event::BreakStart { t: 10_000 }).unwrap();
    assert_eq!(s.state().status, Status::OnBreak);
    assert_eq!(s.apply(view(15_000, "q2")), Err(EventError::OnBreak));
    assert_eq!(
        s.apply(Event::BreakStart { t: 15_000 }),
        Err(EventError::OnBreak)
    );
    s.apply(Event::BreakEnd { t: 30_000 }).unwrap();
    let st = s.state();
    assert_eq!(st.elapsed_ms, 10_000, "20 s of break did not count");
    assert_eq!(st.breaks.used_ms, 20_000);
    assert_eq!(st.section_remaining_ms, Some(50_000));
    // The remaining 10 s of allowance is used, then the clock runs during the break.
    s.apply(Event::BreakStart { t: 40_000 }).unwrap();
    assert_eq!(s.time_at(60_000).elapsed_ms, 30_000 - 10_000 + 10_000);
    assert_eq!(s.time_at(60_000).break_left_ms, 0);
    s.apply(Event::BreakEnd { t: 60_000 }).unwrap();
    assert_eq!(
        s.apply(Event::BreakStart { t: 60_001 }),
        Err(EventError::NoBreakAllowance)
    );
}

#[test]
fn answers_can_change_and_clear() {
    let mut s = session();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(view(1, "q1")).unwrap();
    s.apply(answer(2, "q1", text("A"))).unwrap();
    assert_eq!(s.score(), Points::ZERO);
    s.apply(answer(3, "q1", text("B"))).unwrap();
    assert_eq!(s.score(), Points::whole(2));
    s.apply(Event::ItemAnswer {
        t: 4,
        item: "q1".into(),
        response: None,
    })
    .unwrap();
    assert_eq!(s.score(), Points::ZERO);
    assert_eq!(s.state().score.answered, 0);
    s.apply(Event::ItemFlag {
        t: 5,
        item: "q1".into(),
        flagged: true,
    })
    .unwrap();
    assert!(s.state().items[0].flagged);
}

#[test]
fn signals_are_counted_not_scored() {
    let mut s = session();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(Event::FocusLost { t: 1 }).unwrap();
    s.apply(Event::FocusGained { t: 2 }).unwrap();
    s.apply(Event::Paste {
        t: 3,
        item: "q3".into(),
        chars: 40,
    })
    .unwrap();
    let st = s.state();
    assert_eq!(
        st.signals,
        Signals {
            focus_lost: 1,
            pastes: 1,
            pasted_chars: 40
        }
    );
    assert_eq!(st.score.earned, Points::ZERO);
}

#[test]
fn the_chain_starts_from_sid_and_nonce_and_commits_to_order() {
    let a = session();
    let mut other = config(7);
    other.nonce = "nonce-2".into();
    let b = Session::start(package(), other).unwrap();
    assert_ne!(a.state().head, b.state().head);
    // h0 = SHA-256(JCS({"nonce":"nonce-1","sid":"sid-1"}))
    let h0 = crate::canonical::sha256(br#"{"nonce":"nonce-1","sid":"sid-1"}"#);
    assert_eq!(a.state().head, hex::encode(h0));

    let e1 = Event::SessionStart { t: 0 };
    let e2 = Event::FocusLost { t: 1 };
    let e3 = Event::FocusGained { t: 1 };
    let one = Session::replay(package(), config(7), [e1.clone(), e2.clone(), e3.clone()]).unwrap();
    let two = Session::replay(package(), config(7), [e1.clone(), e3, e2]).unwrap();
    assert_ne!(one.state().head, two.state().head);
    // h1 = SHA-256(h0 ‖ SHA-256(JCS(e1)))
    let mut buf = h0.to_vec();
    buf.extend(crate::canonical::sha256(
        br#"{"t":0,"type":"session.start"}"#,
    ));
    let h1 = crate::canonical::sha256(&buf);
    let first = Session::replay(package(), config(7), [e1]).unwrap();
    assert_eq!(first.state().head, hex::encode(h1));
}

#[test]
fn variants_and_order_depend_on_the_seed_only() {
    let stems = |seed| {
        let s = Session::start(package(), config(seed)).unwrap();
        (
            s.item("q2").unwrap().stem,
            s.state().sections[1].items.clone(),
        )
    };
    assert_eq!(stems(11), stems(11));
    let distinct: std::collections::BTreeSet<_> = (0..40).map(|seed| stems(seed).0).collect();
    assert!(
        distinct.len() > 10,
        "seeds give different variants: {distinct:?}"
    );
    let orders: std::collections::BTreeSet<_> = (0..40).map(|seed| stems(seed).1).collect();
    assert_eq!(
        orders.len(),
        2,
        "a shuffled two-item section shows both orders"
    );
}

#[test]
fn ordering_items_never_start_in_key_order() {
    for seed in 0..50 {
        let s = Session::start(package(), config(seed)).unwrap();
        let Some(PresentedItem {
            interaction: PresentedInteraction::Ordering { choices },
            ..
        }) = s.item("q4")
        else {
            panic!("q4 is an ordering item");
        };
        let ids: Vec<_> = choices.iter().map(|c| c.id.as_str()).collect();
        assert_ne!(ids, ["x", "y", "z"], "seed {seed}");
    }
}

#[test]
fn presented_items_hide_the_key() {
    let s = session();
    let json = serde_json::to_string(&s.item("q1").unwrap()).unwrap();
    assert!(!json.contains("key"), "{json}");
    assert!(s.item("missing").is_none());
}

#[test]
fn config_is_checked() {
    let mut cfg = config(1 << 53);
    assert_eq!(
        Session::start(package(), cfg.clone()).unwrap_err().code(),
        "invalid_config"
    );
    cfg.seed = 1;
    cfg.accommodations.time_multiplier_permille = 999;
    assert_eq!(
        Session::start(package(), cfg.clone()).unwrap_err().code(),
        "invalid_config"
    );
    cfg.accommodations.time_multiplier_permille = 1000;
    cfg.sid = String::new();
    assert_eq!(
        Session::start(package(), cfg).unwrap_err().code(),
        "invalid_config"
    );
}

#[test]
fn events_parse_strictly() {
    let e: Event =
        serde_json::from_str(r#"{"type":"item.answer","t":5,"item":"q1","response":["A"]}"#)
            .unwrap();
    assert_eq!(e.kind(), "item.answer");
    assert!(
        serde_json::from_str::<Event>(r#"{"type":"item.view","t":5,"item":"q1","extra":1}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<Event>(r#"{"type":"item.view","t":-5,"item":"q1"}"#).is_err());
    assert!(serde_json::from_str::<Event>(r#"{"type":"nope","t":5}"#).is_err());
}

/// A multiple-choice item taking two or three of four choices, keyed A and C.
const CHOOSE_TWO: &str = r#"{
  "format": 1, "id": "choose", "version": "1", "title": "Choose",
  "sections": [{"id": "s", "items": [
    {"id": "m", "stem": "Pick A and C", "points": 1,
     "interaction": {"type": "multiple_choice", "min_choices": 2, "max_choices": 3, "key": ["A", "C"],
       "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}, {"id": "C", "text": "c"}, {"id": "D", "text": "d"}]}}
  ]}]
}"#;

fn list(ids: &[&str]) -> Response {
    Response::List(ids.iter().map(|id| id.to_string()).collect())
}

#[test]
fn a_selection_below_its_minimum_is_kept_but_not_an_answer() {
    let package = Arc::new(Package::from_json(CHOOSE_TWO.as_bytes()).unwrap());
    let mut s = Session::start(package, config(1)).unwrap();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(view(1, "m")).unwrap();
    // One of at least two: recorded as the applicant left it, neither scored nor answered.
    s.apply(answer(2, "m", list(&["A"]))).unwrap();
    let state = s.state();
    let m = &state.items[0];
    assert_eq!(m.response, Some(list(&["A"])));
    assert!(!m.answered);
    assert_eq!(m.score, None);
    assert_eq!(
        (state.score.answered, state.score.earned),
        (0, Points::ZERO)
    );
    // Reaching the minimum makes it an answer, scored.
    s.apply(answer(3, "m", list(&["A", "C"]))).unwrap();
    let m = &s.state().items[0];
    assert!(m.answered);
    assert_eq!(m.score.map(|sc| sc.outcome), Some(Outcome::Correct));
    // Dropping back below the minimum takes the answer and its score away again.
    s.apply(answer(4, "m", list(&["C"]))).unwrap();
    let state = s.state();
    assert!(!state.items[0].answered);
    assert_eq!(
        (state.score.answered, state.score.earned),
        (0, Points::ZERO)
    );
    // What could never become an answer is refused, and changes nothing.
    let before = s.state();
    for (wrong, why) in [
        (list(&["Z"]), "an unknown choice"),
        (list(&["C", "C"]), "a repeated choice"),
        (list(&["A", "B", "C", "D"]), "more than the maximum"),
    ] {
        let refused = s.apply(answer(5, "m", wrong));
        assert!(
            matches!(refused, Err(EventError::InvalidResponse { .. })),
            "{why}: {refused:?}"
        );
    }
    assert_eq!(s.state(), before);
}

#[test]
fn a_session_takes_no_more_events_than_its_package_allows() {
    let mut s = session();
    let limit = package().max_events();
    assert_eq!(limit, 1_000 + 500 * 5, "five items");
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(view(1, "q1")).unwrap();
    s.apply(answer(2, "q1", text("B"))).unwrap();
    for t in 3..limit {
        let event = if t % 2 == 0 {
            Event::FocusLost { t }
        } else {
            Event::FocusGained { t }
        };
        s.apply(event).unwrap();
    }
    assert_eq!(s.chain().seq(), limit);
    let before = s.state();
    let refused = s.apply(Event::SessionSubmit { t: limit }).unwrap_err();
    assert_eq!(refused.code(), "too_many_events");
    assert_eq!(
        s.state(),
        before,
        "the refused event changed nothing already recorded"
    );
    let q1 = s.state().items.into_iter().find(|i| i.id == "q1").unwrap();
    assert_eq!(q1.response, Some(text("B")), "the answer is kept");
}
