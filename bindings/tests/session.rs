//! The wasm `Session` class as JavaScript sees it: plain objects in and out, `Error`s with codes.

#![cfg(target_arch = "wasm32")]

use assay_wasm::{Session, validate_package};
use js_sys::{JSON, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test as test;

const PRACTICE: &str = include_str!("../../samples/data-ai-practice.json");

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn config() -> JsValue {
    js(
        r#"{"sid": "s-1", "nonce": "n-1", "seed": 42, "accommodations": {"time_multiplier_permille": 1500}}"#,
    )
}

fn code_of(error: &JsValue) -> String {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "errors are JS Error objects"
    );
    get(error, "code").as_string().unwrap()
}

#[test]
fn a_session_runs_through_the_bindings() {
    let mut session = Session::start(PRACTICE, config()).unwrap();
    session
        .apply(js(r#"{"type": "session.start", "t": 1000}"#))
        .unwrap();
    let state = session.state().unwrap();
    assert_eq!(get(&state, "seq").as_f64(), Some(1.0));
    assert_eq!(
        get(&state, "status").as_string().as_deref(),
        Some("in_progress")
    );
    assert_eq!(
        get(&state, "time_multiplier_permille").as_f64(),
        Some(1500.0)
    );
    let items = get(&state, "items");
    let first = get(&js_sys::Array::from(&items).get(0), "id")
        .as_string()
        .unwrap();
    let item = session.item(&first).unwrap();
    assert!(get(&item, "stem").is_string());
    assert!(get(&item, "interaction").is_object());
    assert!(session.item("no-such-item").unwrap().is_undefined());
    assert_eq!(
        get(&session.summary().unwrap(), "sha256")
            .as_string()
            .unwrap()
            .len(),
        64
    );
    let time = session.time_at(61_000.0).unwrap();
    assert_eq!(get(&time, "elapsed_ms").as_f64(), Some(60_000.0));
}

#[test]
fn refused_events_throw_errors_with_codes() {
    let mut session = Session::start(PRACTICE, config()).unwrap();
    let e = session
        .apply(js(
            r#"{"type": "item.view", "t": 1, "item": "median-outlier"}"#,
        ))
        .unwrap_err();
    assert_eq!(code_of(&e), "not_started");
    session
        .apply(js(r#"{"type": "session.start", "t": 5}"#))
        .unwrap();
    let e = session
        .apply(js(
            r#"{"type": "item.answer", "t": 6, "item": "median-outlier", "response": "5.5"}"#,
        ))
        .unwrap_err();
    assert_eq!(code_of(&e), "item_not_viewed");
    let e = session
        .apply(js(r#"{"type": "teleport", "t": 7}"#))
        .unwrap_err();
    assert_eq!(code_of(&e), "invalid_argument");
    let e = session.time_at(-1.0).unwrap_err();
    assert_eq!(code_of(&e), "time_out_of_range");
    assert_eq!(
        get(&session.state().unwrap(), "seq").as_f64(),
        Some(1.0),
        "nothing changed"
    );
}

#[test]
fn invalid_packages_list_their_issues() {
    let e = validate_package(r#"{"format": 1, "id": "x"}"#).unwrap_err();
    assert_eq!(code_of(&e), "package_invalid");
    let issues = js_sys::Array::from(&get(&e, "issues"));
    assert!(issues.length() >= 1);
    assert!(get(&issues.get(0), "path").is_string());
    let e = validate_package("{").unwrap_err();
    assert_eq!(code_of(&e), "package_syntax");
    let ok = validate_package(PRACTICE).unwrap();
    assert_eq!(
        get(&ok, "id").as_string().as_deref(),
        Some("data-ai-practice")
    );
}

#[test]
fn replay_reports_the_refused_index() {
    let events = js(
        r#"[{"type": "session.start", "t": 1}, {"type": "clock", "t": 2}, {"type": "clock", "t": 1}]"#,
    );
    let e = Session::replay(PRACTICE, config(), events).err().unwrap();
    assert_eq!(code_of(&e), "time_went_backwards");
    assert_eq!(get(&e, "index").as_f64(), Some(2.0));
    let ok = Session::replay(
        PRACTICE,
        config(),
        js(r#"[{"type": "session.start", "t": 1}]"#),
    )
    .unwrap();
    assert_eq!(get(&ok.state().unwrap(), "seq").as_f64(), Some(1.0));
}
