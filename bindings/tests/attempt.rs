//! The wasm `Attempt` class as JavaScript sees it: one call per event, steps as plain objects.

#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use assay::Package;
use assay::receipt::{GRANT_TYP, GrantClaims, PrivateKey, sign_claims};
use assay::session::Accommodations;
use assay_wasm::Attempt;
use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test as test;

const PRACTICE: &str = include_str!("../../samples/data-ai-practice.json");

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn text(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().into()
}

fn grant() -> String {
    let package = Arc::new(Package::from_json(PRACTICE.as_bytes()).unwrap());
    let claims = GrantClaims::for_session(
        "issuer",
        "audience",
        None,
        "sid-1",
        "bm9uY2UtMTI4LWJpdHM",
        11,
        &PrivateKey::from_seed(&[2; 32]).public(),
        &package,
        Accommodations::default(),
        1_000,
        3_600,
    )
    .expect("a package one can grant");
    sign_claims(&PrivateKey::from_seed(&[1; 32]), GRANT_TYP, &claims)
}

#[test]
fn a_step_says_what_to_store_what_changed_and_what_is_due() {
    let mut attempt = Attempt::open(PRACTICE, &grant(), JsValue::UNDEFINED, 0.0, false).unwrap();
    let step = attempt
        .record(js(r#"{"type": "session.start", "t": 5000}"#))
        .unwrap();
    assert_eq!(get(&step, "seq").as_f64(), Some(1.0));
    assert_eq!(
        get(&step, "status").as_string().as_deref(),
        Some("in_progress")
    );
    assert_eq!(Array::from(&get(&step, "recorded")).length(), 1);
    assert!(
        get(&step, "sections").is_object(),
        "the first section opened"
    );
    let due = text(&get(&step, "due"));
    assert!(
        due.contains(r#""kind":"view""#),
        "the first item is due: {due}"
    );
    assert!(
        due.contains(r#""kind":"clock""#),
        "the test's deadline is due: {due}"
    );

    // A clock that stepped back is raised to the last event's time.
    let first = get(&Array::from(&get(&step, "due")).get(0), "item")
        .as_string()
        .unwrap();
    let view = format!(r#"{{"type": "item.view", "t": 4000, "item": "{first}"}}"#);
    let step = attempt.record(js(&view)).unwrap();
    let recorded = Array::from(&get(&step, "recorded")).get(0);
    assert_eq!(get(&recorded, "t").as_f64(), Some(5000.0));
    assert_eq!(Array::from(&get(&step, "changed")).length(), 1);
    assert!(get(&step, "sections").is_undefined(), "no section changed");
    assert_eq!(get(&step, "current_item").as_string(), Some(first));
}

#[test]
fn a_refused_event_throws_with_a_code_and_changes_nothing() {
    let mut attempt = Attempt::open(PRACTICE, &grant(), JsValue::UNDEFINED, 0.0, false).unwrap();
    attempt
        .record(js(r#"{"type": "session.start", "t": 5000}"#))
        .unwrap();
    let e = attempt
        .record(js(
            r#"{"type": "item.answer", "t": 5001, "item": "nope", "response": "A"}"#,
        ))
        .unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("unknown_item"));
    let e = attempt
        .record(js(r#"{"type": "teleport", "t": 5002}"#))
        .unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("invalid_argument")
    );
    assert_eq!(get(&attempt.state().unwrap(), "seq").as_f64(), Some(1.0));
    let e = attempt.result_input("j", 1.0, None).unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("not_finished"));
}

#[test]
fn checkpoints_cover_each_event_once() {
    let mut attempt = Attempt::open(PRACTICE, &grant(), JsValue::UNDEFINED, 0.0, false).unwrap();
    assert!(attempt.checkpoint_input("j0", 1.0).unwrap().is_null());
    attempt
        .record(js(r#"{"type": "session.start", "t": 5000}"#))
        .unwrap();
    let first = attempt.checkpoint_input("j1", 5.0).unwrap();
    assert_eq!(get(&first, "from").as_f64(), Some(0.0));
    assert!(get(&first, "input").as_string().unwrap().contains('.'));
    assert!(attempt.checkpoint_input("j2", 5.0).unwrap().is_null());
}

#[test]
fn a_foreign_grant_or_a_broken_log_is_refused_with_a_code() {
    let e = Attempt::open(PRACTICE, "not.a.jws", JsValue::UNDEFINED, 0.0, false)
        .err()
        .unwrap();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("grant_malformed")
    );
    let log = js(r#"[{"type": "session.start", "t": 9}, {"type": "clock", "t": 3}]"#);
    let e = Attempt::open(PRACTICE, &grant(), log, 0.0, false)
        .err()
        .unwrap();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("time_went_backwards")
    );
    assert_eq!(get(&e, "index").as_f64(), Some(1.0));
}
