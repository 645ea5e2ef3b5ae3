//! JSON text to a [`Json`] value, reporting every key that appears twice in one object.

use std::borrow::Cow;
use std::cell::RefCell;

use serde::Deserialize;

use crate::error::{ErrorCode, InputError};
use crate::input::decode::Path;
use crate::input::decode::{clip, from_value, Decode};
use crate::input::json::{Fields, Json};
use crate::input::limits::{self, ReadLimit};

/// Read a typed value from JSON text, collecting every problem.
pub(crate) fn from_str<T: Decode>(text: &str) -> Result<T, Vec<InputError>> {
    if text.len() > limits::MAX_REQUEST_BYTES {
        return Err(vec![ReadLimit::Bytes.error()]);
    }
    // Plain text straight into the type; anything else through the value and the collecting
    // decoder, which reports the errors.
    if let Some(x) = crate::input::typed::typed(text) {
        return Ok(x);
    }
    let value = parse_json(text)?;
    from_value(&value)
}

/// Parse JSON text into a value, reporting every key that appears twice in one object (serde_json
/// alone keeps the last silently, so a garbled first copy would go unnoticed). The value borrows
/// every string of `text` that has no escape.
///
/// This is the text half of the crate's one reading of JSON; the wasm boundary's JS reader is
/// the other, and they give the decoder the same value for the same input:
/// - numbers as `JSON.parse` reads them ([`Json::number`]);
/// - a lone surrogate escape (`"\uD800"`, which `JSON.stringify` writes for a JS string holding
///   one) reads as U+FFFD, as the JS reader's UTF-8 encoding (the WHATWG encoder) writes it;
/// - at most [`limits::MAX_VALUES`] values and [`limits::MAX_DEPTH`] levels, or `tooLarge`
///   ([`limits::ReadLimit`]), the same limits and errors as the JS reader's.
///
/// What only text can hold: a key twice in one object is `duplicateField` at its path (a JS
/// object cannot hold it), and a number beyond the double range (`1e400`) is `invalidJson`.
pub fn parse_json(text: &str) -> Result<Json<'_>, Vec<InputError>> {
    match crate::input::plain::value(text) {
        Some(value) => Ok(value),
        None => parse_json_in_full(text),
    }
}

/// [`parse_json`] by the full reader alone (the plain reader's reference in the tests).
pub(crate) fn parse_json_in_full(text: &str) -> Result<Json<'_>, Vec<InputError>> {
    match mend_surrogates(text) {
        None => parse(text, false).and_then(one),
        Some(mended) => parse(&mended, false).and_then(one).map(into_owned),
    }
}

/// [`parse_json`] for a batch: the text must be an array, and each of its items is a request of
/// its own for the limits. An item over a limit is `Err` with its limit's error (as the JS reader
/// answers that item); the others are read.
pub fn parse_batch(text: &str) -> Result<Vec<Result<Json<'_>, InputError>>, Vec<InputError>> {
    match crate::input::plain::batch(text) {
        Some(items) => Ok(items.into_iter().map(Ok).collect()),
        None => parse_batch_in_full(text),
    }
}

/// [`parse_batch`] by the full reader alone.
pub(crate) fn parse_batch_in_full(
    text: &str,
) -> Result<Vec<Result<Json<'_>, InputError>>, Vec<InputError>> {
    match mend_surrogates(text) {
        None => parse(text, true).map(|items| items.into_iter().map(finish_item).collect()),
        Some(mended) => parse(&mended, true).map(|items| {
            items
                .into_iter()
                .map(|item| finish_item(item.map(into_owned)))
                .collect()
        }),
    }
}

fn one(mut items: Vec<Result<Json<'_>, ReadLimit>>) -> Result<Json<'_>, Vec<InputError>> {
    match items.pop() {
        Some(Ok(json)) => Ok(json),
        Some(Err(limit)) => Err(vec![limit.error()]),
        None => Ok(Json::Null),
    }
}

fn finish_item(item: Result<Json<'_>, ReadLimit>) -> Result<Json<'_>, InputError> {
    item.map_err(ReadLimit::error)
}

/// Parse: the items of the top-level array each on their own (`batch`), or the one value. Each
/// is `Err` with the limit that stopped its reading.
fn parse(text: &str, batch: bool) -> Result<Vec<Result<Json<'_>, ReadLimit>>, Vec<InputError>> {
    let state = RefCell::new(State::default());
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = if batch {
        serde::de::Deserializer::deserialize_any(&mut de, Batch { state: &state })
    } else {
        serde::de::DeserializeSeed::deserialize(
            Strict {
                at: &Path::Root,
                depth: 0,
                state: &state,
            },
            &mut de,
        )
        .map(|v| vec![state.borrow_mut().limit.take().map_or(Ok(v), Err)])
    }
    .and_then(|v| de.end().map(|()| v));
    let items = parsed.map_err(|e| vec![invalid_json(&e.to_string())])?;
    let state = state.into_inner();
    // A request stopped by a limit reports the limit alone, as the JS reader does.
    if state.duplicates.is_empty() || (!batch && items.iter().any(Result::is_err)) {
        return Ok(items);
    }
    Err(duplicate_fields(state.duplicates))
}

/// The `invalidJson` error of text that is not JSON, `why` saying where.
pub fn invalid_json(why: &str) -> InputError {
    InputError::new(ErrorCode::InvalidJson, "", format!("not valid JSON: {why}"))
}

/// The `duplicateField` errors of the keys repeated in one object, given by their paths in the
/// order their repeats were read.
pub fn duplicate_fields(paths: Vec<String>) -> Vec<InputError> {
    paths
        .into_iter()
        .take(limits::MAX_ERRORS)
        .map(|path: String| {
            // The last segment (a byte search: a `char` searcher is kilobytes of wasm).
            let dot = path.bytes().rposition(|b| b == b'.').map_or(0, |i| i + 1);
            let key = path.get(dot..).unwrap_or(&path).to_string();
            InputError::new(
                ErrorCode::DuplicateField,
                path.clone(),
                format!("field `{}` appears more than once", clip(&key)),
            )
        })
        .collect()
}

/// Rewrite each lone surrogate escape (`\uD800` not followed by a low surrogate's, or a low
/// one alone) as `\uFFFD`; `None` when there is none (the usual case: the text is read as is).
fn mend_surrogates(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let digits = text.get(at..at + 4)?;
        if digits.bytes().all(|c| c.is_ascii_hexdigit()) {
            u32::from_str_radix(digits, 16).ok()
        } else {
            None
        }
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = text.get(i..).and_then(|rest| rest.find('\\')) {
        let at = i + found;
        if b.get(at + 1) != Some(&b'u') {
            // Any other escape (`\\` included) is two characters.
            i = at + 2;
            continue;
        }
        i = at + 6;
        let lone = match hex(at + 2) {
            Some(0xD800..=0xDBFF) => {
                let low = b.get(at + 6) == Some(&b'\\') && b.get(at + 7) == Some(&b'u');
                if low && matches!(hex(at + 8), Some(0xDC00..=0xDFFF)) {
                    i = at + 12;
                    false
                } else {
                    true
                }
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            let s = out.get_or_insert_with(|| String::with_capacity(text.len()));
            s.push_str(text.get(copied..at).unwrap_or_default());
            s.push_str("\\uFFFD");
            copied = at + 6;
        }
    }
    out.map(|mut s| {
        s.push_str(text.get(copied..).unwrap_or_default());
        s
    })
}

/// A value that borrows nothing (for text that had to be mended first).
pub(crate) fn into_owned(json: Json<'_>) -> Json<'static> {
    match json {
        Json::Null => Json::Null,
        Json::Bool(b) => Json::Bool(b),
        Json::Int(i) => Json::Int(i),
        Json::Float(n, text) => Json::Float(n, Cow::Owned(text.into_owned())),
        Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
        Json::Array(items) => Json::Array(items.into_iter().map(into_owned).collect()),
        Json::Object(fields) => {
            let mut owned = Fields::with_capacity(fields.len());
            for (k, v) in fields.into_iter() {
                owned.push(Cow::Owned(k.into_owned()), into_owned(v));
            }
            Json::Object(owned)
        }
    }
}

/// What a reading found besides the value: repeated keys, the values counted so far (of the
/// request, or of the batch item being read), and the limit that stopped it.
#[derive(Default)]
struct State {
    duplicates: Vec<String>,
    values: usize,
    limit: Option<ReadLimit>,
}

/// A [`Json`] reader that notes duplicate keys and applies the reader's limits. Once a limit is
/// reached, the rest of the request is skipped (still checked as JSON) and read as `null`.
struct Strict<'a> {
    at: &'a Path<'a>,
    depth: usize,
    state: &'a RefCell<State>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = Json<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        let mut state = self.state.borrow_mut();
        if state.limit.is_none() {
            state.values += 1;
            if state.values > limits::MAX_VALUES {
                state.limit = Some(ReadLimit::Values);
            }
        }
        let skipping = state.limit.is_some();
        drop(state);
        if skipping {
            serde::de::IgnoredAny::deserialize(d)?;
            return Ok(Json::Null);
        }
        d.deserialize_any(self)
    }
}

/// Skip what is left of a container once a limit is reached.
fn skip_seq<'de, A: serde::de::SeqAccess<'de>>(mut seq: A) -> Result<Json<'de>, A::Error> {
    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
    Ok(Json::Null)
}

fn skip_map<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Json<'de>, A::Error> {
    while map
        .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
        .is_some()
    {}
    Ok(Json::Null)
}

impl Strict<'_> {
    /// Whether a container here is deeper than the limit (noted) or a limit was reached before.
    fn stopped(&self) -> bool {
        let mut state = self.state.borrow_mut();
        if state.limit.is_none() && self.depth >= limits::MAX_DEPTH {
            state.limit = Some(ReadLimit::Depth);
        }
        state.limit.is_some()
    }
}

/// Up to this many fields, an object is searched for a repeated key one by one; beyond, the keys
/// are also kept in a set.
const LINEAR_FIELDS: usize = 32;

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::number(&v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::number(&v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::from_f64(v))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        if self.stopped() {
            return skip_seq(seq);
        }
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict {
            at: &Path::Index(self.at, out.len()),
            depth: self.depth + 1,
            state: self.state,
        })? {
            out.push(v);
        }
        Ok(Json::Array(out))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        if self.stopped() {
            return skip_map(map);
        }
        let mut out = Fields::default();
        let mut seen: Option<std::collections::BTreeSet<Cow<'de, str>>> = None;
        while let Some(key) = map.next_key_seed(Key)? {
            let v = map.next_value_seed(Strict {
                at: &Path::Key(self.at, &key),
                depth: self.depth + 1,
                state: self.state,
            })?;
            // A key holding U+FFFD is never a field's (it is an unknown field, reported as one);
            // two of them may be two lone surrogates a JS object holds apart, which both
            // readers read as U+FFFD: not reported twice over, as the JS reader cannot.
            let repeated = if key.contains('\u{FFFD}') {
                false
            } else if out.len() < LINEAR_FIELDS {
                out.contains(&key)
            } else {
                let seen =
                    seen.get_or_insert_with(|| out.keys().map(|k| k.to_owned().into()).collect());
                !seen.insert(key.clone())
            };
            if repeated {
                self.state
                    .borrow_mut()
                    .duplicates
                    .push(Path::Key(self.at, &key).render());
            }
            out.push(key, v);
        }
        Ok(Json::Object(out))
    }
}

/// A batch's top level: an array whose items are each read as a request of their own (their
/// own count of values, depth from 0). An item stopped by a limit is `Err` with it.
struct Batch<'a> {
    state: &'a RefCell<State>,
}

impl<'de> serde::de::Visitor<'de> for Batch<'_> {
    type Value = Vec<Result<Json<'de>, ReadLimit>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of requests")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        loop {
            {
                let mut state = self.state.borrow_mut();
                state.values = 0;
                state.limit = None;
            }
            let Some(v) = seq.next_element_seed(Strict {
                at: &Path::Index(&Path::Root, out.len()),
                depth: 0,
                state: self.state,
            })?
            else {
                break;
            };
            let limit = self.state.borrow_mut().limit.take();
            out.push(limit.map_or(Ok(v), Err));
        }
        Ok(out)
    }
}

/// An object key, borrowed from the text when it has no escape.
struct Key;

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}
