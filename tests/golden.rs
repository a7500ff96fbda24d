//! Golden files: the same inputs give the same state, chain head, variants and libm results
//! natively and in wasm (this file is compiled for both and run under Node and Chromium).
//!
//! Regenerate after an intended change with `ASSAY_BLESS=1 cargo test --test golden`.

use std::sync::Arc;

use assay::Package;
use assay::psychometrics::Pool;
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
const APTITUDE: &str = include_str!("../samples/ai-aptitude.json");
const APTITUDE_EVENTS: &str = include_str!("golden/aptitude.events.jsonl");
const APTITUDE_EXPECTED: &str = include_str!("golden/aptitude.expected.json");

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

/// A float as its bit pattern: JSON decimals may parse differently on different targets.
fn bits(x: f64) -> Value {
    json!(format!("{:016x}", x.to_bits()))
}

/// The state as JSON with the adaptive sections' floats replaced by their bits.
fn state_with_bits(session: &Session) -> Value {
    let state = session.state();
    let mut value = serde_json::to_value(&state).unwrap();
    for (section, view) in state
        .sections
        .iter()
        .zip(value["sections"].as_array_mut().unwrap())
    {
        if let Some(a) = section.adaptive {
            view["adaptive"]["theta"] = bits(a.theta);
            view["adaptive"]["se"] = bits(a.se);
            view["adaptive"]["target_se"] = a.target_se.map_or(Value::Null, bits);
        }
    }
    value
}

/// The adaptive sample taken by a simulated applicant: each answer leads to the same next item,
/// θ and SE bits, natively and in wasm; the final estimate is the psychometrics pool's replay.
#[test]
fn adaptive_log_replays_to_the_golden_path_theta_and_se() {
    const SEED: u64 = 20261201;
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("ASSAY_BLESS").is_some() {
        let mut live = Session::start(package(APTITUDE), config(SEED)).unwrap();
        let behaviour = assay::simulate::Behaviour {
            seed: 17,
            ability_permille: 650,
            events: 120,
            max_pause_ms: 30_000,
            ..Default::default()
        };
        let events = assay::simulate::applicant(&mut live, behaviour);
        let lines: Vec<String> = events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap())
            .collect();
        bless("aptitude.events.jsonl", &(lines.join("\n") + "\n"));
    }
    let events = parse_events(APTITUDE_EVENTS);
    let package = package(APTITUDE);
    let mut session = Session::start(package.clone(), config(SEED)).unwrap();
    let mut steps = Vec::new();
    for event in events {
        let answer = matches!(
            &event,
            Event::ItemAnswer {
                response: Some(_),
                ..
            }
        );
        session.apply(event).unwrap();
        if answer {
            let state = session.state();
            let a = state.sections[0].adaptive.unwrap();
            steps.push(json!({
                "answered": a.answered,
                "theta": bits(a.theta),
                "se": bits(a.se),
                "next": state.current_item,
                "stop": a.stop,
            }));
        }
    }
    let state = session.state();
    let path = state.sections[0].items.clone();
    assert!(
        path.len() >= 10,
        "the log is a whole adaptive test: {path:?}"
    );

    // The session's estimate is the one the psychometrics pool replays from the same answers.
    let section = &package.sections[0];
    let adaptive = section.adaptive.as_ref().unwrap();
    let pool = Pool::new(
        adaptive.pool(&section.items).unwrap(),
        adaptive.cat_config(),
    )
    .unwrap();
    let answers = session.adaptive_answers("aptitude").unwrap();
    let answers: Vec<(&str, usize)> = answers.iter().map(|(id, k)| (id.as_str(), *k)).collect();
    let last = *pool
        .replay(&answers, SEED, "aptitude")
        .unwrap()
        .last()
        .unwrap();
    let view = state.sections[0].adaptive.unwrap();
    assert_eq!(
        (view.theta.to_bits(), view.se.to_bits()),
        (last.estimate.theta.to_bits(), last.estimate.se.to_bits())
    );

    let expected = json!({
        "package_sha256": package.sha256(),
        "path": path,
        "steps": steps,
        "state": state_with_bits(&session),
    });
    if bless(
        "aptitude.expected.json",
        &serde_json::to_string_pretty(&expected).unwrap(),
    ) {
        return;
    }
    let golden: Value = serde_json::from_str(APTITUDE_EXPECTED).unwrap();
    assert_eq!(golden["path"], expected["path"], "item path");
    assert_eq!(
        golden["steps"], expected["steps"],
        "θ and SE after each answer"
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
