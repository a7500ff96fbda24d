//! Adaptive sections in a session: one item at a time chosen by the engine, no going back, the
//! stopping rule closing the section, and the same path, θ and SE from a replay and from the
//! psychometrics pool. Compiled natively and for wasm.

use std::sync::Arc;

use assay::Package;
use assay::psychometrics::{Pool, StopReason};
use assay::scoring::Response;
use assay::session::{Event, SectionStatus, Session, SessionConfig, SessionState, Status};
use serde_json::{Value, json};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// An adaptive section of 14 two-choice 2PL items over two areas (key "A"), then a fixed one.
fn package_json() -> Value {
    let items: Vec<Value> = (0..14)
        .map(|i| {
            let area = ["x", "y"][i % 2];
            json!({
                "id": format!("c{i:02}"), "stem": format!("Question {i}"), "area": area,
                "irt": {"model": "2PL", "a": 1.0 + 0.1 * (i % 5) as f64, "b": -2.6 + 0.4 * i as f64},
                "interaction": {"type": "single_choice",
                    "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}], "key": "A"}
            })
        })
        .collect();
    json!({
        "format": 1, "id": "cat", "version": "1", "title": "CAT",
        "sections": [
            {"id": "cat", "title": "Adaptive", "time_limit_ms": 600000, "adaptive": {
                "selection": {"randomesque": 2},
                "content": {"x": 0.5, "y": 0.5},
                "stop": {"se": 0.5, "min_items": 3, "max_items": 7}
            }, "items": items},
            {"id": "tail", "items": [{"id": "f1", "stem": "Type x",
                "interaction": {"type": "text_entry", "accepted": ["x"]}}]}
        ]
    })
}

fn package() -> Arc<Package> {
    Arc::new(Package::from_json(package_json().to_string().as_bytes()).unwrap())
}

fn config(seed: u64) -> SessionConfig {
    SessionConfig {
        sid: "cat-1".into(),
        nonce: "n".into(),
        seed,
        accommodations: Default::default(),
    }
}

fn view(t: u64, item: &str) -> Event {
    Event::ItemView {
        t,
        item: item.into(),
    }
}

fn answer(t: u64, item: &str, choice: &str) -> Event {
    Event::ItemAnswer {
        t,
        item: item.into(),
        response: Some(Response::Text(choice.into())),
    }
}

fn current(state: &SessionState) -> String {
    state.current_item.clone().expect("an item is being given")
}

/// Takes the adaptive section to its end, answering right when `right(n)`; returns the events.
fn run(session: &mut Session, right: impl Fn(usize) -> bool) -> Vec<Event> {
    let mut events = vec![Event::SessionStart { t: 1_000 }];
    session.apply(events[0].clone()).unwrap();
    let mut t = 1_000;
    let mut n = 0;
    while session.state().section.as_deref() == Some("cat") {
        let item = current(&session.state());
        t += 5_000;
        let choice = if right(n) { "A" } else { "B" };
        for event in [view(t, &item), answer(t + 2_000, &item, choice)] {
            session.apply(event.clone()).unwrap();
            events.push(event);
        }
        n += 1;
    }
    events
}

#[test]
fn the_engine_gives_one_item_at_a_time_and_there_is_no_going_back() {
    let mut s = Session::start(package(), config(7)).unwrap();
    let before = s.state();
    assert_eq!(before.sections[0].items, Vec::<String>::new());
    assert_eq!(
        before.items.len(),
        1,
        "only the fixed section's item is listed"
    );
    let adaptive = before.sections[0].adaptive.unwrap();
    // Before any answer the estimate is the prior's: N(0, 1) on a symmetric grid.
    assert!(adaptive.theta.abs() < 1e-12 && (adaptive.se - 1.0).abs() < 0.01);
    assert_eq!(
        (adaptive.min_items, adaptive.max_items, adaptive.answered),
        (3, 7, 0)
    );
    assert_eq!(adaptive.target_se, Some(0.5));
    assert_eq!(
        s.summary().items,
        8,
        "seven at most from the pool, plus one"
    );

    s.apply(Event::SessionStart { t: 0 }).unwrap();
    let state = s.state();
    let first = current(&state);
    assert_eq!(state.sections[0].items, std::slice::from_ref(&first));
    assert_eq!(state.items[0].id, first);
    assert!(!state.items[0].viewed);
    assert_eq!(s.item(&first).unwrap().number, 1);
    assert_eq!(
        s.item("f1").unwrap().number,
        2,
        "numbers follow the items listed"
    );
    let other = if first == "c05" { "c06" } else { "c05" };
    assert!(
        s.item(other).is_none(),
        "items not given yet are not presented"
    );
    assert!(s.planned_item(other).is_some());

    let code = |s: &mut Session, e: Event| s.apply(e).unwrap_err().code();
    assert_eq!(code(&mut s, view(10, other)), "item_not_selected");
    assert_eq!(code(&mut s, answer(10, &first, "A")), "item_not_viewed");
    s.apply(view(20, &first)).unwrap();
    let flag = Event::ItemFlag {
        t: 30,
        item: first.clone(),
        flagged: true,
    };
    assert_eq!(code(&mut s, flag), "adaptive_no_flag");
    // Clearing an answer that was never given changes nothing and does not move on.
    s.apply(Event::ItemAnswer {
        t: 35,
        item: first.clone(),
        response: None,
    })
    .unwrap();
    assert_eq!(current(&s.state()), first);

    s.apply(answer(40, &first, "A")).unwrap();
    let state = s.state();
    let second = current(&state);
    assert_ne!(second, first);
    assert_eq!(state.sections[0].items, [first.clone(), second.clone()]);
    let adaptive = state.sections[0].adaptive.unwrap();
    assert_eq!(adaptive.answered, 1);
    assert!(
        adaptive.theta > 0.0,
        "a right answer raises θ: {}",
        adaptive.theta
    );
    assert!(adaptive.se < 1.0 && adaptive.stop.is_none());
    assert_eq!(state.score.earned.0, 1000);
    assert_eq!((state.score.max.0, state.score.items), (3000, 3));

    // The first answer is final: it cannot be changed, and its item cannot be shown again.
    assert_eq!(code(&mut s, answer(50, &first, "B")), "item_not_selected");
    assert_eq!(code(&mut s, view(50, &first)), "item_not_selected");
    assert_eq!(code(&mut s, answer(50, &second, "A")), "item_not_viewed");
}

#[test]
fn the_stopping_rule_closes_the_section_and_opens_the_next() {
    for (seed, pattern) in [(1u64, 0usize), (2, 1), (3, 2)] {
        let mut s = Session::start(package(), config(seed)).unwrap();
        // All right, all wrong, or alternating.
        run(&mut s, |n| match pattern {
            0 => true,
            1 => false,
            _ => n % 2 == 0,
        });
        let state = s.state();
        let section = &state.sections[0];
        let adaptive = section.adaptive.unwrap();
        assert_eq!(section.status, SectionStatus::Submitted);
        assert_eq!(state.section.as_deref(), Some("tail"));
        assert_eq!(state.current_item, None);
        let n = adaptive.answered as usize;
        assert_eq!(section.items.len(), n, "every item given was answered");
        match adaptive.stop {
            Some(StopReason::Se) => assert!((3..=7).contains(&n) && adaptive.se <= 0.5),
            Some(StopReason::MaxItems) => assert_eq!(n, 7),
            other => panic!("unexpected stop {other:?}"),
        }
        // Content balancing alternates the two areas as the targets are equal.
        let xs = section
            .items
            .iter()
            .filter(|id| id[1..].parse::<u32>().unwrap() % 2 == 0);
        assert!(xs.count().abs_diff(n - n / 2) <= 1, "{:?}", section.items);
        let score: i64 = state
            .items
            .iter()
            .filter_map(|i| i.score)
            .map(|s| s.earned.0)
            .sum();
        assert_eq!(state.score.earned.0, score);
        assert_eq!(state.score.items as usize, n + 1);
        // The rest of the test goes on as usual.
        s.apply(view(1_000_000, "f1")).unwrap();
        s.apply(answer(1_000_100, "f1", "x")).unwrap();
        s.apply(Event::SectionSubmit {
            t: 1_000_200,
            section: "tail".into(),
        })
        .unwrap();
        assert_eq!(s.state().status, Status::Completed);
    }
    let mut s = Session::start(package(), config(4)).unwrap();
    run(&mut s, |_| true);
    let high = s.state().sections[0].adaptive.unwrap().theta;
    let mut s = Session::start(package(), config(4)).unwrap();
    run(&mut s, |_| false);
    let low = s.state().sections[0].adaptive.unwrap().theta;
    assert!(high > 1.0 && low < -1.0, "θ {high} / {low}");
}

#[test]
fn the_path_theta_and_se_are_those_of_the_pool_replayed() {
    let package = package();
    for seed in [11u64, 12, 13] {
        let mut s = Session::start(package.clone(), config(seed)).unwrap();
        let events = run(&mut s, |n| n % 3 != 1);
        let state = s.state();
        let answers = s.adaptive_answers("cat").unwrap();
        let ids: Vec<&String> = answers.iter().map(|(id, _)| id).collect();
        assert_eq!(ids, state.sections[0].items.iter().collect::<Vec<_>>());

        let section = &package.sections[0];
        let adaptive = section.adaptive.as_ref().unwrap();
        let pool = Pool::new(
            adaptive.pool(&section.items).unwrap(),
            adaptive.cat_config(),
        )
        .unwrap();
        let answers: Vec<(&str, usize)> = answers.iter().map(|(id, k)| (id.as_str(), *k)).collect();
        let steps = pool.replay(&answers, seed, "cat").unwrap();
        let last = steps.last().unwrap();
        let view = state.sections[0].adaptive.unwrap();
        assert_eq!(view.theta.to_bits(), last.estimate.theta.to_bits());
        assert_eq!(view.se.to_bits(), last.estimate.se.to_bits());
        assert_eq!(view.stop, last.stop);

        // A replay of the events walks the same path to the same state.
        let replayed = Session::replay(package.clone(), config(seed), events.clone()).unwrap();
        assert_eq!(replayed.state(), state);
        // The path is the seed's: another seed's log does not replay on this one.
        if Session::replay(package.clone(), config(seed + 100), events).is_ok() {
            panic!("seed {seed}: the log replayed under another seed");
        }
    }
}

#[test]
fn time_out_and_section_submit_end_the_section_early() {
    let mut s = Session::start(package(), config(5)).unwrap();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    let first = current(&s.state());
    s.apply(view(10, &first)).unwrap();
    s.apply(answer(20, &first, "A")).unwrap();
    let second = current(&s.state());
    s.apply(view(30, &second)).unwrap();
    s.apply(Event::Clock { t: 600_000 }).unwrap();
    let state = s.state();
    let section = &state.sections[0];
    assert_eq!(section.status, SectionStatus::TimedOut);
    assert_eq!(
        section.items,
        [first, second.clone()],
        "the item on screen was given"
    );
    assert_eq!(section.adaptive.unwrap().answered, 1);
    assert_eq!(section.adaptive.unwrap().stop, None);
    assert!(
        state
            .items
            .iter()
            .any(|i| i.id == second && i.response.is_none())
    );
    assert_eq!(state.section.as_deref(), Some("tail"));

    let mut s = Session::start(package(), config(5)).unwrap();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    s.apply(Event::SectionSubmit {
        t: 10,
        section: "cat".into(),
    })
    .unwrap();
    let state = s.state();
    assert_eq!(state.sections[0].status, SectionStatus::Submitted);
    assert_eq!(state.sections[0].adaptive.unwrap().answered, 0);
    assert_eq!(state.sections[0].items.len(), 1);
}

#[test]
fn graded_items_take_the_category_of_the_share_earned() {
    let scale: Vec<Value> = (1..=5)
        .map(|k| json!({"id": k.to_string(), "text": k.to_string()}))
        .collect();
    let items: Vec<Value> = (0..3)
        .map(|i| {
            json!({"id": format!("g{i}"), "stem": "Rate", "points": 2,
                "irt": {"model": "GRM", "a": 1.3, "b": [-1.5 + i as f64 * 0.2, -0.5, 0.5, 1.5]},
                "interaction": {"type": "likert", "scale": scale, "keyed": "positive"}})
        })
        .collect();
    let doc = json!({"format": 1, "id": "grm", "version": "1", "title": "GRM",
        "sections": [{"id": "g", "adaptive": {"stop": {"max_items": 3}}, "items": items}]});
    let package = Arc::new(Package::from_json(doc.to_string().as_bytes()).unwrap());
    let mut s = Session::start(package, config(1)).unwrap();
    s.apply(Event::SessionStart { t: 0 }).unwrap();
    let mut t = 0;
    for point in ["3", "5", "1"] {
        let item = current(&s.state());
        t += 10;
        s.apply(view(t, &item)).unwrap();
        s.apply(answer(t + 1, &item, point)).unwrap();
    }
    let categories: Vec<usize> = s
        .adaptive_answers("g")
        .unwrap()
        .into_iter()
        .map(|(_, k)| k)
        .collect();
    assert_eq!(categories, [2, 4, 0]);
    let state = s.state();
    assert_eq!(
        state.status,
        Status::Completed,
        "the last section stopped by itself"
    );
    assert_eq!(
        state.sections[0].adaptive.unwrap().stop,
        Some(StopReason::MaxItems)
    );
    assert_eq!(state.score.earned.0, 1000 + 2000);
}
