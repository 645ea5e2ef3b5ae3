//! JSON to model, reporting every problem with its path.
//!
//! serde stops at the first error; a form wants them all. This reader walks a [`Json`] value
//! (its strings borrowed from the text or bytes it was read from) and collects each problem as
//! an [`InputError`] with the path of its field, then hands back the typed value only if there
//! were none. It accepts exactly the shapes the serde derives of [`crate::model`] accept
//! (camelCase, unknown fields rejected, defaults for the optional ones), which a test checks on
//! every fixture.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::edition::EditionChoice;
use crate::error::{ErrorCode, InputError};
use crate::i18n::Locale;
use crate::json::{Fields, Json};
use crate::limits;
use crate::model::*;
use crate::policy::{PolicyOverrides, RoleTable, Rounding, SeatReduction};
use crate::rule::Rule;

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

    fn error(&mut self, code: ErrorCode, path: &Path<'_>, message: String) {
        self.push(InputError::new(code, path, message));
    }

    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, found: &Json<'_>) {
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
        Json::Number(n) => format!("number `{}`", crate::util::number_text(n)),
        Json::String(s) => format!("string `{}`", clip(s)),
        Json::Array(_) => "an array".into(),
        Json::Object(_) => "an object".into(),
    }
}

/// Quote at most 40 characters of user input.
pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

pub(crate) fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
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
}

impl<'a, 'p> Obj<'a, 'p> {
    /// Note `name` as asked for, and look it up (`null` included).
    fn lookup(&mut self, d: &mut Decoder, name: &'static str) -> Option<&'a Json<'a>> {
        // Whatever an object read inside this one left on the stack (one that returned early
        // without `finish`) is dropped before this object's next name.
        d.asked.truncate(self.start + self.count);
        d.asked.push(name);
        self.count += 1;
        let (i, v) = self.map.find(name)?;
        if let Some(bit) = u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)) {
            self.found |= bit;
        }
        Some(v)
    }

    /// [`Obj::lookup`], with `null` read as absent.
    fn get(&mut self, d: &mut Decoder, name: &'static str) -> Option<&'a Json<'a>> {
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
                d.error(
                    ErrorCode::MissingField,
                    &path,
                    format!("`{name}` is required"),
                );
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
                d.error(
                    ErrorCode::MissingField,
                    &path,
                    format!("`{name}` is required"),
                );
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
}

impl Decode for String {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        match v {
            Json::String(s) if s.chars().nth(limits::MAX_STRING_CHARS).is_some() => {
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
        let Json::Number(n) = v else {
            d.wrong_type(path, "a whole number", v);
            return None;
        };
        // A count is an integer literal: `10.0` or `1e1` is not one (nor is it to serde).
        let whole = if let Some(u) = n.as_u64() {
            Some(u)
        } else if n.as_i64().is_some() {
            d.error(
                ErrorCode::OutOfRange,
                path,
                format!(
                    "`{}` is negative; expected a whole number from 0",
                    crate::util::number_text(n)
                ),
            );
            return None;
        } else {
            None
        };
        match whole.and_then(|u| u32::try_from(u).ok()) {
            Some(x) => Some(x),
            None => {
                d.error(
                    ErrorCode::OutOfRange,
                    path,
                    format!(
                        "`{}` is not a whole number from 0 to {}",
                        crate::util::number_text(n),
                        u32::MAX
                    ),
                );
                None
            }
        }
    }
}

/// Money: a decimal string (`"10.08"`) or a JSON number; never negative, at most 1e9.
impl Decode for Decimal {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let text: Cow<'_, str> = match v {
            Json::String(s) => Cow::Borrowed(s),
            // A JSON number is read as serde reads it (`f64::to_string`, then the decimal): the
            // same digits as its JSON text, without a trailing `.0` (`1e2` is `100`).
            Json::Number(n) => {
                let text = crate::util::number_text(n);
                Cow::Owned(match text.strip_suffix(".0") {
                    Some(whole) => whole.to_string(),
                    None => text,
                })
            }
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
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err("is not a decimal amount such as `10.08`");
    }
    if int.trim_start_matches('0').len() > 10 || frac.is_some_and(|f| f.len() > 10) {
        return Err("is too large or too precise for an amount");
    }
    // Built from its digits rather than with `Decimal::from_str`, whose scientific-notation
    // parser the checks above exclude anyway (and which the wasm module need not carry).
    let scale = frac.map_or(0, str::len);
    let mantissa: i128 = format!("{int}{}", frac.unwrap_or(""))
        .parse()
        .map_err(|_| "is not a decimal amount such as `10.08`")?;
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
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let Json::String(s) = v else {
            d.wrong_type(
                path,
                "a timestamp string such as \"2021-07-15T00:00:00Z\"",
                v,
            );
            return None;
        };
        match parse_instant(s) {
            Ok(t) => Some(t),
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

/// TIME-1: parse an RFC 3339 timestamp that carries `Z` or `±hh:mm`; never guess a zone.
pub fn parse_instant(s: &str) -> Result<DateTime<Utc>, &'static str> {
    if let Some(t) = crate::time::parse_rfc3339(s) {
        return Ok(t);
    }
    // Only the message depends on what follows. These checks are written out rather than given
    // to chrono's `parse_from_str`: its format-string parser is a third of the wasm module.
    if naive_date_time(s) {
        return Err("has no UTC offset; add `Z` or `±hh:mm` (all times are UTC, TIME-1)");
    }
    if calendar_date(s).is_some() {
        return Err("is a date, not an instant; add a time and an offset, e.g. `T00:00:00Z`");
    }
    Err("is not an RFC 3339 timestamp such as `2021-07-15T00:00:00Z` (or names a day or time that does not exist)")
}

/// `YYYY-MM-DD` naming a day that exists.
fn calendar_date(s: &str) -> Option<NaiveDate> {
    let number = |from: usize, to: usize| -> Option<u32> {
        let part = s.get(from..to)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if s.len() != 10 || s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)
}

/// A date and a time of day that exist, without an offset: `YYYY-M-D[T ]h:m[:s[.fff]]`, where
/// month, day, hour, minute and second have one or two digits (as chrono's `%m`, `%H`… read them).
fn naive_date_time(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T').or_else(|| s.split_once(' ')) else {
        return false;
    };
    let small = |part: &str| -> Option<u32> {
        let ok = (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| part.parse().ok()).flatten()
    };
    let mut ymd = date.split('-');
    let (Some(y), Some(m), Some(d), None) = (ymd.next(), ymd.next(), ymd.next(), ymd.next()) else {
        return false;
    };
    let year = (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse::<i32>().ok())
        .flatten();
    let day = match (year, small(m), small(d)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    if day.is_none() {
        return false;
    }
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut hms = clock.split(':');
    let (Some(h), Some(m)) = (hms.next().and_then(small), hms.next().and_then(small)) else {
        return false;
    };
    let sec = match hms.next() {
        // `%Y-%m-%dT%H:%M` takes no seconds, and no fraction without them.
        None if fraction.is_none() && s.contains('T') => 0,
        None => return false,
        Some(p) => match small(p) {
            Some(sec) => sec,
            None => return false,
        },
    };
    // A leap second (`:60`) is a time of day, as chrono reads it.
    hms.next().is_none() && h < 24 && m < 60 && sec <= 60
}

/// A calendar date `YYYY-MM-DD`.
impl Decode for NaiveDate {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let Json::String(s) = v else {
            d.wrong_type(path, "a date string such as \"2021-08-14\"", v);
            return None;
        };
        match calendar_date(s) {
            Some(date) => Some(date),
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

macro_rules! decode_enums {
    ($($t:ty),* $(,)?) => {$(
        impl Decode for $t {
            fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
                let Json::String(s) = v else {
                    d.wrong_type(path, "a string", v);
                    return None;
                };
                match <$t>::parse(s) {
                    Some(x) => Some(x),
                    None => {
                        let allowed: Vec<&str> = <$t>::ALL.iter().map(|x| x.as_str()).collect();
                        let mut e = InputError::new(
                            ErrorCode::UnknownVariant,
                            path,
                            format!("`{}` is not one of {}", clip(s), crate::util::quoted_list(allowed.iter().copied())),
                        );
                        if s == "expired" && stringify!($t) == "Status" {
                            e.message.push_str(" (there is no expired state, SUSP-5)");
                            e = e.with_rule(Rule::Susp5);
                        }
                        d.push(e);
                        None
                    }
                }
            }
        }
    )*};
}

decode_enums!(
    CommerceModel,
    BillingType,
    BillingFrequency,
    Term,
    Status,
    Role,
    PartnerKind,
    Segment,
    Publisher,
    Category,
    ProductType,
    SuspendReason,
    AddOnChannel,
    Timing,
    Rounding,
    ActionKind,
    SeatReduction,
    EditionChoice,
    Locale,
);

impl Decode for Subscription {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let name = o.opt(d, "name");
        let offer_id = o.req(d, "offerId");
        let sku = o.req(d, "sku");
        let commerce_model = o.req(d, "commerceModel");
        let billing_type = o.req(d, "billingType");
        let billing_frequency = o.req(d, "billingFrequency");
        let term = o.req(d, "term");
        let status = o.req(d, "status");
        let ordered_at = o.req(d, "orderedAt");
        let term_start = o.req(d, "termStart");
        let term_end = o.opt(d, "termEnd");
        let quantity = o.opt(d, "quantity");
        let unit_price = o.opt(d, "unitPrice");
        let currency = o.req(d, "currency");
        let auto_renew = o.or(d, "autoRenew", true); // RENEW-1: on by default
        let trial_ends_at = o.opt(d, "trialEndsAt");
        let add_ons = o.default_list(d, "addOns", limits::MAX_ADD_ONS);
        let scheduled_changes =
            o.default_list(d, "scheduledChanges", limits::MAX_SCHEDULED_CHANGES);
        let upgrade_paths = o.default_list(d, "upgradePaths", limits::MAX_UPGRADE_PATHS);
        let suspended_at = o.opt(d, "suspendedAt");
        let publisher_action_required = o.or(d, "publisherActionRequired", false);
        let reseller_id = o.opt(d, "resellerId");
        let account_opened_at = o.opt(d, "accountOpenedAt");
        let billing_started_at = o.opt(d, "billingStartedAt");
        let seat_additions = o.opt_list(d, "seatAdditions", limits::MAX_SEAT_ADDITIONS);
        o.finish(d);
        Some(Subscription {
            id: id?,
            name: name?,
            offer_id: offer_id?,
            sku: sku?,
            commerce_model: commerce_model?,
            billing_type: billing_type?,
            billing_frequency: billing_frequency?,
            term: term?,
            status: status?,
            ordered_at: ordered_at?,
            term_start: term_start?,
            term_end: term_end?,
            quantity: quantity?,
            unit_price: unit_price?,
            currency: currency?,
            auto_renew: auto_renew?,
            trial_ends_at: trial_ends_at?,
            add_ons: add_ons?.unwrap_or_default(),
            scheduled_changes: scheduled_changes?.unwrap_or_default(),
            upgrade_paths: upgrade_paths?.unwrap_or_default(),
            suspended_at: suspended_at?,
            publisher_action_required: publisher_action_required?,
            reseller_id: reseller_id?,
            account_opened_at: account_opened_at?,
            billing_started_at: billing_started_at?,
            seat_additions: seat_additions?.unwrap_or_default(),
        })
    }
}

impl Decode for SeatAddition {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let added_at = o.req(d, "addedAt");
        let quantity = o.req(d, "quantity");
        o.finish(d);
        Some(SeatAddition {
            added_at: added_at?,
            quantity: quantity?,
        })
    }
}

impl Decode for AddOn {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let offer_id = o.opt(d, "offerId");
        let status = o.req(d, "status");
        o.finish(d);
        Some(AddOn {
            id: id?,
            offer_id: offer_id?,
            status: status?,
        })
    }
}

impl Decode for ScheduledChange {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let change = o.req(d, "change");
        o.finish(d);
        Some(ScheduledChange {
            id: id?,
            change: change?,
        })
    }
}

/// Read the tag of an internally tagged enum.
fn tag<'a>(
    d: &mut Decoder,
    o: &mut Obj<'a, '_>,
    name: &'static str,
    allowed: &[&str],
) -> Option<&'a str> {
    let path = Path::Key(o.path, name);
    match o.get(d, name) {
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
            d.error(
                ErrorCode::MissingField,
                &path,
                format!("`{name}` is required"),
            );
            None
        }
    }
}

impl Decode for Change {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let kind = tag(
            d,
            &mut o,
            "kind",
            &[
                "skuUpgrade",
                "skuDowngrade",
                "quantity",
                "term",
                "billingFrequency",
            ],
        )?;
        let out = match kind {
            "skuUpgrade" => o
                .req(d, "targetSku")
                .map(|target_sku| Change::SkuUpgrade { target_sku }),
            "skuDowngrade" => o
                .req(d, "targetSku")
                .map(|target_sku| Change::SkuDowngrade { target_sku }),
            "quantity" => o
                .req(d, "quantity")
                .map(|quantity| Change::Quantity { quantity }),
            "term" => o.req(d, "term").map(|term| Change::Term { term }),
            _ => o
                .req(d, "billingFrequency")
                .map(|billing_frequency| Change::BillingFrequency { billing_frequency }),
        };
        o.finish(d);
        out
    }
}

impl Decode for Customer {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let segment = o.req(d, "segment");
        let billing_country = o.req(d, "billingCountry");
        let subscriptions = o.default_list(d, "subscriptions", limits::MAX_CUSTOMER_SUBSCRIPTIONS);
        o.finish(d);
        Some(Customer {
            id: id?,
            segment: segment?,
            billing_country: billing_country?,
            subscriptions: subscriptions?.unwrap_or_default(),
        })
    }
}

impl Decode for SubscriptionRef {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let offer_id = o.req(d, "offerId");
        let sku = o.req(d, "sku");
        let status = o.req(d, "status");
        let term_end = o.opt(d, "termEnd");
        o.finish(d);
        Some(SubscriptionRef {
            id: id?,
            offer_id: offer_id?,
            sku: sku?,
            status: status?,
            term_end: term_end?,
        })
    }
}

impl Decode for Offer {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let id = o.req(d, "id");
        let name = o.opt(d, "name");
        let publisher = o.req(d, "publisher");
        let billing_type = o.req(d, "billingType");
        let category = o.req(d, "category");
        let product_type = o.or(d, "productType", ProductType::Saas);
        let one_per_customer = o.or(d, "onePerCustomer", false);
        let segments = o.default_list(d, "segments", limits::MAX_SMALL_LIST);
        let supported_countries = o.opt_list(d, "supportedCountries", limits::MAX_SMALL_LIST);
        let available_in_csp = o.or(d, "availableInCsp", true);
        let exclusive_partners = o.opt_list(d, "exclusivePartners", limits::MAX_SMALL_LIST);
        let min_quantity = o.opt(d, "minQuantity");
        let max_quantity = o.opt(d, "maxQuantity");
        let free_trial = o.or(d, "freeTrial", false);
        let trial_days = o.opt(d, "trialDays");
        let add_on_for = o.opt_list(d, "addOnFor", limits::MAX_SMALL_LIST);
        let available_countries = o.opt_list(d, "availableCountries", limits::MAX_SMALL_LIST);
        let unit_price = o.opt(d, "unitPrice");
        let currency = o.opt(d, "currency");
        o.finish(d);
        Some(Offer {
            id: id?,
            name: name?,
            publisher: publisher?,
            billing_type: billing_type?,
            category: category?,
            product_type: product_type?,
            one_per_customer: one_per_customer?,
            segments: segments?.unwrap_or_else(|| Segment::ALL.to_vec()),
            supported_countries: supported_countries?,
            available_in_csp: available_in_csp?,
            exclusive_partners: exclusive_partners?,
            min_quantity: min_quantity?,
            max_quantity: max_quantity?,
            free_trial: free_trial?,
            trial_days: trial_days?,
            add_on_for: add_on_for?,
            available_countries: available_countries?,
            unit_price: unit_price?,
            currency: currency?,
        })
    }
}

impl Decode for Actor {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let roles = o.list(d, "roles", limits::MAX_ROLES);
        let partner_kind = o.req(d, "partnerKind");
        let partner_id = o.opt(d, "partnerId");
        o.finish(d);
        Some(Actor {
            roles: roles?,
            partner_kind: partner_kind?,
            partner_id: partner_id?,
        })
    }
}

impl Decode for UpgradeTarget {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let kind = tag(d, &mut o, "kind", &["new", "existing"])?;
        let out = match kind {
            "new" => Some(UpgradeTarget::New),
            _ => o
                .req(d, "subscriptionId")
                .map(|subscription_id| UpgradeTarget::Existing { subscription_id }),
        };
        o.finish(d);
        out
    }
}

impl Decode for Action {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let names: Vec<&str> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
        let kind = ActionKind::parse(tag(d, &mut o, "type", &names)?)?;
        let out = match kind {
            ActionKind::Purchase => o
                .opt(d, "quantity")
                .map(|quantity| Action::Purchase { quantity }),
            ActionKind::PurchaseAddOn => {
                let quantity = o.req(d, "quantity");
                let channel = o.or(d, "channel", AddOnChannel::BaseSubscription);
                quantity
                    .zip(channel)
                    .map(|(quantity, channel)| Action::PurchaseAddOn { quantity, channel })
            }
            ActionKind::ChangeQuantity => o
                .req(d, "quantity")
                .map(|quantity| Action::ChangeQuantity { quantity }),
            ActionKind::Rename => o.req(d, "name").map(|name| Action::Rename { name }),
            ActionKind::SetAutoRenew => o
                .req(d, "enabled")
                .map(|enabled| Action::SetAutoRenew { enabled }),
            ActionKind::SetResellerId => o
                .req(d, "resellerId")
                .map(|reseller_id| Action::SetResellerId { reseller_id }),
            ActionKind::Activate => {
                let licenses_assigned = o.req(d, "licensesAssigned");
                let setup_confirmed = o.req(d, "setupConfirmed");
                licenses_assigned.zip(setup_confirmed).map(
                    |(licenses_assigned, setup_confirmed)| Action::Activate {
                        licenses_assigned,
                        setup_confirmed,
                    },
                )
            }
            ActionKind::Suspend => o.req(d, "reason").map(|reason| Action::Suspend { reason }),
            ActionKind::Reactivate => Some(Action::Reactivate),
            ActionKind::Cancel => Some(Action::Cancel),
            ActionKind::Pause => Some(Action::Pause),
            ActionKind::Resume => Some(Action::Resume),
            ActionKind::ScheduleChange => o
                .req(d, "change")
                .map(|change| Action::ScheduleChange { change }),
            ActionKind::CancelScheduledChange => o
                .req(d, "changeId")
                .map(|change_id| Action::CancelScheduledChange { change_id }),
            ActionKind::Upgrade => {
                let target_sku = o.req(d, "targetSku");
                let quantity = o.req(d, "quantity");
                let target = o.req(d, "target");
                let timing = o.or(d, "timing", Timing::Now);
                match (target_sku, quantity, target, timing) {
                    (Some(target_sku), Some(quantity), Some(target), Some(timing)) => {
                        Some(Action::Upgrade {
                            target_sku,
                            quantity,
                            target,
                            timing,
                        })
                    }
                    _ => None,
                }
            }
        };
        o.finish(d);
        out
    }
}

impl Decode for RoleTable {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let defaults = RoleTable::default();
        let mut o = d.object(v, path)?;
        let marketplace_management = o.default_list(d, "marketplaceManagement", limits::MAX_ROLES);
        let general = o.default_list(d, "general", limits::MAX_ROLES);
        o.finish(d);
        Some(RoleTable {
            marketplace_management: marketplace_management?
                .unwrap_or(defaults.marketplace_management),
            general: general?.unwrap_or(defaults.general),
        })
    }
}

impl Decode for Request {
    fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
        let mut o = d.object(v, path)?;
        let now = o.req(d, "now"); // TIME-2: the evaluation instant is an input
        let actor = o.req(d, "actor");
        let subscription = o.opt(d, "subscription");
        let customer = o.opt(d, "customer");
        let offer = o.opt(d, "offer");
        let edition = o.or(d, "edition", EditionChoice::E2021);
        let policy = o.or(d, "policy", PolicyOverrides::default());
        let locale = o.or(d, "locale", Locale::En);
        let action = o.req(d, "action");
        o.finish(d);
        Some(Request {
            now: now?,
            actor: actor?,
            subscription: subscription?,
            customer: customer?,
            offer: offer?,
            edition: edition?,
            policy: policy?,
            locale: locale?,
            action: action?,
        })
    }
}

/// Read a typed value from JSON text, collecting every problem.
pub(crate) fn from_str<T: Decode>(text: &str) -> Result<T, Vec<InputError>> {
    if text.len() > limits::MAX_REQUEST_BYTES {
        return Err(vec![InputError::new(
            ErrorCode::TooLarge,
            "",
            format!(
                "request of {} bytes; at most {} are accepted",
                text.len(),
                limits::MAX_REQUEST_BYTES
            ),
        )]);
    }
    let value = parse_json(text)?;
    from_value(&value)
}

/// Parse JSON text into a value, reporting every key that appears twice in one object (serde_json
/// alone keeps the last silently, so a garbled first copy would go unnoticed). The value borrows
/// every string of `text` that has no escape.
pub(crate) fn parse_json(text: &str) -> Result<Json<'_>, Vec<InputError>> {
    let duplicates = std::cell::RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = serde::de::DeserializeSeed::deserialize(
        Strict {
            at: &Path::Root,
            duplicates: &duplicates,
        },
        &mut de,
    )
    .and_then(|v| de.end().map(|()| v));
    let value = parsed.map_err(|e| {
        vec![InputError::new(
            ErrorCode::InvalidJson,
            "",
            format!("not valid JSON: {e}"),
        )]
    })?;
    let duplicates = duplicates.into_inner();
    if duplicates.is_empty() {
        return Ok(value);
    }
    Err(duplicates
        .into_iter()
        .take(limits::MAX_ERRORS)
        .map(|path: String| {
            let key = path.rsplit('.').next().unwrap_or(&path).to_string();
            InputError::new(
                ErrorCode::DuplicateField,
                path.clone(),
                format!("field `{}` appears more than once", clip(&key)),
            )
        })
        .collect())
}

/// A [`Json`] reader that notes duplicate keys.
struct Strict<'a> {
    at: &'a Path<'a>,
    duplicates: &'a std::cell::RefCell<Vec<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = Json<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
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
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
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
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict {
            at: &Path::Index(self.at, out.len()),
            duplicates: self.duplicates,
        })? {
            out.push(v);
        }
        Ok(Json::Array(out))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut out = Fields::default();
        let mut seen: Option<std::collections::BTreeSet<Cow<'de, str>>> = None;
        while let Some(key) = map.next_key_seed(Key)? {
            let v = map.next_value_seed(Strict {
                at: &Path::Key(self.at, &key),
                duplicates: self.duplicates,
            })?;
            let repeated = if out.len() < LINEAR_FIELDS {
                out.contains(&key)
            } else {
                let seen =
                    seen.get_or_insert_with(|| out.keys().map(|k| k.to_owned().into()).collect());
                !seen.insert(key.clone())
            };
            if repeated {
                self.duplicates
                    .borrow_mut()
                    .push(Path::Key(self.at, &key).render());
            }
            out.push(key, v);
        }
        Ok(Json::Object(out))
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

/// Read a typed value from a JSON value, collecting every problem.
pub(crate) fn from_value<T: Decode>(value: &Json<'_>) -> Result<T, Vec<InputError>> {
    let mut d = Decoder {
        errors: Vec::new(),
        // More than the names a request's nested objects ask for at once (about 40).
        asked: Vec::with_capacity(64),
    };
    match T::decode(&mut d, value, &Path::Root) {
        Some(x) if d.errors.is_empty() => Ok(x),
        _ => {
            if d.errors.is_empty() {
                d.errors.push(InputError::new(
                    ErrorCode::InvalidValue,
                    "",
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
    ];

    #[test]
    fn calendar_date_agrees_with_chrono_format_parsing() {
        for s in SAMPLES {
            assert_eq!(calendar_date(s), chrono_date(s), "{s:?}");
        }
    }

    #[test]
    fn naive_date_time_agrees_with_chrono_format_parsing() {
        for s in SAMPLES {
            assert_eq!(naive_date_time(s), chrono_naive(s), "{s:?}");
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
        assert!(known("subscription.xx").ends_with("`billingStartedAt`, `seatAdditions`"));
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
        assert!(parse_instant("2021-07-15T09:00:00Z").is_ok());
        assert!(
            parse_instant("2021-07-17T09:00:00").is_err_and(|m| m.starts_with("has no UTC offset"))
        );
        assert!(parse_instant("2021-07-17").is_err_and(|m| m.starts_with("is a date")));
        assert!(parse_instant("2021-02-30T00:00:00Z")
            .is_err_and(|m| m.starts_with("is not an RFC 3339")));
    }
}
