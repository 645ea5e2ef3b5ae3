//! # subscription-rules
//!
//! A rules engine for the lifecycle of cloud subscriptions sold through a reseller program:
//! *may this person do this to this subscription, now, and what happens if they do?*
//!
//! A [`Request`] (the instant `now`, the actor, the subscription and other facts, and the
//! action with its parameters) goes in; a [`Decision`] comes out: the verdict, every rule of
//! POLICY.md that decided it, the alternative action, the effects, the money with its working,
//! and the deadlines. Bad input is an answer too: [`InputErrors`], each with a code and the
//! JSON path of the field.
//!
//! ```
//! let request = r#"{
//!   "now": "2021-07-17T09:00:00Z",
//!   "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
//!   "subscription": {
//!     "id": "sub-1", "offerId": "o-1", "sku": "E3", "commerceModel": "newCommerce",
//!     "billingType": "license", "billingFrequency": "monthly", "term": "annual",
//!     "status": "active", "orderedAt": "2021-07-15T08:00:00Z",
//!     "termStart": "2021-07-15T08:00:00Z", "quantity": 10, "unitPrice": "10.08",
//!     "currency": "USD"
//!   },
//!   "action": { "type": "cancel" }
//! }"#;
//! let decision = subscription_rules_core::evaluate_str(request).unwrap();
//! assert_eq!(decision.verdict, subscription_rules_core::Verdict::AllowedNow);
//! assert_eq!(decision.money[0].amount.to_string(), "94.20"); // MONEY-3's example
//!
//! // The JSON twin never panics: it answers with a decision or with input errors.
//! let answer = subscription_rules_core::evaluate_json(r#"{"now": "2021-07-17T09:00:00"}"#);
//! assert!(answer.contains(r#""type":"failure""#));
//! assert!(answer.contains("invalidTimestamp"));
//! ```

pub mod calendar;
pub mod error;
pub mod i18n;
pub mod input;
pub mod model;
pub mod money;
pub(crate) mod names;
pub mod partner_center;
pub mod policy;
pub mod queries;
pub mod rules;
pub(crate) mod time;
pub(crate) mod util;

pub use crate::model::scalar::{Amount, Day, Instant};
use serde::Serialize;

pub use error::{ErrorCode, InputError, InputErrors};
pub use i18n::{Locale, Message};
pub use input::json::Json;
pub use input::limits;
pub use model::decision::{
    Alternative, ApiCode, Currency, Deadline, DeadlineKind, Decision, DecisionInShort,
    DecisionSummary, Effect, EffectKind, MoneyKind, MoneyLine, MoneySummary, Outcome, Reason,
    Verdict, Working,
};
pub use model::query::{CatalogFilters, CatalogQuery, SubscriptionQuery};
pub use model::request::*;
pub use model::vocab::*;
pub use money::Formula;
pub use policy::edition::{editions, Edition, EditionChoice, EditionInfo};
pub use policy::params::{Policy, PolicyOverrides, RoleTable, Rounding, SeatReduction};
pub use queries::actions::{
    available_actions, available_actions_at_every_point, ActionState, ActionStates, ActionVerdict,
    ActionVerdicts, AvailableAction, AvailableActions,
};
pub use queries::decide::default_actions;
pub use queries::prepared::{not_actions, read_action, read_now, Prepared};
pub use queries::timeline::{
    timeline, timeline_at_every_point, OutcomeChange, PointKind, Timeline, TimelinePoint,
};
pub use rules::cat::{filter_catalog, Catalog, CatalogEntry};
pub use rules::catalog::{catalog, Family, Rule, RuleInfo, ALL_RULES};
pub use time::parse_instant;

/// The package version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Decide a request. Checks it first; every problem found is returned, with its path.
pub fn evaluate(request: &Request) -> Result<Decision, InputErrors> {
    rules::evaluate(request)
}

/// Read a request from JSON text (reporting every problem with its path) and decide it.
pub fn evaluate_str(json: &str) -> Result<Decision, InputErrors> {
    let request: Request = input::text::from_str(json).map_err(InputErrors)?;
    evaluate(&request)
}

/// Read a request from a JSON value and decide it.
pub fn evaluate_value(value: &serde_json::Value) -> Result<Decision, InputErrors> {
    evaluate_json_value(&Json::from(value))
}

/// [`evaluate_value`] on the decoder's own JSON value (what the text and the wasm boundary's
/// bytes are read into).
pub fn evaluate_json_value(value: &Json<'_>) -> Result<Decision, InputErrors> {
    let request: Request = input::decode::from_value(value).map_err(InputErrors)?;
    evaluate(&request)
}

/// Read a prepared subscription's facts (a request without `now` and `action`) from JSON text and
/// check them: ask the [`Prepared`] for decisions at any instant.
pub fn prepare_str(json: &str) -> Result<Prepared, InputErrors> {
    let facts: PreparedFacts = input::text::from_str(json).map_err(InputErrors)?;
    Prepared::new(facts)
}

/// Read a request from JSON text and check it, without deciding: every problem, with its path.
pub fn parse_request(json: &str) -> Result<Request, InputErrors> {
    let request: Request = input::text::from_str(json).map_err(InputErrors)?;
    let errors = input::validate::check(request.facts());
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(InputErrors(errors))
    }
}

/// The answer of a JSON entry point: `{"type":"success","result":…}` or
/// `{"type":"failure","errors":[…]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum JsonAnswer<T> {
    /// The call succeeded.
    Success {
        /// Its result.
        result: T,
    },
    /// The input was bad.
    Failure {
        /// Every problem found.
        errors: Vec<InputError>,
    },
}

impl<T> From<Result<T, InputErrors>> for JsonAnswer<T> {
    fn from(r: Result<T, InputErrors>) -> Self {
        match r {
            Ok(result) => JsonAnswer::Success { result },
            Err(InputErrors(errors)) => JsonAnswer::Failure { errors },
        }
    }
}

/// Serialise an answer; never panics.
pub fn to_json<T: Serialize>(answer: &JsonAnswer<T>) -> String {
    serde_json::to_string(answer).unwrap_or_else(|e| {
        format!(
            r#"{{"type":"failure","errors":[{{"code":"invalidValue","path":"","message":"the answer could not be written: {}"}}]}}"#,
            e.to_string().replace(['"', '\\'], "'")
        )
    })
}

/// The JSON twin of [`evaluate`]: JSON text in, JSON text out, never a panic.
pub fn evaluate_json(json: &str) -> String {
    to_json(&JsonAnswer::from(evaluate_str(json)))
}

/// The JSON twin of [`partner_center::from_partner_center`]: the publisher's Subscription
/// resource and the extras as JSON texts (`extras` may be empty: none), the import as JSON text.
pub fn from_partner_center_json(resource: &str, extras: &str) -> String {
    to_json(&JsonAnswer::from(
        partner_center_texts(resource, extras, None)
            .and_then(|(r, e, _)| partner_center::from_partner_center(&r, &e)),
    ))
}

/// The JSON twin of [`partner_center::check_against_partner_center`]; `now` is an RFC 3339
/// instant (as text, not a JSON string).
pub fn check_against_partner_center_json(resource: &str, extras: &str, now: &str) -> String {
    to_json(&JsonAnswer::from(
        partner_center_texts(resource, extras, Some(now))
            .and_then(|(r, e, n)| partner_center::check_against_partner_center(&r, &e, &n)),
    ))
}

type Texts<'a> = (Json<'a>, Json<'a>, Json<'a>);

fn partner_center_texts<'a>(
    resource: &'a str,
    extras: &'a str,
    now: Option<&'a str>,
) -> Result<Texts<'a>, InputErrors> {
    let resource = input::text::parse_json(resource).map_err(InputErrors)?;
    let extras = if extras.trim().is_empty() {
        Json::Null
    } else {
        input::text::parse_json(extras).map_err(|errors| {
            InputErrors(
                errors
                    .into_iter()
                    .map(|mut e| {
                        e.path =
                            format!("extras{}", if e.path.is_empty() { "" } else { "." }) + &e.path;
                        e
                    })
                    .collect(),
            )
        })?
    };
    let now = now.map_or(Json::Null, |n| Json::String(n.into()));
    Ok((resource, extras, now))
}

/// The POLICY.md defaults of every policy parameter.
pub fn policy_defaults() -> Policy {
    Policy::default()
}

/// The JSON twin of [`available_actions`]: a [`SubscriptionQuery`] in, [`AvailableActions`] out.
pub fn available_actions_json(json: &str) -> String {
    to_json(&JsonAnswer::from(
        input::text::from_str(json)
            .map_err(InputErrors)
            .and_then(|q| available_actions(&q)),
    ))
}

/// The JSON twin of [`timeline`]: a [`SubscriptionQuery`] in, a [`Timeline`] out.
pub fn timeline_json(json: &str) -> String {
    to_json(&JsonAnswer::from(
        input::text::from_str(json)
            .map_err(InputErrors)
            .and_then(|q| timeline(&q)),
    ))
}

/// The JSON twin of [`filter_catalog`]: a [`CatalogQuery`] in, a [`Catalog`] out.
pub fn filter_catalog_json(json: &str) -> String {
    to_json(&JsonAnswer::from(
        input::text::from_str(json)
            .map_err(InputErrors)
            .and_then(|q| filter_catalog(&q)),
    ))
}

/// [`available_actions`] from a JSON value (every input problem reported with its path).
pub fn available_actions_value(value: &serde_json::Value) -> Result<AvailableActions, InputErrors> {
    available_actions_json_value(&Json::from(value))
}

/// [`available_actions_value`] on the decoder's own JSON value.
pub fn available_actions_json_value(value: &Json<'_>) -> Result<AvailableActions, InputErrors> {
    input::decode::from_value(value)
        .map_err(InputErrors)
        .and_then(|q| available_actions(&q))
}

/// [`timeline`] from a JSON value.
pub fn timeline_value(value: &serde_json::Value) -> Result<Timeline, InputErrors> {
    timeline_json_value(&Json::from(value))
}

/// [`timeline_value`] on the decoder's own JSON value.
pub fn timeline_json_value(value: &Json<'_>) -> Result<Timeline, InputErrors> {
    input::decode::from_value(value)
        .map_err(InputErrors)
        .and_then(|q| timeline(&q))
}

/// [`filter_catalog`] from a JSON value.
pub fn filter_catalog_value(value: &serde_json::Value) -> Result<Catalog, InputErrors> {
    filter_catalog_json_value(&Json::from(value))
}

/// [`filter_catalog_value`] on the decoder's own JSON value.
pub fn filter_catalog_json_value(value: &Json<'_>) -> Result<Catalog, InputErrors> {
    input::decode::from_value(value)
        .map_err(InputErrors)
        .and_then(|q| filter_catalog(&q))
}

/// Decide many requests in one call (the batch entry point): one answer per request, in order.
/// More than [`limits::MAX_BATCH`] requests is an input error for the whole batch.
pub fn evaluate_many(requests: &[Request]) -> Result<Vec<JsonAnswer<Decision>>, InputErrors> {
    check_batch(requests.len())?;
    Ok(requests
        .iter()
        .map(|r| JsonAnswer::from(evaluate(r)))
        .collect())
}

/// [`evaluate_many`] from a JSON array value: each element is read with the collecting decoder,
/// so one bad request gives its own failure and the others are still decided.
pub fn evaluate_many_value(
    value: &serde_json::Value,
) -> Result<Vec<JsonAnswer<Decision>>, InputErrors> {
    evaluate_many_json_value(&Json::from(value))
}

/// [`evaluate_many_value`] on the decoder's own JSON value.
pub fn evaluate_many_json_value(
    value: &Json<'_>,
) -> Result<Vec<JsonAnswer<Decision>>, InputErrors> {
    let Json::Array(items) = value else {
        return Err(InputErrors(vec![InputError::new(
            ErrorCode::InvalidType,
            "",
            "expected an array of requests",
        )]));
    };
    check_batch(items.len())?;
    Ok(items
        .iter()
        .map(|v| JsonAnswer::from(evaluate_json_value(v)))
        .collect())
}

/// The JSON twin of [`evaluate_many`]: a JSON array of requests in, an array of answers out.
/// A text over [`limits::MAX_BATCH_BYTES`] is refused before it is parsed.
pub fn evaluate_many_json(json: &str) -> String {
    if json.len() > limits::MAX_BATCH_BYTES {
        return to_json(&JsonAnswer::<Vec<JsonAnswer<Decision>>>::Failure {
            errors: vec![InputError::new(
                ErrorCode::TooLarge,
                "",
                format!(
                    "batch of {} bytes; at most {} are accepted",
                    json.len(),
                    limits::MAX_BATCH_BYTES
                ),
            )],
        });
    }
    if !json.trim_start().starts_with('[') {
        // Not an array: answered as the value entry point answers it.
        let batch = input::text::parse_json(json)
            .map_err(InputErrors)
            .and_then(|v| evaluate_many_json_value(&v));
        return to_json(&JsonAnswer::from(batch));
    }
    // Each request of the batch is read within the limits of one request, as the JS reader
    // reads each element: one over a limit is that request's failure.
    let batch = input::text::parse_batch(json)
        .map_err(InputErrors)
        .and_then(|items| {
            check_batch(items.len())?;
            Ok(items
                .iter()
                .map(|item| match item {
                    Ok(v) => JsonAnswer::from(evaluate_json_value(v)),
                    Err(limit) => JsonAnswer::Failure {
                        errors: vec![limit.clone()],
                    },
                })
                .collect::<Vec<_>>())
        });
    to_json(&JsonAnswer::from(batch))
}

/// [`evaluate_many`] answering each request with its [`DecisionSummary`] (the batch's compact
/// form): the same decisions, a fraction of the text to write and read back.
pub fn evaluate_many_compact(
    requests: &[Request],
) -> Result<Vec<JsonAnswer<DecisionSummary>>, InputErrors> {
    check_batch(requests.len())?;
    Ok(requests
        .iter()
        .map(|r| JsonAnswer::from(rules::summarize(r)))
        .collect())
}

/// A request read from a JSON value and decided in short: [`evaluate_json_value`]'s decision as
/// a [`DecisionSummary`], with only what the summary reads made (no messages, effects or
/// deadlines: the short form costs less to decide as well as to write).
pub fn summarize_json_value(value: &Json<'_>) -> Result<DecisionSummary, InputErrors> {
    let request: Request = input::decode::from_value(value).map_err(InputErrors)?;
    rules::summarize(&request)
}

/// [`summarize_json_value`], the decision in short kept as a decision (what a lazy decision's
/// verdict and rule IDs are read from): the same problems as [`evaluate_json_value`] finds.
pub fn shorten_json_value(value: &Json<'_>) -> Result<DecisionInShort, InputErrors> {
    let request: Request = input::decode::from_value(value).map_err(InputErrors)?;
    rules::shorten(&request)
}

/// Check the size of a batch of `n` requests against [`limits::MAX_BATCH`].
pub fn check_batch_len(n: usize) -> Result<(), InputErrors> {
    check_batch(n)
}

fn check_batch(n: usize) -> Result<(), InputErrors> {
    limits::check_batch(n)
}
