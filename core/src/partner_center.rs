//! The publisher's API: its Subscription resource read into this engine's facts
//! ([`from_partner_center`]), and the engine's windows compared with what the resource states
//! ([`check_against_partner_center`]). `../shared/partner-center/RESOURCE.md` lists the fields.
//!
//! Every field of the resource is either read into a fact or named in the answer's `ignored`
//! list. A value the engine cannot represent (an unknown status, a `billingCycle` of `none`) is an
//! input error at the resource's own field path. Field names are read in camelCase and in
//! PascalCase (`Id`, `Status`, `CommitmentEndDate`, as the .NET SDK writes them); a field given
//! in both spellings is an error. The readings chosen are in the README ("From the publisher's
//! API") and on each function below.

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::error::{ErrorCode, InputError, InputErrors};
use crate::input::json::{Fields, Json};
use crate::model::decision::{Decision, RefundOption, RefundableQuantity};
use crate::model::request::{Customer, Subscription};
use crate::policy::edition::Edition;

/// A resource read into the engine's facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    /// The subscription facts of a request (checked as the engine reads them).
    #[serde(skip)]
    pub subscription: Subscription,
    /// The same facts as JSON, as a request carries them (what the JSON answer shows: the wasm
    /// module then needs no serializer of the request's types).
    #[serde(rename = "subscription")]
    #[cfg_attr(feature = "tsify", tsify(type = "Subscription"))]
    pub facts: Json<'static>,
    /// The customer facts, when `extras.customer` gave them.
    #[serde(skip)]
    pub customer: Option<Customer>,
    /// The same, as JSON.
    #[serde(rename = "customer", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "Customer", optional))]
    pub customer_facts: Option<Json<'static>>,
    /// For an add-on: its base subscription (`parentSubscriptionId`). An add-on is decided as a
    /// subscription of its own; its base lists it under `addOns`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<String>,
    /// The resource's fields that became no fact, as the resource spells them, in name order.
    pub ignored: Vec<String>,
}

/// What the resource states and the engine computes, compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Parity {
    /// Whether every compared field agrees.
    pub agrees: bool,
    /// The edition the engine decided under.
    pub edition: Edition,
    /// The fields compared (those the resource states).
    pub compared: Vec<String>,
    /// Each field on which the two differ, with both values.
    pub disagreements: Vec<Disagreement>,
}

/// One field on which the engine and the resource differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    /// The resource's field (`refundOptions`, `cancellationAllowedUntilDate`,
    /// `refundableQuantity`, `status`).
    pub field: String,
    /// What the engine computes, in the resource's shape (`null`: nothing).
    #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
    pub engine: Json<'static>,
    /// What the resource states (its keys in camelCase).
    #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
    pub publisher: Json<'static>,
}

/// The resource's fields that never become facts (RESOURCE.md: bookkeeping, names, and what the
/// engine computes itself).
const IGNORED: &[&str] = &[
    "offerName",
    "unitType",
    "commitmentEndDateTime",
    "hasPurchasableAddons",
    "refundOptions",
    "cancellationAllowedUntilDate",
    "orderId",
    "contractType",
    "links",
    "attributes",
];

/// What `extras` may carry: the facts the resource lacks.
const EXTRAS: &[&str] = &[
    "unitPrice",
    "currency",
    "sku",
    "upgradePaths",
    "addOns",
    "seatAdditions",
    "billingStartedAt",
    "accountOpenedAt",
    "suspendedAt",
    "upgradedFrom",
    "customer",
    "edition",
    "actor",
];

/// Days a seat addition stays removable when the resource's `refundableQuantity` gives only the
/// window's close (the 2022-03 and 2023 editions' 7 days).
const SEAT_WINDOW_DAYS: i64 = 7;

/// The resource as an object, its fields found in either spelling.
struct Resource<'r, 'a> {
    fields: &'r Fields<'a>,
    used: Vec<String>,
    errors: Vec<InputError>,
}

impl<'r, 'a> Resource<'r, 'a> {
    /// The field `name` (camelCase), given as `name` or with its first letter capitalised: its
    /// value and the spelling used.
    fn get(&mut self, name: &str) -> Option<(&'r Json<'a>, String)> {
        let pascal = pascal(name);
        let camel = self.fields.get(name).map(|v| (v, name.to_string()));
        let upper = self.fields.get(&pascal).map(|v| (v, pascal.clone()));
        let found = match (camel, upper) {
            (Some(_), Some(_)) => {
                self.errors.push(InputError::new(
                    ErrorCode::DuplicateField,
                    name,
                    format!("`{name}` is given twice, as `{name}` and `{pascal}`"),
                ));
                None
            }
            (one, other) => one.or(other),
        };
        self.used.push(name.to_string());
        found.filter(|(v, _)| !matches!(v, Json::Null))
    }

    fn error(&mut self, code: ErrorCode, path: &str, message: String) {
        self.errors.push(InputError::new(code, path, message));
    }

    fn string(&mut self, name: &str) -> Option<(String, String)> {
        let (v, path) = self.get(name)?;
        match v {
            Json::String(s) => Some((s.to_string(), path)),
            other => {
                self.error(
                    ErrorCode::InvalidType,
                    &path,
                    format!("expected a string, found {}", kind(other)),
                );
                None
            }
        }
    }

    fn boolean(&mut self, name: &str) -> Option<bool> {
        let (v, path) = self.get(name)?;
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                self.error(
                    ErrorCode::InvalidType,
                    &path,
                    format!("expected `true` or `false`, found {}", kind(other)),
                );
                None
            }
        }
    }

    fn instant(&mut self, name: &str) -> Option<(DateTime<Utc>, String)> {
        let (text, path) = self.string(name)?;
        instant_at(&text, &path, &mut self.errors).map(|t| (t, path))
    }

    /// A required field: its absence is an error at its path (unless an error there was given).
    fn missing(&mut self, name: &str, why: &str) {
        if self.errors.iter().any(|e| e.path == name) {
            return;
        }
        self.error(
            ErrorCode::MissingField,
            name,
            format!("the resource has no `{name}`: {why}"),
        );
    }
}

/// `name` with its first letter in upper case (`status` → `Status`), or lower (`camel`).
fn pascal(name: &str) -> String {
    first_letter(name, true)
}

fn first_letter(name: &str, upper: bool) -> String {
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars();
    if let Some(first) = chars.next() {
        out.push(if upper {
            first.to_ascii_uppercase()
        } else {
            first.to_ascii_lowercase()
        });
    }
    out.extend(chars);
    out
}

fn kind(v: &Json<'_>) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Int(_) | Json::Float(..) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// An RFC 3339 timestamp (up to 9 fractional digits are kept: the resource's 7 are exact).
fn instant_at(text: &str, path: &str, errors: &mut Vec<InputError>) -> Option<DateTime<Utc>> {
    match crate::time::parse_instant(text) {
        Ok(t) => Some(t),
        Err(why) => {
            errors.push(InputError::new(
                ErrorCode::InvalidTimestamp,
                path,
                format!("`{}` {why}", crate::input::decode::clip(text)),
            ));
            None
        }
    }
}

/// `names` as `a, b, c` (without `join`, which brings a generic concatenation into the module).
fn listed(names: &[&str]) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
    }
    out
}

fn text(t: impl Into<String>) -> Json<'static> {
    Json::String(Cow::Owned(t.into()))
}

fn count(n: u64) -> Json<'static> {
    // A count here is at most a licence count plus one: far within ±(2^53 − 1), an integer.
    Json::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn instant_json(t: DateTime<Utc>) -> Json<'static> {
    text(crate::time::format_rfc3339(&t))
}

fn day_json(t: DateTime<Utc>) -> Json<'static> {
    text(crate::time::format_day(t.naive_utc().date()))
}

fn object<'a>(pairs: Vec<(&'static str, Json<'a>)>) -> Json<'a> {
    let mut fields = Fields::with_capacity(pairs.len());
    for (k, v) in pairs {
        fields.push(Cow::Borrowed(k), v);
    }
    Json::Object(fields)
}

fn field<'j, 'a>(j: &'j Json<'a>, key: &str) -> Option<&'j Json<'a>> {
    match j {
        Json::Object(f) => f.get(key),
        _ => None,
    }
}

fn as_str<'j>(j: Option<&'j Json<'_>>) -> Option<&'j str> {
    match j {
        Some(Json::String(s)) => Some(s),
        _ => None,
    }
}

fn as_u64(j: Option<&Json<'_>>) -> Option<u64> {
    match j {
        Some(Json::Int(i)) => u64::try_from(*i).ok(),
        _ => None,
    }
}

/// A value that outlives its source.
fn owned(j: &Json<'_>) -> Json<'static> {
    crate::input::text::into_owned(j.clone())
}

/// `j` owned, with every object key's first letter in lower case (`ExpiresAt` → `expiresAt`).
fn camel_keys(j: &Json<'_>) -> Json<'static> {
    match j {
        Json::Array(items) => Json::Array(items.iter().map(camel_keys).collect()),
        Json::Object(fields) => {
            let mut out = Fields::with_capacity(fields.len());
            for (k, v) in fields.iter() {
                out.push(Cow::Owned(camel(k)), camel_keys(v));
            }
            Json::Object(out)
        }
        other => owned(other),
    }
}

fn camel(key: &str) -> String {
    first_letter(key, false)
}

/// The engine's subscription facts being built: each with the resource field (or `extras.…`)
/// it came from, so that an error the engine's decoder finds in it is reported there.
struct Facts<'a> {
    facts: Vec<(&'static str, Json<'a>, String)>,
}

impl<'a> Facts<'a> {
    fn put(&mut self, key: &'static str, value: Json<'a>, from: &str) {
        self.facts.retain(|(k, _, _)| *k != key);
        self.facts.push((key, value, from.to_string()));
    }

    fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.facts
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, v, _)| v)
    }

    fn json(&self) -> Json<'a> {
        object(self.facts.iter().map(|(k, v, _)| (*k, v.clone())).collect())
    }

    /// The path an engine error at `path` (below `prefix`) comes from.
    fn origin(&self, path: &str, prefix: &str) -> String {
        let below = path.strip_prefix(prefix).unwrap_or(path);
        let end = below
            .bytes()
            .position(|b| b == b'.' || b == b'[')
            .unwrap_or(below.len());
        let head = below.get(..end).unwrap_or(below);
        match self.facts.iter().find(|(k, _, _)| *k == head) {
            Some((_, _, from)) if !from.starts_with("extras") => from.clone(),
            _ => format!("extras.{below}"),
        }
    }
}

/// An enumerated value of the resource: its engine value, or an error naming the accepted ones.
fn choice(
    r: &mut Resource<'_, '_>,
    name: &str,
    table: &[(&str, Option<&'static str>)],
    why: &str,
) -> Option<&'static str> {
    let (value, path) = r.string(name)?;
    let shown = crate::input::decode::clip(&value);
    match table
        .iter()
        .find(|(wire, _)| wire.eq_ignore_ascii_case(&value))
    {
        Some((_, Some(engine))) => Some(engine),
        Some((_, None)) => {
            r.error(
                ErrorCode::InvalidValue,
                &path,
                format!("`{shown}` cannot be represented: {why}"),
            );
            None
        }
        None => {
            let names: Vec<&str> = table.iter().map(|(w, _)| *w).collect();
            let known = listed(&names);
            r.error(
                ErrorCode::UnknownVariant,
                &path,
                format!("unknown value `{shown}`: expected one of {known}"),
            );
            None
        }
    }
}

/// Read the publisher's Subscription resource (`resource`) and the facts it lacks (`extras`:
/// `unitPrice`, `currency`, `sku`, `upgradePaths`, `addOns`, `seatAdditions`,
/// `billingStartedAt`, `accountOpenedAt`, `suspendedAt`, `upgradedFrom`, `customer`; `edition`
/// and `actor` are for [`check_against_partner_center`]) into the engine's facts. Every problem is
/// reported with its path: the resource's own field names, `extras.…` for the extras.
pub fn from_partner_center(
    resource: &Json<'_>,
    extras: &Json<'_>,
) -> Result<Imported, InputErrors> {
    import(resource, extras).map(|(imported, _)| imported)
}

fn import<'a>(
    resource: &Json<'a>,
    extras: &Json<'a>,
) -> Result<(Imported, Facts<'a>), InputErrors> {
    let Json::Object(fields) = resource else {
        return Err(InputErrors(vec![InputError::new(
            ErrorCode::InvalidType,
            "",
            format!(
                "expected the Subscription resource, an object; found {}",
                kind(resource)
            ),
        )]));
    };
    let empty = Fields::default();
    let extras_fields = match extras {
        Json::Object(f) => f,
        Json::Null => &empty,
        other => {
            return Err(InputErrors(vec![InputError::new(
                ErrorCode::InvalidType,
                "extras",
                format!("expected an object, found {}", kind(other)),
            )]))
        }
    };
    let mut r = Resource {
        fields,
        used: Vec::new(),
        errors: Vec::new(),
    };
    let mut sub = Facts { facts: Vec::new() };

    match r.string("id") {
        Some((id, path)) => sub.put("id", text(id), &path),
        None => r.missing("id", "the subscription's ID"),
    }
    let offer_id = r.string("offerId");
    match &offer_id {
        Some((id, path)) => sub.put("offerId", text(id.clone()), path),
        None => r.missing(
            "offerId",
            "the offer (or product:SKU:availability) it is to",
        ),
    }
    if let Some((name, path)) = r.string("friendlyName") {
        sub.put("name", text(name), &path);
    }
    if let Some((v, path)) = r.get("quantity") {
        match v {
            Json::Int(n) => match u32::try_from(*n).ok() {
                Some(q) => sub.put("quantity", count(u64::from(q)), &path),
                None => r.error(
                    ErrorCode::InvalidValue,
                    &path,
                    "not a licence count".to_string(),
                ),
            },
            other => r.error(
                ErrorCode::InvalidType,
                &path,
                format!("expected a number, found {}", kind(other)),
            ),
        }
    }
    let parent = r.string("parentSubscriptionId").map(|(p, _)| p);
    let ordered = r.instant("creationDate");
    match &ordered {
        Some((t, path)) => sub.put("orderedAt", instant_json(*t), path),
        None => r.missing("creationDate", "when it was bought (the order)"),
    }
    match r.instant("effectiveStartDate") {
        // The publisher dates a new term from the midnight of its order's day: on that day the
        // term starts at the order (the engine's windows run from it, LIFE-1).
        Some((t, path)) => {
            let start = match &ordered {
                Some((o, _)) if t < *o && t.naive_utc().date() == o.naive_utc().date() => *o,
                _ => t,
            };
            sub.put("termStart", instant_json(start), &path);
        }
        None => r.missing("effectiveStartDate", "the start of the current term"),
    }
    // The term's last day, inclusive: the timestamp's UTC date (`…T00:00:00Z` is the whole day).
    let term_end = r.instant("commitmentEndDate");
    if let Some((t, path)) = &term_end {
        sub.put("termEnd", day_json(*t), path);
    }
    let model = model(&mut r, offer_id.as_ref().map(|(id, _)| id.as_str()));
    sub.put("commerceModel", text(model), "productType");
    let status = choice(
        &mut r,
        "status",
        &[
            ("active", Some("active")),
            ("pending", Some("pending")),
            ("suspended", Some("suspended")),
            ("disabled", Some("suspended")),
            ("expired", Some("expired")),
            ("deleted", Some("deleted")),
            ("none", None),
        ],
        "a subscription without a status has no lifecycle to decide",
    );
    let mut auto_renew = r.boolean("autoRenewEnabled");
    match status {
        // New commerce's `suspended` bills on and turns auto-renew off: the engine's `paused`
        // (PAUSE-1/2); legacy and marketplace `suspended` and legacy `disabled` are `suspended`.
        Some("suspended") if model == "newCommerce" => sub.put("status", text("paused"), "status"),
        // The term ended without renewal: the engine has no `expired` (SUSP-5); it is an active
        // subscription with auto-renew off past its term's end, which LIFE-1 reports as ended.
        Some("expired") => {
            sub.put("status", text("active"), "status");
            auto_renew = Some(false);
        }
        Some(s) => sub.put("status", text(s), "status"),
        None => r.missing("status", "the lifecycle status"),
    }
    if let Some(on) = auto_renew {
        sub.put("autoRenew", Json::Bool(on), "autoRenewEnabled");
    }
    // A trial's term is the trial: it converts to paid the day after its last day.
    if r.boolean("isTrial") == Some(true) {
        match &term_end {
            Some((t, _)) => {
                let converts = crate::calendar::start_of(t.naive_utc().date()) + TimeDelta::days(1);
                sub.put("trialEndsAt", instant_json(converts), "isTrial");
            }
            None => r.missing(
                "commitmentEndDate",
                "a trial's conversion to paid is the day after it",
            ),
        }
    }
    if let Some(billing) = choice(
        &mut r,
        "billingType",
        &[
            ("license", Some("license")),
            ("usage", Some("usage")),
            ("none", None),
            ("benefit", None),
        ],
        "the engine decides licence-based and usage-based subscriptions",
    ) {
        sub.put("billingType", text(billing), "billingType");
    }
    if let Some(c) = choice(
        &mut r,
        "billingCycle",
        &[
            ("monthly", Some("monthly")),
            ("annual", Some("annual")),
            ("triennial", None),
            ("none", None),
            ("oneTime", None),
        ],
        "the engine bills monthly or annually",
    ) {
        sub.put("billingFrequency", text(c), "billingCycle");
    }
    let durations: &[(&str, Option<&'static str>)] = &[
        ("P1M", Some("monthly")),
        ("P1Y", Some("annual")),
        ("P3Y", Some("triennial")),
    ];
    let term = choice(&mut r, "termDuration", durations, "");
    if let Some(t) = term {
        sub.put("term", text(t), "termDuration");
    }
    let renewal_term = choice(&mut r, "renewalTermDuration", durations, "");
    if let Some((id, path)) = r.string("partnerId") {
        sub.put("resellerId", text(id), &path);
    }
    let attention = r.boolean("attentionNeeded");
    let taken = r.boolean("actionTaken").unwrap_or(false);
    if let Some(needed) = attention {
        sub.put(
            "publisherActionRequired",
            Json::Bool(needed && !taken),
            "attentionNeeded",
        );
    }

    // The facts the resource lacks, from the extras.
    for (key, value) in extras_fields.iter() {
        match EXTRAS.iter().find(|k| **k == key) {
            None => r.error(
                ErrorCode::UnknownField,
                &format!("extras.{key}"),
                format!("unknown field `{key}`: expected one of {}", listed(EXTRAS)),
            ),
            Some(&("customer" | "edition" | "actor")) => {}
            Some(known) => sub.put(known, value.clone(), &format!("extras.{known}")),
        }
    }
    if sub.get("sku").is_none() {
        if let Some((id, path)) = &offer_id {
            sub.put("sku", text(sku_of(id)), path);
        }
    }

    // What is saved for the renewal, as scheduled changes.
    let mut changes = Vec::new();
    next_term(&mut r, &sub, &mut changes);
    if let (Some(next), Some(now)) = (renewal_term, term) {
        let saved = changes
            .iter()
            .any(|c| as_str(field(c, "change").and_then(|x| field(x, "kind"))) == Some("term"));
        if next != now && !saved {
            changes.push(object(vec![
                ("id", text("renewalTermDuration")),
                (
                    "change",
                    object(vec![("kind", text("term")), ("term", text(next))]),
                ),
            ]));
        }
    }
    if !changes.is_empty() {
        sub.put(
            "scheduledChanges",
            Json::Array(changes),
            "scheduledNextTermInstructions",
        );
    }
    if sub.get("seatAdditions").is_none() {
        if let Some(additions) = seat_additions(&mut r, &sub) {
            sub.put("seatAdditions", additions, "refundableQuantity");
        }
    }

    // The fields that became no fact: RESOURCE.md's bookkeeping and anything not in it.
    for name in ["isMicrosoftProduct", "publisherName", "productType"] {
        r.used.push(name.to_string());
    }
    let mut ignored = Vec::new();
    for key in fields.keys() {
        let c = camel(key);
        if IGNORED.contains(&c.as_str()) || !r.used.contains(&c) {
            ignored.push(key.to_string());
        }
    }

    // In name order: the same list whatever order the resource's keys came in.
    crate::util::sort_by_key(&mut ignored, |k| k.clone());
    let mut errors = r.errors;
    let mut subscription = None;
    if errors.is_empty() {
        match crate::input::decode::from_value::<Subscription>(&sub.json()) {
            Ok(s) => subscription = Some(s),
            Err(found) => errors.extend(found.into_iter().map(|mut e| {
                e.path = sub.origin(&e.path, "");
                e
            })),
        }
    }
    let customer = match extras_fields.get("customer") {
        None | Some(Json::Null) => None,
        Some(c) => match crate::input::decode::from_value::<Customer>(c) {
            Ok(c) => Some(c),
            Err(found) => {
                errors.extend(found.into_iter().map(|mut e| {
                    e.path = if e.path.is_empty() {
                        "extras.customer".into()
                    } else {
                        format!("extras.customer.{}", e.path)
                    };
                    e
                }));
                None
            }
        },
    };
    match subscription {
        Some(subscription) if errors.is_empty() => Ok((
            Imported {
                subscription,
                facts: owned(&sub.json()),
                customer_facts: customer
                    .as_ref()
                    .and(extras_fields.get("customer"))
                    .map(owned),
                customer,
                parent_subscription_id: parent,
                ignored,
            },
            sub,
        )),
        _ => Err(InputErrors(errors)),
    }
}

/// New commerce's offer ID `PRODUCT:SKU:AVAILABILITY` gives the SKU `PRODUCT:SKU`; any other
/// (a legacy offer GUID) is its own SKU.
fn sku_of(offer_id: &str) -> String {
    let colons: Vec<usize> = offer_id
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b':')
        .map(|(i, _)| i)
        .collect();
    match colons.as_slice() {
        [_, second] => offer_id.get(..*second).unwrap_or(offer_id).to_string(),
        _ => offer_id.to_string(),
    }
}

/// The commerce model: `productType.id` `OnlineServicesNCE` (or an offer ID of three parts) is new
/// commerce; a product not the publisher's own (`isMicrosoftProduct: false`, or without it a
/// `publisherName` not the publisher's) is marketplace; any other is legacy.
fn model(r: &mut Resource<'_, '_>, offer_id: Option<&str>) -> &'static str {
    let product = match r.get("productType") {
        Some((p, _)) => as_str(field(p, "id").or_else(|| field(p, "Id"))).map(str::to_string),
        None => None,
    };
    let own = r.boolean("isMicrosoftProduct");
    let publisher = r.string("publisherName").map(|(p, _)| p);
    let other_publisher = own == Some(false)
        || (own.is_none()
            && publisher.is_some_and(|p| {
                !p.is_empty() && !p.to_ascii_lowercase().starts_with("microsoft")
            }));
    let three_parts = offer_id.is_some_and(|id| id.bytes().filter(|b| *b == b':').count() == 2);
    if product.as_deref() == Some("OnlineServicesNCE") || three_parts {
        "newCommerce"
    } else if other_publisher {
        "marketplace"
    } else {
        "legacy"
    }
}

/// `scheduledNextTermInstructions` as scheduled changes: a new quantity, product (an upgrade when
/// it is one of `upgradePaths`, else a downgrade), billing cycle, term, or custom term end (a
/// co-term date), each that differs from today's.
fn next_term<'a>(r: &mut Resource<'_, '_>, sub: &Facts<'a>, out: &mut Vec<Json<'a>>) {
    let Some((next, path)) = r.get("scheduledNextTermInstructions") else {
        return;
    };
    let mut change = |kind: &'static str, name: &'static str, value: Json<'static>| {
        out.push(object(vec![
            ("id", text(format!("nextTerm-{kind}"))),
            ("change", object(vec![("kind", text(kind)), (name, value)])),
        ]));
    };
    if let Some(q) = as_u64(field(next, "quantity")) {
        if as_u64(sub.get("quantity")) != Some(q) {
            change("quantity", "quantity", count(q));
        }
    }
    if let Some(product) = field(next, "product") {
        let (p, k) = (
            as_str(field(product, "productId")),
            as_str(field(product, "skuId")),
        );
        if let (Some(p), Some(k)) = (p, k) {
            let sku = format!("{p}:{k}");
            if as_str(sub.get("sku")) != Some(sku.as_str()) {
                let upgrade = matches!(sub.get("upgradePaths"), Some(Json::Array(paths))
                    if paths.iter().any(|x| as_str(Some(x)) == Some(sku.as_str())));
                let kind = if upgrade {
                    "skuUpgrade"
                } else {
                    "skuDowngrade"
                };
                change(kind, "targetSku", text(sku));
            }
        }
        if let Some(c) = as_str(field(product, "billingCycle")) {
            let f = if c.eq_ignore_ascii_case("monthly") {
                Some("monthly")
            } else if c.eq_ignore_ascii_case("annual") {
                Some("annual")
            } else {
                None
            };
            match f {
                Some(f) if as_str(sub.get("billingFrequency")) != Some(f) => {
                    change("billingFrequency", "billingFrequency", text(f));
                }
                Some(_) => {}
                None => r.error(
                    ErrorCode::InvalidValue,
                    &format!("{path}.product.billingCycle"),
                    format!(
                        "`{}` cannot be represented: the engine bills monthly or annually",
                        crate::input::decode::clip(c)
                    ),
                ),
            }
        }
        if let Some(d) = as_str(field(product, "termDuration")) {
            let term = match d {
                "P1M" => Some("monthly"),
                "P1Y" => Some("annual"),
                "P3Y" => Some("triennial"),
                _ => None,
            };
            match term {
                Some(t) if as_str(sub.get("term")) != Some(t) => change("term", "term", text(t)),
                Some(_) => {}
                None => r.error(
                    ErrorCode::UnknownVariant,
                    &format!("{path}.product.termDuration"),
                    format!(
                        "unknown value `{}`: expected one of P1M, P1Y, P3Y",
                        crate::input::decode::clip(d)
                    ),
                ),
            }
        }
    }
    if let Some(end) = as_str(field(next, "customTermEndDate")) {
        let at = format!("{path}.customTermEndDate");
        if let Some(t) = instant_at(end, &at, &mut r.errors) {
            change("cotermDate", "cotermDate", day_json(t));
        }
    }
}

/// `refundableQuantity` as seat additions: each detail is an addition whose 7-day window closes
/// at its `allowedUntilDateTime` (so added 7 days before it); the seats not listed were added at
/// the term's start. Absent details give no additions (the engine's default applies).
fn seat_additions<'a>(r: &mut Resource<'_, '_>, sub: &Facts<'a>) -> Option<Json<'a>> {
    let (refundable, path) = r.get("refundableQuantity")?;
    let Some(Json::Array(details)) = field(refundable, "details") else {
        return None;
    };
    if details.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut listed: u64 = 0;
    for (i, d) in details.iter().enumerate() {
        let at = format!("{path}.details[{i}]");
        let quantity = as_u64(field(d, "quantity"));
        let until = as_str(field(d, "allowedUntilDateTime"))
            .and_then(|s| instant_at(s, &format!("{at}.allowedUntilDateTime"), &mut r.errors));
        let (Some(q), Some(until)) = (quantity, until) else {
            r.error(
                ErrorCode::InvalidValue,
                &at,
                "a detail needs `quantity` and `allowedUntilDateTime`".into(),
            );
            continue;
        };
        listed = listed.saturating_add(q);
        out.push(object(vec![
            (
                "addedAt",
                instant_json(until - TimeDelta::days(SEAT_WINDOW_DAYS)),
            ),
            ("quantity", count(q)),
        ]));
    }
    let total = as_u64(sub.get("quantity")).unwrap_or(0);
    if total > listed {
        if let Some(start) = sub.get("termStart") {
            out.insert(
                0,
                object(vec![
                    ("addedAt", start.clone()),
                    ("quantity", count(total - listed)),
                ]),
            );
        }
    }
    Some(Json::Array(out))
}

/// [`from_partner_center`], then the engine's `cancel` and seat decisions at `now` compared with
/// what the resource states: `refundOptions`, `cancellationAllowedUntilDate`,
/// `refundableQuantity` and `status`. Decided under `extras.edition` (default `atTermStart`: the
/// rules in force for the current term) by `extras.actor` (default an `adminAgent` of a
/// direct-bill partner: the comparison is of windows, not of roles).
pub fn check_against_partner_center(
    resource: &Json<'_>,
    extras: &Json<'_>,
    now: &Json<'_>,
) -> Result<Parity, InputErrors> {
    let (imported, facts) = import(resource, extras)?;
    let Json::Object(fields) = resource else {
        return Err(InputErrors(Vec::new()));
    };
    let decide = |action: Json<'static>| -> Result<Decision, InputErrors> {
        let mut request = vec![
            ("now", now.clone()),
            (
                "edition",
                field(extras, "edition")
                    .cloned()
                    .unwrap_or(text("atTermStart")),
            ),
            (
                "actor",
                field(extras, "actor").cloned().unwrap_or_else(|| {
                    object(vec![
                        ("roles", Json::Array(vec![text("adminAgent")])),
                        ("partnerKind", text("directBill")),
                    ])
                }),
            ),
            ("subscription", facts.json()),
            ("action", action),
        ];
        if let Some(c) = field(extras, "customer") {
            request.push(("customer", c.clone()));
        }
        // The engine's own checks (LIFE-1) name the resource's fields, as the reading does.
        crate::input::decode::from_value::<crate::model::request::Request>(&object(request))
            .map_err(InputErrors)
            .and_then(|r| crate::rules::evaluate(&r))
            .map_err(|InputErrors(errors)| {
                InputErrors(
                    errors
                        .into_iter()
                        .map(|mut e| {
                            if e.path.starts_with("subscription.") {
                                e.path = facts.origin(&e.path, "subscription.");
                            } else if e.path != "now" {
                                e.path = format!("extras.{}", e.path);
                            }
                            e
                        })
                        .collect(),
                )
            })
    };
    let cancel = decide(object(vec![("type", text("cancel"))]))?;
    // What the resource states, its keys in camelCase whichever spelling it used.
    let stated = |name: &str| {
        fields
            .get(name)
            .or_else(|| fields.get(&pascal(name)))
            .filter(|v| !matches!(v, Json::Null))
            .map(camel_keys)
    };
    let mut compared = Vec::new();
    let mut disagreements = Vec::new();
    let mut compare =
        |name: &str, engine: Json<'static>, publisher: Option<Json<'static>>, same: bool| {
            if let Some(publisher) = publisher {
                compared.push(name.to_string());
                if !same {
                    disagreements.push(Disagreement {
                        field: name.to_string(),
                        engine,
                        publisher,
                    });
                }
            }
        };
    // Refund options: the same types, each expiring at the same instant.
    let options = cancel.refund_options.clone().unwrap_or_default();
    let stated_options = stated("refundOptions");
    let same = stated_options
        .as_ref()
        .is_some_and(|p| same_options(&options, p));
    compare(
        "refundOptions",
        options_json(&options),
        stated_options,
        same,
    );
    let until = cancel.cancellation_allowed_until_date.map(|t| t.0);
    let stated_until = stated("cancellationAllowedUntilDate");
    let same = match (
        until,
        stated_until.as_ref().and_then(|p| instant_of(Some(p))),
    ) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    compare(
        "cancellationAllowedUntilDate",
        until.map_or(Json::Null, instant_json),
        stated_until,
        same,
    );
    // Refundable seats, from a seat decision (its refundable quantity does not depend on the
    // count asked for).
    if let Some(q) = imported.subscription.quantity {
        let seats = decide(object(vec![
            ("type", text("changeQuantity")),
            ("quantity", count(u64::from(q) + 1)),
        ]))?;
        let engine = seats.refundable_quantity.unwrap_or(RefundableQuantity {
            total_quantity: 0,
            details: Vec::new(),
        });
        let stated_seats = stated("refundableQuantity");
        let same = stated_seats
            .as_ref()
            .is_some_and(|p| same_seats(&engine, p));
        compare(
            "refundableQuantity",
            seats_json(&engine),
            stated_seats,
            same,
        );
    }
    // Status: the engine's phase in the resource's words.
    let sub = &imported.subscription;
    let engine_status = match (
        crate::rules::life::phase(sub, cancel.evaluated_at.0),
        sub.status,
    ) {
        (crate::rules::life::Phase::Ended { .. }, _) => "expired",
        (_, crate::model::vocab::Status::Paused) => "suspended",
        (_, s) => s.as_str(),
    };
    let stated_status = stated("status");
    let same = as_str(stated_status.as_ref()).is_some_and(|p| {
        p.eq_ignore_ascii_case(engine_status)
            || (engine_status == "suspended" && p.eq_ignore_ascii_case("disabled"))
    });
    compare("status", text(engine_status), stated_status, same);
    Ok(Parity {
        agrees: disagreements.is_empty(),
        edition: cancel.edition,
        compared,
        disagreements,
    })
}

fn options_json(options: &[RefundOption]) -> Json<'static> {
    Json::Array(
        options
            .iter()
            .map(|o| {
                object(vec![
                    ("type", text(o.kind.as_str())),
                    ("expiresAt", instant_json(o.expires_at.0)),
                ])
            })
            .collect(),
    )
}

fn seats_json(q: &RefundableQuantity) -> Json<'static> {
    object(vec![
        ("totalQuantity", count(u64::from(q.total_quantity))),
        (
            "details",
            Json::Array(
                q.details
                    .iter()
                    .map(|d| {
                        object(vec![
                            ("quantity", count(u64::from(d.quantity))),
                            (
                                "allowedUntilDateTime",
                                instant_json(d.allowed_until_date_time.0),
                            ),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn instant_of(j: Option<&Json<'_>>) -> Option<DateTime<Utc>> {
    as_str(j).and_then(|s| crate::time::parse_instant(s).ok())
}

fn same_options(engine: &[RefundOption], publisher: &Json<'_>) -> bool {
    let Json::Array(list) = publisher else {
        return false;
    };
    list.len() == engine.len()
        && engine.iter().all(|o| {
            list.iter().any(|p| {
                as_str(field(p, "type")).is_some_and(|t| t.eq_ignore_ascii_case(o.kind.as_str()))
                    && instant_of(field(p, "expiresAt")) == Some(o.expires_at.0)
            })
        })
}

fn same_seats(engine: &RefundableQuantity, publisher: &Json<'_>) -> bool {
    let details = match field(publisher, "details") {
        Some(Json::Array(d)) => d.as_slice(),
        _ => &[],
    };
    as_u64(field(publisher, "totalQuantity")) == Some(u64::from(engine.total_quantity))
        && details.len() == engine.details.len()
        && engine.details.iter().all(|d| {
            details.iter().any(|p| {
                as_u64(field(p, "quantity")) == Some(u64::from(d.quantity))
                    && instant_of(field(p, "allowedUntilDateTime"))
                        == Some(d.allowed_until_date_time.0)
            })
        })
}
