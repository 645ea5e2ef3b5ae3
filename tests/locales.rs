//! Messages in English and Swedish: every rule title, and every reason and alternative message
//! of every fixture case, exists in both and differs between them.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use subscription_rules::*;

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn fixture_requests() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let fx: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (Some(bases), Some(cases)) =
            (fx.get("bases"), fx.get("cases").and_then(Value::as_array))
        else {
            continue;
        };
        for case in cases {
            let Some(base) = case
                .get("base")
                .and_then(Value::as_str)
                .and_then(|b| bases.get(b))
            else {
                continue;
            };
            let mut request = base.clone();
            if let Some(patch) = case.get("patch") {
                merge(&mut request, patch);
            }
            let name = format!(
                "{}: {}",
                path.display(),
                case["name"].as_str().unwrap_or("?")
            );
            out.push((name, request));
        }
    }
    out
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
                !e.message.trim().is_empty() && !s.message.trim().is_empty(),
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
            d.reasons.iter_mut().for_each(|r| r.message.clear());
            if let Some(a) = d.alternative.as_mut() {
                a.message.clear();
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
