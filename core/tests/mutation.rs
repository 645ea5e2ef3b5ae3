//! At least 10,000 generated and mutated JSON requests: every one answered, none panicking.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test
//! Mutation test: thousands of generated bad (and some good) requests, grown from the fixture
//! requests with a seeded deterministic PRNG, each fed to `evaluate_json`. Every answer must be
//! JSON with `type` `success` or `failure`; nothing may panic (a panic inside wasm kills the
//! module for the whole page).

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::{json, Map, Number, Value};
use subscription_rules_core::evaluate_json;

/// How many mutated requests to try.
const RUNS: usize = 12_000;

/// SplitMix64: small, seeded, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STRINGS: &[&str] = &[
    "",
    " ",
    "2021-07-17T09:00:00",
    "2021-07-17T09:00:00Z",
    "2021-07-17T09:00:00+14:00",
    "2021-07-17T09:00:00-12:00",
    "2021-02-30T00:00:00Z",
    "2021-13-01T00:00:00Z",
    "2021-07-17T25:61:61Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "+275760-09-13T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "2016-12-31T23:59:60Z",
    "2021-07-17",
    "2021-02-29",
    "2024-02-29",
    "2021-7-1",
    "expired",
    "active",
    "deleted",
    "suspended",
    "paused",
    "pending",
    "newCommerce",
    "legacy",
    "marketplace",
    "usage",
    "license",
    "annual",
    "triennial",
    "monthly",
    "globalAdmin",
    "indirectProvider",
    "cancel",
    "suspend",
    "reactivate",
    "pause",
    "resume",
    "setAutoRenew",
    "changeQuantity",
    "rename",
    "setResellerId",
    "activate",
    "purchase",
    "upgrade",
    "scheduleChange",
    "USD",
    "JPY",
    "KWD",
    "usd",
    "10.08",
    "10.081",
    "-1",
    "1e3",
    "NaN",
    "Infinity",
    "0.000000000001",
    "99999999999999999999999999999999",
    "1000000000",
    "1000000000.01",
    "١٢٣",
    "12345",
    "ñoño 漢字 🎉",
    "\u{0}",
    "\u{202e}evil",
    "\\\"quoted\\\"",
    "CANC-5",
];

fn random_number(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1),
        3 => json!(2.5),
        4 => json!(-0.0),
        5 => json!(1e308),
        6 => json!(-1e308),
        7 => json!(u64::MAX),
        8 => json!(i64::MIN),
        9 => json!(u32::MAX),
        10 => json!(u64::from(u32::MAX) + 1),
        11 => json!(1_000_001),
        12 => json!(5.0),
        13 => json!(0.1),
        14 => Value::Number(Number::from_f64(f64::MIN_POSITIVE).unwrap()),
        _ => json!(rng.next() as i64 % 1000),
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 3 { 4 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => random_number(rng),
        3 => Value::String(rng.pick(STRINGS).to_string()),
        4 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        5 => {
            let mut m = Map::new();
            for _ in 0..rng.below(4) {
                m.insert(rng.pick(STRINGS).to_string(), random_value(rng, depth + 1));
            }
            Value::Object(m)
        }
        _ => {
            // Deep nesting.
            let mut v = Value::String("deep".into());
            for i in 0..(20 + rng.below(150)) {
                v = if i % 2 == 0 {
                    json!([v])
                } else {
                    json!({ "k": v })
                };
            }
            v
        }
    }
}

/// Every path into `v` (as key/index steps), objects and arrays included.
fn paths(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(Step::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(Step::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// One structural mutation of a request.
fn mutate_value(rng: &mut Rng, v: &mut Value) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = rng.pick(&all).clone();
    match rng.below(10) {
        // Delete a key (or an array item).
        0 => {
            if let Some((last, parent)) = path.split_last() {
                match (at(v, parent), last) {
                    (Value::Object(m), Step::Key(k)) => {
                        m.remove(k);
                    }
                    (Value::Array(a), Step::Index(i)) if *i < a.len() => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        // Change the type / value.
        1 | 2 => *at(v, &path) = random_value(rng, 0),
        // Swap values between two fields.
        3 => {
            let other = rng.pick(&all).clone();
            let a = at(v, &path).clone();
            let b = at(v, &other).clone();
            // A path may contain the other; set both from the copies taken before.
            *at(v, &path) = b;
            let mut all_now = Vec::new();
            paths(v, &mut Vec::new(), &mut all_now);
            if all_now
                .iter()
                .any(|p| format!("{p:?}") == format!("{other:?}"))
            {
                *at(v, &other) = a;
            }
        }
        // Numbers: huge, negative, fractional.
        4 => *at(v, &path) = random_number(rng),
        // Strings: timestamps without offsets, impossible dates, unicode, long.
        5 => {
            let target = at(v, &path);
            *target = match target {
                Value::String(s) if rng.chance(50) => Value::String(
                    s.trim_end_matches('Z')
                        .trim_end_matches("+00:00")
                        .to_string(),
                ),
                Value::String(s) if rng.chance(30) => Value::String(s.repeat(1 + rng.below(40))),
                _ => Value::String(rng.pick(STRINGS).to_string()),
            };
        }
        // Unknown keys.
        6 => {
            if let Value::Object(m) = at(v, &path) {
                m.insert(format!("{}Extra", rng.pick(STRINGS)), random_value(rng, 1));
            }
        }
        // Unknown enum values / known values in the wrong place.
        7 => *at(v, &path) = Value::String(rng.pick(STRINGS).to_string()),
        // Deep nesting around a value.
        8 => {
            let target = at(v, &path);
            let mut inner = target.take();
            for _ in 0..rng.below(200) {
                inner = json!([inner]);
            }
            *target = inner;
        }
        // Null a value (absent for the decoder).
        _ => *at(v, &path) = Value::Null,
    }
}

/// A mutation that keeps the request well-formed but moves it somewhere else in the space the
/// engine decides: other instants (1970 to 9999, with offsets), statuses, models, actions,
/// quantities, prices and policy parameters at their extremes.
fn mutate_plausibly(rng: &mut Rng, v: &mut Value) {
    let instant = |rng: &mut Rng| {
        let year = *rng.pick(&[1970, 2020, 2021, 2021, 2021, 2024, 2100, 9989, 9999]);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let offset = *rng.pick(&["Z", "Z", "+14:00", "-12:00", "+05:30"]);
        json!(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:59{offset}",
            rng.below(24),
            rng.below(60)
        ))
    };
    match rng.below(9) {
        0 => v["now"] = instant(rng),
        1 => {
            let t = instant(rng);
            v["subscription"]["orderedAt"] = t.clone();
            v["subscription"]["termStart"] = t;
        }
        2 => {
            v["subscription"]["status"] = json!(rng
                .pick(&["pending", "active", "suspended", "paused", "deleted"])
                .to_string());
            v["subscription"]["suspendedAt"] = instant(rng);
        }
        3 => {
            v["subscription"]["commerceModel"] = json!(rng
                .pick(&["legacy", "newCommerce", "marketplace"])
                .to_string())
        }
        4 => {
            v["action"] = match rng.below(10) {
                0 => json!({ "type": "cancel" }),
                1 => json!({ "type": "suspend", "reason": "nonPayment" }),
                2 => json!({ "type": "reactivate" }),
                3 => json!({ "type": "pause" }),
                4 => json!({ "type": "resume" }),
                5 => json!({ "type": "setAutoRenew", "enabled": rng.chance(50) }),
                6 => json!({ "type": "changeQuantity", "quantity": rng.below(1_000_001) }),
                7 => json!({ "type": "rename", "name": "ñ" }),
                8 => json!({ "type": "setResellerId", "resellerId": "0123" }),
                _ => {
                    json!({ "type": "activate", "licensesAssigned": rng.chance(50), "setupConfirmed": rng.chance(50) })
                }
            }
        }
        5 => {
            v["subscription"]["quantity"] = json!(*rng.pick(&[1, 2, 999_999, 1_000_000]));
            v["subscription"]["unitPrice"] =
                json!(*rng.pick(&["0", "0.01", "999999999.99", "1000000000", "10.08"]));
        }
        6 => {
            v["policy"] = json!({
                "newCommerceCancelDays": *rng.pick(&[1, 30, 3650]),
                "retentionDays": *rng.pick(&[1, 90, 3650]),
                "retentionCapDays": 3650,
                "marketplaceMonthlyCancelHours": *rng.pick(&[1, 24, 87600]),
                "marketplaceAnnualCancelDays": *rng.pick(&[1, 14, 3650]),
                "rounding": rng.pick(&["toZero", "halfUp", "halfEven", "up"]).to_string()
            })
        }
        7 => {
            v["subscription"]["accountOpenedAt"] = instant(rng);
            v["subscription"]["billingStartedAt"] = instant(rng);
        }
        _ => {
            v["subscription"]["billingFrequency"] =
                json!(rng.pick(&["monthly", "annual"]).to_string());
            v["subscription"]["term"] =
                json!(rng.pick(&["monthly", "annual", "triennial"]).to_string());
            v["subscription"]["currency"] = json!(rng.pick(&["USD", "JPY", "KWD"]).to_string());
        }
    }
}

/// Text spliced into a request by [`mutate_text`].
const INSERTS: &[&str] = &[
    "\u{feff}", "\u{2028}", "漢字", "\\u0000", "\\ud800", "1e999", "NaN", "}}}}", "//",
];

/// One textual mutation: truncated or garbled text.
fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let i = rng.below(chars.len() + 1);
    match rng.below(6) {
        0 => chars[..i].iter().collect(),
        1 => {
            let mut c = chars.clone();
            if i < c.len() {
                c[i] = *rng.pick(&[
                    '"', '{', '}', '[', ']', ',', ':', '\\', '0', 'é', '\u{0}', '🎉', 'Z',
                ]);
            }
            c.into_iter().collect()
        }
        2 => {
            let mut c = chars.clone();
            let j = (i + rng.below(30)).min(c.len());
            c.drain(i..j);
            c.into_iter().collect()
        }
        3 => {
            let mut s: String = chars[..i].iter().collect();
            let insert: &&str = rng.pick(INSERTS);
            s.push_str(insert);
            s.extend(&chars[i..]);
            s
        }
        4 => {
            // A duplicated key: serde_json keeps the last one.
            text.replacen("\"now\"", "\"now\":\"2021-01-01T00:00:00Z\",\"now\"", 1)
        }
        _ => {
            let j = (i + rng.below(50)).min(chars.len());
            let seg: String = chars[i..j].iter().collect();
            let mut s: String = chars[..j].iter().collect();
            s.push_str(&seg);
            s.extend(&chars[j..]);
            s
        }
    }
}

#[test]
fn mutated_requests_never_panic_and_always_answer() {
    let cases = common::all_cases();
    let seeds: Vec<Value> = cases.iter().filter_map(|c| c.request.clone()).collect();
    let raws: Vec<String> = cases.iter().map(|c| c.text.clone()).collect();
    assert!(!seeds.is_empty());

    let mut rng = Rng(0x5EED_2021_0717_0900);
    let (mut successes, mut failures) = (0usize, 0usize);
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    let mut bad: Vec<String> = Vec::new();
    let mut lenient = std::collections::BTreeMap::<&str, usize>::new();
    for run in 0..RUNS {
        let plausible = rng.chance(30);
        let textual = !plausible && rng.chance(20);
        let text = if plausible {
            let mut v = rng.pick(&seeds).clone();
            if v.get("subscription").is_some_and(Value::is_object) {
                for _ in 0..1 + rng.below(4) {
                    mutate_plausibly(&mut rng, &mut v);
                }
            }
            v.to_string()
        } else if textual {
            let base = rng.pick(&raws).clone();
            let mut t = mutate_text(&mut rng, &base);
            if rng.chance(30) {
                t = mutate_text(&mut rng, &t);
            }
            t
        } else {
            let mut v = rng.pick(&seeds).clone();
            for _ in 0..1 + rng.below(4) {
                mutate_value(&mut rng, &mut v);
            }
            v.to_string()
        };
        let out = match catch_unwind(AssertUnwindSafe(|| evaluate_json(&text))) {
            Ok(out) => out,
            Err(_) => {
                bad.push(format!("run {run}: panicked on input: {text}"));
                continue;
            }
        };
        let answer: Value = match serde_json::from_str(&out) {
            Ok(a) => a,
            Err(e) => {
                bad.push(format!(
                    "run {run}: answer is not JSON ({e}): {out}\n  input: {text}"
                ));
                continue;
            }
        };
        match answer["type"].as_str() {
            Some("success") => {
                successes += 1;
                let d = &answer["result"];
                let money_ok = d["money"].as_array().is_some_and(|lines| {
                    lines
                        .iter()
                        .all(|l| l["amount"].as_str().is_some_and(|a| !a.starts_with('-')))
                });
                if !money_ok || d["verdict"].as_str().is_none() {
                    bad.push(format!("run {run}: odd decision {d}\n  input: {text}"));
                }
            }
            Some("failure") => {
                failures += 1;
                let errors = answer["errors"].as_array();
                if errors.is_none_or(|e| e.is_empty()) {
                    bad.push(format!(
                        "run {run}: failure without errors: {out}\n  input: {text}"
                    ));
                }
                for e in errors.into_iter().flatten() {
                    *codes
                        .entry(e["code"].as_str().unwrap_or("?").to_string())
                        .or_default() += 1;
                }
            }
            _ => bad.push(format!(
                "run {run}: unexpected answer {out}\n  input: {text}"
            )),
        }
        // Parity with the serde derives, on inputs built as JSON values (text mutations can
        // make duplicate keys, which the decoder reads last-one-wins: see the report).
        if !textual {
            if let Ok(ours) = subscription_rules_core::parse_request(&text) {
                match serde_json::from_str::<subscription_rules_core::Request>(&text) {
                    Ok(theirs) if theirs == ours => {}
                    Ok(theirs) => bad.push(format!(
                        "run {run}: decoder and serde read different values: {ours:?} / {theirs:?}"
                    )),
                    Err(e) => {
                        let e = e.to_string();
                        let kind = if e.contains("invalid type: null") {
                            "null read as absent"
                        } else if e.contains("floating point") {
                            "whole float read as an integer"
                        } else {
                            bad.push(format!(
                                "run {run}: the decoder accepts what serde rejects ({e}): {text}"
                            ));
                            "other"
                        };
                        *lenient.entry(kind).or_default() += 1;
                    }
                }
            }
        }
        // TIME-2 on the way: the same input answers the same.
        if run % 10 == 0 && evaluate_json(&text) != out {
            bad.push(format!(
                "run {run}: two evaluations differ\n  input: {text}"
            ));
        }
    }
    println!("mutation test: {RUNS} requests, {successes} successes, {failures} failures");
    println!("error codes seen: {codes:?}");
    println!("accepted by the decoder, rejected by the serde derives: {lenient:?}");
    assert!(
        bad.is_empty(),
        "{} problem(s); first ones:\n{}",
        bad.len(),
        bad.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
    assert_eq!(successes + failures, RUNS);
    // The generator must exercise both sides.
    assert!(
        successes > RUNS / 50,
        "only {successes} successes: the mutations are too destructive"
    );
    assert!(
        failures > RUNS / 3,
        "only {failures} failures: the mutations are too mild"
    );
}

#[test]
fn the_generator_is_deterministic() {
    let mut a = Rng(42);
    let mut b = Rng(42);
    assert!((0..1000).all(|_| a.next() == b.next()));
}
