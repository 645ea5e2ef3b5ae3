//! The publisher's API Subscription resources of `tests/partner_center/resources.json` (written
//! from RESOURCE.md): each read into the engine's facts, decided, and checked for parity; each
//! malformed one answered with its input errors at the resource's own paths.
#![cfg(not(target_arch = "wasm32"))] // native tests; the package runs the same file in Node
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test

mod common;

use serde_json::{json, Value};
use subscription_rules_core::{
    check_against_partner_center_json, evaluate_value, from_partner_center_json,
};

fn file() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/partner_center/resources.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn every_resource_is_read_decided_and_checked() {
    let doc = file();
    let resources = doc["resources"].as_array().unwrap();
    assert!(resources.len() >= 12, "only {} resources", resources.len());
    for case in resources {
        let name = case["name"].as_str().unwrap();
        let (resource, extras) = (case["resource"].to_string(), case["extras"].to_string());
        let read = answer(&from_partner_center_json(&resource, &extras));
        assert_eq!(read["type"], "success", "{name}: {read}");
        let result = &read["result"];
        let expect = &case["expect"];
        common::subset_match(
            &expect["subscription"],
            &result["subscription"],
            "subscription",
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(result["ignored"], expect["ignored"], "{name}");
        assert_eq!(
            result.get("parentSubscriptionId"),
            expect.get("parentSubscriptionId"),
            "{name}"
        );
        // Read → decide: the facts read are a subscription the engine decides.
        let request = json!({
            "now": case["now"], "edition": "atTermStart",
            "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
            "subscription": result["subscription"], "action": { "type": "cancel" }
        });
        let decision = evaluate_value(&request).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            decision.refund_options.is_some(),
            "{name}: a cancel decision has refundOptions"
        );
        // Parity.
        let now = case["now"].as_str().unwrap();
        let parity = answer(&check_against_partner_center_json(&resource, &extras, now));
        assert_eq!(parity["type"], "success", "{name}: {parity}");
        let p = &parity["result"];
        let fields: Vec<&Value> = p["disagreements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| &d["field"])
            .collect();
        assert_eq!(
            (&p["agrees"], &p["edition"], &p["compared"], json!(fields)),
            (
                &expect["parity"]["agrees"],
                &expect["parity"]["edition"],
                &expect["parity"]["compared"],
                expect["parity"]["disagreements"].clone()
            ),
            "{name}: {p}"
        );
        for d in p["disagreements"].as_array().unwrap() {
            assert_ne!(d["engine"], d["publisher"], "{name}: {d}");
            assert!(!d["publisher"].is_null(), "{name}: {d}");
        }
    }
}

#[test]
fn every_malformed_resource_names_the_resource_field() {
    for case in file()["malformed"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let read = answer(&from_partner_center_json(
            &case["resource"].to_string(),
            &case["extras"].to_string(),
        ));
        assert_eq!(read["type"], "failure", "{name}: {read}");
        let got: Vec<Value> = read["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| json!({ "code": e["code"], "path": e["path"] }))
            .collect();
        assert_eq!(json!(got), case["expectErrors"], "{name}");
    }
}

/// Every field of RESOURCE.md is read into a fact or named in `ignored`: the full resource's
/// ignored list is exactly the bookkeeping and what the engine computes itself.
#[test]
fn every_resource_md_field_is_mapped_or_ignored() {
    let doc = file();
    let full = &doc["resources"][0];
    let read = answer(&from_partner_center_json(
        &full["resource"].to_string(),
        &full["extras"].to_string(),
    ));
    let ignored: Vec<&str> = read["result"]["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut expected = vec![
        "attributes",
        "cancellationAllowedUntilDate",
        "commitmentEndDateTime",
        "contractType",
        "hasPurchasableAddons",
        "links",
        "offerName",
        "orderId",
        "refundOptions",
        "unitType",
    ];
    let mut got = ignored.clone();
    got.sort_unstable();
    expected.sort_unstable();
    assert_eq!(got, expected);
    // A field RESOURCE.md does not list is named too, not an error.
    let mut extra = full["resource"].clone();
    extra["somethingNew"] = json!(1);
    let read = answer(&from_partner_center_json(
        &extra.to_string(),
        &full["extras"].to_string(),
    ));
    assert!(read["result"]["ignored"]
        .as_array()
        .unwrap()
        .contains(&json!("somethingNew")));
}

/// Timestamps with 7 fractional digits and `+00:00` are kept exactly (to 100 ns; written with 9).
#[test]
fn seven_fractional_digits_are_kept() {
    let doc = file();
    let full = &doc["resources"][0];
    let mut r = full["resource"].clone();
    r["creationDate"] = json!("2019-01-09T00:21:45.9263727+00:00");
    r["effectiveStartDate"] = json!("2019-01-09T00:21:45.9263727+00:00");
    let read = answer(&from_partner_center_json(
        &r.to_string(),
        &full["extras"].to_string(),
    ));
    assert_eq!(
        read["result"]["subscription"]["orderedAt"],
        "2019-01-09T00:21:45.926372700Z"
    );
}
