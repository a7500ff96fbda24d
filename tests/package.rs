//! Package parsing and validation: samples are valid, every kind of bad input gets a clear,
//! located error and never a panic.

#![cfg(not(target_arch = "wasm32"))]

use assay::Package;
use assay::package::{Issue, PackageError, limits};
use proptest::prelude::*;
use serde_json::{Value, json};

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn issues(value: Value) -> Vec<Issue> {
    match Package::from_json(value.to_string().as_bytes()) {
        Err(PackageError::Invalid(issues)) => issues,
        other => panic!("expected invalid, got {other:?}"),
    }
}

fn has(issues: &[Issue], path: &str, needle: &str) -> bool {
    issues
        .iter()
        .any(|i| i.path == path && i.message.contains(needle))
}

/// A small valid package to break in different ways.
fn base() -> Value {
    json!({
        "format": 1, "id": "base", "version": "1", "title": "Base",
        "sections": [{"id": "s", "items": [
            {"id": "q1", "stem": "Pick", "interaction": {"type": "single_choice",
                "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}, {"id": "C", "text": "c"}, {"id": "D", "text": "d"}], "key": "A"}},
            {"id": "q2", "stem": "Type", "interaction": {"type": "text_entry", "accepted": ["x"]}}
        ]}]
    })
}

#[test]
fn every_sample_package_is_valid() {
    let all = samples();
    assert!(!all.is_empty());
    for (name, bytes) in all {
        let package = Package::from_json(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(package.sha256().len(), 64, "{name}");
    }
}

#[test]
fn the_practice_sample_uses_every_interaction() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/data-ai-practice.json"
    ))
    .unwrap();
    let package = Package::from_json(&bytes).unwrap();
    let kinds: std::collections::BTreeSet<_> =
        package.items().map(|(_, i)| i.interaction.kind()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "likert",
            "matching",
            "multiple_choice",
            "numeric",
            "ordering",
            "single_choice",
            "text_entry"
        ]
    );
    assert!(
        package.items().any(|(_, i)| !i.params.is_empty()),
        "a seeded variant"
    );
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err =
        Package::from_json(b"{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"title\": 2\n}").unwrap_err();
    match err {
        PackageError::Syntax {
            line,
            column,
            message,
        } => {
            assert_eq!((line, column), (4, 3));
            assert!(message.contains("expected `,`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        Package::from_json(b"").unwrap_err().code(),
        "package_syntax"
    );
    assert_eq!(
        Package::from_json(b"\xff\xfe").unwrap_err().code(),
        "package_syntax"
    );
}

#[test]
fn wrong_types_name_the_field() {
    let mut p = base();
    p["sections"][0]["items"][0]["points"] = json!("two");
    p["title"] = json!(5);
    let found = issues(p);
    assert!(
        has(&found, "sections[0].items[0].points", "expected a number"),
        "{found:?}"
    );
    assert!(has(&found, "title", "invalid type"), "{found:?}");
}

#[test]
fn unknown_interaction_and_unknown_fields() {
    let mut p = base();
    p["sections"][0]["items"][0]["interaction"]["type"] = json!("essay");
    p["sections"][0]["items"][1]["shufle"] = json!(true);
    let found = issues(p);
    assert!(
        has(
            &found,
            "sections[0].items[0].interaction.type",
            "unknown variant `essay`"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "sections[0].items[1].shufle",
            "unknown field `shufle`"
        ),
        "{found:?}"
    );
}

#[test]
fn duplicate_ids_point_at_the_first_use() {
    let mut p = base();
    p["sections"][0]["items"][1]["id"] = json!("q1");
    p["sections"][0]["items"][0]["interaction"]["choices"][2]["id"] = json!("A");
    let found = issues(p);
    assert!(
        has(
            &found,
            "sections[0].items[1].id",
            "first used at sections[0].items[0].id"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "sections[0].items[0].interaction.choices[2].id",
            "duplicate id \"A\""
        ),
        "{found:?}"
    );
}

#[test]
fn keys_outside_the_choices() {
    let mut p = base();
    p["sections"][0]["items"][0]["interaction"]["key"] = json!("E");
    let found = issues(p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].to_string(),
        "sections[0].items[0].interaction.key: \"E\" is not one of the choices A, B, C, D"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut p = base();
    p["format"] = json!(2);
    p["sections"][0]["items"][0]["interaction"]["key"] = json!("E");
    p["sections"][0]["items"][1]["interaction"] = json!({"type": "text_entry"});
    p["sections"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s", "items": []}));
    let found = issues(p);
    assert!(has(&found, "format", "format 1, not 2"), "{found:?}");
    assert!(
        has(&found, "sections[0].items[0].interaction.key", "not one of"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "sections[0].items[1].interaction",
            "needs `accepted`"
        ),
        "{found:?}"
    );
    assert!(has(&found, "sections[1].id", "duplicate id"), "{found:?}");
    assert!(
        has(&found, "sections[1].items", "at least one item"),
        "{found:?}"
    );
}

#[test]
fn nan_and_huge_numbers_are_refused() {
    let err = Package::from_json(br#"{"format": NaN}"#).unwrap_err();
    assert_eq!(err.code(), "package_syntax");
    let err = Package::from_json(br#"{"format": 1e999}"#).unwrap_err();
    assert_eq!(err.code(), "package_syntax", "{err}");
    let mut p = base();
    p["sections"][0]["items"][0]["points"] = json!(1e300);
    p["sections"][0]["items"][1]["points"] = json!(0.0001);
    p["time_limit_ms"] = json!(18446744073709551615u64);
    let found = issues(p.clone());
    assert!(
        has(
            &found,
            "sections[0].items[0].points",
            "1e+300 is larger than"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "sections[0].items[1].points",
            "finer than a thousandth"
        ),
        "{found:?}"
    );
    assert!(has(&found, "time_limit_ms", "outside"), "{found:?}");
    p["sections"][0]["time_limit_ms"] = json!(-5);
    let found = issues(p);
    assert!(
        has(
            &found,
            "sections[0].time_limit_ms",
            "expected a whole number"
        ),
        "{found:?}"
    );
}

#[test]
fn a_ten_megabyte_package_is_refused_before_parsing() {
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
    match Package::from_json(big.as_bytes()).unwrap_err() {
        PackageError::TooLarge { size, limit } => {
            assert!(size > limit);
            assert_eq!(limit, limits::MAX_PACKAGE_BYTES);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn deeply_nested_json_is_a_syntax_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = Package::from_json(deep.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "package_syntax");
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn size_limits_on_counts_and_text() {
    let mut p = base();
    let many: Vec<Value> = (0..60)
        .map(|i| json!({"id": format!("c{i}"), "text": "t"}))
        .collect();
    p["sections"][0]["items"][0]["interaction"]["choices"] = json!(many);
    p["sections"][0]["items"][1]["stem"] = json!("s".repeat(limits::MAX_TEXT_CHARS + 1));
    p["id"] = json!("has space");
    let found = issues(p);
    assert!(
        has(
            &found,
            "sections[0].items[0].interaction.choices",
            "the limit is 50"
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "sections[0].items[1].stem", "the limit is 20000"),
        "{found:?}"
    );
    assert!(has(&found, "id", "contains ' '"), "{found:?}");
}

#[test]
fn variant_templates_are_checked_for_every_seed_tried() {
    let mut p = base();
    p["sections"][0]["items"][1] = json!({
        "id": "q2", "stem": "1 / ({{n}} - 3)",
        "params": {"n": {"type": "int", "min": 1, "max": 5}},
        "interaction": {"type": "numeric", "answer": "{{ 1 / (n - 3) }}"}
    });
    let found = issues(p);
    assert!(
        found
            .iter()
            .any(|i| i.path == "sections[0].items[1]" && i.message.contains("division by zero")),
        "{found:?}"
    );
}

#[test]
fn the_digest_ignores_key_order_and_whitespace() {
    let a = base();
    let compact = serde_json::to_string(&a).unwrap();
    let pretty = serde_json::to_string_pretty(&a).unwrap();
    let reordered = reorder(&a).to_string();
    let digests: Vec<String> = [compact, pretty, reordered]
        .iter()
        .map(|s| {
            Package::from_json(s.as_bytes())
                .unwrap()
                .sha256()
                .to_string()
        })
        .collect();
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "{digests:?}");
    let mut changed = base();
    changed["title"] = json!("Base!");
    assert_ne!(
        Package::from_json(changed.to_string().as_bytes())
            .unwrap()
            .sha256(),
        digests[0]
    );
}

/// Writes objects with keys in reverse order (serde_json sorts, so build the text by hand).
fn reorder(v: &Value) -> RawJson {
    RawJson(match v {
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{} :\n {}", serde_json::to_string(k).unwrap(), reorder(v).0))
                .collect();
            format!("{{ {} }}", parts.join(" ,\t"))
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| reorder(i).0)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    })
}

struct RawJson(String);

impl std::fmt::Display for RawJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-z_.{} ]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("format"),
            Just("sections"),
            Just("items"),
            Just("interaction"),
            Just("type"),
            Just("single_choice"),
            Just("key"),
            Just("choices"),
            Just("id")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("format".to_string()),
                    Just("id".to_string()),
                    Just("version".to_string()),
                    Just("title".to_string()),
                    Just("sections".to_string()),
                    Just("items".to_string()),
                    Just("stem".to_string()),
                    Just("interaction".to_string()),
                    Just("type".to_string()),
                    Just("choices".to_string()),
                    Just("key".to_string()),
                    Just("params".to_string()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a random position of `v` with `replacement`.
fn mutate(v: &mut Value, path: &[usize], replacement: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *v = replacement;
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(first % map.len()).cloned().unwrap();
            mutate(map.get_mut(&key).unwrap(), rest, replacement);
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            mutate(&mut items[first % n], rest, replacement);
        }
        _ => *v = replacement,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn validation_never_panics_on_arbitrary_json(value in arb_json()) {
        let _ = Package::from_json(value.to_string().as_bytes());
    }

    #[test]
    fn validation_never_panics_on_mutated_samples(
        which in 0usize..8,
        path in prop::collection::vec(any::<usize>(), 0..7),
        replacement in arb_json(),
    ) {
        let all = samples();
        let (_, bytes) = &all[which % all.len()];
        let mut value: Value = serde_json::from_slice(bytes).unwrap();
        mutate(&mut value, &path, replacement);
        if let Err(PackageError::Invalid(issues)) = Package::from_json(value.to_string().as_bytes()) {
            prop_assert!(!issues.is_empty());
            prop_assert!(issues.iter().all(|i| !i.path.is_empty() && !i.message.is_empty()));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Package::from_json(&bytes);
    }
}

/// A valid adaptive section of `n` single-choice items over two areas, to break in different ways.
fn adaptive_base(n: usize) -> Value {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let area = ["x", "y"][i % 2];
            json!({
                "id": format!("c{i}"), "stem": "Pick A", "area": area,
                "irt": {"model": "2PL", "a": 1.2, "b": -2.0 + 4.0 * i as f64 / n as f64},
                "interaction": {"type": "single_choice",
                    "choices": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}], "key": "A"}
            })
        })
        .collect();
    json!({
        "format": 1, "id": "cat", "version": "1", "title": "CAT",
        "sections": [{"id": "s", "adaptive": {
            "estimator": {"method": "EAP", "points": 41, "range": [-4, 4], "prior": {"mean": 0, "sd": 1}},
            "selection": {"randomesque": 2},
            "content": {"x": 0.5, "y": 0.5},
            "stop": {"se": 0.4, "min_items": 3, "max_items": 6}
        }, "items": items}]
    })
}

#[test]
fn an_adaptive_section_parses_and_counts_at_most_max_items() {
    let package = Package::from_json(adaptive_base(10).to_string().as_bytes()).unwrap();
    assert_eq!(package.items().count(), 10);
    assert_eq!(package.most_items(), 6);
    let adaptive = package.sections[0].adaptive.as_ref().unwrap();
    assert_eq!(adaptive.stop.max_items, 6);
    assert_eq!(package.sections[0].items[3].area.as_deref(), Some("y"));
    // Defaults: EAP on 41 points over [-4, 4], N(0, 1), the most informative item, min 1 item.
    let mut minimal = adaptive_base(4);
    minimal["sections"][0]["adaptive"] = json!({"stop": {"max_items": 4}});
    let package = Package::from_json(minimal.to_string().as_bytes()).unwrap();
    let adaptive = package.sections[0].adaptive.as_ref().unwrap();
    assert_eq!(
        adaptive.estimator,
        assay::package::adaptive::Estimator::default()
    );
    assert_eq!(adaptive.estimator.range, [-4.0, 4.0]);
    assert_eq!(
        (adaptive.stop.min_items, adaptive.selection.randomesque),
        (1, 1)
    );
    assert!(!adaptive.cat_config().sympson_hetter);
}

#[test]
fn adaptive_sections_are_checked_with_paths() {
    let mut p = adaptive_base(8);
    let s = &mut p["sections"][0];
    s["order"] = json!("shuffled");
    s["items"][0]["irt"]["a"] = json!(-1);
    s["items"][1].as_object_mut().unwrap().remove("irt");
    s["items"][2]["area"] = json!("z");
    s["items"][3]["irt"] = json!({"model": "3PL", "a": 12, "b": 0.5, "c": 0.2});
    s["items"][4]["irt"] = json!({"model": "GRM", "a": 1, "b": [0.5, -0.5]});
    s["items"][5]["interaction"] = json!({"type": "likert",
        "scale": [{"id": "1", "text": "no"}, {"id": "2", "text": "yes"}]});
    s["items"][6]["irt"]["b"] = json!(14);
    let practice: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/python-practice.json"
        ))
        .unwrap(),
    )
    .unwrap();
    s["items"][7]["interaction"] = practice["sections"][0]["items"][0]["interaction"].clone();
    let a = &mut s["adaptive"];
    a["estimator"]["points"] = json!(1);
    a["estimator"]["range"] = json!([4, -4]);
    a["selection"] = json!({"randomesque": 0, "sympson_hetter": {"c7": 1.5, "nope": 0.5}});
    a["content"] = json!({"x": 0.5, "y": 0.3, "w": 0.1});
    a["stop"] = json!({"se": 1.2, "min_items": 5, "max_items": 4});
    let found = issues(p);
    let expect = [
        ("sections[0].order", "chosen by the engine"),
        ("sections[0].items[0].irt.a", "must be a positive number"),
        ("sections[0].items[1].irt", "need IRT parameters"),
        ("sections[0].items[2].area", "\"z\" is not one of the areas"),
        ("sections[0].items[3].irt.a", "plausible range"),
        ("sections[0].items[4].irt.b[1]", "strictly increasing"),
        ("sections[0].items[5].points", "must be scored"),
        ("sections[0].items[6].irt.b", "plausible range"),
        ("sections[0].items[7].interaction", "a coding task"),
        ("sections[0].adaptive.estimator.points", "outside 2..=1001"),
        (
            "sections[0].adaptive.estimator.range",
            "the first below the second",
        ),
        (
            "sections[0].adaptive.selection.randomesque",
            "outside 1..=8",
        ),
        ("sections[0].adaptive.selection.sympson_hetter.c7", "(0, 1]"),
        (
            "sections[0].adaptive.selection.sympson_hetter.nope",
            "not an item of this section",
        ),
        ("sections[0].adaptive.content", "add up to 0.9, not 1"),
        ("sections[0].adaptive.content.w", "no item of this section"),
        (
            "sections[0].adaptive.stop.max_items",
            "less than min_items 5",
        ),
        ("sections[0].adaptive.stop.se", "not below the prior's sd 1"),
    ];
    for (path, needle) in expect {
        assert!(has(&found, path, needle), "{path}: {needle}\n{found:#?}");
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
}

#[test]
fn adaptive_limits_and_shapes() {
    let mut p = adaptive_base(5);
    p["sections"][0]["adaptive"]["stop"] = json!({"min_items": 0, "max_items": 9});
    p["sections"][0]["adaptive"]["content"] = json!({});
    p["sections"][0]["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("area");
    let found = issues(p);
    assert!(
        has(&found, "sections[0].adaptive.stop.min_items", "at least 1"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "sections[0].adaptive.stop.max_items",
            "more than the 5 items"
        ),
        "{found:?}"
    );
    assert_eq!(
        found.len(),
        2,
        "without content targets an area is optional: {found:#?}"
    );

    // Shapes: a misspelt field of the block or of the parameters is named, not ignored.
    let mut p = adaptive_base(5);
    p["sections"][0]["adaptive"]["stop"]["maxitems"] = json!(3);
    p["sections"][0]["items"][2]["irt"]["C"] = json!(0.2);
    p["sections"][0]["items"][3]["irt"]["b"] = json!("hard");
    let found = issues(p);
    assert!(
        has(
            &found,
            "sections[0].adaptive.stop.maxitems",
            "unknown field `maxitems`"
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "sections[0].items[2].irt.C", "unknown field `C`"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "sections[0].items[3].irt.b",
            "a number, or an array of numbers"
        ),
        "{found:?}"
    );

    // A fixed section may carry IRT parameters (for calibration); they are still checked.
    let mut p = base();
    p["sections"][0]["items"][0]["irt"] = json!({"model": "Rasch", "a": 2, "b": 0});
    p["sections"][0]["items"][1]["area"] = json!("has space");
    let found = issues(p);
    assert!(
        has(&found, "sections[0].items[0].irt.a", "Rasch"),
        "{found:?}"
    );
    assert!(
        has(&found, "sections[0].items[1].area", "contains ' '"),
        "{found:?}"
    );
}

#[test]
fn the_aptitude_sample_is_built_from_its_bank() {
    let read = |path: &str| -> Value {
        let text =
            std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let package = read("samples/ai-aptitude.json");
    let bank = read("samples/banks/ai-aptitude.items.json");
    // Compared in canonical form: the script writes `95.0` as `95`, the same JSON number.
    let canonical = |v: &Value| String::from_utf8(assay::canonical::value_to_jcs(v)).unwrap();
    assert!(
        canonical(&package["sections"][0]["items"]) == canonical(&bank),
        "the package's items differ from the bank: run node scripts/aptitude-package.mjs"
    );
    assert!(
        package["description"]
            .as_str()
            .unwrap()
            .contains("provisional"),
        "the IRT parameters are not calibrated yet, and the package says so"
    );
    let parsed = Package::from_json(package.to_string().as_bytes()).unwrap();
    let section = &parsed.sections[0];
    let adaptive = section.adaptive.as_ref().unwrap();
    assert_eq!(section.items.len(), 84);
    assert_eq!(adaptive.content.len(), 6);
    assert_eq!(
        (
            adaptive.stop.min_items,
            adaptive.stop.max_items,
            adaptive.stop.se
        ),
        (10, 20, Some(0.35))
    );
    assert_eq!(parsed.time_limit_ms, Some(25 * 60 * 1000));
}
