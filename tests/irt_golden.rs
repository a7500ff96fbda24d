//! Golden adaptive logs: recorded answers replay to the identical item path, θ and SE, bit for
//! bit, natively and in wasm (this file is compiled for both).
//!
//! Regenerate after an intended change with `ASSAY_BLESS=1 cargo test --test irt_golden`.

use assay::psychometrics::cat::{self, CatConfig, Pool, PoolItem, StopRule};
use assay::psychometrics::estimate::{EstimatorConfig, Method};
use assay::psychometrics::{Item, ModelKind, random};
use assay::seed::Stream;
use serde_json::{Value, json};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const EXPECTED: &str = include_str!("golden/adaptive.expected.json");

const SEED: u64 = 20_260_601;

/// 240 items over four areas, mixing 2PL, 3PL and graded items, with some exposure parameters.
fn pool(method: Method) -> Pool {
    let mut s = Stream::new(77, "golden", "pool");
    let areas = ["ai-concepts", "data", "probability", "reasoning"];
    let items = (0..240)
        .map(|i| {
            let a = 0.6 + 1.6 * random::uniform(&mut s);
            let b = -2.5 + 5.0 * random::uniform(&mut s);
            let (model, item) = match i % 5 {
                0 => (
                    ModelKind::Graded,
                    Item::Graded {
                        a,
                        b: vec![b - 0.8, b + 0.7],
                    },
                ),
                1 | 2 => (
                    ModelKind::ThreePl,
                    Item::three_pl(a, b, 0.25 * random::uniform(&mut s)),
                ),
                _ => (ModelKind::TwoPl, Item::two_pl(a, b)),
            };
            PoolItem {
                id: format!("q{i:03}"),
                area: Some(areas[i % 4].to_string()),
                exposure: if i % 3 == 0 { 0.6 } else { 1.0 },
                model,
                item,
            }
        })
        .collect();
    let mut config = CatConfig {
        estimator: EstimatorConfig {
            method,
            ..EstimatorConfig::default()
        },
        randomesque: 3,
        sympson_hetter: true,
        stop: StopRule {
            min_items: 6,
            max_items: 18,
            se: Some(0.35),
        },
        ..CatConfig::default()
    };
    for (area, share) in areas.iter().zip([0.4, 0.2, 0.2, 0.2]) {
        config.content.insert(area.to_string(), share);
    }
    Pool::new(items, config).unwrap()
}

/// A float as its exact bits and, for readers, its shortest decimal.
fn exact(x: f64) -> Value {
    json!({"bits": format!("{:016x}", x.to_bits()), "value": x})
}

/// The document without the decimal renderings: equality is decided by the bits, since JSON
/// number parsing may round the decimals differently on different targets.
fn bits_only(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "value")
                .map(|(k, v)| (k.clone(), bits_only(v)))
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.iter().map(bits_only).collect()),
        other => other.clone(),
    }
}

fn steps_json(pool: &Pool, steps: &[cat::Step]) -> Vec<Value> {
    steps
        .iter()
        .map(|s| {
            json!({
                "next": s.next.map(|j| pool.items()[j].id.clone()),
                "theta": exact(s.estimate.theta),
                "se": exact(s.estimate.se),
                "stop": s.stop,
            })
        })
        .collect()
}

fn generate() -> Value {
    let mut cases = Vec::new();
    for (method, name) in [
        (Method::Eap, "EAP"),
        (Method::Map, "MAP"),
        (Method::Mle, "MLE"),
    ] {
        let pool = pool(method);
        for (n, theta) in [-1.3, 0.2, 1.7].into_iter().enumerate() {
            let label = format!("section-{name}-{n}");
            let (responses, _) = cat::simulate_one(&pool, theta, SEED, &label, None).unwrap();
            let answers: Vec<(&str, usize)> = responses
                .iter()
                .map(|&(j, k)| (pool.items()[j].id.as_str(), k))
                .collect();
            let steps = pool.replay(&answers, SEED, &label).unwrap();
            cases.push(json!({
                "method": name,
                "label": label,
                "answers": answers,
                "steps": steps_json(&pool, &steps),
            }));
        }
    }
    Value::Array(cases)
}

#[test]
fn adaptive_logs_replay_to_the_golden_path_theta_and_se() {
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("ASSAY_BLESS").is_some() {
        let path = format!(
            "{}/tests/golden/adaptive.expected.json",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::write(
            path,
            serde_json::to_string_pretty(&generate()).unwrap() + "\n",
        )
        .unwrap();
        return;
    }
    let golden: Value = serde_json::from_str(EXPECTED).unwrap();
    let cases = golden.as_array().unwrap();
    assert_eq!(cases.len(), 9);
    for case in cases {
        let method = Method::parse(case["method"].as_str().unwrap()).unwrap();
        let pool = pool(method);
        let label = case["label"].as_str().unwrap();
        let answers: Vec<(String, usize)> =
            serde_json::from_value(case["answers"].clone()).unwrap();
        let answers: Vec<(&str, usize)> = answers.iter().map(|(id, k)| (id.as_str(), *k)).collect();
        assert!(answers.len() >= 6, "{label}: the log is a real test");
        let steps = pool.replay(&answers, SEED, label).unwrap();
        assert_eq!(
            bits_only(&Value::Array(steps_json(&pool, &steps))),
            bits_only(&case["steps"]),
            "{label}"
        );
    }
    // Replaying live generation gives the stored file too (same items, θ and SE bits).
    assert_eq!(bits_only(&generate()), bits_only(&golden));
}

#[test]
fn a_tampered_log_is_refused_at_the_first_wrong_item() {
    let golden: Value = serde_json::from_str(EXPECTED).unwrap();
    let case = &golden[0];
    let pool = pool(Method::Eap);
    let mut answers: Vec<(String, usize)> =
        serde_json::from_value(case["answers"].clone()).unwrap();
    let swapped = if answers[2].0 == "q000" {
        "q001"
    } else {
        "q000"
    };
    answers[2].0 = swapped.to_string();
    let answers: Vec<(&str, usize)> = answers.iter().map(|(id, k)| (id.as_str(), *k)).collect();
    let err = pool
        .replay(&answers, SEED, case["label"].as_str().unwrap())
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("answer 2: item \"{swapped}\" answered")),
        "{err}"
    );
}
