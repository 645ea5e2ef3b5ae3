//! Regressions found by the robustness work (fuzz target, property and limit tests). Each test
//! names what was wrong and pins the fixed behaviour.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // JSON values built and read by the test itself

use serde_json::{json, Value};
use subscription_rules_core::*;

fn request() -> Value {
    json!({
        "now": "2021-07-17T09:00:00Z",
        "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
        "subscription": {
            "id": "sub-1", "offerId": "m365-e3", "sku": "E3", "commerceModel": "newCommerce",
            "billingType": "license", "billingFrequency": "monthly", "term": "annual",
            "status": "active", "orderedAt": "2021-07-15T08:00:00Z",
            "termStart": "2021-07-15T08:00:00Z", "quantity": 10, "unitPrice": "10.08",
            "currency": "USD"
        },
        "customer": { "id": "c-1", "segment": "commercial", "billingCountry": "SE" },
        "offer": {
            "id": "audio-conf", "publisher": "microsoft", "billingType": "license",
            "category": "enterprise", "unitPrice": "6.00", "currency": "USD"
        },
        "action": { "type": "cancel" }
    })
}

fn with(path: &str, x: Value) -> Value {
    let mut v = request();
    let mut cur = &mut v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = &mut cur[*p];
    }
    cur[*parts.last().unwrap()] = x;
    v
}

/// The collecting decoder and serde's derive must agree: both reject, or both read the same
/// request. Returns the decoder's errors, if any.
fn agree(v: &Value) -> Result<Request, InputErrors> {
    let by_serde = serde_json::from_value::<Request>(v.clone());
    let by_decoder = parse_request(&v.to_string());
    match (&by_decoder, &by_serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the readers read {v} differently"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("the decoder accepts what serde rejects ({e}): {v}"),
        // serde's derive does not run the semantic checks; only its reading must agree.
        (Err(e), Ok(r)) => assert!(
            evaluate(r).is_err(),
            "serde reads {v} and it is valid, but the decoder rejects it: {e:?}"
        ),
    }
    by_decoder
}

#[track_caller]
fn assert_error(r: Result<Request, InputErrors>, code: ErrorCode, path: &str) {
    let e = r.expect_err("an input error");
    assert!(
        e.0.iter().any(|x| x.code == code && x.path == path),
        "no {code:?} at `{path}`: {e:?}"
    );
}

/// Found while writing the fuzz target's decoder/serde check: the decoder took `null` as
/// "absent" for fields that are not `Option`s and have a default (`autoRenew`, the lists,
/// `policy`…), so it accepted `"autoRenew": null` as `true` where serde's derive (and so every
/// Rust caller) rejects it. Now `null` there is `invalidType`, as in serde; `Option` fields still
/// take `null` for "absent".
#[test]
fn null_for_a_defaulted_field_is_a_wrong_type_as_in_serde() {
    for path in [
        "subscription.autoRenew",
        "subscription.publisherActionRequired",
        "subscription.addOns",
        "subscription.scheduledChanges",
        "subscription.upgradePaths",
        "customer.subscriptions",
        "offer.productType",
        "offer.onePerCustomer",
        "offer.segments",
        "offer.availableInCsp",
        "offer.freeTrial",
        "policy",
    ] {
        let v = if let Some(field) = path.strip_prefix("policy.") {
            with("policy", json!({ field: null }))
        } else {
            with(path, Value::Null)
        };
        assert_error(agree(&v), ErrorCode::InvalidType, path);
    }
    // Policy overrides are optional one by one: `null` means "not overridden", in both readers.
    for field in ["trialDays", "rounding", "roles"] {
        let v = with("policy", json!({ field: null }));
        assert!(agree(&v).is_ok(), "policy.{field}: null is no override");
    }
    let v = with("policy", json!({"roles": {"general": null}}));
    assert_error(agree(&v), ErrorCode::InvalidType, "policy.roles.general");
    let v = with(
        "action",
        json!({"type": "purchaseAddOn", "quantity": 1, "channel": null}),
    );
    assert_error(agree(&v), ErrorCode::InvalidType, "action.channel");
    // `Option` fields: null is absent, in both readers.
    for path in [
        "subscription.name",
        "subscription.termEnd",
        "subscription.trialEndsAt",
        "subscription.resellerId",
        "offer.supportedCountries",
        "offer.addOnFor",
        "offer.minQuantity",
        "customer",
        "offer",
    ] {
        let r = agree(&with(path, Value::Null)).unwrap();
        assert_eq!(
            r,
            serde_json::from_value::<Request>(request())
                .map(|mut x| {
                    match path {
                        "customer" => x.customer = None,
                        "offer" => x.offer = None,
                        _ => {}
                    }
                    x
                })
                .unwrap(),
            "{path}"
        );
    }
    // The query readers say the same.
    let mut q = request();
    q.as_object_mut().unwrap().remove("action");
    q["policy"] = Value::Null;
    let e = available_actions_value(&q).unwrap_err();
    assert_eq!(
        (e.0[0].code, e.0[0].path.as_str()),
        (ErrorCode::InvalidType, "policy")
    );
    let catalog = json!({
        "now": "2021-07-17T09:00:00Z",
        "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
        "customer": { "id": "c-1", "segment": "commercial", "billingCountry": "SE" },
        "offers": [], "filters": null
    });
    let e = filter_catalog_value(&catalog).unwrap_err();
    assert_eq!(
        (e.0[0].code, e.0[0].path.as_str()),
        (ErrorCode::InvalidType, "filters")
    );
}

/// The request's text with the subscription's quantity written as `number`.
fn quantity_text(number: &str) -> String {
    let text =
        request()
            .to_string()
            .replacen("\"quantity\":10", &format!("\"quantity\":{number}"), 1);
    assert!(text.contains(&format!("\"quantity\":{number}")));
    text
}

/// Same origin, revisited by the one reading of JSON (JS values and text agree): a count written
/// `10.0` or `1e1` was once read as 10 by the decoder alone, then refused by both readers; but
/// `JSON.parse` cannot tell `10.0` from `10`, so a browser's value and the server's text were
/// decided differently. Now every reader reads a number as `JSON.parse` does: a whole number is a
/// count however it is written (`-0` is `0`); `10.5` is not one.
#[test]
fn a_whole_number_is_a_count_however_it_is_written() {
    for text in ["10", "10.0", "1e1", "1.0e1", "100e-1"] {
        let n: Value = serde_json::from_str(text).unwrap();
        let request = agree(&with("subscription.quantity", n.clone())).unwrap();
        assert_eq!(request.subscription.unwrap().quantity, Some(10), "{text}");
        let v = with("action", json!({"type": "changeQuantity", "quantity": n}));
        assert!(agree(&v).is_ok(), "{text}");
        let text_request = quantity_text(text);
        assert_eq!(
            parse_request(&text_request)
                .unwrap()
                .subscription
                .unwrap()
                .quantity,
            Some(10),
            "{text}"
        );
    }
    // Zero however it is written, `-0` included: the same answer as `0`.
    let zero = evaluate_json(&quantity_text("0"));
    for text in ["-0", "-0.0", "0e5", "0.0"] {
        assert_eq!(evaluate_json(&quantity_text(text)), zero, "{text}");
    }
    for text in ["10.5", "-1", "1e10", "9007199254740993"] {
        let n: Value = serde_json::from_str(text).unwrap();
        assert_error(
            agree(&with("subscription.quantity", n)),
            ErrorCode::OutOfRange,
            "subscription.quantity",
        );
    }
}

/// Same origin: an amount sent as a JSON number was read from its float text (`1e2` became
/// `100.0`, scale 1) by the decoder and as `100` by serde, so the two readers' decisions showed
/// different workings (`100.0 × 29 / 31` vs `100 × 29 / 31`). Now the decoder takes serde's
/// reading of a number; strings keep their scale in both.
#[test]
fn an_amount_sent_as_a_number_reads_the_same_in_both_readers() {
    for (text, shown) in [
        ("1e2", "100"),
        ("100.0", "100"),
        ("10.08", "10.08"),
        ("10.8", "10.8"),
        ("7", "7"),
    ] {
        let n: Value = serde_json::from_str(text).unwrap();
        let v = with("subscription.unitPrice", n);
        let r = agree(&v).unwrap();
        let price = r.subscription.as_ref().unwrap().unit_price.unwrap();
        assert_eq!(price.to_string(), shown, "{text}");
        let by_serde: Request = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(
            evaluate_value(&v).unwrap(),
            evaluate(&by_serde).unwrap(),
            "{text}"
        );
        assert_eq!(
            serde_json::to_string(&evaluate_value(&v).unwrap()).unwrap(),
            serde_json::to_string(&evaluate(&by_serde).unwrap()).unwrap(),
            "{text}"
        );
    }
    // A string keeps its scale in both readers.
    let r = agree(&with("subscription.unitPrice", json!("10.80"))).unwrap();
    assert_eq!(
        r.subscription.unwrap().unit_price.unwrap().to_string(),
        "10.80"
    );
}

/// Issue "the JavaScript side": a JS string may hold a lone surrogate, which the JS reader
/// writes as U+FFFD (UTF-8 has no other spelling); `JSON.stringify` writes it as `\uD800`, which
/// serde_json refused as invalid JSON. The text reader now reads it as the JS reader does.
#[test]
fn a_lone_surrogate_reads_as_the_replacement_character() {
    let named = |escape: &str| {
        request()
            .to_string()
            .replacen("\"sub-1\"", &format!("\"sub{escape}\""), 1)
    };
    let replaced = evaluate_json(&named("\u{FFFD}"));
    assert!(replaced.contains(r#""type":"success""#), "{replaced}");
    for lone in [r"\ud800", r"\uDBFF", r"\udc00", r"\uDFFF", r"\ud800\u0041"] {
        let text = named(lone);
        let expected = if lone.ends_with("0041") {
            evaluate_json(&named("\u{FFFD}A"))
        } else {
            replaced.clone()
        };
        assert_eq!(evaluate_json(&text), expected, "{lone}");
    }
    // A pair is one character; an escaped backslash before `u` is no escape.
    let pair = evaluate_json(&named(r"\ud83e\udd80"));
    assert_eq!(pair, evaluate_json(&named("🦀")));
    let text = named(r"\\ud800");
    assert!(evaluate_json(&text).contains(r#""type":"success""#));
    // Keys too: two lone surrogates (two keys to a JS object) read as U+FFFD twice: unknown
    // fields, not a repeated key (the JS reader, given the object, could not say so).
    let text = request()
        .to_string()
        .replacen('{', r#"{"\ud800":1,"\udbff":2,"#, 1);
    let answer: Value = serde_json::from_str(&evaluate_json(&text)).unwrap();
    let codes: Vec<_> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("unknownField", "\u{FFFD}")]);
    // A key really repeated is still found.
    let text = request().to_string().replacen('{', r#"{"now":"x","#, 1);
    assert!(evaluate_json(&text).contains("duplicateField"));
}

/// Issue "the JavaScript side": answers held instants the reader refuses (a renewal in the year
/// 10000, which RFC 3339 cannot write). Instants and dates after `limits::LATEST_YEAR` are now
/// refused as input, and every instant an answer holds reads back.
#[test]
fn no_answer_holds_an_instant_the_reader_refuses() {
    let latest = limits::LATEST_YEAR;
    let over = with("now", json!(format!("{}-01-01T00:00:00Z", latest + 1)));
    assert_error(agree(&over), ErrorCode::OutOfRange, "now");
    let offset = with("now", json!(format!("{latest}-12-31T23:59:59-01:00")));
    assert_error(agree(&offset), ErrorCode::OutOfRange, "now");
    // At the latest year, with every term and frequency, every action and every query: each
    // string of the answer that reads as an instant's start (`YYYY-`) is one the reader reads.
    let mut checked = 0;
    for (term, frequency) in [
        ("monthly", "monthly"),
        ("annual", "monthly"),
        ("annual", "annual"),
        ("triennial", "annual"),
        ("triennial", "monthly"),
    ] {
        for day in ["01-01", "06-30", "12-31"] {
            let start = format!("{latest}-{day}T23:59:59Z");
            let mut v = request();
            v["now"] = json!(start);
            v["subscription"]["orderedAt"] = json!(start);
            v["subscription"]["termStart"] = json!(start);
            v["subscription"]["term"] = json!(term);
            v["subscription"]["billingFrequency"] = json!(frequency);
            // The cancel decision, then every default action's decision and the timeline.
            checked += instants_read_back(&evaluate_json(&v.to_string()));
            let mut q = v.clone();
            q.as_object_mut().unwrap().remove("action");
            checked += instants_read_back(&available_actions_json(&q.to_string()));
            checked += instants_read_back(&timeline_json(&q.to_string()));
        }
    }
    assert!(checked > 500, "{checked} instants checked");
}

/// Every string of a JSON answer that starts like an instant reads as one; how many.
fn instants_read_back(answer: &str) -> usize {
    fn walk(v: &Value, n: &mut usize) {
        match v {
            Value::String(s)
                if s.len() >= 20
                    && s.as_bytes()[4] == b'-'
                    && s[..4].bytes().all(|b| b.is_ascii_digit()) =>
            {
                assert!(parse_instant(s).is_ok(), "the answer holds `{s}`");
                *n += 1;
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, n)),
            Value::Object(map) => map.values().for_each(|i| walk(i, n)),
            _ => {}
        }
    }
    let v: Value = serde_json::from_str(answer).unwrap();
    assert_eq!(v["type"], "success", "{answer}");
    let mut n = 0;
    walk(&v, &mut n);
    n
}
