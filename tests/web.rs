//! The wasm boundary, in wasm: `wasm-pack test --node -- --features wasm` and
//! `wasm-pack test --headless --chrome -- --features wasm` (scripts/test-wasm.sh runs both).
//!
//! Every case of every `tests/fixtures/*.json` (embedded at compile time) goes through the JS
//! entry point as a real JS object, and its answer must equal, field for field, what the core's
//! JSON entry point (`evaluate_json`, compiled into the same module) answers for the same text.
//! The cases' `expect` / `expectErrors` are checked too (subset match).
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]
// Test code: clippy's allow-*-in-tests settings do not reach `#[wasm_bindgen_test]` functions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use include_dir::{include_dir, Dir};
use serde_json::{json, Value};
use subscription_rules::wasm;
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

static FIXTURES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/tests/fixtures");

/// A JS object made the way a page makes one: `JSON.parse` of the text.
fn js_object(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

/// What a JS caller sees, read back as JSON.
fn as_json(js: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(js).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

fn evaluate_js(request: JsValue) -> Result<Value, JsValue> {
    wasm::evaluate(Ts::new_unchecked(request)).map(|answer| as_json(&answer.into()))
}

/// RFC 7396 JSON merge patch.
fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(fields) => {
            if !target.is_object() {
                *target = json!({});
            }
            let Value::Object(into) = target else {
                unreachable!()
            };
            for (key, value) in fields {
                if value.is_null() {
                    into.remove(key);
                } else {
                    merge_patch(into.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// `expected` is contained in `actual`, as the shared fixture runner reads it (tests/common):
/// objects by their listed fields (an expected `null` means "absent"), arrays element by element
/// with the same length, everything else by equality.
fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().all(|(k, ev)| match a.get(k) {
            None => ev.is_null(),
            Some(av) => subset(ev, av),
        }),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(ev, av)| subset(ev, av))
        }
        _ => expected == actual,
    }
}

/// Every case of every fixture that a JS object can carry: its label, its request (its base with
/// its patch) and the case itself.
fn fixture_cases() -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    for file in FIXTURES
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
    {
        let name = file.path().display().to_string();
        let fixture: Value =
            serde_json::from_slice(file.contents()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bases = &fixture["bases"];
        for case in fixture["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no cases"))
        {
            let label = format!("{name}: {}", case["name"]);
            if case.get("raw").is_some() {
                // Raw JSON text (e.g. invalid JSON): a JS object cannot carry it.
                continue;
            }
            let mut request = case
                .get("base")
                .and_then(Value::as_str)
                .map(|b| {
                    bases
                        .get(b)
                        .cloned()
                        .unwrap_or_else(|| panic!("{label}: no base `{b}`"))
                })
                .unwrap_or(json!({}));
            if let Some(patch) = case.get("patch") {
                merge_patch(&mut request, patch);
            }
            out.push((label, request, case.clone()));
        }
    }
    out
}

#[wasm_bindgen_test]
fn every_fixture_case_answers_through_js_as_the_core_json_api_does() {
    let mut cases = 0;
    for (label, request, case) in fixture_cases() {
        let native: Value = serde_json::from_str(&subscription_rules_core::evaluate_json(
            &request.to_string(),
        ))
        .unwrap();
        let through_js =
            evaluate_js(js_object(&request)).unwrap_or_else(|e| panic!("{label}: threw {e:?}"));
        assert_eq!(
            through_js, native,
            "{label}: the JS answer differs from the JSON answer"
        );

        if let Some(expect) = case.get("expect") {
            assert_eq!(through_js["type"], "success", "{label}: {through_js}");
            assert!(
                subset(expect, &through_js["result"]),
                "{label}: expected {expect}, got {through_js}"
            );
        }
        if let Some(expect) = case.get("expectErrors") {
            assert_eq!(through_js["type"], "failure", "{label}: {through_js}");
            assert!(
                subset(expect, &through_js["errors"]),
                "{label}: expected {expect}, got {through_js}"
            );
        }
        cases += 1;
    }
    assert!(cases >= 3, "only {cases} fixture cases found");
}

/// A decision's rule IDs, in order without repeats: a lazy decision's `rules`.
#[cfg(feature = "queries")]
fn rules_of(decision: &Value) -> Value {
    let mut rules: Vec<Value> = Vec::new();
    for r in decision["reasons"].as_array().unwrap() {
        if !rules.contains(&r["rule"]) {
            rules.push(r["rule"].clone());
        }
    }
    json!(rules)
}

/// A lazy answer's verdict and `rules`, read first (what comes with the call): those of `eager`,
/// the same call's answer in full.
#[cfg(feature = "queries")]
fn holds_what_comes_with_it(lazy: &JsValue, eager: &Value, label: &str) {
    use js_sys::Reflect;
    let decision = Reflect::get(lazy, &"result".into()).unwrap();
    let rules = as_json(&Reflect::get(&decision, &"rules".into()).unwrap());
    assert_eq!(rules, rules_of(&eager["result"]), "{label}: rules");
    let verdict = Reflect::get(&decision, &"verdict".into()).unwrap();
    assert_eq!(
        verdict.as_string().unwrap(),
        eager["result"]["verdict"],
        "{label}"
    );
}

/// The method `name` of a prepared handle (its class's own, or one the boundary gave it).
#[cfg(feature = "queries")]
fn method_of(handle: &JsValue, name: &str, label: &str) -> js_sys::Function {
    js_sys::Reflect::get(handle, &name.into())
        .unwrap()
        .dyn_into()
        .unwrap_or_else(|_| panic!("{label}: no {name}"))
}

/// A request's facts prepared (the handle), its `now` and its action; `None` for a request
/// without both or whose facts do not prepare.
#[cfg(feature = "queries")]
fn prepared_call(request: &Value) -> Option<(JsValue, &Value, &Value)> {
    let (Some(now), Some(action)) = (request.get("now"), request.get("action")) else {
        return None;
    };
    let mut facts = request.clone();
    facts
        .as_object_mut()
        .unwrap()
        .retain(|k, _| k != "now" && k != "action");
    let prepared: JsValue = wasm::prepare(Ts::new_unchecked(js_object(&facts)))
        .unwrap()
        .into();
    if as_json(&prepared)["type"] != "success" {
        return None;
    }
    Some((
        js_sys::Reflect::get(&prepared, &"result".into()).unwrap(),
        now,
        action,
    ))
}

/// `p.evaluateLazy` (a method the JS half of the boundary gives the prepared handle's class) of
/// every fixture case whose facts prepare: its JSON is `p.evaluate`'s, its `rules` the rule IDs of
/// the reasons in order without repeats; read in this order: `rules`, `verdict`, then the rest.
#[cfg(feature = "queries")]
#[wasm_bindgen_test]
fn lazy_decisions_are_the_decisions_of_evaluate() {
    let mut compared = 0;
    for (label, request, _) in fixture_cases() {
        let Some((handle, now, action)) = prepared_call(&request) else {
            continue;
        };
        let lazy = method_of(&handle, "evaluateLazy", &label)
            .call2(&handle, &js_object(action), &js_object(now))
            .unwrap_or_else(|e| panic!("{label}: threw {e:?}"));
        // `p.evaluate`'s answer (a prepared call's `now` may be epoch milliseconds, which a
        // one-shot request's may not).
        let eager = as_json(
            &method_of(&handle, "evaluate", &label)
                .call2(&handle, &js_object(action), &js_object(now))
                .unwrap(),
        );
        if eager["type"] == "success" {
            holds_what_comes_with_it(&lazy, &eager, &label);
            compared += 1;
        }
        let mut lazy = as_json(&lazy);
        if eager["type"] == "failure" {
            // The same problems; a prepared call lists the call's (`now`, `action`) first.
            let sorted = |v: &Value| {
                let mut errors: Vec<String> = v["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(Value::to_string)
                    .collect();
                errors.sort();
                errors
            };
            assert_eq!(
                sorted(&lazy),
                sorted(&eager),
                "{label}: the lazy failure differs"
            );
            lazy = eager.clone();
        }
        assert_eq!(lazy, eager, "{label}: the lazy answer differs");
        method_of(&handle, "free", &label).call0(&handle).unwrap();
    }
    assert!(compared > 300, "only {compared} lazy decisions compared");
}

/// `p.evaluateManyLazy` of each fixture case's action, twice, with a bad action between:
/// `p.evaluateMany`'s answer, the first item's verdict read first. (The one-shot
/// `evaluateLazy(request)` is a function of the boundary that the package's entry exports:
/// `tests/js/node/lazy.mjs` holds it to `evaluate` in Node, and `tests/js/e2e.mjs` in headless
/// Chromium, bundled and not.)
#[cfg(feature = "queries")]
#[wasm_bindgen_test]
fn lazy_batches_are_those_of_evaluate_many() {
    use js_sys::{Array, Reflect};
    let mut batches = 0;
    for (label, request, _) in fixture_cases() {
        let Some((handle, now, action)) = prepared_call(&request) else {
            continue;
        };
        let method = |name: &str| method_of(&handle, name, &label);
        let actions = js_object(&json!([action, {"type": "nope"}, action]));
        let call = |name: &str| {
            method(name)
                .call2(&handle, &actions, &js_object(now))
                .unwrap_or_else(|e| panic!("{label}: {name} threw {e:?}"))
        };
        let (lazy, eager) = (call("evaluateManyLazy"), call("evaluateMany"));
        let eager = as_json(&eager);
        if eager["type"] == "success" {
            let items = Array::from(&Reflect::get(&lazy, &"result".into()).unwrap());
            let first = Reflect::get(&items.get(0), &"result".into()).unwrap();
            if let Some(verdict) = eager["result"][0]["result"]["verdict"].as_str() {
                let read = Reflect::get(&first, &"verdict".into()).unwrap();
                assert_eq!(read.as_string().unwrap(), verdict, "{label}: batch verdict");
            }
            batches += 1;
        }
        assert_eq!(as_json(&lazy), eager, "{label}: the lazy batch differs");
        method("free").call0(&handle).unwrap();
    }
    assert!(batches > 300, "only {batches} lazy batches compared");
}

fn smoke_request() -> Value {
    let fixture: Value =
        serde_json::from_slice(FIXTURES.get_file("wasm-smoke.json").unwrap().contents()).unwrap();
    fixture["bases"]["newCommerceMonthlyBilledAnnual"].clone()
}

#[wasm_bindgen_test]
fn decision_is_a_plain_object_with_money_as_strings() {
    let answer: JsValue = wasm::evaluate(Ts::new_unchecked(js_object(&smoke_request())))
        .unwrap()
        .into();
    // Plain objects, not Maps: properties are readable directly.
    let result = js_sys::Reflect::get(&answer, &"result".into()).unwrap();
    assert!(result.is_object() && !result.is_instance_of::<js_sys::Map>());
    let money = js_sys::Reflect::get(&result, &"money".into()).unwrap();
    assert!(js_sys::Array::is_array(&money));
    let first = js_sys::Array::from(&money).get(0);
    assert_eq!(
        js_sys::Reflect::get(&first, &"amount".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("94.20")
    );
}

#[wasm_bindgen_test]
fn undefined_properties_are_absent_as_in_json() {
    let request = js_object(&smoke_request());
    let subscription = js_sys::Reflect::get(&request, &"subscription".into()).unwrap();
    js_sys::Reflect::set(&subscription, &"name".into(), &JsValue::UNDEFINED).unwrap();
    assert_eq!(evaluate_js(request).unwrap()["type"], "success");
}

/// The thrown value is an `Error` with `code` and `path`.
fn thrown(e: JsValue) -> (String, String, String) {
    assert!(e.is_instance_of::<js_sys::Error>(), "{e:?}");
    let get = |k: &str| {
        js_sys::Reflect::get(&e, &k.into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    (get("code"), get("path"), get("message"))
}

#[wasm_bindgen_test]
fn misuse_throws_an_error_with_code_and_path() {
    let (code, path, _) = thrown(evaluate_js(JsValue::UNDEFINED).unwrap_err());
    assert_eq!((code.as_str(), path.as_str()), ("invalidType", ""));

    // A BigInt: JSON.stringify throws for it, and so does the engine.
    let request = js_object(&smoke_request());
    let actor = js_sys::Reflect::get(&request, &"actor".into()).unwrap();
    js_sys::Reflect::set(&actor, &"partnerId".into(), &js_sys::BigInt::from(1u32)).unwrap();
    let (code, path, message) = thrown(evaluate_js(request).unwrap_err());
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalidType", "actor.partnerId"),
        "{message}"
    );
    // A function is left out, as JSON.stringify leaves it out: the same answer as without it.
    let request = js_object(&smoke_request());
    let actor = js_sys::Reflect::get(&request, &"actor".into()).unwrap();
    let f = js_sys::Function::new_no_args("return 1");
    js_sys::Reflect::set(&actor, &"partnerId".into(), &f).unwrap();
    assert_eq!(
        evaluate_js(request).unwrap(),
        evaluate_js(js_object(&smoke_request())).unwrap()
    );

    // A getter that throws: caught and thrown as a call error, never unwinding through wasm.
    let request = js_object(&smoke_request());
    let getter: js_sys::Function = js_sys::Function::new_with_args(
        "o",
        "Object.defineProperty(o, 'now', { enumerable: true, get() { throw new Error('boom') } }); return o",
    );
    let request = getter.call1(&JsValue::NULL, &request).unwrap();
    let (_, _, message) = thrown(evaluate_js(request).unwrap_err());
    assert!(message.contains("boom"), "{message}");
}

#[wasm_bindgen_test]
fn bad_json_values_are_answers() {
    // null, a number, NaN: JSON-ish values, answered with errors at their path.
    for (value, path) in [(JsValue::NULL, ""), (JsValue::from_f64(42.0), "")] {
        let answer = evaluate_js(value).unwrap();
        assert_eq!(answer["type"], "failure");
        assert_eq!(answer["errors"][0]["path"], path);
    }
    let request = js_object(&smoke_request());
    let subscription = js_sys::Reflect::get(&request, &"subscription".into()).unwrap();
    js_sys::Reflect::set(
        &subscription,
        &"quantity".into(),
        &JsValue::from_f64(f64::NAN),
    )
    .unwrap();
    let answer = evaluate_js(request).unwrap();
    assert_eq!(answer["type"], "failure", "{answer}");
    assert_eq!(
        answer["errors"][0]["path"], "subscription.quantity",
        "{answer}"
    );
}

#[wasm_bindgen_test]
fn a_cycle_or_deep_nesting_is_a_too_large_answer_not_a_crash() {
    let cyclic = js_object(&smoke_request());
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let answer = evaluate_js(cyclic).unwrap();
    assert_eq!(answer["errors"][0]["code"], "tooLarge", "{answer}");

    let deep_js = js_sys::Function::new_with_args(
        "n",
        "let v = 1; for (let i = 0; i < n; i++) v = [v]; return v",
    )
    .call1(&JsValue::NULL, &JsValue::from_f64(100_000.0))
    .unwrap();
    let answer = evaluate_js(deep_js).unwrap();
    assert_eq!(answer["errors"][0]["code"], "tooLarge", "{answer}");

    // And the module still answers.
    assert_eq!(
        evaluate_js(js_object(&smoke_request())).unwrap()["type"],
        "success"
    );
}

#[wasm_bindgen_test]
fn many_bad_calls_then_a_good_one() {
    for i in 0..10_000 {
        let bad = json!({ "now": format!("2021-07-17T09:00:{:02}", i % 60) });
        assert_eq!(evaluate_js(js_object(&bad)).unwrap()["type"], "failure");
        if i % 1000 == 0 {
            assert!(evaluate_js(JsValue::UNDEFINED).is_err());
        }
    }
    let good = evaluate_js(js_object(&smoke_request())).unwrap();
    assert_eq!(good["result"]["money"][0]["amount"], "94.20");
}

/// The query functions of the full module (`--features queries`) answer through JS exactly what
/// the core's JSON twins answer natively: available actions, timeline, catalog, editions.
#[cfg(feature = "queries")]
#[wasm_bindgen_test]
fn query_functions_answer_through_js_as_the_core_json_api_does() {
    let mut query = smoke_request();
    query.as_object_mut().unwrap().remove("action");
    let text = query.to_string();

    let through_js = as_json(
        &wasm::available_actions(Ts::new_unchecked(js_object(&query)))
            .unwrap()
            .into(),
    );
    let native: Value =
        serde_json::from_str(&subscription_rules_core::available_actions_json(&text)).unwrap();
    assert_eq!(through_js, native);
    assert_eq!(through_js["type"], "success");
    assert!(through_js["result"]["actions"].as_array().unwrap().len() >= 8);

    let through_js = as_json(
        &wasm::timeline(Ts::new_unchecked(js_object(&query)))
            .unwrap()
            .into(),
    );
    let native: Value =
        serde_json::from_str(&subscription_rules_core::timeline_json(&text)).unwrap();
    assert_eq!(through_js, native);
    assert!(through_js["result"]["points"].as_array().unwrap().len() >= 4);

    let catalog = json!({
        "now": query["now"], "actor": query["actor"],
        "customer": { "id": "c-1", "segment": "education", "billingCountry": "SE" },
        "offers": [
            { "id": "o-1", "publisher": "microsoft", "billingType": "license", "category": "enterprise", "segments": ["commercial"] },
            { "id": "o-2", "publisher": "partner", "billingType": "usage", "category": "enterprise" }
        ]
    });
    let through_js = as_json(
        &wasm::filter_catalog(Ts::new_unchecked(js_object(&catalog)))
            .unwrap()
            .into(),
    );
    let native: Value = serde_json::from_str(&subscription_rules_core::filter_catalog_json(
        &catalog.to_string(),
    ))
    .unwrap();
    assert_eq!(through_js, native);
    assert_eq!(through_js["result"]["offers"][0]["verdict"], "denied");

    // A bad query is an answer with the path, as for `evaluate`.
    query["now"] = json!("2021-07-17T09:00:00");
    let bad = as_json(
        &wasm::timeline(Ts::new_unchecked(js_object(&query)))
            .unwrap()
            .into(),
    );
    assert_eq!(bad["type"], "failure");
    assert_eq!(bad["errors"][0]["path"], "now");

    let editions = as_json(&wasm::editions().unwrap().into());
    assert_eq!(editions.as_array().unwrap().len(), 4);
}

fn evaluate_many_js(requests: JsValue) -> Result<Value, JsValue> {
    wasm::evaluate_many(requests.unchecked_into()).map(|answer| as_json(&answer.into()))
}

#[cfg(feature = "queries")]
fn evaluate_many_compact_js(requests: JsValue) -> Result<Value, JsValue> {
    wasm::evaluate_many_compact(requests.unchecked_into()).map(|answer| as_json(&answer.into()))
}

/// `n` references to the same JS request object, as one JS array.
fn repeated(request: &JsValue, n: u32) -> JsValue {
    let array = js_sys::Array::new_with_length(n);
    array.fill(request, 0, n);
    array.into()
}

#[wasm_bindgen_test]
fn evaluate_many_limits_each_request_not_the_whole_batch() {
    // 10,000 requests: far more values and text than one argument may hold; each request is
    // read within its own limits, as `evaluate` reads it.
    let request = js_object(&smoke_request());
    let one = evaluate_js(request.clone()).unwrap();
    let many = evaluate_many_js(repeated(&request, 10_000)).unwrap();
    assert_eq!(many["type"], "success", "{}", many["errors"]);
    let answers = many["result"].as_array().unwrap();
    assert_eq!(answers.len(), 10_000);
    assert_eq!(answers[0], one);
    assert_eq!(answers[9_999], one);

    // Over the batch limit: one failure for the whole batch, before any request is read.
    let over = evaluate_many_js(repeated(&request, 100_001)).unwrap();
    assert_eq!(over["type"], "failure");
    assert_eq!(over["errors"][0]["code"], "tooLarge", "{over}");
    #[cfg(feature = "queries")]
    {
        let compact = evaluate_many_compact_js(repeated(&request, 100_001)).unwrap();
        assert_eq!(compact, over);
    }

    // Not an array: answered as before; undefined: thrown.
    let not_array = evaluate_many_js(request).unwrap();
    assert_eq!(not_array["errors"][0]["code"], "invalidType", "{not_array}");
    assert!(evaluate_many_js(JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn evaluate_many_answers_each_request_as_evaluate_does() {
    let good = smoke_request();
    let mut bad_time = good.clone();
    bad_time["now"] = json!("2021-07-17T09:00:00");
    let mut marketplace = good.clone();
    marketplace["subscription"]["commerceModel"] = json!("marketplace");
    let requests = json!([good, bad_time, null, 42, marketplace]);
    let many = evaluate_many_js(js_object(&requests)).unwrap();
    assert_eq!(many["type"], "success", "{many}");
    for (i, request) in requests.as_array().unwrap().iter().enumerate() {
        let one = evaluate_js(js_object(request)).unwrap();
        assert_eq!(many["result"][i], one, "request {i}");
    }

    // A request that is not JSON throws, with the element's index in the path.
    let array = js_object(&json!([smoke_request(), smoke_request()]));
    let second = js_sys::Reflect::get_u32(&array, 1).unwrap();
    let actor = js_sys::Reflect::get(&second, &"actor".into()).unwrap();
    js_sys::Reflect::set(&actor, &"partnerId".into(), &js_sys::BigInt::from(1u32)).unwrap();
    let (code, path, _) = thrown(evaluate_many_js(array.clone()).unwrap_err());
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalidType", "[1].actor.partnerId")
    );
    #[cfg(feature = "queries")]
    {
        let (_, path, _) = thrown(evaluate_many_compact_js(array).unwrap_err());
        assert_eq!(path, "[1].actor.partnerId");
    }
}

#[cfg(feature = "queries")]
#[wasm_bindgen_test]
fn evaluate_many_compact_is_the_short_form_of_each_decision() {
    let good = smoke_request();
    let mut bad = good.clone();
    bad["subscription"]["quantity"] = json!(-1);
    let mut later = good.clone();
    later["now"] = json!("2021-12-01T00:00:00Z");
    let requests = js_object(&json!([good, bad, later]));
    let full = evaluate_many_js(requests.clone()).unwrap();
    let compact = evaluate_many_compact_js(requests).unwrap();
    assert_eq!(compact["type"], "success", "{compact}");
    let full = full["result"].as_array().unwrap();
    let compact = compact["result"].as_array().unwrap();
    assert_eq!(full.len(), compact.len());
    for (f, c) in full.iter().zip(compact) {
        if f["type"] == "failure" {
            assert_eq!(c, f, "a failure is passed on whole");
            continue;
        }
        let d = &f["result"];
        let mut rules: Vec<Value> = Vec::new();
        for r in d["reasons"].as_array().unwrap() {
            if !rules.contains(&r["rule"]) {
                rules.push(r["rule"].clone());
            }
        }
        let money: Vec<Value> = d["money"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| json!({ "kind": m["kind"], "rule": m["rule"], "amount": m["amount"], "currency": m["currency"] }))
            .collect();
        let mut expected = json!({ "verdict": d["verdict"], "rules": rules, "money": money });
        if let Some(at) = d.get("effectiveAt") {
            expected["effectiveAt"] = at.clone();
        }
        if let Some(alt) = d.get("alternative") {
            expected["alternative"] = alt["action"]["type"].clone();
        }
        assert_eq!(c["result"], expected);
    }
    assert_eq!(compact[0]["result"]["money"][0]["amount"], "94.20");
    assert_eq!(compact[2]["result"]["verdict"], "denied");
}
