//! Bad input: the errors.json table (exact codes and paths), several problems at once, limits.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test
//! Bad input is an answer: every problem with a stable code and the JSON path of its field.
//!
//! The table is `tests/fixtures/errors.json` (shared with the JS tests; a README table can be
//! produced from it). Here each of its cases must fail with *exactly* the listed errors, in order;
//! a few inputs too large to keep in a file are generated below.

mod common;

use serde_json::{json, Value};
use subscription_rules_core::{evaluate_json, ErrorCode};

fn table() -> Vec<common::Case> {
    common::load_file(&common::fixture_dir().join("errors.json"))
}

/// The `(code, path)` pairs of a failure answer; panics on a success.
fn errors_of(text: &str) -> Vec<(String, String)> {
    let answer = common::answer(text);
    assert_eq!(
        answer["type"], "failure",
        "expected input errors, got {answer}"
    );
    answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn base() -> Value {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(common::fixture_dir().join("errors.json")).unwrap(),
    )
    .unwrap();
    doc["bases"]["ok"].clone()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect()
}

#[test]
fn the_table_has_at_least_30_distinct_bad_inputs() {
    let cases = table();
    assert!(cases.len() >= 30, "only {} bad inputs", cases.len());
    let mut texts: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), cases.len(), "two cases send the same input");
    assert!(
        cases.iter().all(|c| c.expect_errors.is_some()),
        "errors.json holds bad inputs only"
    );
}

#[test]
fn every_bad_input_gets_exactly_its_errors() {
    for case in table() {
        let expected = case.expect_errors.as_ref().unwrap().as_array().unwrap();
        let answer = common::answer(&case.text);
        assert_eq!(answer["type"], "failure", "{}: {answer}", case.label());
        let got = answer["errors"].as_array().unwrap();
        let want: Vec<(&str, &str)> = expected
            .iter()
            .map(|e| (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
            .collect();
        let have: Vec<(&str, &str)> = got
            .iter()
            .map(|e| (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
            .collect();
        assert_eq!(have, want, "{}: {answer}", case.label());
        for (e, g) in expected.iter().zip(got) {
            if let Some(rule) = e.get("rule") {
                assert_eq!(&g["rule"], rule, "{}: rule of {g}", case.label());
            }
            // Every code is one of the documented ones, and every message says something.
            assert!(
                ErrorCode::parse(g["code"].as_str().unwrap()).is_some(),
                "{}: {g}",
                case.label()
            );
            let message = g["message"].as_str().unwrap();
            assert!(!message.is_empty(), "{}: empty message", case.label());
            assert!(
                !message.starts_with(|c: char| c.is_uppercase()),
                "{}: messages are lowercase: {message}",
                case.label()
            );
        }
    }
}

#[test]
fn several_problems_in_one_request_are_all_reported_together() {
    let mut request = base();
    common::merge_patch(
        &mut request,
        &json!({
            "now": "2021-07-17T09:00:00",
            "colour": "blue",
            "actor": { "roles": ["adminAgent", "owner"] },
            "subscription": {
                "status": "expired",
                "quantity": -2,
                "unitPrice": "10.081",
                "termEnd": "2021-02-30",
                "addOns": [ { "id": "addon-1", "status": "active", "foo": 1 } ],
                "currency": null
            },
            "policy": { "newCommerceCancelDays": "thirty" },
            "action": { "type": "cancel", "now": true }
        }),
    );
    let got = errors_of(&request.to_string());
    // In reading order; `unitPrice` "10.081" is well-formed, and its decimals are checked only
    // once the request has been read (see the next test).
    assert_eq!(
        got,
        pairs(&[
            ("invalidTimestamp", "now"),
            ("unknownVariant", "actor.roles[1]"),
            ("unknownVariant", "subscription.status"),
            ("invalidDate", "subscription.termEnd"),
            ("outOfRange", "subscription.quantity"),
            ("missingField", "subscription.currency"),
            ("unknownField", "subscription.addOns[0].foo"),
            ("invalidType", "policy.newCommerceCancelDays"),
            ("unknownField", "action.now"),
            ("unknownField", "colour"),
        ])
    );
}

#[test]
fn several_validation_problems_are_reported_together() {
    // Problems found after decoding (ranges, currencies, decimals, ends before starts) are also
    // collected, not stopped at the first.
    let mut request = base();
    common::merge_patch(
        &mut request,
        &json!({
            "subscription": {
                "currency": "usd",
                "quantity": 2000000,
                "termEnd": "2021-07-01",
                "trialEndsAt": "2021-07-01T00:00:00Z"
            },
            "policy": { "retentionDays": 100, "retentionCapDays": 99, "defaultMinQuantity": 0 }
        }),
    );
    let got = errors_of(&request.to_string());
    assert_eq!(
        got,
        pairs(&[
            ("outOfRange", "policy.defaultMinQuantity"),
            ("outOfRange", "policy.retentionCapDays"),
            ("invalidValue", "subscription.currency"),
            ("outOfRange", "subscription.quantity"),
            ("endBeforeStart", "subscription.termEnd"),
            ("endBeforeStart", "subscription.trialEndsAt"),
        ])
    );
}

#[test]
fn a_request_over_one_mebibyte_is_too_large() {
    let mut request = base();
    request["subscription"]["name"] =
        json!("x".repeat(subscription_rules_core::limits::MAX_REQUEST_BYTES));
    assert_eq!(errors_of(&request.to_string()), pairs(&[("tooLarge", "")]));
}

#[test]
fn a_long_string_is_too_large() {
    let mut request = base();
    request["subscription"]["name"] =
        json!("é".repeat(subscription_rules_core::limits::MAX_STRING_CHARS + 1));
    assert_eq!(
        errors_of(&request.to_string()),
        pairs(&[("tooLarge", "subscription.name")])
    );
    // At the limit it is fine.
    request["subscription"]["name"] =
        json!("é".repeat(subscription_rules_core::limits::MAX_STRING_CHARS));
    assert_eq!(common::answer(&request.to_string())["type"], "success");
}

#[test]
fn long_lists_are_too_large() {
    let mut request = base();
    let add_ons: Vec<Value> = (0..=subscription_rules_core::limits::MAX_ADD_ONS)
        .map(|i| json!({ "id": format!("a{i}"), "status": "active" }))
        .collect();
    request["subscription"]["addOns"] = json!(add_ons);
    request["actor"]["roles"] = json!(vec![
        "adminAgent";
        subscription_rules_core::limits::MAX_ROLES + 1
    ]);
    assert_eq!(
        errors_of(&request.to_string()),
        pairs(&[
            ("tooLarge", "actor.roles"),
            ("tooLarge", "subscription.addOns")
        ])
    );
}

#[test]
fn very_deep_nesting_is_too_large_not_a_stack_overflow() {
    // The reader's depth limit (`limits::MAX_DEPTH`, the JS reader's too) applies first: closed,
    // it is `tooLarge`; unclosed, the text is not JSON.
    for depth in [200, 10_000, 100_000] {
        let text = format!(r#"{{"now":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            errors_of(&text),
            pairs(&[("tooLarge", "")]),
            "depth {depth}"
        );
        let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert_eq!(
            errors_of(&text),
            pairs(&[("tooLarge", "")]),
            "depth {depth}"
        );
        let text = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert_eq!(
            errors_of(&text),
            pairs(&[("invalidJson", "")]),
            "depth {depth}"
        );
        let text = format!(r#"{{"now":{}"#, "[".repeat(depth));
        assert_eq!(
            errors_of(&text),
            pairs(&[("invalidJson", "")]),
            "depth {depth}"
        );
    }
}

#[test]
fn nesting_within_the_depth_limit_is_reported_at_its_path() {
    // `action.x`'s first array is at depth 2: 62 nested arrays reach depth 63, the deepest read;
    // one more is over the limit, as the JS reader counts it.
    let nested = |k: usize| {
        base().to_string().replacen(
            r#""action":{"type":"cancel"}"#,
            &format!(
                r#""action":{{"type":"cancel","x":{}1{}}}"#,
                "[".repeat(k),
                "]".repeat(k)
            ),
            1,
        )
    };
    assert_eq!(
        errors_of(&nested(62)),
        pairs(&[("unknownField", "action.x")])
    );
    let over = errors_of(&nested(63));
    assert_eq!(over, pairs(&[("tooLarge", "")]));
}

#[test]
fn the_number_of_errors_is_capped() {
    let mut request = base();
    for i in 0..500 {
        request[format!("unknown{i}")] = json!(i);
    }
    let got = errors_of(&request.to_string());
    assert_eq!(got.len(), subscription_rules_core::limits::MAX_ERRORS);
    assert!(got.iter().all(|(code, _)| code == "unknownField"));
}

#[test]
fn failure_answers_have_the_documented_shape() {
    let out = evaluate_json("{");
    let answer: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer.as_object().unwrap().len(), 2, "{answer}");
    assert_eq!(answer["type"], "failure");
    let e = &answer["errors"][0];
    assert_eq!(e["code"], "invalidJson");
    assert_eq!(e["path"], "");
    assert!(e["message"].as_str().unwrap().starts_with("not valid JSON"));
    assert!(
        e.get("rule").is_none(),
        "no rule behind a JSON syntax error: {e}"
    );
}

#[test]
fn duplicate_fields_are_reported_with_their_paths() {
    let text = r#"{"now":"2021-07-17T09:00:00Z","now":"2021-07-17T09:00:00Z",
        "actor":{"roles":["adminAgent"],"partnerKind":"directBill","partnerKind":"directBill"},
        "subscription":{"addOns":[{"id":"a","id":"b"}]},"action":{"type":"cancel"}}"#;
    assert_eq!(
        errors_of(text),
        pairs(&[
            ("duplicateField", "now"),
            ("duplicateField", "actor.partnerKind"),
            ("duplicateField", "subscription.addOns[0].id"),
        ])
    );
}
