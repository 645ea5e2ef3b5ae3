//! The JavaScript boundary: the `#[wasm_bindgen]` exports of the npm package.
//!
//! Compiled only with the `wasm` feature. Nothing here decides anything: each export hands a
//! plain JS object to the core's collecting decoder and hands the core's answer back as a plain
//! JS object, so the package answers exactly what [`crate::evaluate_json`] answers.
//!
//! - Functions that take input answer `{type: "success", result}` or
//!   `{type: "failure", errors: [{code, path, message, rule?}]}` ([`JsonAnswer`]); bad input is
//!   never thrown.
//! - They throw only when the call itself is misused: the argument is `undefined`, holds
//!   something that is not JSON (a function, a symbol, a `BigInt`), or reading it runs a getter or
//!   proxy trap that throws. What is thrown is an `Error` that also carries `code` and `path`, as
//!   an input error does.
//! - `policyDefaults`, `editions`, `rules` and `version` take no input and return their value
//!   directly.
//!
//! Every entry point that takes input is an extern type naming its answer's TypeScript type, and
//! a function whose body passes the core's `*_json_value` function to the private `answer`
//! helper. The argument is read into a [`Json`] value whose strings borrow from the bytes the JS
//! walker wrote; no `serde_json::Value` is built.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::transfer::{self, Limit, Read, Tape};
use subscription_rules_core as core;
#[cfg(feature = "queries")]
use subscription_rules_core::DecisionSummary;
use subscription_rules_core::{
    limits, Decision, ErrorCode, InputError, InputErrors, Json, JsonAnswer, Policy, Request,
};
#[cfg(feature = "queries")]
use subscription_rules_core::{CatalogQuery, SubscriptionQuery};

// The module's allocator: talc's WebAssembly configuration, smaller than the default dlmalloc and
// faster on the many small allocations of a decision (BENCHMARKS.md).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const CALL_ERROR: &'static str = r#"
/**
 * What the functions throw when the call itself is misused (the argument is `undefined` or is
 * not a JSON value). Bad input is never thrown: it is answered with `{ type: "failure", errors }`.
 */
export interface CallError extends Error {
    code: ErrorCode;
    path: string;
}
"#;

// The TypeScript type of each answer: `JsonAnswer<T>` spelt out, since a generic Rust type
// reaches TypeScript without its argument.
#[wasm_bindgen]
extern "C" {
    /// What [`evaluate`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Decision>")]
    pub type DecisionAnswer;

    /// What [`rules`] answers.
    #[wasm_bindgen(typescript_type = "RuleInfo[]")]
    pub type RuleList;

    #[cfg(feature = "queries")]
    /// What [`editions`] answers.
    #[wasm_bindgen(typescript_type = "EditionInfo[]")]
    pub type EditionList;

    #[cfg(feature = "queries")]
    /// What [`available_actions`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<AvailableActions>")]
    pub type AvailableActionsAnswer;

    #[cfg(feature = "queries")]
    /// What [`timeline`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Timeline>")]
    pub type TimelineAnswer;

    #[cfg(feature = "queries")]
    /// What [`filter_catalog`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Catalog>")]
    pub type CatalogAnswer;

    /// What [`evaluate_many`] takes.
    #[wasm_bindgen(typescript_type = "Request[]")]
    pub type RequestList;

    /// What [`evaluate_many`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<JsonAnswer<Decision>[]>")]
    pub type BatchAnswer;

    #[cfg(feature = "queries")]
    /// What [`evaluate_many_compact`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<JsonAnswer<DecisionSummary>[]>")]
    pub type CompactBatchAnswer;
}

/// Decide a request: may the actor do this now, and what happens if they do?
///
/// Answers `{type: "success", result: Decision}` or `{type: "failure", errors}`.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate(request: Ts<Request>) -> Result<DecisionAnswer, JsValue> {
    let answer = decide_one(&request.js_value(), "")?;
    plain(&answer).map(JsCast::unchecked_into)
}

/// Decide one request given as a JS value. `at` prefixes the path of a thrown error (a batch
/// element's `[i]`).
fn decide_one(input: &JsValue, at: &str) -> Result<JsonAnswer<Decision>, JsValue> {
    Ok(match read_at(input, at, core::evaluate_json_value) {
        Ok(decided) => JsonAnswer::from(decided),
        Err(Unread::Limit(error)) => JsonAnswer::Failure {
            errors: vec![error],
        },
        Err(Unread::Misuse(thrown)) => return Err(thrown),
    })
}

#[cfg(feature = "queries")]
/// Every action on a subscription at `now`, each with its full decision (buttons enabled or
/// disabled with the reason, and `outcomeChangesAt` where time alone changes the verdict).
#[wasm_bindgen(js_name = availableActions)]
pub fn available_actions(query: Ts<SubscriptionQuery>) -> Result<AvailableActionsAnswer, JsValue> {
    answer(&query.js_value(), core::available_actions_json_value)
}

#[cfg(feature = "queries")]
/// The dated points of a subscription (windows closing, renewal, trial end, data deletion,
/// scheduled changes) and when each action's verdict changes with time alone.
#[wasm_bindgen(js_name = timeline)]
pub fn timeline(query: Ts<SubscriptionQuery>) -> Result<TimelineAnswer, JsValue> {
    answer(&query.js_value(), core::timeline_json_value)
}

#[cfg(feature = "queries")]
/// CAT-1: offers filtered by publisher, billing type and category, each with its eligibility.
#[wasm_bindgen(js_name = filterCatalog)]
pub fn filter_catalog(query: Ts<CatalogQuery>) -> Result<CatalogAnswer, JsValue> {
    answer(&query.js_value(), core::filter_catalog_json_value)
}

/// Decide many requests in one call: one answer per request, in order (at most 100,000). Each
/// request is read and limited as `evaluate` reads one.
#[wasm_bindgen(js_name = evaluateMany)]
pub fn evaluate_many(requests: RequestList) -> Result<BatchAnswer, JsValue> {
    batch(requests.as_ref(), |answer| answer).map(JsCast::unchecked_into)
}

#[cfg(feature = "queries")]
/// `evaluateMany`, answering each request with the short form of its decision: the verdict,
/// `effectiveAt`, the IDs of the rules that decided, the alternative action and the money
/// amounts (`DecisionSummary`). The same decisions; much less to write and read back.
#[wasm_bindgen(js_name = evaluateManyCompact)]
pub fn evaluate_many_compact(requests: RequestList) -> Result<CompactBatchAnswer, JsValue> {
    batch(requests.as_ref(), |answer| match answer {
        JsonAnswer::Success { result } => JsonAnswer::Success {
            result: DecisionSummary::from(&result),
        },
        JsonAnswer::Failure { errors } => JsonAnswer::Failure { errors },
    })
    .map(JsCast::unchecked_into)
}

/// The batch pattern: an array of at most [`limits::MAX_BATCH`] requests, each decided as
/// [`evaluate`] decides one, each answer shaped by `each`. Anything but an array is answered
/// as [`crate::evaluate_many_value`] answers it.
fn batch<T: Serialize>(
    requests: &JsValue,
    each: impl Fn(JsonAnswer<Decision>) -> JsonAnswer<T>,
) -> Result<JsValue, JsValue> {
    if requests.is_undefined() || !is_array(requests).unwrap_or(false) {
        return answer::<_, JsValue>(requests, core::evaluate_many_json_value);
    }
    let length = js_sys::Reflect::get(requests, &JsValue::from_str("length"))
        .map_err(|e| threw("", &e))?
        .as_f64()
        .unwrap_or(0.0);
    // Whole and non-negative: an array's length is an integer below 2^32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = length as u32;
    if let Err(InputErrors(errors)) = core::check_batch_len(n as usize) {
        return plain(&JsonAnswer::<Vec<JsonAnswer<T>>>::Failure { errors });
    }
    let mut answers = Vec::with_capacity(n as usize);
    for i in 0..n {
        let item =
            js_sys::Reflect::get_u32(requests, i).map_err(|e| threw(&format!("[{i}]"), &e))?;
        answers.push(each(decide_one(&item, &format!("[{i}]"))?));
    }
    plain(&JsonAnswer::<Vec<JsonAnswer<T>>>::Success { result: answers })
}

#[cfg(feature = "queries")]
/// The editions of the policy, oldest first, each with its date and parameters.
#[wasm_bindgen(js_name = editions)]
pub fn editions() -> Result<EditionList, JsValue> {
    plain(&core::editions()).map(JsCast::unchecked_into)
}

/// The POLICY.md defaults of every policy parameter (what `request.policy` overrides).
#[wasm_bindgen(js_name = policyDefaults)]
pub fn policy_defaults() -> Result<Ts<Policy>, JsValue> {
    to_js(&core::policy_defaults())
}

/// Every rule of POLICY.md: its ID, family, title and source.
#[wasm_bindgen(js_name = rules)]
pub fn rules() -> Result<RuleList, JsValue> {
    plain(&core::catalog()).map(JsCast::unchecked_into)
}

/// The version of the engine (the crate and package version).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The one pattern of every entry point that takes input: JS value → [`Json`] → the core's
/// collecting decoder and rules → [`JsonAnswer`] → plain JS object.
fn answer<T: Serialize, A: JsCast>(
    input: &JsValue,
    core: impl FnOnce(&Json<'_>) -> Result<T, InputErrors>,
) -> Result<A, JsValue> {
    let answer = match read(input, core) {
        Ok(answered) => JsonAnswer::from(answered),
        Err(Unread::Limit(error)) => JsonAnswer::Failure {
            errors: vec![error],
        },
        Err(Unread::Misuse(thrown)) => return Err(thrown),
    };
    plain(&answer).map(JsCast::unchecked_into)
}

/// Every output goes through here: written by [`Tape`] (words and one string region in the
/// module's memory) and rebuilt as plain objects by `buildAnswer` in `src/boundary.js`, so the
/// shapes are exactly the JSON answer's (measured against `JSON.parse` of text and against
/// serde-wasm-bindgen: BENCHMARKS.md).
fn plain<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let tape = Tape::write(value).map_err(|_| {
        call_error(
            ErrorCode::InvalidValue,
            "",
            "the answer could not be written",
        )
    })?;
    // Addresses and lengths in the module's 32-bit memory.
    #[allow(clippy::cast_possible_truncation)]
    build_answer(
        &wasm_bindgen::memory(),
        tape.words.as_ptr() as u32,
        tape.words.len() as u32,
        tape.strings.as_ptr() as u32,
        tape.strings.len() as u32,
    )
    .map_err(|e| {
        call_error(
            ErrorCode::InvalidValue,
            "",
            &format!("the answer could not be read back: {}", message_of(&e)),
        )
    })
}

fn to_js<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    plain(value).map(Ts::new_unchecked)
}

/// Why an argument could not be read as a JSON value.
enum Unread {
    /// It is JSON, but larger or deeper than the engine reads: answered as an input error.
    Limit(InputError),
    /// It is not JSON at all: thrown.
    Misuse(JsValue),
}

/// Deepest nesting read (the deepest valid request nests 5 levels; a cycle is caught here).
const MAX_DEPTH: u32 = 64;
/// Most values (objects, arrays, strings, numbers…) read from one argument.
const MAX_VALUES: u32 = 200_000;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

// The JS half of the boundary (formats in `src/transfer.rs`). `catch`: what JS throws comes back
// as an `Err`, never as an exception unwinding through wasm.
#[wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = readValue)]
    fn read_value(
        value: &JsValue,
        path: &str,
        max_values: u32,
        max_bytes: u32,
        max_depth: u32,
    ) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = callError)]
    fn js_call_error(code: &str, path: &str, message: &str) -> JsValue;
    #[wasm_bindgen(catch, js_name = buildAnswer)]
    fn build_answer(
        memory: &JsValue,
        words: u32,
        word_count: u32,
        strings: u32,
        string_bytes: u32,
    ) -> Result<JsValue, JsValue>;
}

/// Read a JS value as a JSON value, as `JSON.stringify` would see it (a property whose value is
/// `undefined` is absent), within limits, never recursing without bound, and hand it to `then`.
fn read<R>(input: &JsValue, then: impl FnOnce(&Json<'_>) -> R) -> Result<R, Unread> {
    read_at(input, "", then)
}

/// [`read`], for a value at `path` (a batch element): walked in JS (`readValue`) into bytes in
/// one call, then read here into a [`Json`] borrowing its strings from those bytes, which live
/// only for this call: hence `then`.
fn read_at<R>(input: &JsValue, path: &str, then: impl FnOnce(&Json<'_>) -> R) -> Result<R, Unread> {
    if input.is_undefined() && path.is_empty() {
        return Err(Unread::Misuse(call_error(
            ErrorCode::InvalidType,
            "",
            "expected a request object, found `undefined`",
        )));
    }
    #[allow(clippy::cast_possible_truncation)]
    let max_bytes = limits::MAX_REQUEST_BYTES as u32;
    let bytes =
        read_value(input, path, MAX_VALUES, max_bytes, MAX_DEPTH).map_err(Unread::Misuse)?;
    match transfer::read_value(&bytes) {
        Read::Value(value) => Ok(then(&value)),
        Read::Limit(Limit::Values) => Err(too_large(format!(
            "more than {MAX_VALUES} values; at most that many are read"
        ))),
        Read::Limit(Limit::Bytes) => Err(too_large(format!(
            "more than {} bytes of text; at most that many are accepted",
            limits::MAX_REQUEST_BYTES
        ))),
        Read::Limit(Limit::Depth) => Err(too_large(format!(
            "nested more than {MAX_DEPTH} levels deep (is there a cycle?)"
        ))),
        Read::Garbled => Err(Unread::Misuse(call_error(
            ErrorCode::InvalidValue,
            path,
            "the argument could not be read",
        ))),
    }
}

fn too_large(message: String) -> Unread {
    Unread::Limit(InputError::new(ErrorCode::TooLarge, "", message))
}

/// The call error thrown when reading the argument ran JS code that threw.
fn threw(path: &str, e: &JsValue) -> JsValue {
    call_error(
        ErrorCode::InvalidType,
        path,
        &format!("reading the argument threw: {}", message_of(e)),
    )
}

/// The message of a thrown JS value (an `Error`'s `message`, or the value as text).
fn message_of(thrown: &JsValue) -> String {
    js_sys::Reflect::get(thrown, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "an exception".to_string())
}

/// A JS `Error` carrying `code` and `path`, as an input error does, to throw (made in JS, with
/// `code` and `path` defined as own properties, whatever Object.prototype holds).
fn call_error(code: ErrorCode, path: &str, message: &str) -> JsValue {
    js_call_error(code.as_str(), path, message)
}
