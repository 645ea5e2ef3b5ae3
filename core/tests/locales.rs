//! Messages in English and Swedish: every rule title, and every reason and alternative message
//! of every fixture case, exists in both and differs between them.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;
use subscription_rules_core::*;

/// Every fixture case that is a request (not raw text), with its label.
fn fixture_requests() -> Vec<(String, Value)> {
    common::all_cases()
        .into_iter()
        .filter_map(|case| {
            let label = case.label();
            case.request.map(|request| (label, request))
        })
        .collect()
}

#[test]
fn every_rule_title_exists_in_both_locales() {
    for rule in ALL_RULES {
        assert!(
            !rule.title(Locale::En).is_empty() && !rule.title(Locale::Sv).is_empty(),
            "{rule}"
        );
        assert_ne!(rule.title(Locale::En), rule.title(Locale::Sv), "{rule}");
    }
}

#[test]
fn every_reason_message_exists_in_both_locales() {
    let mut checked = 0;
    let mut rules_seen = std::collections::BTreeSet::new();
    for (name, mut request) in fixture_requests() {
        request["locale"] = Value::from("en");
        let Ok(en) = evaluate_value(&request) else {
            continue;
        };
        request["locale"] = Value::from("sv");
        let sv = evaluate_value(&request).unwrap();
        assert_eq!(en.reasons.len(), sv.reasons.len(), "{name}");
        for (e, s) in en.reasons.iter().zip(&sv.reasons) {
            assert_eq!((e.rule, e.outcome), (s.rule, s.outcome), "{name}");
            assert!(
                !e.message.as_str().trim().is_empty() && !s.message.as_str().trim().is_empty(),
                "{name}: {}",
                e.rule
            );
            assert_ne!(
                e.message, s.message,
                "{name}: {} has no Swedish message",
                e.rule
            );
            rules_seen.insert(e.rule);
            checked += 1;
        }
        match (&en.alternative, &sv.alternative) {
            (Some(e), Some(s)) => assert_ne!(e.message, s.message, "{name}: alternative"),
            (None, None) => {}
            _ => panic!("{name}: the alternative differs between locales"),
        }
        // Everything but the messages is the same decision.
        let strip = |d: &Decision| {
            let mut d = d.clone();
            d.reasons
                .iter_mut()
                .for_each(|r| r.message = Default::default());
            if let Some(a) = d.alternative.as_mut() {
                a.message = Default::default();
            }
            d
        };
        assert_eq!(strip(&en), strip(&sv), "{name}");
    }
    println!(
        "{checked} reason messages checked in both locales, from {} rules",
        rules_seen.len()
    );
    assert!(checked > 100, "only {checked} messages checked");
}
