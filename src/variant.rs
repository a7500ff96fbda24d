//! Seeded variants: parameters drawn from the session seed and `{{ expr }}` templates.
//!
//! An item may declare parameters (`{"n": {"type": "int", "min": 2, "max": 9}}`). Each session
//! draws them from its seed, then fills every `{{ expr }}` in the item's title, stem, choice
//! labels and key. Expressions are small arithmetic over parameters: `+ - * / % ^`, parentheses
//! and `round(x, digits)`, `floor`, `ceil`, `abs`, `min`, `max`. The same seed always gives the
//! same variant, so the backend regenerates exactly what the applicant saw.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::package::{Interaction, Item, NumericAnswer, Param};
use crate::seed::Stream;

/// A drawn parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number (integers are exact below 2^53).
    Number(f64),
    /// A string from a `pick` parameter.
    Text(String),
}

/// The parameter values of one variant, by name.
pub type Draws = BTreeMap<String, Value>;

/// A template that cannot be filled, with the offending text.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("in `{{{{{expression}}}}}`: {reason}")]
pub struct TemplateError {
    /// The expression between the braces.
    pub expression: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Draws every parameter of an item for a session seed.
pub fn draw(item_id: &str, params: &BTreeMap<String, Param>, seed: u64) -> Draws {
    let mut stream = Stream::new(seed, "variant", item_id);
    params
        .iter()
        .map(|(name, param)| {
            let value = match param {
                Param::Int { min, max, step } => {
                    let step = (*step).max(1);
                    let count = (max.saturating_sub(*min) / step).max(0) as u64 + 1;
                    Value::Number((min + step * stream.below(count) as i64) as f64)
                }
                Param::Pick { values } => {
                    let index = stream.below(values.len() as u64) as usize;
                    Value::Text(values.get(index).cloned().unwrap_or_default())
                }
            };
            (name.clone(), value)
        })
        .collect()
}

/// The item as this seed presents it: parameters drawn and every template filled.
///
/// Only items that declare `params` (or whose numeric answer is a template) are templates; any
/// other item is shown exactly as written, so literal `{{` in ordinary text needs no escaping.
///
/// # Errors
/// A template that does not parse or evaluate (unknown parameter, division by zero...).
pub fn render(item: &Item, seed: u64) -> Result<Item, TemplateError> {
    if item.params.is_empty() && !has_template(item) {
        return Ok(item.clone());
    }
    let draws = draw(&item.id, &item.params, seed);
    let f = |text: &str| fill(text, &draws);
    let mut out = item.clone();
    out.stem = f(&item.stem)?;
    out.title = item.title.as_deref().map(f).transpose()?;
    match &mut out.interaction {
        Interaction::SingleChoice { choices, key, .. } => {
            fill_labels(choices, &draws)?;
            if let Some(key) = key {
                *key = f(key)?;
            }
        }
        Interaction::MultipleChoice { choices, key, .. } => {
            fill_labels(choices, &draws)?;
            for k in key.iter_mut().flatten() {
                *k = f(k)?;
            }
        }
        Interaction::Numeric { answer, .. } => {
            if let Some(NumericAnswer::Template(template)) = answer {
                let filled = f(template)?;
                let value: f64 = filled.trim().parse().map_err(|_| TemplateError {
                    expression: template.clone(),
                    reason: format!("the answer `{filled}` is not a number"),
                })?;
                *answer = Some(NumericAnswer::Value(value));
            }
        }
        Interaction::TextEntry { accepted, .. } => {
            for a in accepted.iter_mut() {
                *a = f(a)?;
            }
        }
        Interaction::Ordering { choices, .. } => fill_labels(choices, &draws)?,
        Interaction::Matching {
            sources, targets, ..
        } => {
            fill_labels(sources, &draws)?;
            fill_labels(targets, &draws)?;
        }
        Interaction::Likert { scale, .. } => fill_labels(scale, &draws)?,
        Interaction::Code(_) => {}
    }
    Ok(out)
}

fn has_template(item: &Item) -> bool {
    matches!(
        &item.interaction,
        Interaction::Numeric {
            answer: Some(NumericAnswer::Template(_)),
            ..
        }
    )
}

fn fill_labels(choices: &mut [crate::package::Choice], draws: &Draws) -> Result<(), TemplateError> {
    for choice in choices {
        choice.text = fill(&choice.text, draws)?;
    }
    Ok(())
}

/// Replaces every `{{ expr }}` in `text` with its value.
///
/// # Errors
/// An unterminated `{{`, or an expression that does not evaluate.
pub fn fill(text: &str, draws: &Draws) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(TemplateError {
                expression: after.to_string(),
                reason: "`{{` is never closed by `}}`".into(),
            });
        };
        let expression = &after[..end];
        let value = evaluate(expression, draws)?;
        match value {
            Value::Number(n) => out.push_str(&format_number(n)),
            Value::Text(s) => out.push_str(&s),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

pub use crate::canonical::format_number;

/// Evaluates one expression over the drawn parameters.
///
/// # Errors
/// Syntax errors, unknown names, arithmetic on text, division by zero, non-finite results.
pub fn evaluate(expression: &str, draws: &Draws) -> Result<Value, TemplateError> {
    let fail = |reason: String| TemplateError {
        expression: expression.to_string(),
        reason,
    };
    let tokens = tokenize(expression).map_err(fail)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        draws,
        depth: 0,
    };
    let value = parser.expression().map_err(fail)?;
    if parser.at != tokens.len() {
        return Err(fail(format!("unexpected {}", tokens[parser.at])));
    }
    if let Value::Number(n) = value
        && !n.is_finite()
    {
        return Err(fail("the result is not a finite number".into()));
    }
    Ok(value)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Op(char),
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Number(n) => write!(f, "number {}", format_number(*n)),
            Token::Name(s) => write!(f, "name `{s}`"),
            Token::Op(c) => write!(f, "`{c}`"),
        }
    }
}

fn tokenize(s: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let literal: String = chars[start..i].iter().collect();
            let n = literal
                .parse()
                .map_err(|_| format!("`{literal}` is not a number"))?;
            tokens.push(Token::Number(n));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Name(chars[start..i].iter().collect()));
        } else if "+-*/%^(),".contains(c) {
            tokens.push(Token::Op(c));
            i += 1;
        } else {
            return Err(format!("unexpected character `{c}`"));
        }
    }
    if tokens.is_empty() {
        return Err("the expression is empty".into());
    }
    Ok(tokens)
}

/// Deepest nesting of parentheses and unary signs accepted.
const MAX_DEPTH: usize = 32;

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    draws: &'a Draws,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, op: char) -> bool {
        if self.peek() == Some(&Token::Op(op)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expression(&mut self) -> Result<Value, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the expression is nested too deeply".into());
        }
        let mut value = self.term()?;
        loop {
            if self.eat('+') {
                value = Value::Number(number(value)? + number(self.term()?)?);
            } else if self.eat('-') {
                value = Value::Number(number(value)? - number(self.term()?)?);
            } else {
                break;
            }
        }
        self.depth -= 1;
        Ok(value)
    }

    fn term(&mut self) -> Result<Value, String> {
        let mut value = self.unary()?;
        loop {
            if self.eat('*') {
                value = Value::Number(number(value)? * number(self.unary()?)?);
            } else if self.eat('/') {
                let divisor = number(self.unary()?)?;
                if divisor == 0.0 {
                    return Err("division by zero".into());
                }
                value = Value::Number(number(value)? / divisor);
            } else if self.eat('%') {
                let divisor = number(self.unary()?)?;
                if divisor == 0.0 {
                    return Err("remainder by zero".into());
                }
                value = Value::Number(number(value)? % divisor);
            } else {
                break;
            }
        }
        Ok(value)
    }

    fn unary(&mut self) -> Result<Value, String> {
        if self.eat('-') {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err("the expression is nested too deeply".into());
            }
            let v = -number(self.unary()?)?;
            self.depth -= 1;
            return Ok(Value::Number(v));
        }
        let base = self.atom()?;
        if self.eat('^') {
            let exponent = number(self.unary()?)?;
            return Ok(Value::Number(libm::pow(number(base)?, exponent)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Value, String> {
        match self.tokens.get(self.at).cloned() {
            Some(Token::Number(n)) => {
                self.at += 1;
                Ok(Value::Number(n))
            }
            Some(Token::Op('(')) => {
                self.at += 1;
                let v = self.expression()?;
                if !self.eat(')') {
                    return Err("missing `)`".into());
                }
                Ok(v)
            }
            Some(Token::Name(name)) => {
                self.at += 1;
                if self.eat('(') {
                    let mut args = Vec::new();
                    if !self.eat(')') {
                        loop {
                            args.push(number(self.expression()?)?);
                            if self.eat(')') {
                                break;
                            }
                            if !self.eat(',') {
                                return Err(format!("missing `,` or `)` in {name}(...)"));
                            }
                        }
                    }
                    call(&name, &args).map(Value::Number)
                } else {
                    self.draws
                        .get(&name)
                        .cloned()
                        .ok_or_else(|| format!("unknown parameter `{name}`"))
                }
            }
            Some(other) => Err(format!("unexpected {other}")),
            None => Err("the expression ends too early".into()),
        }
    }
}

fn number(value: Value) -> Result<f64, String> {
    match value {
        Value::Number(n) => Ok(n),
        Value::Text(s) => Err(format!("`{s}` is text, not a number")),
    }
}

fn call(name: &str, args: &[f64]) -> Result<f64, String> {
    let arity = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "{name}() takes {n} argument(s), not {}",
                args.len()
            ))
        }
    };
    match name {
        "round" => match args {
            [x] => Ok(libm::round(*x)),
            [x, digits] => {
                let scale = libm::pow(10.0, libm::round(*digits));
                Ok(libm::round(x * scale) / scale)
            }
            _ => Err(format!(
                "round() takes 1 or 2 arguments, not {}",
                args.len()
            )),
        },
        "floor" => arity(1).map(|_| libm::floor(args[0])),
        "ceil" => arity(1).map(|_| libm::ceil(args[0])),
        "abs" => arity(1).map(|_| args[0].abs()),
        "min" if !args.is_empty() => Ok(args.iter().copied().fold(f64::INFINITY, f64::min)),
        "max" if !args.is_empty() => Ok(args.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
        "min" | "max" => Err(format!("{name}() needs at least one argument")),
        _ => Err(format!("unknown function `{name}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn draws(pairs: &[(&str, f64)]) -> Draws {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::Number(*v)))
            .collect()
    }

    #[test]
    fn arithmetic_follows_precedence() {
        let d = draws(&[("a", 3.0), ("b", 4.0)]);
        assert_eq!(fill("{{ a + b * 2 }}", &d).unwrap(), "11");
        assert_eq!(fill("{{ (a + b) * 2 }}", &d).unwrap(), "14");
        assert_eq!(fill("{{ -a ^ 2 }}", &d).unwrap(), "-9");
        assert_eq!(fill("{{ b / a }}", &d).unwrap(), "1.3333333333333333");
        assert_eq!(fill("{{ round(b / a, 2) }}", &d).unwrap(), "1.33");
        assert_eq!(
            fill("x={{a}}, y={{ max(a, b, 1) }}.", &d).unwrap(),
            "x=3, y=4."
        );
    }

    #[test]
    fn errors_name_the_expression() {
        let d = draws(&[("a", 0.0)]);
        let e = fill("{{ 1 / a }}", &d).unwrap_err();
        assert_eq!(e.reason, "division by zero");
        assert_eq!(e.expression, " 1 / a ");
        assert!(
            fill("{{ nope }}", &d)
                .unwrap_err()
                .reason
                .contains("unknown parameter")
        );
        assert!(fill("{{ a + }}", &d).is_err());
        assert!(fill("{{ a", &d).is_err());
        assert!(fill("{{ sqrt(a) }}", &d).is_err());
        let deep = format!("{{{{ {}1{} }}}}", "(".repeat(100), ")".repeat(100));
        assert!(fill(&deep, &d).unwrap_err().reason.contains("deeply"));
    }

    #[test]
    fn draws_respect_ranges_and_steps() {
        let mut params = BTreeMap::new();
        params.insert(
            "n".to_string(),
            Param::Int {
                min: 10,
                max: 20,
                step: 5,
            },
        );
        params.insert(
            "w".to_string(),
            Param::Pick {
                values: vec!["x".into(), "y".into()],
            },
        );
        for seed in 0..200 {
            let d = draw("q", &params, seed);
            match &d["n"] {
                Value::Number(n) => assert!([10.0, 15.0, 20.0].contains(n)),
                other => panic!("{other:?}"),
            }
            assert!(matches!(&d["w"], Value::Text(s) if s == "x" || s == "y"));
        }
    }
}
