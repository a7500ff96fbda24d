//! Sealed delivery: the public view holds no secret, a session on it scores nothing, and the
//! backend's re-score with the full package is the score that counts.

use std::sync::Arc;

use assay::Package;
use assay::receipt::{
    Evidence, GRANT_TYP, GrantClaims, PrivateKey, RESULT_TYP, ResultClaims, Trust, sign_claims,
    verify,
};
use assay::sandbox::{TestVerdict, Verdict};
use assay::scoring::{Outcome, Response};
use assay::session::{Event, Session, SessionConfig, rejudge};
use assay::simulate::{self, Behaviour};
use serde_json::Value;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const PRACTICE: &str = include_str!("../samples/data-ai-practice.json");

/// Every field a public view must not hold, wherever it appears.
const SECRET_FIELDS: &[&str] = &[
    "key",
    "answer",
    "accepted",
    "pattern",
    "map",
    "keyed",
    "irt",
    "area",
    "checker",
    "reference",
    "known_bad",
    "abs_tolerance",
    "rel_tolerance",
    "case_sensitive",
];

/// `json` with `"delivery": "sealed"` added at the top.
fn sealed(json: &str) -> Value {
    let mut value: Value = serde_json::from_str(json).expect("JSON");
    value["delivery"] = "sealed".into();
    value
}

fn sealed_practice() -> Arc<Package> {
    Arc::new(Package::from_value(sealed(PRACTICE)).expect("a valid sealed package"))
}

/// Paths of every object field named in `names`, anywhere under `value`.
fn fields_named(value: &Value, names: &[&str], at: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = format!("{at}.{k}");
                if names.contains(&k.as_str()) {
                    found.push(path.clone());
                }
                fields_named(v, names, &path, found);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                fields_named(v, names, &format!("{at}[{i}]"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn the_public_view_holds_no_key_of_any_interaction() {
    let package = sealed_practice();
    let view = package.public_view().expect("a public view");
    let text = serde_json::to_value(&view).expect("serializes");
    let mut found = Vec::new();
    fields_named(&text, SECRET_FIELDS, "", &mut found);
    assert_eq!(
        found,
        Vec::<String>::new(),
        "secrets left in the public view"
    );
    assert!(view.is_public_view());
    assert_ne!(
        view.sha256(),
        package.sha256(),
        "the view has its own digest"
    );
    // Parsed again, as a browser does, it is the same document with the same digest.
    let again = Package::from_json(&serde_json::to_vec(&view).unwrap()).expect("reads back");
    assert_eq!(again.sha256(), view.sha256());
    // Every item keeps what the screens need: its stem, choices and points.
    assert_eq!(view.items().count(), package.items().count());
    for ((_, full), (_, public)) in package.items().zip(view.items()) {
        assert_eq!(full.stem, public.stem);
        assert_eq!(full.interaction.kind(), public.interaction.kind());
    }
}

#[test]
fn only_a_sealed_package_as_written_has_a_public_view() {
    let practice = Package::from_json(PRACTICE.as_bytes()).unwrap();
    assert!(practice.public_view().is_err());
    let view = sealed_practice().public_view().unwrap();
    assert!(view.public_view().is_err(), "a view of a view");
}

#[test]
fn a_public_view_with_a_secret_in_it_is_refused_at_its_path() {
    let view = sealed_practice().public_view().unwrap();
    let mut value = serde_json::to_value(&view).unwrap();
    let (s, i) = first_item(&value, "single_choice");
    let choice = value["sections"][s]["items"][i]["interaction"]["choices"][0]["id"].clone();
    value["sections"][s]["items"][i]["interaction"]["key"] = choice;
    refused_at(
        value,
        &format!("sections[{s}].items[{i}].interaction.key"),
        "a public view holds no key",
    );
}

/// `value` is refused with an issue at `path` whose message starts with `message`.
fn refused_at(value: Value, path: &str, message: &str) {
    let issues = Package::from_value(value).unwrap_err().issues();
    assert!(
        issues
            .iter()
            .any(|issue| issue.path == path && issue.message.starts_with(message)),
        "{issues:?}"
    );
}

#[test]
fn a_full_package_without_a_key_names_the_missing_key() {
    let mut value: Value = serde_json::from_str(PRACTICE).unwrap();
    let (s, i) = first_item(&value, "single_choice");
    value["sections"][s]["items"][i]["interaction"]
        .as_object_mut()
        .unwrap()
        .remove("key");
    refused_at(
        value,
        &format!("sections[{s}].items[{i}].interaction.key"),
        "missing",
    );
}

#[test]
fn a_sealed_package_has_no_adaptive_section_yet() {
    let value = sealed(include_str!("../samples/ai-aptitude.json"));
    let issues = Package::from_value(value).unwrap_err().issues();
    assert!(
        issues.iter().any(|i| i.path.ends_with(".adaptive")),
        "{issues:?}"
    );
}

/// Section and item index of the first item of `kind`.
fn first_item(package: &Value, kind: &str) -> (usize, usize) {
    let sections = package["sections"].as_array().unwrap();
    for (s, section) in sections.iter().enumerate() {
        for (i, item) in section["items"].as_array().unwrap().iter().enumerate() {
            if item["interaction"]["type"] == kind {
                return (s, i);
            }
        }
    }
    panic!("no {kind} item");
}

fn config(seed: u64) -> SessionConfig {
    SessionConfig {
        sid: format!("sid-{seed}"),
        nonce: "bm9uY2UtMTI4LWJpdHM".into(),
        seed,
        accommodations: Default::default(),
    }
}

#[test]
fn both_views_present_every_item_alike_and_the_view_scores_nothing() {
    let package = sealed_practice();
    let view = Arc::new(package.public_view().unwrap());
    for seed in 0..40 {
        let full = Session::start(package.clone(), config(seed)).unwrap();
        let mut public = Session::start(view.clone(), config(seed)).unwrap();
        for (_, item) in package.items() {
            assert_eq!(
                full.item(&item.id),
                public.item(&item.id),
                "seed {seed}, item {}",
                item.id
            );
        }
        let events = simulate::applicant(
            &mut public,
            Behaviour {
                seed,
                events: 90,
                ..Behaviour::default()
            },
        );
        let state = public.state();
        assert_eq!(state.score.earned.0, 0);
        assert!(state.score.answered > 0);
        assert_eq!(state.score.pending, state.score.answered, "seed {seed}");
        for item in state.items.iter().filter(|i| i.answered) {
            assert_eq!(item.score.map(|s| s.outcome), Some(Outcome::Pending));
        }
        // The same events replay on the full package, which scores them.
        let scored = Session::replay(package.clone(), config(seed), events).unwrap();
        assert_eq!(scored.state().score.answered, state.score.answered);
        assert_eq!(scored.state().score.pending, 0);
        assert_eq!(scored.state().score.max, state.score.max, "seed {seed}");
    }
}

#[test]
fn a_malformed_answer_is_refused_on_the_view_as_on_the_package() {
    let package = r#"{"format": 1, "id": "one", "version": "1", "title": "One", "delivery": "sealed",
      "sections": [{"id": "s", "items": [{"id": "q", "stem": "Pick A", "interaction":
        {"type": "single_choice", "key": "A",
         "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}]}}]}]}"#;
    let package = Arc::new(Package::from_json(package.as_bytes()).unwrap());
    let view = Arc::new(package.public_view().unwrap());
    for document in [package, view] {
        let mut session = Session::start(document, config(3)).unwrap();
        session.apply(Event::SessionStart { t: 1 }).unwrap();
        session
            .apply(Event::ItemView {
                t: 2,
                item: "q".into(),
            })
            .unwrap();
        let refused = session.apply(Event::ItemAnswer {
            t: 3,
            item: "q".into(),
            response: Some(Response::Text("C".into())),
        });
        assert_eq!(refused.unwrap_err().code(), "invalid_response");
    }
}

struct Signed {
    grant: String,
    grant_claims: GrantClaims,
    session_key: PrivateKey,
    issuer: PrivateKey,
    events: Vec<Event>,
}

const NOW: u64 = 1_790_000_000;

/// A browser's session on the public view of `package`, under a grant for `package`.
fn taken(package: &Arc<Package>, seed: u64) -> (Signed, Session) {
    let issuer = PrivateKey::from_seed(&[1; 32]);
    let session_key = PrivateKey::from_seed(&[seed as u8; 32]);
    let grant_claims = GrantClaims::for_session(
        "https://assay.example",
        "https://hiring.example",
        Some("applicant"),
        &format!("sid-{seed}"),
        "bm9uY2UtMTI4LWJpdHM",
        seed,
        &session_key.public(),
        package,
        Default::default(),
        NOW - 3_600,
        5_400,
    )
    .unwrap();
    let view = Arc::new(package.public_view().unwrap());
    assert_eq!(
        grant_claims.pkg.public_sha256.as_deref(),
        Some(view.sha256())
    );
    assert!(grant_claims.pkg.runs(&view));
    let mut session = Session::start(view, grant_claims.session_config()).unwrap();
    let events = simulate::applicant(
        &mut session,
        Behaviour {
            seed,
            events: 90,
            start_t: (NOW - 3_500) * 1000,
            ..Behaviour::default()
        },
    );
    let grant = sign_claims(&issuer, GRANT_TYP, &grant_claims);
    (
        Signed {
            grant,
            grant_claims,
            session_key,
            issuer,
            events,
        },
        session,
    )
}

fn check(
    package: &Arc<Package>,
    signed: &Signed,
    claims: &ResultClaims,
) -> assay::receipt::Verdict {
    let token = sign_claims(&signed.session_key, RESULT_TYP, claims);
    let issuer = signed.issuer.public();
    verify(
        Evidence {
            result: &token,
            grant: &signed.grant,
            events: &signed.events,
            checkpoints: &[],
        },
        Trust {
            issuer: &issuer,
            package,
            now: NOW,
            audience: None,
            skew: 300,
            judge: None,
        },
    )
}

#[test]
fn the_backend_scores_a_sealed_result_and_a_forged_score_is_caught() {
    let package = sealed_practice();
    let (signed, session) = taken(&package, 5);
    let claims = ResultClaims::from_session(
        &session,
        &signed.grant_claims,
        Some(&signed.grant),
        "result-1",
        NOW - 10,
        NOW + 86_400,
        None,
    );
    assert_eq!(claims.score.raw, 0, "the browser is blind to the score");
    assert!(claims.resp.iter().any(|i| i.pending && i.earned.is_none()));
    let verdict = check(&package, &signed, &claims);
    assert!(verdict.valid, "{:?}", verdict.failures);
    let full = Session::replay(
        package.clone(),
        signed.grant_claims.session_config(),
        signed.events.clone(),
    )
    .unwrap();
    let rescore = verdict.rescore.expect("a re-score");
    assert_eq!(rescore.raw, full.state().score.earned.0);
    assert!(rescore.raw > 0, "this applicant earns points");

    // A browser that claims the points it cannot know is caught.
    let mut forged = claims.clone();
    forged.score.raw = forged.score.max;
    let verdict = check(&package, &signed, &forged);
    assert!(
        verdict.failures.iter().any(|f| f.code == "score_mismatch"),
        "{:?}",
        verdict.failures
    );
    // So is a grant that names no public view (or another one).
    let mut other = signed.grant_claims.clone();
    other.pkg.public_sha256 = Some("0".repeat(64));
    let regranted = Signed {
        grant: sign_claims(&signed.issuer, GRANT_TYP, &other),
        grant_claims: other.clone(),
        session_key: PrivateKey::from_seed(&[5; 32]),
        issuer: PrivateKey::from_seed(&[1; 32]),
        events: signed.events.clone(),
    };
    let mut claims = claims;
    claims.pkg = other.pkg.clone();
    claims.grant = Some(regranted.grant.clone());
    let verdict = check(&package, &regranted, &claims);
    assert!(
        verdict
            .failures
            .iter()
            .any(|f| f.code == "package_mismatch"),
        "{:?}",
        verdict.failures
    );
}

const CODE: &str = r#"{
  "format": 1, "id": "code-sealed", "version": "1", "title": "Code", "delivery": "sealed",
  "sections": [{"id": "s", "items": [
    {"id": "twice", "stem": "Return twice n.", "points": 10,
     "interaction": {"type": "code", "language": "python", "stub": "def solve(n):\n    pass\n",
       "harness": {"kind": "function", "entry": "solve"},
       "reference": "def solve(n):\n    return 2 * n\n",
       "known_bad": [{"name": "off by one", "code": "def solve(n):\n    return 2 * n + 1\n"}],
       "tests": [
         {"name": "one", "args": [1], "expected": 2},
         {"name": "big", "args": [1000], "expected": 2000, "points": 3, "visibility": "hidden"},
         {"name": "none", "args": [0], "expected": null, "visibility": "shown_if_failed"}
       ]}}
  ]}]
}"#;

fn verdict(test: u32, verdict: Verdict) -> TestVerdict {
    TestVerdict {
        test,
        verdict,
        steps: 10,
    }
}

#[test]
fn a_sealed_coding_task_keeps_only_its_shown_tests_and_the_backend_judges_the_rest() {
    let package = Arc::new(Package::from_json(CODE.as_bytes()).unwrap());
    let view = Arc::new(package.public_view().unwrap());
    let task = view
        .items()
        .next()
        .unwrap()
        .1
        .interaction
        .code_task()
        .unwrap()
        .clone();
    assert!(task.reference.is_none() && task.known_bad.is_empty());
    assert!(task.tests[0].expected.is_some(), "a shown test stays");
    assert!(task.tests[1].expected.is_none() && task.tests[1].args.is_none());
    // `null` is an expected value like any other: the full package keeps it.
    let full_task = package
        .items()
        .next()
        .unwrap()
        .1
        .interaction
        .code_task()
        .unwrap();
    assert_eq!(full_task.tests[2].expected, Some(Value::Null));
    assert!(task.tests[2].expected.is_none());

    // The browser runs only the shown test; the others are the backend's.
    let judging = assay::sandbox::judging::Judging::new(
        &task,
        "def solve(n):\n    return 2 * n\n",
        1,
        assay::sandbox::judging::Tests::All,
    );
    assert_eq!(judging.runs().len(), 1);

    let mut browser = Session::start(view.clone(), config(1)).unwrap();
    for event in browser_events() {
        browser.apply(event).unwrap();
    }
    // Claiming a verdict for a sealed test is refused; so is leaving a shown one to the backend.
    let claim = |tests: Vec<TestVerdict>| Event::CodeJudged {
        t: 4,
        item: "twice".into(),
        submission: 1,
        tests,
    };
    let overreach = claim(vec![
        verdict(0, Verdict::Passed),
        verdict(1, Verdict::Passed),
        verdict(2, Verdict::Sealed),
    ]);
    assert_eq!(
        browser.apply(overreach).unwrap_err().code(),
        "sealed_verdict"
    );
    let shirked = claim(vec![
        verdict(0, Verdict::Sealed),
        verdict(1, Verdict::Sealed),
        verdict(2, Verdict::Sealed),
    ]);
    assert_eq!(browser.apply(shirked).unwrap_err().code(), "sealed_verdict");
    let honest = claim(vec![
        verdict(0, Verdict::Passed),
        verdict(1, Verdict::Sealed),
        verdict(2, Verdict::Sealed),
    ]);
    browser.apply(honest.clone()).unwrap();
    let state = browser.state();
    assert_eq!(
        state.items[0].score.map(|s| s.outcome),
        Some(Outcome::Pending)
    );
    assert_eq!(state.score.pending, 1);

    // The full package takes no sealed verdict: only the backend's own.
    let mut full = Session::start(package.clone(), config(1)).unwrap();
    for event in browser_events() {
        full.apply(event).unwrap();
    }
    assert_eq!(
        full.apply(honest.clone()).unwrap_err().code(),
        "sealed_verdict"
    );

    // Rejudged, the browser's shown verdict agrees and its sealed ones are not a difference.
    let events: Vec<Event> = browser_events().into_iter().chain([honest]).collect();
    let mut judge = |_: &assay::package::CodeTask, _: &str, _: u64| {
        vec![
            verdict(0, Verdict::Passed),
            verdict(1, Verdict::Passed),
            verdict(2, Verdict::WrongAnswer { difference: None }),
        ]
    };
    let (rejudged, report) = rejudge(&package, 1, &events, &mut judge);
    assert!(report.differing.is_empty(), "{:?}", report.differing);
    let scored = Session::replay(package.clone(), config(1), rejudged).unwrap();
    let score = scored.state().items[0].score.unwrap();
    assert_eq!(score.outcome, Outcome::Partial);
    assert!(score.earned.0 > 0);
}

/// The events before the verdicts in the coding test above.
fn browser_events() -> Vec<Event> {
    vec![
        Event::SessionStart { t: 1 },
        Event::ItemView {
            t: 2,
            item: "twice".into(),
        },
        Event::CodeSubmit {
            t: 3,
            item: "twice".into(),
            code: "def solve(n):\n    return 2 * n\n".into(),
        },
    ]
}

#[test]
fn a_package_serializes_to_a_document_that_reads_back_as_itself() {
    for text in [
        PRACTICE,
        include_str!("../samples/ai-aptitude.json"),
        include_str!("../samples/python-practice.json"),
    ] {
        let package = Package::from_json(text.as_bytes()).unwrap();
        let written = serde_json::to_vec(&package).unwrap();
        let read = Package::from_json(&written).expect("reads back");
        assert_eq!(
            serde_json::to_value(&read).unwrap(),
            serde_json::to_value(&package).unwrap()
        );
    }
}
