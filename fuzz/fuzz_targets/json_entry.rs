//! One fuzz target for every JSON entry point. The first byte picks the entry point
//! (`a` available actions, `t` timeline, `c` catalog, `m` batch, `p` the publisher's resource read
//! and checked for parity, with no extras and with the text as its own extras, anything else
//! `evaluate_json`); the rest is the JSON text.
//!
//! Besides "never panics, never hangs" it asserts what a caller relies on:
//! - the answer is JSON with `type` `success` or `failure` (a failure lists at least one error,
//!   each with a `code`, a `path` and a `message`);
//! - the same input gives byte-identical output (TIME-2: no clock, no hidden state);
//! - when `evaluate_json` succeeds, serde's derive reads the same request from the text's JSON
//!   value (through the collecting decoder) as the text's own reading (the typed reader where the
//!   text is plain, else the collecting decoder): the readers agree on everything the engine
//!   accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use subscription_rules_core as sr;

fn check_envelope(entry: &str, out: &str) -> bool {
    let v: Value = serde_json::from_str(out)
        .unwrap_or_else(|e| panic!("{entry}: the answer is not JSON ({e}): {out}"));
    match v.get("type").and_then(Value::as_str) {
        Some("success") => {
            assert!(v.get("result").is_some(), "{entry}: success without result");
            true
        }
        Some("failure") => {
            let errors = v
                .get("errors")
                .and_then(Value::as_array)
                .unwrap_or_else(|| panic!("{entry}: failure without errors: {out}"));
            assert!(!errors.is_empty(), "{entry}: failure with no errors");
            assert!(
                errors.len() <= sr::limits::MAX_ERRORS + 1,
                "{entry}: {} errors",
                errors.len()
            );
            for e in errors {
                for field in ["code", "path", "message"] {
                    assert!(
                        e.get(field).is_some_and(Value::is_string),
                        "{entry}: error without `{field}`: {e}"
                    );
                }
            }
            false
        }
        _ => panic!("{entry}: answer without type success/failure: {out}"),
    }
}

fn run(entry: &str, f: fn(&str) -> String, json: &str) -> bool {
    let out = f(json);
    let ok = check_envelope(entry, &out);
    if ok {
        let again = f(json);
        assert_eq!(out, again, "{entry}: same input, different output");
    }
    ok
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(json) = std::str::from_utf8(rest) else {
        return;
    };
    match selector {
        b'a' => {
            run("available_actions_json", sr::available_actions_json, json);
        }
        b't' => {
            run("timeline_json", sr::timeline_json, json);
        }
        b'c' => {
            run("filter_catalog_json", sr::filter_catalog_json, json);
        }
        b'p' => {
            run("from_partner_center_json", |t| sr::from_partner_center_json(t, ""), json);
            run("from_partner_center_json extras", |t| sr::from_partner_center_json(t, t), json);
            run(
                "check_against_partner_center_json",
                |t| sr::check_against_partner_center_json(t, r#"{"currency":"USD","unitPrice":"1"}"#, "2024-01-01T00:00:00Z"),
                json,
            );
        }
        b'm' => {
            if run("evaluate_many_json", sr::evaluate_many_json, json) {
                // Every element answers in the envelope too.
                let v: Value = serde_json::from_str(&sr::evaluate_many_json(json)).unwrap();
                let items = v["result"].as_array().expect("batch result is an array");
                for item in items {
                    check_envelope("evaluate_many_json item", &item.to_string());
                }
            }
        }
        _ => {
            if run("evaluate_json", sr::evaluate_json, json) {
                // The decoder accepted it and the rules decided it: serde's derive must read
                // the same request, and deciding that gives the same decision.
                let by_decoder = sr::parse_request(json).expect("evaluate succeeded");
                // Compared on the parsed value: with a duplicated key, the text reader of the
                // derive rejects it while a JSON value keeps the last one (see ROBUSTNESS.md).
                // serde_json refuses a lone surrogate escape (`"\uDFEB"`), which the text reader
                // reads as U+FFFD, as `JSON.parse` and the JS reader do (the one reading of JSON,
                // ROBUSTNESS.md): there is then no serde value to compare with.
                let Ok(value) = serde_json::from_str::<Value>(json) else {
                    assert!(json.contains("\\u"), "serde_json refuses {json}");
                    return;
                };
                let by_serde: sr::Request = serde_json::from_value(value).unwrap_or_else(|e| {
                    panic!("the decoder accepts what serde rejects ({e}): {json}")
                });
                assert_eq!(
                    by_decoder, by_serde,
                    "the decoder and serde read differently"
                );
                let a = sr::evaluate(&by_serde).expect("valid");
                let b = sr::evaluate_str(json).expect("valid");
                assert_eq!(a, b);
            }
        }
    }
});
