//! The collecting JSON decoder and serde read the same requests the same way.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test
//! Parity: the JSON entry points (`parse_request`, which collects every error with its path) and
//! serde (`serde_json::from_value::<Request>`) accept the same shapes and build the same values,
//! and a request serialised by serde reads back the same.

mod common;

use subscription_rules_core::{parse_request, Request};

#[test]
fn decoder_and_serde_agree_on_every_successful_fixture_request() {
    let mut compared = 0;
    for case in common::all_cases() {
        let Some(request) = &case.request else {
            continue;
        };
        let Ok(ours) = parse_request(&case.text) else {
            continue;
        };
        let theirs: Request = serde_json::from_value(request.clone()).unwrap_or_else(|e| {
            panic!(
                "{}: parse_request accepts it but serde rejects it: {e}",
                case.label()
            )
        });
        assert_eq!(ours, theirs, "{}: the two readers disagree", case.label());
        // And a serde round trip of the typed request reads back the same.
        let again = parse_request(&serde_json::to_string(&ours).unwrap()).unwrap_or_else(|e| {
            panic!(
                "{}: the serialised request does not read back: {e}",
                case.label()
            )
        });
        assert_eq!(again, ours, "{}: round trip", case.label());
        compared += 1;
    }
    println!("{compared} fixture requests compared");
    assert!(
        compared > 150,
        "only {compared} successful fixture requests"
    );
}

/// Inputs the JSON entry points (the decoder) reject but serde accepts. Empty since the model is
/// declared once (`model!`): serde's `Deserialize` of each model type reads through the same
/// collecting decoder, so the three gaps the derives had (unknown fields beside a unit variant's
/// tag, dates without zero padding, an array for a defaulted struct) are closed by construction.
const KNOWN_SERDE_GAPS: &[&str] = &[];

#[test]
fn serde_rejects_what_the_decoder_rejects_for_shape_errors() {
    // Where the input is wrong in shape (not in a range the validator checks), serde must not
    // silently accept it either: unknown fields, wrong types, missing fields, unknown variants.
    let mut compared = 0;
    let mut gaps = Vec::new();
    for case in common::all_cases() {
        let (Some(request), Some(errors)) = (&case.request, &case.expect_errors) else {
            continue;
        };
        let shape = errors.as_array().unwrap().iter().all(|e| {
            matches!(
                e["code"].as_str().unwrap(),
                "unknownField"
                    | "invalidType"
                    | "unknownVariant"
                    | "invalidTimestamp"
                    | "invalidDate"
            )
        });
        if !shape {
            continue;
        }
        if serde_json::from_value::<Request>(request.clone()).is_ok() {
            gaps.push(case.label());
        }
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} shape errors compared");
    assert_eq!(
        gaps,
        KNOWN_SERDE_GAPS,
        "serde accepts what the decoder rejects (update KNOWN_SERDE_GAPS only after deciding which reader is right)"
    );
}
