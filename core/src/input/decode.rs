//! JSON to model, reporting every problem with its path.
//!
//! serde stops at the first error; a form wants them all. This reader walks a [`Json`] value
//! (its strings borrowed from the text or bytes it was read from) and collects each problem as
//! an [`InputError`] with the path of its field, then hands back the typed value only if there
//! were none. It accepts exactly the shapes the serde derives of [`crate::model`] accept
//! (camelCase, unknown fields rejected, defaults for the optional ones), which a test checks on
//! every fixture.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::error::{ErrorCode, InputError};
use crate::input::json::{Fields, Json};
use crate::input::limits;
use crate::input::plain::Reader;
use crate::names::WireName;
use crate::rules::catalog::Rule;

/// Where a value sits, as a chain on the stack (rendered only when a duplicate is found).
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    pub(crate) fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => join(&parent.render(), key),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

impl From<&Path<'_>> for String {
    fn from(p: &Path<'_>) -> String {
        p.render()
    }
}

/// Collects errors while reading.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    pub(crate) errors: Vec<InputError>,
    /// The names each object being read asked for, as a stack: an object's names follow its
    /// parent's, and it reads them back when it finishes (one list for the whole value, instead of
    /// one allocated per object).
    asked: Vec<&'static str>,
}

impl Decoder {
    pub(crate) fn push(&mut self, e: InputError) {
        if self.errors.len() < limits::MAX_ERRORS {
            self.errors.push(e);
        }
    }

    pub(crate) fn error(&mut self, code: ErrorCode, path: &Path<'_>, message: String) {
        self.push(InputError::new(code, path, message));
    }

    pub(crate) fn wrong_type(&mut self, path: &Path<'_>, expected: &str, found: &Json<'_>) {
        self.error(
            ErrorCode::InvalidType,
            path,
            format!("expected {expected}, found {}", describe(found)),
        );
    }

    /// Start reading an object.
    pub(crate) fn object<'a, 'p>(
        &mut self,
        v: &'a Json<'a>,
        path: &'p Path<'p>,
    ) -> Option<Obj<'a, 'p>> {
        match v {
            Json::Object(map) => Some(Obj {
                map,
                path,
                start: self.asked.len(),
                count: 0,
                found: 0,
                next: 0,
            }),
            other => {
                self.wrong_type(path, "an object", other);
                None
            }
        }
    }
}

fn describe(v: &Json<'_>) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Int(i) => format!("number `{}`", crate::util::int_text(*i)),
        Json::Float(_, text) => format!("number `{}`", clip(text)),
        Json::String(s) => format!("string `{}`", clip(s)),
        Json::Array(_) => "an array".into(),
        Json::Object(_) => "an object".into(),
    }
}

/// Quote at most 40 characters of user input.
pub(crate) fn clip(s: &str) -> String {
    // The byte offset of the 41st character, if there is one (no character count: its
    // vectorised code is large in wasm).
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", s.get(..at).unwrap_or(s)),
        None => s.to_string(),
    }
}

pub(crate) fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// A required field is absent: one function for every field type (not inlined into each).
#[inline(never)]
fn missing(d: &mut Decoder, path: &Path<'_>, name: &str) {
    d.error(
        ErrorCode::MissingField,
        path,
        format!("`{name}` is required"),
    );
}

/// An object being read: remembers which fields were asked for, so the rest are unknown.
pub(crate) struct Obj<'a, 'p> {
    map: &'a Fields<'a>,
    path: &'p Path<'p>,
    /// Its names asked for are `Decoder::asked[start..start + count]`.
    start: usize,
    count: usize,
    /// Bit `i`: field `i` (of the first 64) was found by a name asked for.
    found: u64,
    /// The place after the last field found: where the next name asked for is looked for first.
    next: usize,
}

impl<'a, 'p> Obj<'a, 'p> {
    /// Note `name` as asked for, and look it up (`null` included).
    fn lookup(&mut self, d: &mut Decoder, name: &'static str) -> Option<&'a Json<'a>> {
        // Whatever an object read inside this one left on the stack (one that returned early
        // without `finish`) is dropped before this object's next name.
        d.asked.truncate(self.start + self.count);
        d.asked.push(name);
        self.count += 1;
        let (i, v) = self.map.find_from(name, self.next)?;
        self.next = i + 1;
        if let Some(bit) = u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)) {
            self.found |= bit;
        }
        Some(v)
    }

    /// [`Obj::lookup`], with `null` read as absent.
    pub(crate) fn get(&mut self, d: &mut Decoder, name: &'static str) -> Option<&'a Json<'a>> {
        match self.lookup(d, name) {
            None | Some(Json::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A required field.
    pub(crate) fn req<T: Decode>(&mut self, d: &mut Decoder, name: &'static str) -> Option<T> {
        let path = Path::Key(self.path, name);
        match self.get(d, name) {
            Some(v) => T::decode(d, v, &path),
            None => {
                missing(d, &path, name);
                None
            }
        }
    }

    /// An optional field: `Some(None)` when absent or null, `None` when present but bad.
    pub(crate) fn opt<T: Decode>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
    ) -> Option<Option<T>> {
        let path = Path::Key(self.path, name);
        match self.get(d, name) {
            Some(v) => T::decode(d, v, &path).map(Some),
            None => Some(None),
        }
    }

    /// An optional field with a default, for a non-`Option` field: absent gives the default,
    /// but `null` is a wrong type, as serde's `#[serde(default)]` says (only `Option` fields
    /// take `null` for "absent").
    pub(crate) fn or<T: Decode>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        default: T,
    ) -> Option<T> {
        let path = Path::Key(self.path, name);
        match self.lookup(d, name) {
            None => Some(default),
            Some(v) => T::decode(d, v, &path),
        }
    }

    /// A required list of at most `max` items.
    pub(crate) fn list<T: Decode>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        max: usize,
    ) -> Option<Vec<T>> {
        let path = Path::Key(self.path, name);
        match self.get(d, name) {
            Some(v) => decode_list(d, v, &path, max),
            None => {
                missing(d, &path, name);
                None
            }
        }
    }

    /// An optional list of at most `max` items: `Some(None)` when absent.
    pub(crate) fn opt_list<T: Decode>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        max: usize,
    ) -> Option<Option<Vec<T>>> {
        let path = Path::Key(self.path, name);
        match self.get(d, name) {
            Some(v) => decode_list(d, v, &path, max).map(Some),
            None => Some(None),
        }
    }

    /// An optional list of at most `max` items for a non-`Option` field (`#[serde(default)]`):
    /// `Some(None)` when absent, a wrong type when `null`.
    pub(crate) fn default_list<T: Decode>(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        max: usize,
    ) -> Option<Option<Vec<T>>> {
        let path = Path::Key(self.path, name);
        match self.lookup(d, name) {
            None => Some(None),
            Some(v) => decode_list(d, v, &path, max).map(Some),
        }
    }

    /// Report every field that was not asked for, in the order of their keys (as a map sorted by
    /// key lists them), each once.
    pub(crate) fn finish(self, d: &mut Decoder) {
        // Only the first keys that still fit among the errors: kept sorted, without repeats.
        let room = limits::MAX_ERRORS.saturating_sub(d.errors.len());
        let asked = d
            .asked
            .get(self.start..self.start + self.count)
            .unwrap_or_default();
        let mut unknown: Vec<&str> = Vec::new();
        for (i, key) in self.map.keys().enumerate() {
            let found = u32::try_from(i)
                .ok()
                .and_then(|i| 1u64.checked_shl(i))
                .is_some_and(|bit| self.found & bit != 0);
            if found || asked.contains(&key) {
                continue;
            }
            if let Err(at) = unknown.binary_search(&key) {
                if at < room {
                    unknown.insert(at, key);
                    unknown.truncate(room);
                }
            }
        }
        let known = (!unknown.is_empty()).then(|| crate::util::quoted_list(asked.iter().copied()));
        for key in unknown {
            let path = Path::Key(self.path, key);
            let known = known.as_deref().unwrap_or_default();
            d.error(
                ErrorCode::UnknownField,
                &path,
                format!("unknown field `{}`; expected one of {known}", clip(key)),
            );
        }
        d.asked.truncate(self.start);
    }
}

fn decode_list<T: Decode>(
    d: &mut Decoder,
    v: &Json<'_>,
    path: &Path<'_>,
    max: usize,
) -> Option<Vec<T>> {
    let Json::Array(items) = v else {
        d.wrong_type(path, "an array", v);
        return None;
    };
    if items.len() > max {
        d.error(
            ErrorCode::TooLarge,
            path,
            format!("{} items; at most {max} are accepted", items.len()),
        );
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match T::decode(d, item, &Path::Index(path, i)) {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A type that can be read from JSON with errors collected.
pub(crate) trait Decode: Sized {
    /// Read `v` (at `path`); on failure push errors and return `None`.
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self>;

    /// Read it straight from plain text at `depth` ([`typed`](crate::input::typed::typed)):
    /// `None` where the text must be read as a value and decoded instead. A type of the model
    /// reads its fields one by one ([`model!`](crate::model::declare::model)); any other reads
    /// its value and decodes it.
    fn read(r: &mut Reader<'_>, d: &mut Decoder, path: &Path<'_>, depth: usize) -> Option<Self> {
        let v = r.value(depth)?;
        Self::decode(d, &v, path)
    }
}

/// [`Decode::read`] of a type read from a string: a plain string straight from the text, without
/// a value built around it; anything else as a value (to be refused by its `decode`).
pub(crate) fn read_text<T: Decode>(
    r: &mut Reader<'_>,
    d: &mut Decoder,
    path: &Path<'_>,
    depth: usize,
) -> Option<T> {
    match r.string_value() {
        // A borrowed string owns nothing: not dropped, so no drop of a `Json` is left behind.
        Some(s) => T::decode(
            d,
            &std::mem::ManuallyDrop::new(Json::String(Cow::Borrowed(s))),
            path,
        ),
        None => {
            let v = r.value(depth)?;
            T::decode(d, &v, path)
        }
    }
}

/// The characters of `s`: its bytes that do not continue a character. (`chars().count()` and
/// `chars().nth()` bring in `core`'s counting by words, 800 bytes of wasm, for a limit counted
/// only for a string of more than 256 bytes.)
fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b & 0xC0) != 0x80).count()
}

impl Decode for String {
    fn read(r: &mut Reader<'_>, d: &mut Decoder, path: &Path<'_>, depth: usize) -> Option<Self> {
        read_text(r, d, path, depth)
    }

    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        match v {
            // No more characters than bytes: only a longer one is counted.
            Json::String(s)
                if s.len() > limits::MAX_STRING_CHARS
                    && char_count(s) > limits::MAX_STRING_CHARS =>
            {
                d.error(
                    ErrorCode::TooLarge,
                    path,
                    format!(
                        "a string longer than {} characters; at most {} are accepted",
                        limits::MAX_STRING_CHARS,
                        limits::MAX_STRING_CHARS
                    ),
                );
                None
            }
            Json::String(s) => Some(s.to_string()),
            other => {
                d.wrong_type(path, "a string", other);
                None
            }
        }
    }
}

impl Decode for bool {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                d.wrong_type(path, "a boolean", other);
                None
            }
        }
    }
}

impl Decode for u32 {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        // Its text, for the error only.
        let text = match v {
            Json::Int(i) => match u32::try_from(*i) {
                Ok(x) => return Some(x),
                Err(_) => crate::util::int_text(*i),
            },
            Json::Float(_, text) => text.to_string(),
            _ => {
                d.wrong_type(path, "a whole number", v);
                return None;
            }
        };
        let message = if matches!(v, Json::Int(i) if *i < 0) {
            format!("`{text}` is negative; expected a whole number from 0")
        } else {
            format!("`{text}` is not a whole number from 0 to {}", u32::MAX)
        };
        d.error(ErrorCode::OutOfRange, path, message);
        None
    }
}

/// Money: a decimal string (`"10.08"`) or a JSON number; never negative, at most 1e9.
impl Decode for Decimal {
    fn read(r: &mut Reader<'_>, d: &mut Decoder, path: &Path<'_>, depth: usize) -> Option<Self> {
        read_text(r, d, path, depth)
    }

    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let text: Cow<'_, str> = match v {
            Json::String(s) => Cow::Borrowed(s),
            // A JSON number by its text as `JSON.stringify` writes it (`1e2` is `100`).
            Json::Int(i) => Cow::Owned(crate::util::int_text(*i)),
            Json::Float(_, text) => Cow::Borrowed(text),
            other => {
                d.wrong_type(
                    path,
                    "an amount (a decimal string such as \"10.08\")",
                    other,
                );
                return None;
            }
        };
        match parse_money(&text) {
            Ok(x) => Some(x),
            Err(why) => {
                d.error(
                    ErrorCode::InvalidMoney,
                    path,
                    format!("`{}` {why}", clip(&text)),
                );
                None
            }
        }
    }
}

/// Parse a non-negative plain decimal: digits, optionally a point and more digits.
pub(crate) fn parse_money(text: &str) -> Result<Decimal, &'static str> {
    if text.starts_with('-') {
        return Err("is negative; amounts are never negative");
    }
    let (int, frac) = match crate::util::split_once_ascii(text, b'.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err("is not a decimal amount such as `10.08`");
    }
    if int.bytes().skip_while(|b| *b == b'0').count() > 10 || frac.is_some_and(|f| f.len() > 10) {
        return Err("is too large or too precise for an amount");
    }
    // Built from its digits rather than with `Decimal::from_str`, whose scientific-notation
    // parser the checks above exclude anyway (and which the wasm module need not carry).
    let scale = frac.map_or(0, str::len);
    // Its digits as one integer: at most twenty significant ones (checked above), so the
    // wrapping arithmetic never wraps.
    let mantissa = int
        .bytes()
        .chain(frac.unwrap_or("").bytes())
        .fold(0i128, |n, b| {
            n.wrapping_mul(10)
                .wrapping_add(i128::from(b.wrapping_sub(b'0')))
        });
    let value = u32::try_from(scale)
        .ok()
        .and_then(|scale| Decimal::try_from_i128_with_scale(mantissa, scale).ok())
        .ok_or("is too large or too precise for an amount")?;
    if value > Decimal::from(limits::MAX_UNIT_PRICE) {
        return Err("is larger than the largest accepted amount (1000000000)");
    }
    Ok(value)
}

/// An instant: RFC 3339 with an explicit offset (TIME-1), normalised to UTC.
impl Decode for DateTime<Utc> {
    fn read(r: &mut Reader<'_>, d: &mut Decoder, path: &Path<'_>, depth: usize) -> Option<Self> {
        read_text(r, d, path, depth)
    }

    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let Json::String(s) = v else {
            d.wrong_type(
                path,
                "a timestamp string such as \"2021-07-15T00:00:00Z\"",
                v,
            );
            return None;
        };
        match crate::time::parse_instant(s) {
            Ok(t) if t.year() <= limits::LATEST_YEAR => Some(t),
            Ok(_) => {
                d.push(
                    InputError::new(ErrorCode::OutOfRange, path, latest(s)).with_rule(Rule::Time1),
                );
                None
            }
            Err(why) => {
                d.push(
                    InputError::new(
                        ErrorCode::InvalidTimestamp,
                        path,
                        format!("`{}` {why}", clip(s)),
                    )
                    .with_rule(Rule::Time1),
                );
                None
            }
        }
    }
}

/// Why an instant or a date after [`limits::LATEST_YEAR`] is refused.
fn latest(s: &str) -> String {
    format!(
        "`{}` is after the year {}: the engine adds terms and windows to the instants it reads, \
         and every instant it answers with must stay within RFC 3339's four-digit years",
        clip(s),
        // As a u32: the module then needs no i32 formatter.
        limits::LATEST_YEAR.unsigned_abs()
    )
}

/// A calendar date `YYYY-MM-DD`.
impl Decode for NaiveDate {
    fn read(r: &mut Reader<'_>, d: &mut Decoder, path: &Path<'_>, depth: usize) -> Option<Self> {
        read_text(r, d, path, depth)
    }

    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let Json::String(s) = v else {
            d.wrong_type(path, "a date string such as \"2021-08-14\"", v);
            return None;
        };
        match crate::time::calendar_date(s) {
            Some(date) if date.year() <= limits::LATEST_YEAR => Some(date),
            Some(_) => {
                d.error(ErrorCode::OutOfRange, path, latest(s));
                None
            }
            None => {
                d.error(
                    ErrorCode::InvalidDate,
                    path,
                    format!("`{}` is not a calendar date such as `2021-08-14`", clip(s)),
                );
                None
            }
        }
    }
}

impl<'a> Obj<'a, '_> {
    /// Read the tag of an internally tagged enum.
    pub(crate) fn tag(
        &mut self,
        d: &mut Decoder,
        name: &'static str,
        allowed: &[&str],
    ) -> Option<&'a str> {
        let path = Path::Key(self.path, name);
        match self.get(d, name) {
            Some(Json::String(s)) => {
                if allowed.contains(&s.as_ref()) {
                    Some(s.as_ref())
                } else {
                    d.error(
                        ErrorCode::UnknownVariant,
                        &path,
                        format!(
                            "`{}` is not one of {}",
                            clip(s),
                            crate::util::quoted_list(allowed.iter().copied())
                        ),
                    );
                    None
                }
            }
            Some(other) => {
                d.wrong_type(&path, "a string", other);
                None
            }
            None => {
                missing(d, &path, name);
                None
            }
        }
    }
}

/// Every enum that travels as a string ([`WireName`]): its wire names, or `unknownVariant`
/// listing them (with the rule a near miss points to, e.g. `expired`, SUSP-5). The work is done
/// once, in [`wire_index`]; each enum only maps the index back.
impl<T: WireName> Decode for T {
    /// One of its names, compared in place; anything else as [`read_text`] reads it (to be
    /// refused below).
    fn read(r: &mut Reader<'_>, d: &mut Decoder, path: &Path<'_>, depth: usize) -> Option<Self> {
        match r.string_in(T::NAMES) {
            Some(i) => T::VALUES.get(i).copied(),
            None => read_text(r, d, path, depth),
        }
    }

    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        if let Json::String(s) = v {
            if let Some(x) = T::from_wire_name(s) {
                return Some(x);
            }
        }
        let near_miss = match v {
            Json::String(s) => T::near_miss(s),
            _ => None,
        };
        wire_index(d, v, path, T::NAMES, near_miss);
        None
    }
}

/// Report why `v` is not one of `names` (a wrong type, or an unknown value).
fn wire_index(
    d: &mut Decoder,
    v: &Json<'_>,
    path: &Path<'_>,
    names: &[&'static str],
    near_miss: Option<(&'static str, &'static str)>,
) {
    let Json::String(s) = v else {
        d.wrong_type(path, "a string", v);
        return;
    };
    let mut e = InputError::new(
        ErrorCode::UnknownVariant,
        path,
        format!(
            "`{}` is not one of {}",
            clip(s),
            crate::util::quoted_list(names.iter().copied())
        ),
    );
    if let Some((note, id)) = near_miss {
        e.message.push_str(note);
        if let Some(rule) = Rule::from_id(id) {
            e = e.with_rule(rule);
        }
    }
    d.push(e);
}

/// Read a typed value from a JSON value, collecting every problem.
pub(crate) fn from_value<T: Decode>(value: &Json<'_>) -> Result<T, Vec<InputError>> {
    from_value_at(value, &Path::Root)
}

/// [`from_value`] for a value at `path` (a prepared subscription's `action` or `now`).
pub(crate) fn from_value_at<T: Decode>(
    value: &Json<'_>,
    path: &Path<'_>,
) -> Result<T, Vec<InputError>> {
    let mut d = Decoder {
        errors: Vec::new(),
        // More than the names a request's nested objects ask for at once (about 40).
        asked: Vec::with_capacity(64),
    };
    match T::decode(&mut d, value, path) {
        Some(x) if d.errors.is_empty() => Ok(x),
        _ => {
            if d.errors.is_empty() {
                d.errors.push(InputError::new(
                    ErrorCode::InvalidValue,
                    path.render(),
                    "the request could not be read",
                ));
            }
            Err(d.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::text::from_str;
    use crate::model::request::{Actor, Request};
    use chrono::NaiveDateTime;

    /// The checks as they were written with chrono's format-string parser, kept as the oracle.
    fn chrono_date(s: &str) -> Option<NaiveDate> {
        (s.len() == 10)
            .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .flatten()
    }

    fn chrono_naive(s: &str) -> bool {
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(s, f).is_ok())
    }

    const SAMPLES: &[&str] = &[
        "2021-07-15",
        "2021-02-28",
        "2021-02-29",
        "2020-02-29",
        "2021-13-01",
        "2021-00-10",
        "2021-04-31",
        "2021-12-31",
        "0001-01-01",
        "9999-12-31",
        "2021/07/15",
        "20210715",
        "2021-07-1",
        "2021-07-155",
        "",
        "x",
        "2021-07-15T09:00:00",
        "2021-07-15 09:00:00",
        "2021-07-15T09:00",
        "2021-07-15T09:00:00.5",
        "2021-07-15T09:00:00.123456789",
        "2021-07-15T23:59:59",
        "2021-07-15T24:00:00",
        "2021-07-15T09:60:00",
        "2021-07-15T09:00:61",
        "2021-02-30T09:00:00",
        "2021-07-15T09:00:00Z",
        "2021-07-15T09:00:00+02:00",
        "2021-07-15T9:00:00",
        "2021-7-5T09:00:00",
        "2021-07-15 09:00",
        "2021-07-15T9:5",
        "2021-07-15T09:00:60",
        "2021-07-15T09:00:00.5Z",
        "2021-07-15 T09:00:00",
        "2021-07-15T09:00:00.",
        "2021-07-15T09",
        "2021-07-15X09:00:00",
        "2021-07-15T09:00:00:00",
        "1 July 2021",
        "2021-+7-15",
        "2021-07-+5",
        "2021-+7-15T09:00:00",
        "2021-07-15T+9:00:00",
        "2021-07-15T09:+0:00",
        "2021-07-15T09:00:+0",
        "2021-07-15T-9:00:00",
    ];

    /// A signed year, which chrono's `%Y` reads, is not taken for a date (the instant's message is
    /// then the general one): the checks have always read digits only.
    #[test]
    fn a_signed_year_is_not_a_date() {
        for s in [
            "+021-07-15",
            "-021-07-15",
            "+2021-07-15T09:00:00",
            "-2021-07-15T09:00:00",
        ] {
            assert!(chrono_date(s).is_some() || chrono_naive(s), "{s:?}");
            assert_eq!(crate::time::calendar_date(s), None, "{s:?}");
            assert!(!crate::time::naive_date_time(s), "{s:?}");
        }
    }

    proptest::proptest! {
        /// Strings of digits and the separators around them, read as chrono's format strings
        /// read them (the digits are counted by hand, not by `str::parse`), but for a signed
        /// year (above).
        #[test]
        fn dates_and_times_agree_with_chrono_on_random_text(s in "[0-9+ T:.-]{0,24}") {
            proptest::prop_assume!(!s.starts_with(['+', '-']));
            proptest::prop_assert_eq!(crate::time::calendar_date(&s), chrono_date(&s), "{:?}", s);
            proptest::prop_assert_eq!(crate::time::naive_date_time(&s), chrono_naive(&s), "{:?}", s);
        }

        #[test]
        fn char_count_is_chars_count(s in "\\PC{0,40}") {
            proptest::prop_assert_eq!(char_count(&s), s.chars().count());
        }
    }

    #[test]
    fn calendar_date_agrees_with_chrono_format_parsing() {
        for s in SAMPLES {
            assert_eq!(crate::time::calendar_date(s), chrono_date(s), "{s:?}");
        }
    }

    #[test]
    fn naive_date_time_agrees_with_chrono_format_parsing() {
        for s in SAMPLES {
            assert_eq!(crate::time::naive_date_time(s), chrono_naive(s), "{s:?}");
        }
    }

    #[test]
    fn money_is_the_decimal_from_str_reads() {
        use std::str::FromStr;
        for s in [
            "10.08",
            "0",
            "0.00",
            "10.080",
            "007.5",
            "9999999999.9999999999",
            "1000000000",
            "0000000000000001.25",
        ] {
            let ours = parse_money(s).map(|d| (d, d.scale()));
            let theirs = Decimal::from_str(s).map(|d| (d, d.scale())).map_err(|_| "");
            assert_eq!(
                ours.ok(),
                theirs
                    .ok()
                    .filter(|(d, _)| *d <= Decimal::from(limits::MAX_UNIT_PRICE)),
                "{s}"
            );
        }
        for s in [
            "",
            ".5",
            "5.",
            "1e3",
            "-1",
            "1,5",
            "12345678901",
            "1.12345678901",
            "1000000000.01",
        ] {
            assert!(parse_money(s).is_err(), "{s}");
        }
    }

    #[test]
    fn unknown_fields_are_reported_sorted_by_key_up_to_the_cap() {
        // Fields in reverse order, more unknown ones than errors are kept.
        let fields: Vec<String> = (0..150)
            .rev()
            .map(|i| format!("\"k{i:03}\": {i}"))
            .collect();
        let text = format!("{{{}}}", fields.join(", "));
        let errors = from_str::<Actor>(&text).unwrap_err();
        assert_eq!(errors.len(), limits::MAX_ERRORS);
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        // `roles` and `partnerKind` are missing (asked for first), then the unknown keys.
        assert_eq!(paths[..2], ["roles", "partnerKind"]);
        let expected: Vec<String> = (0..98).map(|i| format!("k{i:03}")).collect();
        assert_eq!(paths[2..], expected);
    }

    #[test]
    fn an_object_that_stops_early_leaves_its_parent_the_names_it_asked_for() {
        // `change` and `target` stop at their bad `kind` (without `finish`); every object around
        // them still lists exactly its own fields as the known ones.
        let text = r#"{"now": "2021-07-15T09:00:00Z", "zz": 1,
            "actor": {"roles": ["adminAgent"], "partnerKind": "directBill"},
            "subscription": {"scheduledChanges": [{"id": "sc", "change": {"kind": "bad"},
            "yy": 1}], "xx": 1},
            "action": {"type": "upgrade", "targetSku": "E5", "quantity": 1,
            "target": {"kind": "bad"}, "ww": 1}}"#;
        let errors = from_str::<Request>(text).unwrap_err();
        let known = |path: &str| {
            let e = errors.iter().find(|e| e.path == path).unwrap();
            e.message
                .split("expected one of ")
                .nth(1)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            known("subscription.scheduledChanges[0].yy"),
            "`id`, `change`"
        );
        assert!(known("subscription.xx").starts_with("`id`, `name`, `offerId`, `sku`"));
        assert!(known("subscription.xx").ends_with("`seatAdditions`, `upgradedFrom`"));
        assert_eq!(
            known("zz"),
            "`now`, `actor`, `subscription`, `customer`, `offer`, `edition`, `policy`, \
             `locale`, `action`"
        );
        // `target` stops early too, and `timing` is asked for after it.
        assert_eq!(
            known("action.ww"),
            "`type`, `targetSku`, `quantity`, `target`, `timing`"
        );
        for path in [
            "subscription.scheduledChanges[0].change.kind",
            "action.target.kind",
        ] {
            assert!(errors.iter().any(|e| e.path == path), "{path}");
        }
    }

    #[test]
    fn time_1_messages() {
        assert!(crate::time::parse_instant("2021-07-15T09:00:00Z").is_ok());
        assert!(crate::time::parse_instant("2021-07-17T09:00:00")
            .is_err_and(|m| m.starts_with("has no UTC offset")));
        assert!(crate::time::parse_instant("2021-07-17").is_err_and(|m| m.starts_with("is a date")));
        assert!(crate::time::parse_instant("2021-02-30T00:00:00Z")
            .is_err_and(|m| m.starts_with("is not an RFC 3339")));
    }
}
