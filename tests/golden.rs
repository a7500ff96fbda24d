//! Golden files: the same inputs give the same state, chain head, variants and libm results
//! natively and in wasm (this file is compiled for both and run under Node and Chromium).
//!
//! Regenerate after an intended change with `ASSAY_BLESS=1 cargo test --test golden`.

use std::sync::Arc;

use assay::Package;
use assay::session::{Event, Session, SessionConfig};
use serde_json::{Value, json};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const PRACTICE: &str = include_str!("../samples/data-ai-practice.json");
const PRACTICE_EVENTS: &str = include_str!("golden/practice.events.jsonl");
const PRACTICE_EXPECTED: &str = include_str!("golden/practice.expected.json");
const VARIANTS: &str = include_str!("golden/variants.json");
const VARIANTS_EXPECTED: &str = include_str!("golden/variants.expected.json");
const LIBM_EXPECTED: &str = include_str!("golden/libm.expected.json");

fn package(text: &str) -> Arc<Package> {
    Arc::new(Package::from_json(text.as_bytes()).unwrap())
}

fn config(seed: u64) -> SessionConfig {
    SessionConfig {
        sid: "golden-session".into(),
        nonce: "bm9uY2Utb2YtMTI4LWJpdHM".into(),
        seed,
        accommodations: Default::default(),
    }
}

fn parse_events(text: &str) -> Vec<Event> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn bless(name: &str, contents: &str) -> bool {
    if std::env::var_os("ASSAY_BLESS").is_none() {
        return false;
    }
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(path, contents).unwrap();
    true
}

#[cfg(target_arch = "wasm32")]
fn bless(_: &str, _: &str) -> bool {
    false
}

#[test]
fn practice_log_replays_to_the_golden_state() {
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("ASSAY_BLESS").is_some() {
        let mut live = Session::start(package(PRACTICE), config(20261128)).unwrap();
        let behaviour = assay::simulate::Behaviour {
            seed: 5,
            events: 140,
            max_pause_ms: 8_000,
            ..Default::default()
        };
        let events = assay::simulate::applicant(&mut live, behaviour);
        let lines: Vec<String> = events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect();
        bless("practice.events.jsonl", &(lines.join("\n") + "\n"));
    }
    let events = parse_events(PRACTICE_EVENTS);
    assert!(events.len() > 100, "the golden log is substantial");
    let session = Session::replay(package(PRACTICE), config(20261128), events).unwrap();
    let state = serde_json::to_value(session.state()).unwrap();
    let expected = json!({"package_sha256": session.package().sha256(), "state": state});
    if bless(
        "practice.expected.json",
        &serde_json::to_string_pretty(&expected).unwrap(),
    ) {
        return;
    }
    let golden: Value = serde_json::from_str(PRACTICE_EXPECTED).unwrap();
    assert_eq!(
        golden["state"]["head"], expected["state"]["head"],
        "chain head"
    );
    assert_eq!(golden, expected);
}

#[test]
fn variants_render_identically() {
    let package = package(VARIANTS);
    let rendered: Vec<Value> = (0..12u64)
        .map(|seed| {
            let session = Session::start(package.clone(), config(seed)).unwrap();
            let order = session.state().sections[0].items.clone();
            let items: Vec<Value> = order
                .iter()
                .map(|id| {
                    let planned = session.planned_item(id).unwrap();
                    json!({"presented": session.item(id).unwrap(), "key": planned.interaction})
                })
                .collect();
            json!({"seed": seed, "order": order, "items": items})
        })
        .collect();
    let actual = Value::Array(rendered);
    if bless(
        "variants.expected.json",
        &serde_json::to_string_pretty(&actual).unwrap(),
    ) {
        return;
    }
    // Compared as text: keys hold floats, whose shortest decimal is the same on every target while
    // parsing a decimal back may round differently in wasm.
    assert_eq!(
        VARIANTS_EXPECTED.trim_end(),
        serde_json::to_string_pretty(&actual).unwrap()
    );
}

/// Bit patterns of the libm functions the core relies on, at awkward arguments.
#[test]
fn libm_agrees_bit_for_bit() {
    let xs = [
        -745.1,
        -20.5,
        -1.0,
        -1e-300,
        0.1,
        0.5,
        1.0,
        std::f64::consts::E,
        3.0,
        10.0,
        709.7,
    ];
    let mut rows = Vec::new();
    for &x in &xs {
        rows.push(json!({
            "x": x,
            "exp": format!("{:016x}", libm::exp(x).to_bits()),
            "log": format!("{:016x}", libm::log(x.abs()).to_bits()),
            "pow_x_1_3": format!("{:016x}", libm::pow(x.abs(), 1.0 / 3.0).to_bits()),
            "pow_1_07_x": format!("{:016x}", libm::pow(1.07, x / 7.0).to_bits()),
            "expm1": format!("{:016x}", libm::expm1(x / 100.0).to_bits()),
            "log1p": format!("{:016x}", libm::log1p(x.abs()).to_bits()),
            "tanh": format!("{:016x}", libm::tanh(x / 10.0).to_bits()),
            "sqrt": format!("{:016x}", libm::sqrt(x.abs()).to_bits()),
        }));
    }
    let actual = Value::Array(rows);
    if bless(
        "libm.expected.json",
        &serde_json::to_string_pretty(&actual).unwrap(),
    ) {
        return;
    }
    let golden: Value = serde_json::from_str(LIBM_EXPECTED).unwrap();
    assert_eq!(golden, actual);
}
