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

/// Same origin: the decoder read a whole-valued float (`10.0`, `1e1`) as a licence count; serde
/// rejects a float for a `u32`. Now both reject it (`outOfRange`, "not a whole number").
#[test]
fn a_float_is_not_a_count_in_either_reader() {
    for text in ["10.0", "1e1", "10.5", "-0.0"] {
        let n: Value = serde_json::from_str(text).unwrap();
        assert_error(
            agree(&with("subscription.quantity", n.clone())),
            ErrorCode::OutOfRange,
            "subscription.quantity",
        );
        let v = with("action", json!({"type": "changeQuantity", "quantity": n}));
        assert_error(agree(&v), ErrorCode::OutOfRange, "action.quantity");
    }
    assert_eq!(
        agree(&with("subscription.quantity", json!(10)))
            .unwrap()
            .subscription
            .unwrap()
            .quantity,
        Some(10)
    );
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
