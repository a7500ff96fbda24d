//! Item parameters as files write them, and item pools read from JSON with precise error paths.
//!
//! An item's parameters are `{"model": "2PL", "a": 1.2, "b": -0.4}` (`"c"` for 3PL, `"b"` an
//! increasing array for GRM). A pool is an array of items, or an object with an `items` array
//! (the shape `assay irt calibrate` writes). Each item carries its parameters either at the top
//! level or under `"irt"` (the shape of package items), plus an optional `id`, content `area` and
//! Sympson–Hetter `exposure` parameter.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::IrtError;
use super::cat::PoolItem;
use super::model::{Item, ModelKind};

/// Location parameters: one difficulty, or a graded item's increasing boundaries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Location {
    /// A binary item's difficulty.
    One(f64),
    /// A graded item's category boundaries.
    Many(Vec<f64>),
}

/// An item's model and parameters, as written in files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IrtParams {
    /// The model.
    pub model: ModelKind,
    /// Discrimination (1 when absent, and required to be 1 for Rasch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    /// Difficulty, or boundaries for GRM.
    pub b: Location,
    /// Lower asymptote (3PL only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
}

impl<'de> Deserialize<'de> for Location {
    /// Accepts a number or an array of numbers, with an error that names both.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Location;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number, or an array of numbers for a GRM item")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Location, E> {
                Ok(Location::One(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Location, E> {
                Ok(Location::One(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Location, E> {
                Ok(Location::One(v as f64))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Location, A::Error> {
                let mut bs = Vec::new();
                while let Some(b) = seq.next_element::<f64>()? {
                    bs.push(b);
                }
                Ok(Location::Many(bs))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn invalid(path: &str, field: &str, message: impl Into<String>) -> IrtError {
    IrtError::Param {
        path: if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        },
        message: message.into(),
    }
}

impl IrtParams {
    /// The parameters of `item` under `model`.
    pub fn from_item(model: ModelKind, item: &Item) -> IrtParams {
        match item {
            Item::Binary { a, b, c } => IrtParams {
                model,
                a: Some(*a),
                b: Location::One(*b),
                c: (model == ModelKind::ThreePl).then_some(*c),
            },
            Item::Graded { a, b } => IrtParams {
                model,
                a: Some(*a),
                b: Location::Many(b.clone()),
                c: None,
            },
        }
    }

    /// The model item these parameters describe; `path` prefixes error paths.
    ///
    /// # Errors
    /// [`IrtError::Param`] naming the field: a non-positive or non-finite slope, a Rasch slope
    /// other than 1, a guessing parameter outside `[0, 1)` or on a non-3PL item, an array `b` on a
    /// binary item, or graded boundaries that are empty or not strictly increasing.
    pub fn to_item(&self, path: &str) -> Result<Item, IrtError> {
        let a = self.a.unwrap_or(1.0);
        if !(a.is_finite() && a > 0.0) {
            return Err(invalid(path, "a", "must be a positive number"));
        }
        if self.model == ModelKind::Rasch && a != 1.0 {
            return Err(invalid(path, "a", "must be 1 (or absent) for a Rasch item"));
        }
        if let Some(c) = self.c {
            if self.model != ModelKind::ThreePl {
                return Err(invalid(
                    path,
                    "c",
                    "only 3PL items have a guessing parameter",
                ));
            }
            if !(0.0..1.0).contains(&c) {
                return Err(invalid(path, "c", "must be at least 0 and below 1"));
            }
        }
        match (&self.b, self.model) {
            (Location::One(b), ModelKind::Graded) => {
                finite(&format!("{path}.b"), *b)?;
                Ok(Item::Graded { a, b: vec![*b] })
            }
            (Location::Many(bs), ModelKind::Graded) => {
                if bs.is_empty() {
                    return Err(invalid(path, "b", "needs at least one boundary"));
                }
                for (i, pair) in bs.windows(2).enumerate() {
                    if pair[0].partial_cmp(&pair[1]) != Some(std::cmp::Ordering::Less) {
                        return Err(invalid(
                            path,
                            &format!("b[{}]", i + 1),
                            "boundaries must be strictly increasing",
                        ));
                    }
                }
                for (i, b) in bs.iter().enumerate() {
                    finite(&format!("{path}.b[{i}]"), *b)?;
                }
                Ok(Item::Graded { a, b: bs.clone() })
            }
            (Location::Many(_), _) => Err(invalid(
                path,
                "b",
                format!(
                    "a {} item has one difficulty, not an array",
                    self.model.name()
                ),
            )),
            (Location::One(b), _) => {
                finite(&format!("{path}.b"), *b)?;
                Ok(Item::Binary {
                    a,
                    b: *b,
                    c: self.c.unwrap_or(0.0),
                })
            }
        }
    }
}

fn finite(path: &str, x: f64) -> Result<(), IrtError> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(IrtError::Param {
            path: path.to_string(),
            message: "must be a finite number".into(),
        })
    }
}

/// Reads a pool: an array of items or an object whose `items` is one.
///
/// # Errors
/// [`IrtError::Param`] with the JSON path of the first bad value (`items[4].irt.b`).
pub fn pool_from_json(value: &Value) -> Result<Vec<PoolItem>, IrtError> {
    let (list, base) = match value {
        Value::Array(list) => (list, String::new()),
        Value::Object(map) => match map.get("items") {
            Some(Value::Array(list)) => (list, "items".to_string()),
            _ => {
                return Err(IrtError::Param {
                    path: "items".into(),
                    message: "expected an array of items".into(),
                });
            }
        },
        _ => {
            return Err(IrtError::Param {
                path: String::new(),
                message: "expected an array of items or an object with an `items` array".into(),
            });
        }
    };
    let mut pool = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let path = format!("{base}[{i}]");
        pool.push(pool_item(entry, &path, i)?);
    }
    Ok(pool)
}

fn pool_item(entry: &Value, path: &str, index: usize) -> Result<PoolItem, IrtError> {
    let Value::Object(map) = entry else {
        return Err(IrtError::Param {
            path: path.to_string(),
            message: "expected an object".into(),
        });
    };
    let text = |field: &str| -> Result<Option<String>, IrtError> {
        match map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(invalid(path, field, "expected a string")),
        }
    };
    let id = text("id")?.unwrap_or_else(|| format!("item{}", index + 1));
    let area = text("area")?;
    let exposure = match map.get("exposure") {
        None | Some(Value::Null) => 1.0,
        Some(v) => match v.as_f64() {
            Some(k) if k > 0.0 && k <= 1.0 => k,
            _ => return Err(invalid(path, "exposure", "must be a number in (0, 1]")),
        },
    };
    let (params_value, params_path) = match map.get("irt") {
        Some(v) => (v.clone(), format!("{path}.irt")),
        None => {
            // Flat records also carry fields that are not parameters (id, area, standard errors).
            let mut flat = serde_json::Map::new();
            for key in ["model", "a", "b", "c"] {
                if let Some(v) = map.get(key) {
                    flat.insert(key.to_string(), v.clone());
                }
            }
            (Value::Object(flat), path.to_string())
        }
    };
    let params: IrtParams = serde_path_to_error::deserialize(params_value).map_err(|e| {
        let inner = e.path().to_string();
        IrtError::Param {
            path: if inner == "." {
                params_path.clone()
            } else {
                format!("{params_path}.{inner}")
            },
            message: e.into_inner().to_string(),
        }
    })?;
    let item = params.to_item(&params_path)?;
    Ok(PoolItem {
        id,
        area,
        exposure,
        model: params.model,
        item,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_flat_and_nested_items() {
        let pool = pool_from_json(&json!([
            {"id": "q1", "area": "probability", "irt": {"model": "3PL", "a": 1.2, "b": 0.1, "c": 0.2}},
            {"id": "q2", "model": "2PL", "a": 0.8, "b": -1.0, "se": {"a": 0.1}},
            {"model": "GRM", "a": 1.0, "b": [-1.0, 0.5]}
        ]))
        .unwrap();
        assert_eq!(pool.len(), 3);
        assert_eq!(pool[0].item, Item::three_pl(1.2, 0.1, 0.2));
        assert_eq!(pool[0].area.as_deref(), Some("probability"));
        assert_eq!(pool[1].item, Item::two_pl(0.8, -1.0));
        assert_eq!(pool[2].id, "item3");
        assert_eq!(pool[2].item.categories(), 3);
    }

    #[test]
    fn errors_name_the_path() {
        let err = |v: Value| pool_from_json(&v).unwrap_err().to_string();
        assert_eq!(
            err(
                json!({"items": [{"irt": {"model": "2PL", "a": 1, "b": 0}}, {"irt": {"model": "2PL", "a": -1, "b": 0}}]})
            ),
            "items[1].irt.a: must be a positive number"
        );
        assert_eq!(
            err(json!([{"model": "GRM", "b": [0.5, 0.1]}])),
            "[0].b[1]: boundaries must be strictly increasing"
        );
        assert_eq!(
            err(json!([{"model": "2PL", "b": 0, "c": 0.2}])),
            "[0].c: only 3PL items have a guessing parameter"
        );
        assert!(
            err(json!([{"irt": {"model": "4PL", "b": 0}}]))
                .starts_with("[0].irt.model: unknown variant")
        );
        assert!(err(json!([{"irt": {"model": "2PL"}}])).starts_with("[0].irt: missing field `b`"));
        assert_eq!(
            err(json!([{"model": "2PL", "b": 0, "exposure": 0}])),
            "[0].exposure: must be a number in (0, 1]"
        );
    }

    #[test]
    fn parameters_round_trip() {
        for (kind, item) in [
            (ModelKind::TwoPl, Item::two_pl(1.1, 0.3)),
            (ModelKind::ThreePl, Item::three_pl(1.1, 0.3, 0.15)),
            (
                ModelKind::Graded,
                Item::Graded {
                    a: 0.7,
                    b: vec![-0.5, 0.5],
                },
            ),
        ] {
            let p = IrtParams::from_item(kind, &item);
            let back: IrtParams =
                serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
            assert_eq!(back.to_item("").unwrap(), item);
        }
    }
}
