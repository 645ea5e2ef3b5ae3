//! The collecting decoder's input: a JSON value that borrows its strings from what it was read
//! from (the request's text, the bytes the wasm boundary's walker wrote, or a
//! [`serde_json::Value`]), with object fields kept in a vector in the order they came.
//!
//! A request's objects have a few dozen fields at most, so a linear scan finds a field, and
//! reading one allocates no string and no tree node (BENCHMARKS.md has what this bought).
//!
//! **One reading of numbers** ([`Json::number`]): whatever the source, a number is the IEEE
//! double `JSON.parse` reads from its text. A whole one within ±(2^53 − 1) is an integer
//! ([`Json::Int`]: `10.0`, `1e1` and `10` are the same count, and `-0` is `0`); any other is that
//! double with its text as `JSON.stringify` writes it ([`Json::Float`]: `12345678901234567890` is
//! `12345678901234567000`, `1e21` is `1e+21`), the text an answer quotes it by; `NaN` and ±∞,
//! which a JS value can hold but JSON text cannot, are `null`, as `JSON.stringify` writes them.
//! The wasm boundary's JS reader (which hands over JavaScript's own text of a number, so the
//! module carries no float formatting) and the text reader (which writes it with
//! `util::js_number_text`) therefore give the decoder the same value for the same number.

use std::borrow::Cow;

use serde_json::{Number, Value};

use crate::util::js_number_text;

/// A JSON value: what every `*_json_value` entry point of the crate reads. A host that reads
/// its own input (the wasm shell reads a JS value) builds one of these and hands it in.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number within ±(2^53 − 1).
    Int(i64),
    /// Any other finite number, and its text as `JSON.stringify` writes it (`10.5`, `1e+21`).
    Float(f64, Cow<'a, str>),
    /// A string, borrowed from the input where it had no escape.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, its fields in the order they came.
    Object(Fields<'a>),
}

/// The largest whole number a double holds exactly with all its neighbours (2^53 − 1, JavaScript's
/// `Number.MAX_SAFE_INTEGER`).
const SAFE: f64 = 9_007_199_254_740_991.0;

impl<'a> Json<'a> {
    /// A number as `JSON.parse` holds it (see the module's "one reading of numbers"), its text
    /// written here.
    pub fn from_f64(n: f64) -> Json<'static> {
        Json::whole(n).unwrap_or_else(|| Json::Float(n, Cow::Owned(js_number_text(n))))
    }

    /// [`Json::from_f64`], with the number's text as `JSON.stringify` writes it (`String(n)`) from
    /// the host that read it: the wasm boundary, whose module thereby carries no float formatting.
    pub fn from_f64_with_text(n: f64, text: Cow<'a, str>) -> Json<'a> {
        Json::whole(n).unwrap_or(Json::Float(n, text))
    }

    /// A whole number within ±(2^53 − 1) as [`Json::Int`], `NaN` and ±∞ as `null`; `None` for
    /// any other number (which needs its text: [`Json::from_f64_with_text`]).
    pub fn whole(n: f64) -> Option<Json<'static>> {
        if n.fract() == 0.0 && n.abs() <= SAFE {
            // Exact: a whole number within ±(2^53 − 1) fits an i64 (and -0 becomes 0).
            #[allow(clippy::cast_possible_truncation)]
            return Some(Json::Int(n as i64));
        }
        if n.is_finite() {
            None
        } else {
            Some(Json::Null)
        }
    }

    /// A number read by `serde_json`, brought to [`Json::from_f64`]'s reading: integers within
    /// ±(2^53 − 1) as they are, everything else through the nearest double.
    pub fn number(n: &Number) -> Json<'static> {
        match n.as_i64() {
            #[allow(clippy::cast_precision_loss)]
            Some(i) if (i as f64).abs() <= SAFE => Json::Int(i),
            _ => Json::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        }
    }
}

/// The fields of an object, in the order they were read.
///
/// A key may appear more than once only where the source allowed it (never in a request read
/// from text, which reports it); [`Fields::get`] then gives the last value, and [`Fields::keys`]
/// lists the key at each place it appears.
// Besides the fields: the union of their keys' `signature`s, and whether a key appears more than
// once (then only a scan from the end finds a key's value; see `Fields::find_from`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields<'a>(Vec<(Cow<'a, str>, Json<'a>)>, u64, bool);

impl<'a> IntoIterator for Fields<'a> {
    type Item = (Cow<'a, str>, Json<'a>);
    type IntoIter = std::vec::IntoIter<(Cow<'a, str>, Json<'a>)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// One bit per key, from its length and first and last bytes: a lookup of a key whose bit is not
/// in an object's mask skips the scan (most fields a decoder asks for are absent).
pub(crate) fn signature(key: &str) -> u64 {
    let b = key.as_bytes();
    let mix = b
        .len()
        .wrapping_mul(7)
        .wrapping_add(usize::from(b.first().copied().unwrap_or(0)))
        .wrapping_add(usize::from(b.last().copied().unwrap_or(0)) << 1);
    1u64 << (mix & 63)
}

impl<'a> Fields<'a> {
    /// No fields, with room for `n`.
    pub fn with_capacity(n: usize) -> Self {
        Fields(Vec::with_capacity(n), 0, false)
    }

    /// Fields already gathered, no key among them twice, and the union of their keys'
    /// [`signature`]s.
    pub(crate) fn from_distinct_parts(fields: Vec<(Cow<'a, str>, Json<'a>)>, mask: u64) -> Self {
        Fields(fields, mask, false)
    }

    /// Add a field after the others.
    pub fn push(&mut self, key: Cow<'a, str>, value: Json<'a>) {
        let bit = signature(&key);
        // Whether the key is there already: scanned for only where its signature is among the
        // keys' already.
        if self.1 & bit != 0 && !self.2 && self.0.iter().any(|(k, _)| *k == key) {
            self.2 = true;
        }
        self.1 |= bit;
        self.0.push((key, value));
    }

    /// The value of `key` (the last one, as a map that keeps the last insert would give).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.find(key).map(|(_, v)| v)
    }

    /// [`Fields::get`], with the field's place among the fields.
    pub fn find(&self, key: &str) -> Option<(usize, &Json<'a>)> {
        if self.1 & signature(key) == 0 {
            return None;
        }
        let i = self.0.iter().rposition(|(k, _)| k.as_ref() == key)?;
        self.0.get(i).map(|(_, v)| (i, v))
    }

    /// [`Fields::find`], trying the field at `hint` first: a decoder asks for the fields in the
    /// order it declares them, which is usually the order they were written in, so asking with
    /// the place after the last field found usually finds the next at once. Only where no key
    /// appears twice: otherwise the one at `hint` may not be the last of its name.
    pub fn find_from(&self, key: &str, hint: usize) -> Option<(usize, &Json<'a>)> {
        if !self.2 {
            if let Some((k, v)) = self.0.get(hint) {
                if k.as_ref() == key {
                    return Some((hint, v));
                }
            }
        }
        self.find(key)
    }

    /// Whether `key` is among the fields.
    pub fn contains(&self, key: &str) -> bool {
        self.1 & signature(key) != 0 && self.0.iter().any(|(k, _)| k.as_ref() == key)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

/// Written as the JSON value it is (what an answer quoting input shows).
impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Int(i) => s.serialize_i64(*i),
            Json::Float(n, _) => s.serialize_f64(*n),
            Json::String(text) => s.serialize_str(text),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Deeper than any field the decoder reads (a request nests 5 levels): containers below this
/// are converted empty, so converting a value nested without bound cannot exhaust the stack.
const MAX_CONVERTED_DEPTH: usize = 128;

impl<'a> From<&'a Value> for Json<'a> {
    /// The same value, borrowing its strings.
    fn from(value: &'a Value) -> Self {
        convert(value, 0)
    }
}

fn convert(value: &Value, depth: usize) -> Json<'_> {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::number(n),
        Value::String(s) => Json::String(Cow::Borrowed(s)),
        Value::Array(_) if depth >= MAX_CONVERTED_DEPTH => Json::Array(Vec::new()),
        Value::Object(_) if depth >= MAX_CONVERTED_DEPTH => Json::Object(Fields::default()),
        Value::Array(items) => Json::Array(items.iter().map(|v| convert(v, depth + 1)).collect()),
        Value::Object(map) => {
            let mut fields = Fields::with_capacity(map.len());
            for (k, v) in map {
                fields.push(Cow::Borrowed(k.as_str()), convert(v, depth + 1));
            }
            Json::Object(fields)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_borrowing_strings() {
        let value = json!({"b": [1, -2, 1.5, "x", null, true], "a": {"c": "d"}});
        let json = Json::from(&value);
        let Json::Object(fields) = &json else {
            panic!("{json:?}")
        };
        // A `serde_json::Map` lists its keys sorted.
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["a", "b"]);
        let Some(Json::Array(items)) = fields.get("b") else {
            panic!()
        };
        assert_eq!(items[0], Json::Int(1));
        assert_eq!(items[1], Json::Int(-2));
        assert_eq!(items[2], Json::Float(1.5, "1.5".into()));
        assert!(matches!(&items[3], Json::String(Cow::Borrowed("x"))));
        assert_eq!(items[4], Json::Null);
        assert!(fields.get("z").is_none());
        assert!(fields.contains("a") && !fields.contains("z"));
    }

    #[test]
    fn the_last_of_repeated_keys_is_the_value() {
        let mut fields = Fields::default();
        fields.push("k".into(), Json::Bool(false));
        fields.push("j".into(), Json::Null);
        fields.push("k".into(), Json::Bool(true));
        assert_eq!(fields.get("k"), Some(&Json::Bool(true)));
        assert_eq!(fields.len(), 3);
        // Asked for at the place of the first `k`, still the last one.
        assert_eq!(fields.find_from("k", 0), Some((2, &Json::Bool(true))));
        assert_eq!(fields.find_from("j", 1), Some((1, &Json::Null)));
        assert_eq!(fields.find_from("j", 0), Some((1, &Json::Null)));
        assert_eq!(fields.find_from("z", 0), None);
    }

    #[test]
    fn a_hint_finds_the_field_wherever_it_points() {
        let keys = [
            "id", "sku", "term", "status", "quantity", "di", "a", "b", "c", "d", "e",
        ];
        let mut fields = Fields::default();
        for (i, k) in keys.iter().enumerate() {
            fields.push((*k).into(), Json::Int(i64::try_from(i).unwrap()));
        }
        for (i, k) in keys.iter().enumerate() {
            for hint in 0..=keys.len() + 1 {
                assert_eq!(fields.find_from(k, hint), fields.find(k), "{k} at {hint}");
                assert_eq!(fields.find_from(k, hint).map(|(at, _)| at), Some(i));
            }
        }
        assert_eq!(fields.find_from("ID", 0), None);
    }

    #[test]
    fn conversion_stops_below_what_the_decoder_reads() {
        let mut value = json!([]);
        for _ in 0..10_000 {
            value = Value::Array(vec![value]);
        }
        let mut json = &Json::from(&value);
        let mut depth = 0;
        while let Json::Array(items) = json {
            match items.first() {
                Some(inner) => json = inner,
                None => break,
            }
            depth += 1;
        }
        assert_eq!(depth, MAX_CONVERTED_DEPTH);
        // serde_json drops a value recursively: take it apart here, so the test's own stack holds.
        let mut stack = vec![value];
        while let Some(mut v) = stack.pop() {
            if let Value::Array(items) = &mut v {
                stack.append(items);
            }
        }
    }
}
