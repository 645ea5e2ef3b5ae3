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
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::transfer::{self, Item, Limit, Read, Tape};
use subscription_rules_core as core;
#[cfg(feature = "queries")]
use subscription_rules_core::input::text;
use subscription_rules_core::limits::ReadLimit;
#[cfg(feature = "queries")]
use subscription_rules_core::DecisionInShort;
use subscription_rules_core::{
    limits, Decision, ErrorCode, InputError, InputErrors, Json, JsonAnswer, Request,
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

#[wasm_bindgen(typescript_custom_section)]
const PREPARED_EVALUATE: &'static str = r#"
export interface PreparedSubscription {
    /**
     * Decide `action` at `now` (RFC 3339 text or epoch milliseconds): what `evaluate` answers
     * for the request of these facts with this action and instant.
     */
    evaluate(action: Action, now: string | number | Date): JsonAnswer<Decision>;
}
"#;

#[cfg(feature = "queries")]
#[wasm_bindgen(typescript_custom_section)]
const LAZY_DECISION: &'static str = r#"
/**
 * A decision made as it is read (`evaluateLazy`, `PreparedSubscription.evaluateLazy`,
 * `evaluateManyLazy`). `verdict` and `rules` come with it; the first read of any other field
 * decides the same request (or action at the same instant) again, in full, from what the call
 * read, once, and every field is then that decision's.
 * `JSON.stringify` (`toJSON`) gives exactly the JSON of `evaluate`'s decision. Its fields are
 * getters, not own properties: `toJSON()` gives the decision as a plain object (for spreading,
 * `structuredClone` or `postMessage`). Read the details before the prepared subscription is
 * freed: after `free()`, reading one that was not read yet throws a `CallError`.
 */
export interface LazyDecision extends Decision {
    /** The IDs of the rules that decided, in order, without repeats (`DecisionSummary.rules`). */
    readonly rules: Rule[];
    /** The whole decision, as `evaluate` answers it: a plain object. */
    toJSON(): Decision;
}

/** An available action whose decision is made as it is read (`availableActionsLazy`). */
export interface LazyAvailableAction extends AvailableAction {
    decision: LazyDecision;
}

/** The available actions, each decision made as it is read (`availableActionsLazy`). */
export interface LazyAvailableActions extends AvailableActions {
    actions: LazyAvailableAction[];
}

export interface PreparedSubscription {
    /**
     * `evaluate`, answered lazily: the verdict and the rule IDs are decided now (as
     * `evaluateInShort` decides them); the rest of the decision only when first read. A bad
     * action or `now` is the same failure answer as `evaluate`'s. With a `Date` for `now` (which
     * can change after the call), the decision is made in full at once.
     */
    evaluateLazy(action: Action, now: string | number | Date): JsonAnswer<LazyDecision>;
    /**
     * `availableActions`, answered lazily: each action with its verdict and rule IDs decided
     * now; an action's decision in full (its `outcomeChangesAt` too) only when first read, that
     * action alone. With a `Date` for `now`, everything is decided in full at once.
     */
    availableActionsLazy(now: string | number | Date): JsonAnswer<LazyAvailableActions>;
    /**
     * `evaluateMany`, answered lazily: each action's verdict and rule IDs decided now, in one
     * crossing for the whole array; the rest of a decision only when first read, that action
     * alone. The same failure answers and exceptions as `evaluateMany`. With a `Date` for `now`,
     * everything is decided in full at once.
     */
    evaluateManyLazy(actions: Action[], now: string | number | Date): JsonAnswer<JsonAnswer<LazyDecision>[]>;
}

/**
 * `evaluate`, answered lazily: the request is read and checked and decided in short now (its
 * verdict and rule IDs, as `evaluateManyCompact` decides them); the rest of the decision only
 * when first read, from the request as it was read now. A bad request is the same failure answer
 * as `evaluate`'s, and a misused call throws as `evaluate` throws.
 */
export function evaluateLazy(request: Request): JsonAnswer<LazyDecision>;
"#;

// The TypeScript type of each answer: `JsonAnswer<T>` spelt out, since a generic Rust type
// reaches TypeScript without its argument.
#[wasm_bindgen]
extern "C" {
    /// What [`evaluate`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Decision>")]
    pub type DecisionAnswer;

    #[cfg(feature = "queries")]
    /// What [`editions`] answers.
    #[wasm_bindgen(typescript_type = "EditionInfo[]")]
    pub type EditionList;

    #[cfg(feature = "queries")]
    /// The publisher's Subscription resource, as its REST API returns it.
    #[wasm_bindgen(typescript_type = "Record<string, unknown>")]
    pub type PartnerCenterResource;

    #[cfg(feature = "queries")]
    /// The facts the resource lacks.
    #[wasm_bindgen(typescript_type = "PartnerCenterExtras")]
    pub type PartnerCenterExtrasArg;

    #[cfg(feature = "queries")]
    /// What [`from_partner_center`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Imported>")]
    pub type ImportAnswer;

    #[cfg(feature = "queries")]
    /// What [`check_against_partner_center`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Parity>")]
    pub type ParityAnswer;

    #[cfg(feature = "queries")]
    /// What [`available_actions`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<AvailableActions>")]
    pub type AvailableActionsAnswer;

    #[cfg(feature = "queries")]
    /// What [`PreparedSubscription::action_states`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<ActionStates>")]
    pub type ActionStatesAnswer;

    #[cfg(feature = "queries")]
    /// What [`timeline`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Timeline>")]
    pub type TimelineAnswer;

    #[cfg(feature = "queries")]
    /// What [`filter_catalog`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<Catalog>")]
    pub type CatalogAnswer;

    #[cfg(feature = "queries")]
    /// What [`evaluate_json`] takes: JSON text.
    #[wasm_bindgen(typescript_type = "string")]
    pub type JsonText;

    /// What [`evaluate_many`] takes.
    #[wasm_bindgen(typescript_type = "Request[]")]
    pub type RequestList;

    /// What [`prepare`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<PreparedSubscription>")]
    pub type PrepareAnswer;

    /// An instant for a prepared subscription: RFC 3339 text, epoch milliseconds or a `Date`.
    #[wasm_bindgen(typescript_type = "string | number | Date")]
    pub type NowArg;

    /// What [`PreparedSubscription::evaluate_many`] takes.
    #[wasm_bindgen(typescript_type = "Action[]")]
    pub type ActionList;

    /// What [`evaluate_many`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<JsonAnswer<Decision>[]>")]
    pub type BatchAnswer;

    #[cfg(feature = "queries")]
    /// What [`evaluate_many_compact`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<JsonAnswer<DecisionSummary>[]>")]
    pub type CompactBatchAnswer;

    #[cfg(feature = "queries")]
    /// What [`PreparedSubscription::evaluate_in_short`] answers.
    #[wasm_bindgen(typescript_type = "JsonAnswer<DecisionSummary>")]
    pub type SummaryAnswer;
}

/// Decide a request: may the actor do this now, and what happens if they do?
///
/// Answers `{type: "success", result: Decision}` or `{type: "failure", errors}`.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate(request: Ts<Request>) -> Result<DecisionAnswer, JsValue> {
    let answer = decide_one(&request.js_value())?;
    plain(&answer).map(JsCast::unchecked_into)
}

/// Decide one request given as a JS value.
fn decide_one(input: &JsValue) -> Result<JsonAnswer<Decision>, JsValue> {
    decided(input, "", &core::evaluate_json_value)
}

/// A decision of `core` on the value read at `at` (one code path, not one per caller: the
/// validation module is kept small).
fn decided<T>(
    input: &JsValue,
    at: &str,
    core: &dyn Fn(&Json<'_>) -> Result<T, InputErrors>,
) -> Result<JsonAnswer<T>, JsValue> {
    answered(read_at(input, at, core))
}

/// [`decided`], for a batch item's bytes (read by `readItems`).
fn decided_item<T>(
    bytes: &[u8],
    at: &str,
    core: &dyn Fn(&Json<'_>) -> Result<T, InputErrors>,
) -> Result<JsonAnswer<T>, JsValue> {
    answered(parsed(bytes, at, core))
}

/// The answer to a value read and decided, or to a value that could not be read.
fn answered<T>(read: Result<Result<T, InputErrors>, Unread>) -> Result<JsonAnswer<T>, JsValue> {
    Ok(match read {
        Ok(decided) => JsonAnswer::from(decided),
        Err(Unread::Limit(error)) => JsonAnswer::Failure {
            errors: vec![error],
        },
        Err(Unread::Misuse(thrown)) => return Err(thrown),
    })
}

#[cfg(feature = "queries")]
/// [`evaluate`] for a request given as JSON text, read by the core's text reader: the reader a
/// Rust server uses, so the two agree byte for byte. Use it where the text itself matters: a
/// key twice in one object is `duplicateField` here, while `JSON.parse` keeps the last silently
/// and a JS value cannot hold both. Anything but a string is thrown as `invalidType`.
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(text: JsonText) -> Result<DecisionAnswer, JsValue> {
    if !text.is_string() {
        return Err(call_error(
            ErrorCode::InvalidType,
            "",
            "expected the request as JSON text (a string)",
        ));
    }
    // Read by JSON.parse and a scan of the text (src/boundary.js), to the text reader's reading
    // (core/src/input/text.rs); its parser is not in this module, which is kept small.
    #[allow(clippy::cast_possible_truncation)]
    let parsed = parse_text(
        &text,
        limits::MAX_REQUEST_BYTES as u32,
        limits::MAX_VALUES as u32,
        limits::MAX_DEPTH as u32,
    );
    let data = parsed.get(1);
    let errors = match parsed.get(0).as_f64() {
        Some(0.0) => {
            let answer = decide_one(&data)?;
            return plain(&answer).map(JsCast::unchecked_into);
        }
        Some(1.0) => vec![text::invalid_json(&data.as_string().unwrap_or_default())],
        Some(2.0) => vec![ReadLimit::Bytes.error()],
        Some(3.0) => vec![ReadLimit::Values.error()],
        Some(4.0) => vec![ReadLimit::Depth.error()],
        _ => text::duplicate_fields(
            js_sys::Array::from(&data)
                .iter()
                .map(|p| p.as_string().unwrap_or_default())
                .collect(),
        ),
    };
    plain(&JsonAnswer::<Decision>::Failure { errors }).map(JsCast::unchecked_into)
}

#[cfg(feature = "queries")]
/// What decides the one-shot `evaluateLazy(request)`, a function of the boundary
/// (`src/boundary.js`, which walks the request itself, as a prepared call's): the package's entry
/// gives the boundary this class (`registerLazyRequests`, `scripts/build-wasm.sh`), and the
/// boundary makes one at its first call. Not for callers: the bytes are the boundary's own
/// format.
#[doc(hidden)]
#[wasm_bindgen(skip_typescript)]
pub struct LazyRequests {}

#[cfg(feature = "queries")]
#[wasm_bindgen]
impl LazyRequests {
    /// The one decider, made by the boundary at its first `evaluateLazy`; it gives the boundary
    /// the names a packed number stands for if no `prepare` gave them yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<LazyRequests, JsValue> {
        lazy_names_given(&lazy_names()?);
        Ok(LazyRequests {})
    }

    /// A one-shot lazy decision's verdict and rule IDs: the request as the boundary walked it,
    /// read, checked and decided in short, answered as one number ([`packed`]) where it can be,
    /// else as the answer in short (a failure, or more rules than fit).
    #[wasm_bindgen(js_name = evaluateVerdict, skip_typescript)]
    pub fn evaluate_verdict(&self, walked: &[u8]) -> Result<JsValue, JsValue> {
        let answer = answered(parsed(walked, "", core::shorten_json_value))?;
        if let JsonAnswer::Success { result } = &answer {
            if let Some(number) = packed(result.decision()) {
                return Ok(JsValue::from_f64(number));
            }
        }
        plain(&answer)
    }

    /// The full decision behind a one-shot lazy decision: the request as `evaluateLazy` walked
    /// it (the bytes the lazy decision keeps), decided as `evaluate` decides it.
    #[wasm_bindgen(js_name = evaluateWalked, skip_typescript)]
    pub fn evaluate_walked(&self, walked: &[u8]) -> Result<DecisionAnswer, JsValue> {
        let answer = answered(parsed(walked, "", core::evaluate_json_value))?;
        plain(&answer).map(JsCast::unchecked_into)
    }
}

#[cfg(feature = "queries")]
#[wasm_bindgen(typescript_custom_section)]
const PARTNER_CENTER_EXTRAS: &'static str = r#"
/**
 * What the publisher's Subscription resource lacks (README, "From the publisher's API"): its
 * price and currency, the SKUs it may be upgraded to, its add-ons, and the customer. `edition`
 * and `actor` are for `checkAgainstPartnerCenter` (defaults `atTermStart` and an `adminAgent`).
 */
export interface PartnerCenterExtras {
    unitPrice?: string | number;
    currency?: string;
    sku?: string;
    upgradePaths?: string[];
    addOns?: AddOn[];
    seatAdditions?: SeatAddition[] | null;
    billingStartedAt?: string;
    accountOpenedAt?: string;
    suspendedAt?: string;
    upgradedFrom?: UpgradedFrom;
    customer?: Customer;
    edition?: EditionChoice;
    actor?: Actor;
}
"#;

#[cfg(feature = "queries")]
/// Read the publisher's Subscription resource (as its REST API returns it, camelCase or
/// PascalCase) and `extras` (what it lacks) into this engine's subscription facts, with the
/// resource's fields that became none listed in `ignored`. Bad input is a failure answer with the
/// resource's own field paths.
#[wasm_bindgen(js_name = fromPartnerCenter)]
pub fn from_partner_center(
    resource: PartnerCenterResource,
    extras: Option<PartnerCenterExtrasArg>,
) -> Result<ImportAnswer, JsValue> {
    let none = JsValue::UNDEFINED;
    let extras: JsValue = extras.map_or(JsValue::UNDEFINED, Into::into);
    read_three(&resource, &extras, &none, |r, e, _| {
        core::partner_center::from_partner_center(r, e)
    })
}

#[cfg(feature = "queries")]
/// [`from_partner_center`], then the engine's windows at `now` (RFC 3339) compared with what the
/// resource states (`refundOptions`, `cancellationAllowedUntilDate`, `refundableQuantity`,
/// `status`): each disagreement with both values.
#[wasm_bindgen(js_name = checkAgainstPartnerCenter)]
pub fn check_against_partner_center(
    resource: PartnerCenterResource,
    extras: Option<PartnerCenterExtrasArg>,
    now: JsonText,
) -> Result<ParityAnswer, JsValue> {
    let extras: JsValue = extras.map_or(JsValue::UNDEFINED, Into::into);
    read_three(&resource, &extras, &now, |r, e, n| {
        core::partner_center::check_against_partner_center(r, e, n)
    })
}

#[cfg(feature = "queries")]
/// An optional argument at `path`, read as [`read_at`] reads one; absent (`undefined` or `null`)
/// it is JSON `null`.
fn optional<R>(v: &JsValue, path: &str, then: impl FnOnce(&Json<'_>) -> R) -> Result<R, Unread> {
    if v.is_undefined() || v.is_null() {
        Ok(then(&Json::Null))
    } else {
        read_at(v, path, then)
    }
}

#[cfg(feature = "queries")]
/// Up to three arguments read as [`read`] reads one (an absent `extras` or `now` is `null`), then
/// answered by `core`.
fn read_three<T: Serialize, A: JsCast>(
    first: &JsValue,
    second: &JsValue,
    third: &JsValue,
    core: impl FnOnce(&Json<'_>, &Json<'_>, &Json<'_>) -> Result<T, core::InputErrors>,
) -> Result<A, JsValue> {
    let nested = read(first, |r| {
        optional(second, "extras", |e| {
            optional(third, "now", |n| core(r, e, n))
        })
    });
    let answer = match nested.and_then(|x| x).and_then(|x| x) {
        Ok(answered) => JsonAnswer::from(answered),
        Err(Unread::Limit(error)) => JsonAnswer::Failure {
            errors: vec![error],
        },
        Err(Unread::Misuse(thrown)) => return Err(thrown),
    };
    plain(&answer).map(JsCast::unchecked_into)
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
    batch(requests.as_ref(), &|item, path, tape| {
        append(tape, &decided_item(item, path, &core::evaluate_json_value)?)
    })
    .map(JsCast::unchecked_into)
}

/// Read and check a subscription's facts once — a request without `now` and `action`: `actor`,
/// `subscription`, `customer`, `offer`, `edition`, `policy`, `locale` — and answer a handle that
/// decides any action at any instant without reading them again (`evaluate(action, now)`; in
/// `subscription-rules/full` also `evaluateMany(actions, now)`, `availableActions(now)` and
/// `timeline(now)`). Each answer equals `evaluate` of the same request. Bad facts are a failure
/// answer here, as `evaluate` would give them. Release the handle with `free()` (or `using`);
/// one forgotten is released when it is garbage-collected.
#[wasm_bindgen(js_name = prepare)]
pub fn prepare(facts: Ts<core::PreparedFacts>) -> Result<PrepareAnswer, JsValue> {
    let errors = match read(&facts.js_value(), core::Prepared::from_json_value) {
        Ok(Ok(prepared)) => {
            let handle = JsValue::from(PreparedSubscription { inner: prepared });
            // Its `evaluate` (a method the boundary writes, where the walk is), and the limits of
            // the walk of a call's arguments.
            #[allow(clippy::cast_possible_truncation)]
            prepared_methods(
                &handle,
                limits::MAX_VALUES as u32,
                limits::MAX_REQUEST_BYTES as u32,
                limits::MAX_DEPTH as u32,
            );
            #[cfg(feature = "queries")]
            lazy_methods(&handle, &lazy_names()?);
            return Ok(success(&handle).unchecked_into());
        }
        Ok(Err(InputErrors(errors))) => errors,
        Err(Unread::Limit(error)) => vec![error],
        Err(Unread::Misuse(thrown)) => return Err(thrown),
    };
    plain(&JsonAnswer::<()>::Failure { errors }).map(JsCast::unchecked_into)
}

/// A subscription's facts, read and checked once by [`prepare`].
#[wasm_bindgen]
pub struct PreparedSubscription {
    inner: core::Prepared,
}

#[wasm_bindgen]
impl PreparedSubscription {
    /// `p.evaluate(action, now)` (`src/boundary.js`, which walks the call): the call's `now` and
    /// action as the boundary walked them ([`walked_call`]), decided: what `evaluate` answers for
    /// the request of these facts with this action and instant. Not for callers: the bytes are
    /// the boundary's own format.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = evaluateWalked, skip_typescript)]
    pub fn evaluate_walked(&self, walked: &[u8]) -> Result<DecisionAnswer, JsValue> {
        let (now, action) = walked_call(walked)?;
        let answer = answered(parsed(action, core::Request::ACTION, |a| {
            match (&now, core::read_action(a)) {
                (Ok(now), Ok(action)) => self.inner.evaluate(&action, *now),
                // Every problem of the call, `now`'s first, as a request's (as
                // `Prepared::evaluate_call`, written out here: sharing it measured 330 bytes
                // larger in the validation module).
                (now, action) => {
                    let mut errors = now.clone().err().unwrap_or_default();
                    errors.extend(action.err().unwrap_or_default());
                    Err(InputErrors(errors))
                }
            }
        }))?;
        plain(&answer).map(JsCast::unchecked_into)
    }

    #[cfg(feature = "queries")]
    /// Decide each action of an array at `now`: one answer per action, in order (at most
    /// 100,000), as `evaluateMany` answers a batch (a bad action fails its own answer). A bad
    /// `now` or anything but an array fails the whole call.
    #[wasm_bindgen(js_name = evaluateMany)]
    pub fn evaluate_many(&self, actions: ActionList, now: NowArg) -> Result<BatchAnswer, JsValue> {
        let actions: &JsValue = actions.as_ref();
        let now = match batch_now(actions, &now)? {
            Ok(now) => now,
            Err(failure) => return Ok(failure.unchecked_into()),
        };
        each_item(actions, &|item, path, tape| {
            append(
                tape,
                &decided_item(item, path, &|a| self.inner.evaluate_call(&Ok(now), a))?,
            )
        })
        .map(JsCast::unchecked_into)
    }

    #[cfg(feature = "queries")]
    /// `evaluateMany` in short: each action's decision as `evaluateManyCompact` answers it
    /// (verdict, `effectiveAt`, rule IDs, the alternative's action, the money amounts), deciding
    /// only that much (no messages, effects or deadlines).
    #[wasm_bindgen(js_name = evaluateManyCompact)]
    pub fn evaluate_many_compact(
        &self,
        actions: ActionList,
        now: NowArg,
    ) -> Result<CompactBatchAnswer, JsValue> {
        let actions: &JsValue = actions.as_ref();
        let now = match batch_now(actions, &now)? {
            Ok(now) => now,
            Err(failure) => return Ok(failure.unchecked_into()),
        };
        each_item(actions, &|item, path, tape| {
            append(
                tape,
                &decided_item(item, path, &|a| self.inner.shorten_call(&Ok(now), a))?,
            )
        })
        .map(JsCast::unchecked_into)
    }
}

#[cfg(feature = "queries")]
#[wasm_bindgen]
impl PreparedSubscription {
    /// `evaluate` in short: the decision of `action` at `now` as `evaluateManyCompact` answers
    /// one (verdict, `effectiveAt`, rule IDs, the alternative's action, the money amounts),
    /// deciding only that much.
    #[wasm_bindgen(js_name = evaluateInShort)]
    pub fn evaluate_in_short(
        &self,
        action: Ts<core::Action>,
        now: NowArg,
    ) -> Result<SummaryAnswer, JsValue> {
        let now = read_now(&now)?;
        let answer = decided(&action.js_value(), core::Request::ACTION, &|a| {
            self.inner.shorten_call(&now, a)
        })?;
        plain(&answer).map(JsCast::unchecked_into)
    }

    /// A lazy decision's verdict and rule IDs (`evaluateLazy`, `src/boundary.js`): the call's
    /// `now` and action as the boundary walked them ([`walked_call`]), decided in short and
    /// answered as one number where it can be ([`packed`]: no answer written or rebuilt), else
    /// as `evaluateInShort` answers (a failure, or more rules than fit).
    #[doc(hidden)]
    #[wasm_bindgen(js_name = evaluateVerdict, skip_typescript)]
    pub fn evaluate_verdict(&self, walked: &[u8]) -> Result<JsValue, JsValue> {
        let (now, action) = walked_call(walked)?;
        let answer = answered(parsed(action, core::Request::ACTION, |a| {
            self.inner.shorten_call(&now, a)
        }))?;
        if let JsonAnswer::Success { result } = &answer {
            if let Some(number) = packed(result.decision()) {
                return Ok(JsValue::from_f64(number));
            }
        }
        plain(&answer)
    }

    /// A lazy batch's verdicts and rule IDs (`evaluateManyLazy`, `src/boundary.js`): `now` as
    /// `walkCall` walks it, and the actions as `readItems` walks a batch's items (all of them,
    /// in one chunk); each action decided in short and answered as one number ([`packed`]), or
    /// `NaN` where it cannot be (a failure, or more rules than fit: the boundary asks
    /// `evaluateVerdict` for that one's answer). A bad `now`, or items more than
    /// [`MAX_BATCH_READ`] bytes to read, is the failure answer of the whole call, as
    /// `evaluateMany` answers it.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = evaluateVerdicts, skip_typescript)]
    pub fn evaluate_verdicts(&self, now: &[u8], items: &[u8]) -> Result<JsValue, JsValue> {
        let now = match parsed(now, core::Request::NOW, core::read_now) {
            Ok(Ok(now)) => now,
            Ok(Err(errors)) => return plain(&JsonAnswer::<()>::Failure { errors }),
            Err(Unread::Limit(error)) => {
                return plain(&JsonAnswer::<()>::Failure {
                    errors: vec![error],
                })
            }
            Err(Unread::Misuse(thrown)) => return Err(thrown),
        };
        let mut numbers = Vec::new();
        let mut read = 0usize;
        let mut path = String::new();
        for (i, item) in transfer::items(items).enumerate() {
            #[allow(clippy::cast_possible_truncation)] // at most MAX_BATCH items
            index_path(&mut path, i as u32);
            let Item::Read(bytes) = item else {
                return Err(thrown_item());
            };
            read += bytes.len();
            if read > MAX_BATCH_READ {
                return read_refused(&path);
            }
            let answer = answered(parsed(bytes, &path, |a| {
                self.inner.shorten_call(&Ok(now), a)
            }))?;
            numbers.push(match &answer {
                JsonAnswer::Success { result } => packed(result.decision()).unwrap_or(f64::NAN),
                JsonAnswer::Failure { .. } => f64::NAN,
            });
        }
        Ok(js_sys::Float64Array::from(numbers.as_slice()).into())
    }

    /// A lazy list of the available actions (`availableActionsLazy`, `src/boundary.js`): each
    /// action with its verdict and rules only.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = actionVerdicts, skip_typescript)]
    pub fn action_verdicts(&self, now: NowArg) -> Result<JsValue, JsValue> {
        at_now(&now, |n| self.inner.action_verdicts(n))
    }

    /// The full decision behind a lazy list's decision: action number `index` of
    /// `availableActions(now)`, decided alone (`null` past the last).
    #[doc(hidden)]
    #[wasm_bindgen(js_name = availableDecision, skip_typescript)]
    pub fn available_decision(&self, index: u32, now: NowArg) -> Result<JsValue, JsValue> {
        at_now(&now, |n| self.inner.available_action(n, index as usize))
    }

    /// Every action on the subscription at `now`, each with its full decision: what
    /// `availableActions` answers for these facts at `now`.
    #[wasm_bindgen(js_name = availableActions)]
    pub fn available_actions(&self, now: NowArg) -> Result<AvailableActionsAnswer, JsValue> {
        at_now(&now, |n| self.inner.available_actions(n)).map(JsCast::unchecked_into)
    }

    /// Every action's state at `now`, in short (verdict, enabled, rule IDs, one reason, when time
    /// alone changes it): what a list of many subscriptions' buttons needs, the same decisions as
    /// `availableActions` without each in full.
    #[wasm_bindgen(js_name = actionStates)]
    pub fn action_states(&self, now: NowArg) -> Result<ActionStatesAnswer, JsValue> {
        at_now(&now, |n| self.inner.action_states(n)).map(JsCast::unchecked_into)
    }

    /// The subscription's timeline at `now`: what `timeline` answers for these facts at `now`.
    pub fn timeline(&self, now: NowArg) -> Result<TimelineAnswer, JsValue> {
        at_now(&now, |n| self.inner.timeline(n)).map(JsCast::unchecked_into)
    }
}

/// A call's `now` as the core reads it: the instant, or its problems.
type CallNow = Result<core::Instant, Vec<InputError>>;

/// A prepared call's `now` (read) and action (its walk's bytes), from what `walkCall`
/// (`src/boundary.js`) wrote: the byte length of `now`'s walk (4 bytes, little-endian), that
/// walk, then the action's.
fn walked_call(walked: &[u8]) -> Result<(CallNow, &[u8]), JsValue> {
    let garbled = || call_error(ErrorCode::InvalidValue, "", "the call could not be read");
    let length = walked
        .first_chunk::<4>()
        .map(|b| u32::from_le_bytes(*b) as usize)
        .ok_or_else(garbled)?;
    let (now, action) = walked
        .get(4..)
        .filter(|rest| rest.len() >= length)
        .map(|rest| rest.split_at(length))
        .ok_or_else(garbled)?;
    let now = match parsed(now, core::Request::NOW, core::read_now) {
        Ok(now) => now,
        Err(Unread::Limit(error)) => Err(vec![error]),
        Err(Unread::Misuse(thrown)) => return Err(thrown),
    };
    Ok((now, action))
}

#[cfg(feature = "queries")]
/// The names [`packed`] numbers stand for and the limits of an argument's walk and of a batch,
/// `[verdicts, rule IDs, [values, bytes, depth, items, batch bytes]]`, for `lazyMethods` and
/// `lazyNames`: made at the first call that needs them only (`null` after it: the boundary
/// keeps them).
fn lazy_names() -> Result<JsValue, JsValue> {
    thread_local!(static GIVEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if GIVEN.with(|given| given.replace(true)) {
        return Ok(JsValue::NULL);
    }
    #[allow(clippy::cast_possible_truncation)]
    let limits = [
        limits::MAX_VALUES as u32,
        limits::MAX_REQUEST_BYTES as u32,
        limits::MAX_DEPTH as u32,
        limits::MAX_BATCH as u32,
        MAX_BATCH_READ as u32,
    ];
    plain(&(VERDICTS, core::ALL_RULES, limits))
}

#[cfg(feature = "queries")]
/// The verdicts in the order [`packed`] numbers them (`lazyMethods` gives JS their names).
const VERDICTS: [core::Verdict; 4] = [
    core::Verdict::AllowedNow,
    core::Verdict::Scheduled,
    core::Verdict::Denied,
    core::Verdict::NeedsSupport,
];

#[cfg(feature = "queries")]
/// The rules a [`packed`] number holds at most: 7 bits each after the verdict's 3, within the 53
/// bits a JS number holds exactly.
const PACKED_RULES: usize = 7;

// A rule's number in a packed verdict (its place in `ALL_RULES`, plus one) fits 7 bits.
#[cfg(feature = "queries")]
const _: () = assert!(core::ALL_RULES.len() < 127);

#[cfg(feature = "queries")]
/// A decision's verdict and rule IDs (in order, without repeats) as one number: the verdict's
/// place in [`VERDICTS`] (3 bits), then each rule's place in `ALL_RULES` (its number) plus one (7
/// bits each, 0 ending them). `None` for more than [`PACKED_RULES`] rules.
fn packed(d: &core::Decision) -> Option<f64> {
    let verdict = VERDICTS.iter().position(|v| *v == d.verdict)?;
    let mut number = verdict as u64;
    let mut unit = 8u64;
    let mut count = 0;
    for (i, reason) in d.reasons.iter().enumerate() {
        let before = d.reasons.get(..i).unwrap_or_default();
        if before.iter().any(|b| b.rule == reason.rule) {
            continue;
        }
        if count == PACKED_RULES {
            return None;
        }
        // Its place in `ALL_RULES` (core: `a_rules_number_is_its_place_in_all_rules`).
        number += (reason.rule as u64 + 1) * unit;
        unit *= 128;
        count += 1;
    }
    #[allow(clippy::cast_precision_loss)] // below 2^52: exact
    Some(number as f64)
}

#[cfg(feature = "queries")]
/// A prepared batch's `now`, read; or the failure answer of the whole call (a bad `now`, or
/// actions that are not an array).
fn batch_now(actions: &JsValue, now: &JsValue) -> Result<Result<core::Instant, JsValue>, JsValue> {
    Ok(match read_now(now)? {
        Ok(now) if is_array(actions).unwrap_or(false) => Ok(now),
        Ok(_) => Err(plain(&JsonAnswer::<()>::Failure {
            errors: vec![core::not_actions()],
        })?),
        Err(errors) => Err(plain(&JsonAnswer::<()>::Failure { errors })?),
    })
}

#[cfg(feature = "queries")]
/// A prepared subscription's query at a call's `now`, answered.
fn at_now<T: Serialize>(
    now: &JsValue,
    query: impl FnOnce(core::Instant) -> Result<T, InputErrors>,
) -> Result<JsValue, JsValue> {
    plain(&JsonAnswer::from(
        read_now(now)?.map_err(InputErrors).and_then(query),
    ))
}

#[cfg(feature = "queries")]
/// A call's `now`, read as any argument is (a `Date` is its ISO text, `undefined` is absent) and
/// then by the core: RFC 3339 text or epoch milliseconds. What is not JSON is thrown.
fn read_now(now: &JsValue) -> Result<Result<core::Instant, Vec<InputError>>, JsValue> {
    // The usual `now`, a short string or a number read as the walk reads one (whole milliseconds,
    // or NaN and ±∞ as `null`), taken as it is: the value the walk would read (a string's lone
    // surrogates are U+FFFD either way), without the walk. Any other (a `Date`, a long string, a
    // fraction) is walked, limits and all. (A string's length is asked first: a long one is never
    // copied into the module's memory.)
    if let Some(ms) = now.as_f64() {
        if let Some(number) = Json::whole(ms) {
            return Ok(core::read_now(&number));
        }
    } else if now.is_string() && now.unchecked_ref::<js_sys::JsString>().length() <= 64 {
        if let Some(text) = now.as_string() {
            return Ok(core::read_now(&Json::String(text.into())));
        }
    }
    match read_at(now, core::Request::NOW, core::read_now) {
        Ok(now) => Ok(now),
        Err(Unread::Limit(error)) => Ok(Err(vec![error])),
        Err(Unread::Misuse(thrown)) => Err(thrown),
    }
}

#[cfg(feature = "queries")]
/// `evaluateMany`, answering each request with the short form of its decision: the verdict,
/// `effectiveAt`, the IDs of the rules that decided, the alternative action and the money
/// amounts (`DecisionSummary`). The same decisions; much less to write and read back.
#[wasm_bindgen(js_name = evaluateManyCompact)]
pub fn evaluate_many_compact(requests: RequestList) -> Result<CompactBatchAnswer, JsValue> {
    // Each decided in full and written in short (deciding in short, as the prepared batch does,
    // would add the one-shot path's own code to a module at its size budget; reading the request
    // is most of a one-shot decision's time).
    batch(requests.as_ref(), &|item, path, tape| {
        append(
            tape,
            &decided_item(item, path, &|v| {
                core::evaluate_json_value(v).map(DecisionInShort::from)
            })?,
        )
    })
    .map(JsCast::unchecked_into)
}

/// The batch pattern: an array of at most [`limits::MAX_BATCH`] requests, each decided as
/// [`evaluate`] decides one, each answered by `answer_each`. Anything but an array is answered
/// as [`crate::evaluate_many_value`] answers it.
fn batch(requests: &JsValue, answer_each: &Step<'_>) -> Result<JsValue, JsValue> {
    if requests.is_undefined() || !is_array(requests).unwrap_or(false) {
        return answer::<_, JsValue>(requests, core::evaluate_many_json_value);
    }
    each_item(requests, answer_each)
}

/// A batch's step: one item's bytes (as `readValue` writes an argument's), at its path, decided
/// and its answer appended to the tape.
type Step<'a> = dyn Fn(&[u8], &str, &mut Tape) -> Result<(), JsValue> + 'a;

/// The loop of a batch over a JS array (checked to be one): each item decided and its answer
/// written by `answer`, in order, within the batch's budgets: at most [`MAX_BATCH_READ`] bytes
/// read from its items and [`MAX_BATCH_ANSWER`] bytes of answers; past either, the batch is
/// answered `tooLarge` (the answers so far are let go, and no item after it is read). (One loop
/// for every batch: a `dyn` step, not one copy of the loop per kind of batch.)
///
/// The items cross in chunks and so do the answers: `readItems` (src/boundary.js) walks items
/// into one buffer until it holds [`BATCH_READ`] bytes, each within its own limits as `evaluate`
/// reads its argument; and the answers are written one after the other on one tape, rebuilt
/// together by `buildAnswer` whenever it holds [`BATCH_REBUILD`] bytes, and at the end. So a
/// batch crosses the boundary a few times per chunk, not per item, and the module's memory holds
/// at most a chunk of items and one of answers whatever the batch's length (it comes back to
/// where it was: ROBUSTNESS.md). What reading an item throws is thrown after the items before it
/// are answered, as if they had been read one at a time.
fn each_item(items: &JsValue, answer: &Step<'_>) -> Result<JsValue, JsValue> {
    let length = js_sys::Reflect::get(items, &JsValue::from_str("length"))
        .map_err(|e| threw("", &e))?
        .as_f64()
        .unwrap_or(0.0);
    // Whole and non-negative: an array's length is an integer below 2^32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = length as u32;
    let refuse = |message: String| {
        plain(&JsonAnswer::<()>::Failure {
            errors: vec![InputError::new(ErrorCode::TooLarge, "", message)],
        })
    };
    if let Err(InputErrors(errors)) = core::check_batch_len(n as usize) {
        return plain(&JsonAnswer::<()>::Failure { errors });
    }
    // Filled without a prototype, given Array.prototype when done (`listNew`, src/boundary.js).
    let answers = list_new();
    let (mut read, mut written) = (0usize, 0usize);
    let mut tape = Tape::empty();
    let mut pending = 0u32;
    let mut path = String::new();
    let mut i = 0u32;
    while i < n {
        // The limits of one request, as the text reader applies them (`limits`), and what the
        // batch may still read (at most MAX_BATCH_READ, which fits a u32).
        #[allow(clippy::cast_possible_truncation)]
        let chunk = read_items(
            items,
            i,
            n,
            limits::MAX_VALUES as u32,
            limits::MAX_REQUEST_BYTES as u32,
            limits::MAX_DEPTH as u32,
            BATCH_READ as u32,
            MAX_BATCH_READ.saturating_sub(read) as u32,
        )?;
        let from = i;
        for item in transfer::items(&chunk) {
            index_path(&mut path, i);
            let Item::Read(bytes) = item else {
                return Err(thrown_item());
            };
            read += bytes.len();
            let before = tape.bytes();
            answer(bytes, &path, &mut tape)?;
            if read > MAX_BATCH_READ {
                return refuse(format!(
                    "the requests up to {path} are more than {MAX_BATCH_READ} bytes to read; \
                     split the batch"
                ));
            }
            written += tape.bytes() - before;
            if written > MAX_BATCH_ANSWER {
                return refuse(format!(
                    "the answers up to {path} are more than {MAX_BATCH_ANSWER} bytes; split the \
                     batch"
                ));
            }
            pending += 1;
            i += 1;
            if tape.bytes() >= BATCH_REBUILD || i == n {
                rebuild_into(&answers, &tape, pending)?;
                tape.clear();
                pending = 0;
            }
        }
        if i == from {
            // Never: each chunk holds at least one item.
            return Err(call_error(
                ErrorCode::InvalidValue,
                &path,
                "the argument could not be read",
            ));
        }
    }
    tape.recycle();
    Ok(success(&list_done(&answers)))
}

#[cfg(feature = "queries")]
/// A lazy batch's answer once its items up to `path` are more than [`MAX_BATCH_READ`] bytes to
/// read: `each_item`'s.
fn read_refused(path: &str) -> Result<JsValue, JsValue> {
    plain(&JsonAnswer::<()>::Failure {
        errors: vec![InputError::new(
            ErrorCode::TooLarge,
            "",
            format!(
                "the requests up to {path} are more than {MAX_BATCH_READ} bytes to read; split \
                 the batch"
            ),
        )],
    })
}

/// How many bytes of a batch's items `readItems` walks into one chunk (at least one item): 16
/// KiB, about 30 requests or 800 actions.
const BATCH_READ: usize = 16 << 10;

/// How many bytes of a batch's answers are written before they are rebuilt: 32 KiB, within
/// what [`Tape::recycle`] keeps (about 30 decisions in full, 200 in short).
const BATCH_REBUILD: usize = 32 << 10;

/// `[i]`, the path of a batch's item `i`, written over `path` (no allocation per item).
fn index_path(path: &mut String, i: u32) {
    path.clear();
    path.push('[');
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = i;
    loop {
        at -= 1;
        // A digit: below 10.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + digit;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        path.push(char::from(d));
    }
    path.push(']');
}

/// Most bytes a batch's requests may take in the reader's encoding (each string and key as UTF-8
/// and 5 bytes more, each number 5 or 9 bytes, each other value 1 to 5: about 1.2 times their
/// JSON text): 128 MiB. Bounds the reading of a batch that lists one large request many times.
pub const MAX_BATCH_READ: usize = 128 << 20;
/// Most bytes of answers one batch may give, in the answer encoding (4 bytes a word, strings as
/// UTF-8: about the size of their JSON text): 512 MiB, past which `JSON.stringify` of the answer
/// could not make one string. A backstop: the batches measured (100,000 ordinary decisions, and
/// the largest batch of the largest decisions the read budget accepts) answer about 115 MB as
/// JSON, and take about 3 times that in the JS heap (ROBUSTNESS.md).
pub const MAX_BATCH_ANSWER: usize = 512 << 20;

#[cfg(feature = "queries")]
/// The editions of the policy, oldest first, each with its date and parameters.
#[wasm_bindgen(js_name = editions)]
pub fn editions() -> Result<EditionList, JsValue> {
    plain(&core::editions()).map(JsCast::unchecked_into)
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
    built(write(value)?)
}

/// A written answer rebuilt, its tape then kept for the next answer ([`Tape::recycle`]).
fn built(tape: Tape) -> Result<JsValue, JsValue> {
    let answer = build(&tape);
    tape.recycle();
    answer
}

/// The first half of [`plain`]: the answer written in the module's memory.
fn write<T: Serialize>(value: &T) -> Result<Tape, JsValue> {
    Tape::write(value).map_err(|_| unwritten())
}

/// [`write`] after the answers already on `tape` (a batch's).
fn append<T: Serialize>(tape: &mut Tape, value: &T) -> Result<(), JsValue> {
    tape.append(value).map_err(|_| unwritten())
}

/// The call error of an answer that could not be written (which no answer of the engine is).
fn unwritten() -> JsValue {
    call_error(
        ErrorCode::InvalidValue,
        "",
        "the answer could not be written",
    )
}

/// The second half of [`plain`]: the written answer rebuilt as JS objects.
fn build(tape: &Tape) -> Result<JsValue, JsValue> {
    rebuilt(tape, None, 1)
}

/// A batch's `count` answers on `tape` rebuilt and added to `list`, in order.
fn rebuild_into(list: &js_sys::Array, tape: &Tape, count: u32) -> Result<(), JsValue> {
    rebuilt(tape, Some(list), count).map(drop)
}

/// The values on `tape` rebuilt: the one value, or `count` of them added to `list`.
fn rebuilt(tape: &Tape, list: Option<&js_sys::Array>, count: u32) -> Result<JsValue, JsValue> {
    // Addresses and lengths in the module's 32-bit memory.
    #[allow(clippy::cast_possible_truncation)]
    build_answer(
        &wasm_bindgen::memory(),
        tape.words.as_ptr() as u32,
        tape.words.len() as u32,
        tape.strings.as_ptr() as u32,
        tape.strings.len() as u32,
        list,
        count,
    )
    .map_err(|e| {
        call_error(
            ErrorCode::InvalidValue,
            "",
            &format!("the answer could not be read back: {}", message_of(&e)),
        )
    })
}

/// Why an argument could not be read as a JSON value.
enum Unread {
    /// It is JSON, but larger or deeper than the engine reads: answered as an input error.
    Limit(InputError),
    /// It is not JSON at all: thrown.
    Misuse(JsValue),
}

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
    // The path by address and length in the module's memory, decoded only if an error names
    // it (a `&str` argument is decoded at every call).
    fn read_value(
        value: &JsValue,
        memory: &JsValue,
        path_at: u32,
        path_len: u32,
        max_values: u32,
        max_bytes: u32,
        max_depth: u32,
    ) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(catch, js_name = readItems)]
    #[allow(clippy::too_many_arguments)]
    fn read_items(
        items: &JsValue,
        from: u32,
        end: u32,
        max_values: u32,
        max_bytes: u32,
        max_depth: u32,
        chunk: u32,
        left: u32,
    ) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = thrownItem)]
    fn thrown_item() -> JsValue;
    #[cfg(feature = "queries")]
    #[wasm_bindgen(js_name = wireKeys)]
    fn wire_keys() -> String;
    #[wasm_bindgen(js_name = callError)]
    fn js_call_error(code: &str, path: &str, message: &str) -> JsValue;
    #[cfg(feature = "queries")]
    #[wasm_bindgen(js_name = parseText)]
    fn parse_text(text: &JsValue, max_bytes: u32, max_values: u32, max_depth: u32)
        -> js_sys::Array;
    #[wasm_bindgen(js_name = preparedMethods)]
    fn prepared_methods(handle: &JsValue, max_values: u32, max_bytes: u32, max_depth: u32);
    #[cfg(feature = "queries")]
    #[wasm_bindgen(js_name = lazyMethods)]
    fn lazy_methods(handle: &JsValue, names: &JsValue);
    #[cfg(feature = "queries")]
    #[wasm_bindgen(js_name = lazyNames)]
    fn lazy_names_given(names: &JsValue);
    #[wasm_bindgen(js_name = listNew)]
    fn list_new() -> js_sys::Array;
    #[wasm_bindgen(js_name = listDone)]
    fn list_done(list: &js_sys::Array) -> JsValue;
    #[wasm_bindgen(js_name = success)]
    fn success(result: &JsValue) -> JsValue;
    #[wasm_bindgen(catch, js_name = buildAnswer)]
    fn build_answer(
        memory: &JsValue,
        words: u32,
        word_count: u32,
        strings: u32,
        string_bytes: u32,
        list: Option<&js_sys::Array>,
        count: u32,
    ) -> Result<JsValue, JsValue>;
}

/// Read a JS value as a JSON value, as `JSON.stringify` would see it (a property whose value is
/// `undefined` is absent), within limits, never recursing without bound, and hand it to `then`.
fn read<R>(input: &JsValue, then: impl FnOnce(&Json<'_>) -> R) -> Result<R, Unread> {
    read_at(input, "", then)
}

/// [`read`], for a value at `path` (a call's `action` or `now`): walked in JS (`readValue`) into
/// bytes in one call, then read here into a [`Json`] borrowing its strings from those bytes,
/// which live only for this call: hence `then`.
fn read_at<R>(input: &JsValue, path: &str, then: impl FnOnce(&Json<'_>) -> R) -> Result<R, Unread> {
    if input.is_undefined() && path.is_empty() {
        return Err(Unread::Misuse(call_error(
            ErrorCode::InvalidType,
            "",
            "expected a request object, found `undefined`",
        )));
    }
    // The limits of one request, as the text reader applies them (`limits`).
    #[allow(clippy::cast_possible_truncation)]
    let bytes = read_value(
        input,
        &wasm_bindgen::memory(),
        path.as_ptr() as u32,
        path.len() as u32,
        limits::MAX_VALUES as u32,
        limits::MAX_REQUEST_BYTES as u32,
        limits::MAX_DEPTH as u32,
    )
    .map_err(Unread::Misuse)?;
    parsed(&bytes, path, then)
}

#[cfg(feature = "queries")]
/// The keys the boundary's walk writes by their place (`WIRE_KEYS` in `src/boundary.js`, a
/// generated list of the inputs' property names), asked for at the first read and kept for the
/// module's life (a few hundred bytes). Asking is what tells the boundary to write them so: the
/// validation module never asks (its 80 KB budget), and its walks write every key's bytes.
fn known_keys() -> &'static [&'static str] {
    thread_local!(static KNOWN: std::cell::Cell<Option<&'static [&'static str]>> = const { std::cell::Cell::new(None) });
    KNOWN
        .try_with(|known| {
            if let Some(keys) = known.get() {
                return keys;
            }
            // Split at the commas by hand (the list is of plain names: a test holds it to them).
            let text: &'static str = wire_keys().leak();
            let mut keys = Vec::new();
            let mut start = 0;
            for (i, byte) in text.bytes().enumerate() {
                if byte == b',' {
                    keys.push(text.get(start..i).unwrap_or_default());
                    start = i + 1;
                }
            }
            keys.push(text.get(start..).unwrap_or_default());
            let keys: &'static [&'static str] = keys.leak();
            known.set(Some(keys));
            keys
        })
        .unwrap_or(&[])
}

#[cfg(not(feature = "queries"))]
/// The validation module knows no keys by place (see the full module's).
fn known_keys() -> &'static [&'static str] {
    &[]
}

/// The bytes `readValue` wrote for the value at `path`, read into a [`Json`] handed to `then`.
fn parsed<R>(bytes: &[u8], path: &str, then: impl FnOnce(&Json<'_>) -> R) -> Result<R, Unread> {
    match transfer::read_value(bytes, known_keys()) {
        Read::Value(value) => Ok(then(&value)),
        Read::Limit(Limit::Values) => Err(Unread::Limit(ReadLimit::Values.error())),
        Read::Limit(Limit::Bytes) => Err(Unread::Limit(ReadLimit::Bytes.error())),
        Read::Limit(Limit::Depth) => Err(Unread::Limit(ReadLimit::Depth.error())),
        Read::Garbled => Err(Unread::Misuse(call_error(
            ErrorCode::InvalidValue,
            path,
            "the argument could not be read",
        ))),
    }
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
