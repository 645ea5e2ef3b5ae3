//! The typed reader: plain JSON text straight into a type of the model, field by field, with no
//! [`Json`](crate::input::json::Json) value in between ([`typed`]). The text a request usually
//! is (plain, as [`plain`](crate::input::plain) reads it: no escapes, whole numbers, no repeated
//! keys) and right (every key one its type asks for, every value good) is read here; anything
//! else gives up, and [`text::from_str`](crate::input::text) reads it as before (the value, then
//! the collecting decoder), which gives the same value for what this reads and the errors for
//! the rest. A property test holds the two equal on every example and fixture request written
//! with keys in any order, missing, repeated, unknown, `null`, of another type, escaped, and
//! garbled.

use crate::input::decode::{Decode, Decoder, Path};
use crate::input::plain::Reader;

/// Read `text` straight into a `T`, field by field, without a
/// [`Json`](crate::input::json::Json) value in between: where the text is plain (as
/// [`plain::value`](crate::input::plain::value) reads it), every key is one `T` asks for, each appears once,
/// and nothing in it is wrong. On anything else `None`, and the caller reads the text as before
/// (the value, then the collecting decoder), which gives the same `T` for what this reads and
/// the errors for the rest. The types of the model read themselves field by field
/// ([`Decode::read`]); any other reads its value and decodes it.
pub(crate) fn typed<T: Decode>(text: &str) -> Option<T> {
    let mut r = Reader::for_typed(text);
    let mut d = Decoder::default();
    // Handed back as read (not taken out and put back: a request is a kilobyte to copy).
    let x = T::read(&mut r, &mut d, &Path::Root, 0);
    if r.end() && d.errors.is_empty() {
        x
    } else {
        None
    }
}

/// A list of at most `max` items, each read by [`Decode::read`] (at `depth`, the list's).
pub(crate) fn read_list<T: Decode>(
    r: &mut Reader<'_>,
    d: &mut Decoder,
    path: &Path<'_>,
    depth: usize,
    max: usize,
) -> Option<Vec<T>> {
    let mut out = Vec::new();
    if r.open(b'[', depth)? {
        loop {
            if out.len() == max {
                return None;
            }
            out.push(T::read(r, d, &Path::Index(path, out.len()), depth + 1)?);
            if !r.more(b']')? {
                break;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::plain::tests::garble;
    use crate::input::text::parse_json_in_full;

    /// The requests and queries the typed reader is for: the example requests and every
    /// fixture's base request.
    fn model_texts() -> Vec<serde_json::Value> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut out = Vec::new();
        for dir in ["examples/requests", "tests/fixtures"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let v: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                match v.get("bases").and_then(serde_json::Value::as_object) {
                    Some(bases) => out.extend(bases.values().cloned()),
                    None if v.get("now").is_some() => out.push(v),
                    None => {}
                }
            }
        }
        assert!(out.len() > 20, "{} requests", out.len());
        out
    }

    /// A step of xorshift: the choices of one written text, from its seed.
    fn step(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// `v` written as JSON text, with what a page may send: its keys in any order, some of them
    /// gone, set to `null` or twice, an unknown one, a value of another type, an escape, spaces
    /// (a key changed one time in `rate`, over 7).
    fn write(v: &serde_json::Value, rate: u64, seed: &mut u64, out: &mut String) {
        use serde_json::Value;
        let space = |seed: &mut u64, out: &mut String| {
            if step(seed) % 4 == 0 {
                out.push_str(" \n ");
            }
        };
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                // Declared order (as read) or sorted (serde_json's map), or shuffled.
                if step(seed) % 3 == 0 {
                    for i in (1..keys.len()).rev() {
                        let j = usize::try_from(step(seed) % (i as u64 + 1)).unwrap();
                        keys.swap(i, j);
                    }
                }
                out.push('{');
                let mut first = true;
                // A field by its key's text.
                let mut field = |key: &str, value: &Value, seed: &mut u64, out: &mut String| {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    space(seed, out);
                    out.push_str(key);
                    out.push(':');
                    space(seed, out);
                    write(value, rate, seed, out);
                };
                for key in keys {
                    let value = &map[key];
                    let text = serde_json::to_string(key).unwrap();
                    match step(seed) % rate {
                        0 => {}
                        1 => field(&text, &Value::Null, seed, out),
                        2 => {
                            field(&text, value, seed, out);
                            field(&text, value, seed, out);
                        }
                        3 => field(&text, &Value::from(7), seed, out),
                        4 => field(&text, &Value::from("x"), seed, out),
                        5 => field(&format!("\"{key}x\""), value, seed, out),
                        6 if !key.is_empty() => {
                            // The key with its first letter escaped: the same key.
                            let mut k = key.chars();
                            let c = k.next().unwrap();
                            let escaped = format!("\"\\u{:04x}{}\"", u32::from(c), k.as_str());
                            field(&escaped, value, seed, out);
                        }
                        _ => field(&text, value, seed, out),
                    }
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    space(seed, out);
                    write(item, rate, seed, out);
                }
                out.push(']');
            }
            Value::String(s) if step(seed) % rate.saturating_mul(4) == 0 && !s.is_empty() => {
                // An escaped first character: the same string, which the typed reader leaves.
                let mut c = s.chars();
                let first = c.next().unwrap();
                out.push_str(&format!("\"\\u{:04x}{}\"", u32::from(first), c.as_str()));
            }
            other => out.push_str(&serde_json::to_string(other).unwrap()),
        }
    }

    /// Where the typed reader reads a text, it reads what the value and the collecting decoder
    /// read; where they find a problem, it leaves the text to them. Over every example and
    /// fixture request written with keys in any order, missing, repeated, unknown, `null`, of
    /// another type, escaped, and garbled.
    #[test]
    fn the_typed_reader_reads_what_the_collecting_decoder_reads() {
        use crate::input::decode::from_value;
        use crate::input::text::parse_json;
        use crate::model::query::SubscriptionQuery;
        use crate::model::request::{PreparedFacts, Request};
        use proptest::prelude::*;
        let requests = model_texts();
        let n = requests.len();
        let (typed_n, ok_n) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
        proptest!(ProptestConfig::with_cases(20_000), |(
            i in 0..n,
            seed in 1..u64::MAX,
            edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..2),
            rate in prop_oneof![Just(u64::MAX), 8..400u64],
            garbled in 0..4u8,
        )| {
            let mut seed = seed;
            let mut text = String::new();
            write(&requests[i], rate, &mut seed, &mut text);
            if garbled == 0 {
                text = garble(&text, &edits);
            }
            let full = parse_json(&text).and_then(|v| from_value::<Request>(&v));
            ok_n.set(ok_n.get() + u32::from(full.is_ok()));
            if let Some(x) = typed::<Request>(&text) {
                typed_n.set(typed_n.get() + 1);
                prop_assert_eq!(Ok(&x), full.as_ref(), "{}", text);
            }
            // The same text as a prepared subscription's facts and as a query (mostly
            // refused: a request has `now` and `action`).
            if let Some(x) = typed::<PreparedFacts>(&text) {
                let full = parse_json(&text).and_then(|v| from_value::<PreparedFacts>(&v));
                prop_assert_eq!(Ok(&x), full.as_ref(), "{}", text);
            }
            if let Some(x) = typed::<SubscriptionQuery>(&text) {
                let full = parse_json(&text).and_then(|v| from_value::<SubscriptionQuery>(&v));
                prop_assert_eq!(Ok(&x), full.as_ref(), "{}", text);
            }
        });
        // Most readable texts are read here (the rest have an escape or a repeated key).
        let (typed_n, ok_n) = (typed_n.get(), ok_n.get());
        assert!(typed_n * 2 > ok_n, "{typed_n} of {ok_n}");
    }

    /// Every example and fixture request, as written, is read by the typed reader.
    #[test]
    fn the_typed_reader_reads_every_example_request() {
        use crate::input::decode::from_value;
        use crate::model::request::Request;
        for v in model_texts() {
            let text = v.to_string();
            let full = from_value::<Request>(&parse_json_in_full(&text).unwrap());
            if full.is_ok() {
                assert_eq!(
                    typed::<Request>(&text).as_ref(),
                    full.as_ref().ok(),
                    "{text}"
                );
            }
        }
    }
}
