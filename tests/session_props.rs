//! Properties of sessions over random applicants on every sample package.

#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use assay::sandbox::{Budget, PyError, TestVerdict, Verdict};
use assay::scoring::Response;
use assay::session::{Accommodations, Event, Session, SessionConfig};
use assay::simulate::{self, Behaviour};
use assay::{Package, Points};
use proptest::prelude::*;

fn packages() -> Vec<Arc<Package>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| Arc::new(Package::from_json(&std::fs::read(p).unwrap()).unwrap()))
        .collect()
}

fn config(seed: u64, multiplier: u32, breaks: u64) -> SessionConfig {
    SessionConfig {
        sid: format!("sid-{seed}"),
        nonce: "n".into(),
        seed,
        accommodations: Accommodations {
            time_multiplier_permille: multiplier,
            break_allowance_ms: breaks,
        },
    }
}

/// Events a broken or hostile client might send; most are refused.
fn noise(t: u64, pick: u64, item: &str) -> Event {
    match pick % 8 {
        0 => Event::ItemView {
            t,
            item: "no-such-item".into(),
        },
        1 => Event::ItemAnswer {
            t,
            item: item.into(),
            response: Some(Response::Number(1.0)),
        },
        2 => Event::ItemAnswer {
            t,
            item: item.into(),
            response: Some(Response::List(vec!["zz".into()])),
        },
        3 => Event::SectionSubmit {
            t,
            section: "nope".into(),
        },
        4 => Event::BreakEnd { t },
        5 => Event::SessionStart { t },
        6 => Event::ItemView {
            t: t.saturating_sub(1_000_000),
            item: item.into(),
        },
        _ => Event::ItemFlag {
            t,
            item: item.into(),
            flagged: true,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Refused events leave no trace: a live session that saw them ends in exactly the state
    /// of a replay of the accepted events alone.
    #[test]
    fn replay_of_accepted_events_equals_the_live_state(
        which in 0usize..8,
        seed in 0u64..(1 << 53),
        applicant in any::<u64>(),
        events in 10usize..200,
        multiplier in prop_oneof![Just(1000u32), Just(1250), Just(1500), Just(2000)],
        breaks in prop_oneof![Just(0u64), Just(60_000)],
        noise_picks in prop::collection::vec(any::<u64>(), 0..40),
    ) {
        let all = packages();
        let package = all[which % all.len()].clone();
        let cfg = config(seed, multiplier, breaks);
        let mut planner = Session::start(package.clone(), cfg.clone()).unwrap();
        let behaviour = Behaviour { seed: applicant, events, max_pause_ms: 30_000, ..Behaviour::default() };
        let log = simulate::applicant(&mut planner, behaviour);

        let mut live = Session::start(package.clone(), cfg.clone()).unwrap();
        let mut accepted = Vec::new();
        let first_item = planner.state().items[0].id.clone();
        for (i, event) in log.iter().enumerate() {
            if let Some(&pick) = noise_picks.get(i) {
                let bad = noise(event.t(), pick, &first_item);
                if live.apply(bad.clone()).is_ok() {
                    accepted.push(bad);
                }
            }
            if live.apply(event.clone()).is_ok() {
                accepted.push(event.clone());
            }
        }
        let replayed = Session::replay(package, cfg, accepted).unwrap();
        prop_assert_eq!(replayed.state(), live.state());
    }

    /// Scores stay within bounds and the total is the sum of the items.
    #[test]
    fn totals_are_sums_within_bounds(which in 0usize..8, seed in 0u64..1000, applicant in any::<u64>()) {
        let all = packages();
        let package = all[which % all.len()].clone();
        let mut session = Session::start(package, config(seed, 1000, 0)).unwrap();
        simulate::applicant(&mut session, Behaviour { seed: applicant, events: 120, ..Behaviour::default() });
        let state = session.state();
        let sum: Points = state.items.iter().filter_map(|i| i.score).map(|s| s.earned).sum();
        prop_assert_eq!(sum, state.score.earned);
        for item in &state.items {
            if let Some(score) = item.score {
                prop_assert!(score.earned <= score.max);
                prop_assert_eq!(score.max, item.max);
            }
        }
        prop_assert!(state.score.earned <= state.score.max);
    }

    /// A variant is a pure function of the seed.
    #[test]
    fn variants_are_a_pure_function_of_the_seed(which in 0usize..8, seed in 0u64..(1 << 53)) {
        let all = packages();
        let package = all[which % all.len()].clone();
        let render = || {
            let s = Session::start(package.clone(), config(seed, 1000, 0)).unwrap();
            let ids: Vec<String> = s.state().items.iter().map(|i| i.id.clone()).collect();
            ids.iter().map(|id| serde_json::to_string(&s.item(id).unwrap()).unwrap()).collect::<Vec<_>>()
        };
        prop_assert_eq!(render(), render());
    }
}

#[test]
fn simulated_applicants_finish_and_score_in_proportion_to_ability() {
    let package = packages()
        .into_iter()
        .find(|p| p.id == "data-ai-practice")
        .unwrap();
    let mean = |ability: u32| {
        let total: i64 = (0..40)
            .map(|k| {
                let mut s = Session::start(package.clone(), config(k, 1000, 0)).unwrap();
                simulate::applicant(
                    &mut s,
                    Behaviour {
                        seed: k,
                        ability_permille: ability,
                        events: 150,
                        ..Behaviour::default()
                    },
                );
                assert!(s.state().status == assay::session::Status::Completed);
                s.score().0
            })
            .sum();
        total / 40
    };
    let (weak, strong) = (mean(200), mean(950));
    assert!(strong > weak + 3000, "strong {strong} vs weak {weak}");
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.:-]{0,12}",
        any::<String>(),
        "[\\x00-\\x1f\"\\\\/\u{7f}\u{e000}-\u{e00f}\u{10000}-\u{10010}é]{0,8}",
    ]
}

fn arb_response() -> impl Strategy<Value = Response> {
    prop_oneof![
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Response::Number),
        arb_text().prop_map(Response::Text),
        prop::collection::vec(arb_text(), 0..5).prop_map(Response::List),
        prop::collection::btree_map(arb_text(), arb_text(), 0..5).prop_map(Response::Pairs),
    ]
}

fn arb_event() -> impl Strategy<Value = Event> {
    let t = 0u64..(1 << 53);
    prop_oneof![
        t.clone().prop_map(|t| Event::SessionStart { t }),
        (t.clone(), arb_text()).prop_map(|(t, item)| Event::ItemView { t, item }),
        (t.clone(), arb_text(), proptest::option::of(arb_response()))
            .prop_map(|(t, item, response)| Event::ItemAnswer { t, item, response }),
        (t.clone(), arb_text(), any::<bool>()).prop_map(|(t, item, flagged)| Event::ItemFlag {
            t,
            item,
            flagged
        }),
        (t.clone(), arb_text()).prop_map(|(t, section)| Event::SectionSubmit { t, section }),
        (t.clone(), arb_text(), 0u64..(1 << 53)).prop_map(|(t, item, chars)| Event::Paste {
            t,
            item,
            chars
        }),
        t.clone().prop_map(|t| Event::BreakStart { t }),
        t.clone().prop_map(|t| Event::BreakEnd { t }),
        t.clone().prop_map(|t| Event::FocusLost { t }),
        t.clone().prop_map(|t| Event::FocusGained { t }),
        t.clone().prop_map(|t| Event::Clock { t }),
        t.clone().prop_map(|t| Event::SessionSubmit { t }),
        (t.clone(), arb_text(), arb_text()).prop_map(|(t, item, code)| Event::CodeRun {
            t,
            item,
            code
        }),
        (t.clone(), arb_text(), arb_text()).prop_map(|(t, item, code)| Event::CodeSubmit {
            t,
            item,
            code
        }),
        (
            t,
            arb_text(),
            any::<u32>(),
            proptest::collection::vec(arb_verdict(), 0..4)
        )
            .prop_map(|(t, item, submission, tests)| Event::CodeJudged {
                t,
                item,
                submission,
                tests
            }),
    ]
}

fn arb_verdict() -> impl Strategy<Value = TestVerdict> {
    let error = (arb_text(), arb_text(), proptest::option::of(any::<u32>())).prop_map(
        |(kind, message, line)| PyError {
            kind,
            message,
            line,
            column: None,
        },
    );
    let verdict = prop_oneof![
        Just(Verdict::Passed),
        proptest::option::of(arb_text()).prop_map(|difference| Verdict::WrongAnswer { difference }),
        error.prop_map(|error| Verdict::RuntimeError { error }),
        Just(Verdict::LimitExceeded {
            budget: Budget::Memory
        }),
        arb_text().prop_map(|what| Verdict::NotAllowed { what }),
    ];
    (any::<u32>(), verdict, 0u64..(1 << 53)).prop_map(|(test, verdict, steps)| TestVerdict {
        test,
        verdict,
        steps,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The chain's direct canonical writer agrees byte for byte with the RFC 8785 crate.
    #[test]
    fn canonical_event_json_matches_the_jcs_crate(event in arb_event()) {
        let reference = String::from_utf8(assay::canonical::to_jcs(&event).unwrap()).unwrap();
        let direct = String::from_utf8(event.canonical_json()).unwrap();
        prop_assert_eq!(direct, reference);
    }
}
