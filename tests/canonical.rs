//! The direct RFC 8785 writer agrees with the JCS crate on arbitrary JSON.

#![cfg(not(target_arch = "wasm32"))]

use assay::canonical::{parse_canonical, to_jcs, value_to_jcs};
use proptest::prelude::*;
use serde_json::{Value, json};

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,4}",
        "[\\x00-\\x1f\"\\\\\u{7f}-\u{a0}é€]{0,4}",
        "[\u{d7ff}\u{e000}\u{fb33}\u{ffff}\u{10000}\u{1f600}a]{0,3}",
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-(1i64 << 53)..=(1i64 << 53)).prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        arb_key().prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(arb_key(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_direct_writer_matches_the_crate(value in arb_json()) {
        let direct = String::from_utf8(value_to_jcs(&value)).unwrap();
        let reference = String::from_utf8(serde_json_canonicalizer::to_vec(&value).unwrap()).unwrap();
        prop_assert_eq!(&direct, &reference);
        prop_assert_eq!(String::from_utf8(to_jcs(&value).unwrap()).unwrap(), reference);
    }

    #[test]
    fn canonical_bytes_parse_and_others_do_not(value in arb_json()) {
        let bytes = to_jcs(&value).unwrap();
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        match parse_canonical(&bytes) {
            Ok(parsed) => prop_assert_eq!(value_to_jcs(&parsed), bytes.clone()),
            Err(e) => prop_assert!(e.to_string().contains("integer"), "{e}"),
        }
        if pretty != bytes {
            prop_assert!(parse_canonical(&pretty).is_err());
        }
    }
}
