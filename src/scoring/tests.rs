#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::collections::BTreeMap;

use super::*;
use crate::package::{
    Choice, Interaction, Item, MatchingScoring, MultipleScoring, NumericAnswer, OrderingScoring,
};

fn choices(ids: &[&str]) -> Vec<Choice> {
    ids.iter()
        .map(|id| Choice {
            id: id.to_string(),
            text: format!("choice {id}"),
        })
        .collect()
}

fn item(points: i64, interaction: Interaction) -> Item {
    Item {
        id: "q".into(),
        title: None,
        stem: "?".into(),
        points: Points::whole(points),
        negative: Points::ZERO,
        params: BTreeMap::new(),
        interaction,
        area: None,
        irt: None,
    }
}

fn text(s: &str) -> Response {
    Response::Text(s.into())
}

fn list(ids: &[&str]) -> Response {
    Response::List(ids.iter().map(|s| s.to_string()).collect())
}

fn earned(item: &Item, response: &Response) -> i64 {
    score(item, response).unwrap().earned.0
}

fn single() -> Item {
    item(
        2,
        Interaction::SingleChoice {
            choices: choices(&["A", "B", "C"]),
            key: Some("B".into()),
            shuffle: false,
        },
    )
}

#[test]
fn single_choice_scores_the_key_only() {
    let it = single();
    assert_eq!(
        score(&it, &text("B")).unwrap(),
        ItemScore {
            earned: Points(2000),
            max: Points(2000),
            outcome: Outcome::Correct
        }
    );
    assert_eq!(score(&it, &text("A")).unwrap().outcome, Outcome::Incorrect);
    assert_eq!(earned(&it, &text("A")), 0);
}

#[test]
fn single_choice_refuses_unknown_ids_and_wrong_shapes() {
    let it = single();
    assert_eq!(
        score(&it, &text("E")),
        Err(ResponseError::UnknownId {
            id: "E".into(),
            what: "choices"
        })
    );
    assert!(matches!(
        score(&it, &list(&["B"])),
        Err(ResponseError::Shape { .. })
    ));
    assert!(matches!(
        score(&it, &Response::Number(1.0)),
        Err(ResponseError::Shape { .. })
    ));
}

#[test]
fn negative_mark_applies_to_wrong_answers_only() {
    let mut it = single();
    it.negative = Points(500);
    assert_eq!(earned(&it, &text("A")), -500);
    assert_eq!(earned(&it, &text("B")), 2000);
}

fn multi(scoring: MultipleScoring) -> Item {
    item(
        2,
        Interaction::MultipleChoice {
            choices: choices(&["A", "B", "C", "D"]),
            key: Some(vec!["A".into(), "B".into()]),
            scoring,
            min_choices: None,
            max_choices: Some(3),
            shuffle: false,
        },
    )
}

#[test]
fn multiple_choice_all_or_nothing_is_set_equality() {
    let it = multi(MultipleScoring::AllOrNothing);
    assert_eq!(
        earned(&it, &list(&["B", "A"])),
        2000,
        "order does not matter"
    );
    assert_eq!(earned(&it, &list(&["A"])), 0);
    assert_eq!(earned(&it, &list(&["A", "B", "C"])), 0);
    assert_eq!(earned(&it, &list(&[])), 0);
    assert_eq!(
        score(&it, &list(&["A", "A"])),
        Err(ResponseError::Duplicate { id: "A".into() })
    );
    assert!(matches!(
        score(&it, &list(&["A", "B", "C", "D"])),
        Err(ResponseError::Count { count: 4, .. })
    ));
}

#[test]
fn multiple_choice_map_response_sums_and_clamps() {
    let map: BTreeMap<String, Points> = [("A", 1000), ("B", 1000), ("C", -1000)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Points(v)))
        .collect();
    let it = multi(MultipleScoring::Map {
        map: map.clone(),
        default: Points(-500),
        lower_bound: None,
        upper_bound: None,
    });
    assert_eq!(
        score(&it, &list(&["A", "B"])).unwrap().outcome,
        Outcome::Correct
    );
    assert_eq!(earned(&it, &list(&["A"])), 1000);
    assert_eq!(score(&it, &list(&["A"])).unwrap().outcome, Outcome::Partial);
    assert_eq!(earned(&it, &list(&["A", "C"])), 0);
    assert_eq!(
        earned(&it, &list(&["C"])),
        0,
        "clamped at the default lower bound 0"
    );
    assert_eq!(
        earned(&it, &list(&["A", "D"])),
        500,
        "unmapped choice takes the default"
    );
    let it = multi(MultipleScoring::Map {
        map,
        default: Points::ZERO,
        lower_bound: Some(Points(-1000)),
        upper_bound: Some(Points(1500)),
    });
    assert_eq!(
        earned(&it, &list(&["C"])),
        -1000,
        "negative lower bound allowed"
    );
    assert_eq!(
        earned(&it, &list(&["A", "B"])),
        1500,
        "clamped at the upper bound"
    );
}

fn numeric(answer: f64, abs: f64, rel: f64, units: &[&str]) -> Item {
    item(
        1,
        Interaction::Numeric {
            answer: Some(NumericAnswer::Value(answer)),
            abs_tolerance: abs,
            rel_tolerance: rel,
            units: units.iter().map(|s| s.to_string()).collect(),
        },
    )
}

#[test]
fn numeric_tolerances() {
    let it = numeric(12.5, 0.1, 0.0, &[]);
    assert_eq!(earned(&it, &text("12.5")), 1000);
    assert_eq!(earned(&it, &text(" 12.59 ")), 1000);
    assert_eq!(earned(&it, &text("12.61")), 0);
    assert_eq!(earned(&it, &Response::Number(12.45)), 1000);
    let it = numeric(200.0, 0.0, 0.05, &[]);
    assert_eq!(earned(&it, &text("210")), 1000);
    assert_eq!(earned(&it, &text("211")), 0);
    let it = numeric(0.1 + 0.2, 0.0, 0.0, &[]);
    assert_eq!(earned(&it, &text("0.3")), 1000, "representation slack");
    let it = numeric(0.0, 0.0, 0.0, &[]);
    assert_eq!(earned(&it, &text("-0")), 1000);
}

#[test]
fn numeric_units_and_garbage() {
    let it = numeric(35.0, 0.0, 0.0, &["%", "percent"]);
    assert_eq!(earned(&it, &text("35%")), 1000);
    assert_eq!(earned(&it, &text("35 %")), 1000);
    assert_eq!(earned(&it, &text("35 Percent")), 1000);
    assert_eq!(earned(&it, &text("35 kg")), 0);
    for garbage in ["", "abc", "NaN", "inf", "1e999", "3 5", "0x23", "35%%"] {
        assert_eq!(
            score(&it, &text(garbage)).unwrap().outcome,
            Outcome::Incorrect,
            "{garbage:?}"
        );
    }
    let it = numeric(-1500.0, 0.0, 0.0, &[]);
    assert_eq!(
        earned(&it, &text("−1_500")),
        1000,
        "Unicode minus and digit separators"
    );
    assert_eq!(earned(&it, &text("-1.5e3")), 1000);
}

fn text_item(accepted: &[&str], case_sensitive: bool, pattern: Option<&str>) -> Item {
    item(
        1,
        Interaction::TextEntry {
            accepted: accepted.iter().map(|s| s.to_string()).collect(),
            case_sensitive,
            pattern: pattern.map(str::to_string),
            max_length: 20,
        },
    )
}

#[test]
fn text_entry_normalises() {
    let it = text_item(&["data leakage", "leakage"], false, None);
    assert_eq!(earned(&it, &text("  Data   LEAKAGE ")), 1000);
    assert_eq!(earned(&it, &text("leakage")), 1000);
    assert_eq!(
        earned(&it, &text("ｌｅａｋａｇｅ")),
        1000,
        "NFKC folds full-width letters"
    );
    assert_eq!(earned(&it, &text("leak")), 0);
    let it = text_item(&["PyTorch"], true, None);
    assert_eq!(earned(&it, &text("PyTorch")), 1000);
    assert_eq!(earned(&it, &text("pytorch")), 0);
    assert!(matches!(
        score(&it, &text(&"x".repeat(21))),
        Err(ResponseError::TooLong { chars: 21, max: 20 })
    ));
}

#[test]
fn text_entry_pattern_is_anchored() {
    let it = text_item(&[], false, Some(r"over-?fit(ting)?"));
    assert_eq!(earned(&it, &text("Overfitting")), 1000);
    assert_eq!(earned(&it, &text("over-fit")), 1000);
    assert_eq!(earned(&it, &text("not overfitting")), 0);
}

fn ordering(scoring: OrderingScoring) -> Item {
    item(
        6,
        Interaction::Ordering {
            choices: choices(&["a", "b", "c", "d"]),
            key: Some(vec!["a".into(), "b".into(), "c".into(), "d".into()]),
            scoring,
        },
    )
}

#[test]
fn ordering_exact_and_pairs() {
    let exact = ordering(OrderingScoring::Exact);
    assert_eq!(earned(&exact, &list(&["a", "b", "c", "d"])), 6000);
    assert_eq!(earned(&exact, &list(&["b", "a", "c", "d"])), 0);
    let pairs = ordering(OrderingScoring::Pairs);
    assert_eq!(
        earned(&pairs, &list(&["b", "a", "c", "d"])),
        5000,
        "one swap keeps 5 of 6 pairs"
    );
    assert_eq!(earned(&pairs, &list(&["d", "c", "b", "a"])), 0);
    assert_eq!(
        score(&pairs, &list(&["d", "c", "b", "a"])).unwrap().outcome,
        Outcome::Incorrect
    );
    assert!(matches!(
        score(&pairs, &list(&["a", "b", "c"])),
        Err(ResponseError::Count { .. })
    ));
    assert!(matches!(
        score(&pairs, &list(&["a", "b", "c", "c"])),
        Err(ResponseError::Duplicate { .. })
    ));
}

fn matching(scoring: MatchingScoring) -> Item {
    item(
        3,
        Interaction::Matching {
            sources: choices(&["s1", "s2", "s3"]),
            targets: choices(&["t1", "t2", "t3", "t4"]),
            key: Some(
                [("s1", "t1"), ("s2", "t2"), ("s3", "t3")]
                    .into_iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
            ),
            scoring,
        },
    )
}

fn pairs(p: &[(&str, &str)]) -> Response {
    Response::Pairs(
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    )
}

#[test]
fn matching_per_pair_and_all_or_nothing() {
    let per = matching(MatchingScoring::PerPair);
    assert_eq!(
        earned(&per, &pairs(&[("s1", "t1"), ("s2", "t2"), ("s3", "t3")])),
        3000
    );
    assert_eq!(earned(&per, &pairs(&[("s1", "t1"), ("s2", "t4")])), 1000);
    assert_eq!(earned(&per, &pairs(&[])), 0);
    assert!(matches!(
        score(&per, &pairs(&[("s9", "t1")])),
        Err(ResponseError::UnknownId { .. })
    ));
    assert!(matches!(
        score(&per, &pairs(&[("s1", "t9")])),
        Err(ResponseError::UnknownId { .. })
    ));
    let all = matching(MatchingScoring::AllOrNothing);
    assert_eq!(earned(&all, &pairs(&[("s1", "t1"), ("s2", "t2")])), 0);
    assert_eq!(
        earned(&all, &pairs(&[("s1", "t1"), ("s2", "t2"), ("s3", "t3")])),
        3000
    );
}

fn likert(keyed: Option<LikertKey>) -> Item {
    item(
        2,
        Interaction::Likert {
            scale: choices(&["1", "2", "3", "4", "5"]),
            keyed,
        },
    )
}

#[test]
fn likert_unscored_and_keyed() {
    let unscored = likert(None);
    assert_eq!(
        score(&unscored, &text("4")).unwrap(),
        ItemScore {
            earned: Points::ZERO,
            max: Points::ZERO,
            outcome: Outcome::Unscored
        }
    );
    let positive = likert(Some(LikertKey::Positive));
    assert_eq!(earned(&positive, &text("5")), 2000);
    assert_eq!(earned(&positive, &text("4")), 1500);
    assert_eq!(earned(&positive, &text("1")), 0);
    let negative = likert(Some(LikertKey::Negative));
    assert_eq!(earned(&negative, &text("1")), 2000);
    assert_eq!(earned(&negative, &text("2")), 1500);
    assert!(matches!(
        score(&negative, &text("6")),
        Err(ResponseError::UnknownId { .. })
    ));
}

#[test]
fn responses_deserialise_by_shape() {
    let r: Response = serde_json::from_str(r#""B""#).unwrap();
    assert_eq!(r, text("B"));
    let r: Response = serde_json::from_str(r#"["A","C"]"#).unwrap();
    assert_eq!(r, list(&["A", "C"]));
    let r: Response = serde_json::from_str(r#"{"s1":"t2"}"#).unwrap();
    assert_eq!(r, pairs(&[("s1", "t2")]));
    let r: Response = serde_json::from_str("12.5").unwrap();
    assert_eq!(r, Response::Number(12.5));
    assert!(serde_json::from_str::<Response>(r#"{"s1": 3}"#).is_err());
}
