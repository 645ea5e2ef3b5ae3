//! TIME-2: the same request always gives the same decision; nothing reads a clock.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test
//! TIME-2: `now` is an input and no clock is read: the same request always gives the same
//! decision, byte for byte, and a decision survives a serde round trip unchanged.

mod common;

use serde_json::Value;
use subscription_rules_core::{evaluate_json, evaluate_str, Decision, Verdict};

fn successes() -> Vec<common::Case> {
    common::all_cases()
        .into_iter()
        .filter(|c| c.expect.is_some())
        .collect()
}

#[test]
fn time_2_the_same_request_gives_the_same_answer_every_time() {
    for case in common::all_cases() {
        let first = evaluate_json(&case.text);
        for _ in 0..25 {
            assert_eq!(evaluate_json(&case.text), first, "{}", case.label());
        }
    }
}

#[test]
fn time_2_a_decision_survives_a_serde_round_trip() {
    for case in successes() {
        let decision = evaluate_str(&case.text).unwrap();
        let text = serde_json::to_string(&decision).unwrap();
        let back: Decision = serde_json::from_str(&text).unwrap();
        assert_eq!(back, decision, "{}", case.label());
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            text,
            "{}",
            case.label()
        );
        // And through a JSON value (what the JS side gets).
        let value: Value = serde_json::from_str(&text).unwrap();
        let back: Decision = serde_json::from_value(value).unwrap();
        assert_eq!(back, decision, "{}", case.label());
    }
}

#[test]
fn time_2_evaluated_at_is_the_given_now_and_nothing_else() {
    for case in successes() {
        let request = case.request.as_ref().unwrap();
        let now = subscription_rules_core::parse_instant(request["now"].as_str().unwrap()).unwrap();
        let decision = evaluate_str(&case.text).unwrap();
        assert_eq!(decision.evaluated_at, now, "{}", case.label());
        if decision.verdict == Verdict::AllowedNow {
            assert_eq!(decision.effective_at, Some(now.into()), "{}", case.label());
        }
    }
}

#[test]
fn time_2_only_now_moves_the_decision_in_time() {
    // The same request evaluated "later in the process" (after other evaluations) and with `now`
    // written in another offset gives the same decision.
    for case in successes() {
        let mut request = case.request.clone().unwrap();
        let now = subscription_rules_core::parse_instant(request["now"].as_str().unwrap()).unwrap();
        let shifted =
            now.with_timezone(&chrono::FixedOffset::east_opt(-(9 * 3600 + 30 * 60)).unwrap());
        request["now"] = Value::String(shifted.to_rfc3339());
        assert_eq!(
            evaluate_json(&request.to_string()),
            evaluate_json(&case.text),
            "{}: now as {}",
            case.label(),
            request["now"]
        );
    }
}

#[test]
fn the_order_of_keys_in_the_request_does_not_matter() {
    for case in common::all_cases() {
        let Some(request) = &case.request else {
            continue;
        };
        // serde_json keeps maps sorted unless `preserve_order` is on; write the keys in reverse
        // order by hand.
        fn write(v: &Value, out: &mut String) {
            match v {
                Value::Object(m) => {
                    out.push('{');
                    for (i, (k, v)) in m.iter().rev().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(&Value::String(k.clone()).to_string());
                        out.push(':');
                        write(v, out);
                    }
                    out.push('}');
                }
                Value::Array(a) => {
                    out.push('[');
                    for (i, v) in a.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        write(v, out);
                    }
                    out.push(']');
                }
                other => out.push_str(&other.to_string()),
            }
        }
        let mut text = String::new();
        write(request, &mut text);
        assert_ne!(text, case.text);
        assert_eq!(
            evaluate_json(&text),
            evaluate_json(&case.text),
            "{}",
            case.label()
        );
    }
}
