//! Input limits (`core/src/input/limits.rs`): each limit is accepted at the limit and gives a clear input
//! error (`tooLarge` with the path) just over it; deeply nested junk is an input error, not a
//! stack overflow or a hang; and the worst accepted inputs complete.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // JSON values built and read by the test itself

use std::time::Instant;

use serde_json::{json, Value};
use subscription_rules_core::limits::*;
use subscription_rules_core::*;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

fn subscription() -> Value {
    json!({
        "id": "sub-1", "offerId": "m365-e3", "sku": "E3", "commerceModel": "newCommerce",
        "billingType": "license", "billingFrequency": "monthly", "term": "annual",
        "status": "active", "orderedAt": "2021-07-15T08:00:00Z",
        "termStart": "2021-07-15T08:00:00Z", "quantity": 10, "unitPrice": "10.08",
        "currency": "USD"
    })
}

fn actor() -> Value {
    json!({ "roles": ["adminAgent"], "partnerKind": "directBill" })
}

fn customer() -> Value {
    json!({ "id": "c-1", "segment": "commercial", "billingCountry": "SE" })
}

fn offer(id: &str) -> Value {
    json!({
        "id": id, "publisher": "microsoft", "billingType": "license", "category": "enterprise",
        "unitPrice": "6.00", "currency": "USD"
    })
}

/// A valid `evaluate` request: cancel a new-commerce subscription (README's example).
fn request() -> Value {
    json!({
        "now": "2021-07-17T09:00:00Z",
        "actor": actor(),
        "subscription": subscription(),
        "customer": customer(),
        "offer": offer("audio-conf"),
        "action": { "type": "cancel" }
    })
}

/// A valid available-actions / timeline query.
fn query() -> Value {
    let mut q = request();
    q.as_object_mut().unwrap().remove("action");
    q
}

/// A valid catalog query.
fn catalog() -> Value {
    json!({
        "now": "2021-07-17T09:00:00Z",
        "actor": actor(),
        "customer": customer(),
        "offers": [offer("o-1")]
    })
}

/// Set the value at a dotted path (`subscription.addOns`), creating objects on the way.
fn set(mut v: Value, path: &str, x: Value) -> Value {
    let mut cur = &mut v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = &mut cur[*p];
    }
    cur[*parts.last().unwrap()] = x;
    v
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

type Entry = fn(&str) -> String;

const ENTRIES: [(&str, Entry); 5] = [
    ("evaluate_json", evaluate_json),
    ("available_actions_json", available_actions_json),
    ("timeline_json", timeline_json),
    ("filter_catalog_json", filter_catalog_json),
    ("evaluate_many_json", evaluate_many_json),
];

fn answer(f: Entry, text: &str) -> Value {
    let out = f(text);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("the answer is not JSON ({e}): {out}"))
}

#[track_caller]
fn assert_success(a: &Value) {
    assert_eq!(a["type"], "success", "{}", clip(a));
}

/// The answer is a failure with an error of `code` at `path`.
#[track_caller]
fn assert_error(a: &Value, code: &str, path: &str) {
    assert_eq!(a["type"], "failure", "{}", clip(a));
    let errors = a["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["code"] == code && e["path"] == path),
        "no `{code}` at `{path}` in {}",
        clip(a)
    );
    for e in errors {
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
}

fn clip(v: &Value) -> String {
    let s = v.to_string();
    s.chars().take(600).collect()
}

/// Pad JSON text with spaces (still the same JSON) to exactly `len` bytes.
fn padded(v: &Value, len: usize) -> String {
    let mut s = v.to_string();
    assert!(s.len() <= len, "{} > {len}", s.len());
    s.push_str(&" ".repeat(len - s.len()));
    s
}

// ---------------------------------------------------------------------------------------------
// Request size
// ---------------------------------------------------------------------------------------------

#[test]
fn request_of_1_mib_is_accepted_and_one_byte_more_is_too_large() {
    let cases: [(&str, Entry, Value); 4] = [
        ("evaluate_json", evaluate_json, request()),
        ("available_actions_json", available_actions_json, query()),
        ("timeline_json", timeline_json, query()),
        ("filter_catalog_json", filter_catalog_json, catalog()),
    ];
    for (name, f, v) in cases {
        let at = padded(&v, MAX_REQUEST_BYTES);
        assert_eq!(at.len(), 1 << 20);
        assert_success(&answer(f, &at));
        let over = padded(&v, MAX_REQUEST_BYTES + 1);
        let a = answer(f, &over);
        assert_error(&a, "tooLarge", "");
        // The JS reader's message for the same limit (its count stops at the limit).
        assert_eq!(
            a["errors"][0]["message"],
            "more than 1048576 bytes of JSON text; at most that many are read",
            "{name}: {a}"
        );
    }
    // The typed readers too.
    assert!(parse_request(&padded(&request(), MAX_REQUEST_BYTES)).is_ok());
    let e = parse_request(&padded(&request(), MAX_REQUEST_BYTES + 1)).unwrap_err();
    assert_eq!(e.0[0].code, ErrorCode::TooLarge);
    let e = evaluate_str(&padded(&request(), MAX_REQUEST_BYTES + 1)).unwrap_err();
    assert_eq!(e.0[0].code, ErrorCode::TooLarge);
}

#[test]
fn batch_text_of_64_mib_is_accepted_and_one_byte_more_is_too_large() {
    assert_eq!(MAX_BATCH_BYTES, 64 << 20);
    let batch = json!([request(), request()]);
    let at = padded(&batch, MAX_BATCH_BYTES);
    let a = answer(evaluate_many_json, &at);
    assert_success(&a);
    assert_eq!(a["result"].as_array().unwrap().len(), 2);
    assert_eq!(a["result"][0]["type"], "success");
    let over = padded(&batch, MAX_BATCH_BYTES + 1);
    let a = answer(evaluate_many_json, &over);
    assert_error(&a, "tooLarge", "");
    assert!(a["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("67108865 bytes"));
}

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

#[test]
fn strings_of_256_characters_are_accepted_and_257_are_too_large() {
    assert_eq!(MAX_STRING_CHARS, 256);
    let fields = [
        ("subscription.id", "subscription.id"),
        ("subscription.sku", "subscription.sku"),
        ("customer.id", "customer.id"),
        ("offer.id", "offer.id"),
    ];
    // ASCII and multi-byte characters: the limit counts characters, not bytes.
    for ch in ['x', 'ü', '年', '🦀'] {
        for (field, path) in fields {
            let at: String = std::iter::repeat_n(ch, MAX_STRING_CHARS).collect();
            assert_success(&answer(
                evaluate_json,
                &set(request(), field, json!(at)).to_string(),
            ));
            let over: String = std::iter::repeat_n(ch, MAX_STRING_CHARS + 1).collect();
            let a = answer(
                evaluate_json,
                &set(request(), field, json!(over)).to_string(),
            );
            assert_error(&a, "tooLarge", path);
            assert!(a.to_string().contains("longer than 256 characters"), "{a}");
        }
    }
    // Inside an action and inside a list.
    let rename = |n: usize| {
        set(
            request(),
            "action",
            json!({"type": "rename", "name": "n".repeat(n)}),
        )
    };
    assert_success(&answer(evaluate_json, &rename(256).to_string()));
    assert_error(
        &answer(evaluate_json, &rename(257).to_string()),
        "tooLarge",
        "action.name",
    );
    let paths = |n: usize| {
        set(
            request(),
            "subscription.upgradePaths",
            json!(["E5", "u".repeat(n)]),
        )
    };
    assert_success(&answer(evaluate_json, &paths(256).to_string()));
    assert_error(
        &answer(evaluate_json, &paths(257).to_string()),
        "tooLarge",
        "subscription.upgradePaths[1]",
    );
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/// A list limit: the field, its limit, and the `i`-th valid item.
struct ListLimit {
    field: &'static str,
    max: usize,
    item: fn(usize) -> Value,
}

const REQUEST_LISTS: [ListLimit; 9] = [
    ListLimit {
        field: "subscription.addOns",
        max: MAX_ADD_ONS,
        item: |i| json!({"id": format!("a{i}"), "status": "active"}),
    },
    ListLimit {
        field: "subscription.scheduledChanges",
        max: MAX_SCHEDULED_CHANGES,
        item: |i| json!({"id": format!("sc{i}"), "change": {"kind": "quantity", "quantity": 5}}),
    },
    ListLimit {
        field: "subscription.upgradePaths",
        max: MAX_UPGRADE_PATHS,
        item: |i| json!(format!("SKU{i}")),
    },
    ListLimit {
        field: "customer.subscriptions",
        max: MAX_CUSTOMER_SUBSCRIPTIONS,
        item: |i| json!({"id": format!("s{i}"), "offerId": "o", "sku": "E3", "status": "active"}),
    },
    ListLimit {
        field: "offer.supportedCountries",
        max: MAX_SMALL_LIST,
        item: |_| json!("SE"),
    },
    ListLimit {
        field: "offer.availableCountries",
        max: MAX_SMALL_LIST,
        item: |_| json!("SE"),
    },
    ListLimit {
        field: "offer.exclusivePartners",
        max: MAX_SMALL_LIST,
        item: |i| json!(format!("P-{i}")),
    },
    ListLimit {
        field: "offer.addOnFor",
        max: MAX_SMALL_LIST,
        item: |i| json!(format!("base-{i}")),
    },
    ListLimit {
        field: "actor.roles",
        max: MAX_ROLES,
        item: |_| json!("adminAgent"),
    },
];

fn list(l: &ListLimit, n: usize) -> Value {
    Value::Array((0..n).map(l.item).collect())
}

#[test]
fn request_lists_are_accepted_at_their_limit_and_too_large_one_over() {
    for l in &REQUEST_LISTS {
        let at = set(request(), l.field, list(l, l.max));
        assert_success(&answer(evaluate_json, &at.to_string()));
        let over = set(request(), l.field, list(l, l.max + 1));
        let a = answer(evaluate_json, &over.to_string());
        assert_error(&a, "tooLarge", l.field);
        let expected = format!("{} items; at most {} are accepted", l.max + 1, l.max);
        assert!(
            a.to_string().contains(&expected),
            "{}: {}",
            l.field,
            clip(&a)
        );
    }
    // Offer segments (only four values exist, repeats allowed) share the small-list limit.
    let seg = |n: usize| set(request(), "offer.segments", json!(vec!["commercial"; n]));
    assert_success(&answer(evaluate_json, &seg(MAX_SMALL_LIST).to_string()));
    assert_error(
        &answer(evaluate_json, &seg(MAX_SMALL_LIST + 1).to_string()),
        "tooLarge",
        "offer.segments",
    );
    // Policy role tables.
    let roles = |n: usize| {
        set(
            request(),
            "policy",
            json!({"roles": {"general": vec!["adminAgent"; n]}}),
        )
    };
    assert_success(&answer(evaluate_json, &roles(MAX_ROLES).to_string()));
    assert_error(
        &answer(evaluate_json, &roles(MAX_ROLES + 1).to_string()),
        "tooLarge",
        "policy.roles.general",
    );
}

#[test]
fn query_lists_are_accepted_at_their_limit_and_too_large_one_over() {
    // Actions of an available-actions or timeline query.
    let actions = |n: usize| {
        set(
            query(),
            "actions",
            json!(vec![json!({"type": "cancel"}); n]),
        )
    };
    for f in [available_actions_json as Entry, timeline_json] {
        assert_success(&answer(f, &actions(MAX_ACTIONS).to_string()));
        assert_error(
            &answer(f, &actions(MAX_ACTIONS + 1).to_string()),
            "tooLarge",
            "actions",
        );
    }
    let all = available_actions_value(&actions(MAX_ACTIONS)).unwrap();
    assert_eq!(all.actions.len(), MAX_ACTIONS);
    // The query's subscription lists are those of a request.
    for l in &REQUEST_LISTS[..3] {
        let over = set(query(), l.field, list(l, l.max + 1));
        assert_error(
            &answer(available_actions_json, &over.to_string()),
            "tooLarge",
            l.field,
        );
        assert_error(
            &answer(timeline_json, &over.to_string()),
            "tooLarge",
            l.field,
        );
    }
    // Offers of a catalog query.
    let offers = |n: usize| {
        set(
            catalog(),
            "offers",
            Value::Array((0..n).map(|i| offer(&format!("o-{i}"))).collect()),
        )
    };
    let a = answer(filter_catalog_json, &offers(MAX_OFFERS).to_string());
    assert_success(&a);
    assert_eq!(a["result"]["offers"].as_array().unwrap().len(), MAX_OFFERS);
    assert_error(
        &answer(filter_catalog_json, &offers(MAX_OFFERS + 1).to_string()),
        "tooLarge",
        "offers",
    );
}

#[test]
fn batch_of_100_000_is_accepted_and_one_more_is_too_large() {
    assert_eq!(MAX_BATCH, 100_000);
    // Empty objects: each is a failure of its own (missing fields), the batch itself is read.
    let items = |n: usize| Value::Array(vec![json!({}); n]);
    let answers = evaluate_many_value(&items(MAX_BATCH)).unwrap();
    assert_eq!(answers.len(), MAX_BATCH);
    assert!(matches!(answers[0], JsonAnswer::Failure { .. }));
    let e = evaluate_many_value(&items(MAX_BATCH + 1)).unwrap_err();
    assert_eq!(e.0[0].code, ErrorCode::TooLarge);
    assert_eq!(e.0[0].path, "");
    assert!(e.0[0].message.contains("100001 requests"));
    // The text entry point and the typed one say the same.
    let a = answer(evaluate_many_json, &items(MAX_BATCH + 1).to_string());
    assert_error(&a, "tooLarge", "");
    let request: Request = serde_json::from_value(request()).unwrap();
    let typed = vec![request; MAX_BATCH + 1];
    assert_eq!(
        evaluate_many(&typed).unwrap_err().0[0].code,
        ErrorCode::TooLarge
    );
    assert_eq!(evaluate_many(&typed[..3]).unwrap().len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Numbers and error counts
// ---------------------------------------------------------------------------------------------

#[test]
fn quantity_and_price_limits_are_range_errors_one_over() {
    let q = |n: u64| set(request(), "subscription.quantity", json!(n));
    assert_success(&answer(
        evaluate_json,
        &q(u64::from(MAX_QUANTITY)).to_string(),
    ));
    assert_error(
        &answer(evaluate_json, &q(u64::from(MAX_QUANTITY) + 1).to_string()),
        "outOfRange",
        "subscription.quantity",
    );
    assert_error(
        &answer(evaluate_json, &q(u64::MAX).to_string()),
        "outOfRange",
        "subscription.quantity",
    );
    let p = |s: &str| set(request(), "subscription.unitPrice", json!(s));
    assert_success(&answer(evaluate_json, &p("1000000000").to_string()));
    assert_success(&answer(evaluate_json, &p("1000000000.00").to_string()));
    assert_error(
        &answer(evaluate_json, &p("1000000000.01").to_string()),
        "invalidMoney",
        "subscription.unitPrice",
    );
    assert_error(
        &answer(evaluate_json, &p(&"9".repeat(200)).to_string()),
        "invalidMoney",
        "subscription.unitPrice",
    );
    // The largest quantity at the largest price still computes its money.
    let big = set(
        q(u64::from(MAX_QUANTITY)),
        "subscription.unitPrice",
        json!("1000000000"),
    );
    let d = evaluate_value(&big).unwrap();
    assert_eq!(d.money[0].amount.to_string(), "935483870960000.00");
}

#[test]
fn errors_are_capped_at_100() {
    assert_eq!(MAX_ERRORS, 100);
    let mut r = request();
    for i in 0..5_000 {
        r[format!("unknown{i}")] = json!(i);
    }
    let a = answer(evaluate_json, &r.to_string());
    assert_error(&a, "unknownField", "unknown0");
    assert_eq!(a["errors"].as_array().unwrap().len(), MAX_ERRORS);
    // Every add-on and scheduled change wrong at once.
    let bad = set(
        set(
            request(),
            "subscription.addOns",
            json!(vec![json!({"id": 1, "status": "x", "y": 2}); MAX_ADD_ONS]),
        ),
        "subscription.scheduledChanges",
        json!(vec![
            json!({"id": 1, "change": {"kind": "quantity", "quantity": -1}});
            MAX_SCHEDULED_CHANGES
        ]),
    );
    let a = answer(evaluate_json, &bad.to_string());
    assert_eq!(a["errors"].as_array().unwrap().len(), MAX_ERRORS);
}

// ---------------------------------------------------------------------------------------------
// Nesting
// ---------------------------------------------------------------------------------------------

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// Run `f` on a thread with a 512 KiB stack (half the 1 MiB a wasm32 module gets by default;
/// the unoptimised test build), so a
/// recursion that the input controls would overflow here rather than pass by luck.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(512 << 10)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deeply_nested_junk_is_too_large_or_invalid_json_not_a_stack_overflow() {
    on_small_stack(|| {
        // Closed: the reader's depth limit (`MAX_DEPTH`, the JS reader's too) says `tooLarge`.
        // Unclosed: not JSON. Neither recurses with the input.
        for (text, code) in [
            (nested_arrays(100_000), "tooLarge"),
            (nested_objects(100_000), "tooLarge"),
            ("[".repeat(100_000), "invalidJson"),
            (r#"{"a":"#.repeat(100_000), "invalidJson"),
            // Inside an otherwise valid request.
            (
                request().to_string().replacen(
                    r#""action":{"type":"cancel"}"#,
                    &format!(r#""action":{}"#, nested_arrays(100_000)),
                    1,
                ),
                "tooLarge",
            ),
        ] {
            for (name, f) in ENTRIES {
                let mut a = answer(f, &text);
                if a["type"] == "success" && text.starts_with('[') {
                    // The batch entry point: each item is a request, and the first is too deep.
                    a = a["result"][0].clone();
                }
                assert_eq!(a["type"], "failure", "{name}");
                assert_eq!(a["errors"][0]["code"], code, "{name}: {}", clip(&a));
                assert_eq!(a["errors"][0]["path"], "", "{name}: {}", clip(&a));
            }
        }
        // In a batch, the item over the limit is that item's failure; the others are decided.
        let batch = format!("[{},{}]", nested_objects(100_000), request());
        let a = answer(evaluate_many_json, &batch);
        assert_eq!(a["type"], "success", "{}", clip(&a));
        assert_eq!(a["result"][0]["errors"][0]["code"], "tooLarge");
        assert_eq!(a["result"][1]["type"], "success", "{}", clip(&a));
    });
}

#[test]
fn nesting_the_reader_accepts_is_bounded_and_answered() {
    // Up to `MAX_DEPTH` levels are read; a JSON value that deep in an unknown or wrongly typed
    // field is one error, read without recursion into it.
    on_small_stack(|| {
        let text = request().to_string().replacen(
            r#""action":{"type":"cancel"}"#,
            &format!(
                r#""action":{{"type":"cancel"}},"junk":{}"#,
                nested_arrays(MAX_DEPTH - 1)
            ),
            1,
        );
        let a = answer(evaluate_json, &text);
        assert_error(&a, "unknownField", "junk");
        let text = request().to_string().replacen(
            r#""now":"2021-07-17T09:00:00Z""#,
            &format!(r#""now":{}"#, nested_objects(MAX_DEPTH - 1)),
            1,
        );
        assert_error(&answer(evaluate_json, &text), "invalidType", "now");
        // One level more is over the limit, wherever it is.
        let text = request().to_string().replacen(
            r#""now":"2021-07-17T09:00:00Z""#,
            &format!(r#""now":{}"#, nested_objects(MAX_DEPTH)),
            1,
        );
        assert_error(&answer(evaluate_json, &text), "tooLarge", "");
    });
}

// ---------------------------------------------------------------------------------------------
// The worst accepted inputs complete
// ---------------------------------------------------------------------------------------------

/// A subscription with every list at its limit and short strings (so the request stays under
/// 1 MiB).
fn full_subscription() -> Value {
    let mut s = subscription();
    for l in &REQUEST_LISTS[..3] {
        s[l.field.trim_start_matches("subscription.")] = list(l, l.max);
    }
    s["upgradePaths"] = Value::Array(
        (0..MAX_UPGRADE_PATHS)
            .map(|i| json!(format!("SKU{i}")))
            .collect(),
    );
    s["trialEndsAt"] = json!("2021-08-15T08:00:00Z");
    s
}

fn full_customer() -> Value {
    let mut c = customer();
    c["subscriptions"] = list(&REQUEST_LISTS[3], MAX_CUSTOMER_SUBSCRIPTIONS);
    c
}

fn full_offer(id: &str) -> Value {
    let mut o = offer(id);
    o["supportedCountries"] = json!(vec!["SE"; MAX_SMALL_LIST]);
    o["availableCountries"] = json!(vec!["SE"; MAX_SMALL_LIST]);
    o["exclusivePartners"] = Value::Array(
        (0..MAX_SMALL_LIST)
            .map(|i| json!(format!("P{i}")))
            .collect(),
    );
    o["addOnFor"] = json!(vec!["m365-e3"; MAX_SMALL_LIST]);
    o["segments"] = json!(vec!["commercial"; MAX_SMALL_LIST]);
    o
}

fn timed(name: &str, f: impl FnOnce() -> Value) -> Value {
    let start = Instant::now();
    let a = f();
    eprintln!("{name}: {:?}", start.elapsed());
    a
}

#[test]
fn worst_accepted_queries_complete() {
    let mut q = query();
    q["subscription"] = full_subscription();
    q["customer"] = full_customer();
    q["offer"] = full_offer("audio-conf");
    let text = q.to_string();
    assert!(text.len() <= MAX_REQUEST_BYTES, "{} bytes", text.len());
    // Without `actions`: the default set (one per upgrade path and scheduled change, too).
    let a = timed("available actions, default set", || {
        answer(available_actions_json, &text)
    });
    assert_success(&a);
    assert!(a["result"]["actions"].as_array().unwrap().len() > MAX_UPGRADE_PATHS);
    let t = timed("timeline, default set", || answer(timeline_json, &text));
    assert_success(&t);
    // With the most actions, each the costliest kind.
    let upgrades: Vec<Value> = (0..MAX_ACTIONS)
        .map(|i| json!({"type": "upgrade", "targetSku": format!("SKU{i}"), "quantity": 5, "target": {"kind": "existing", "subscriptionId": format!("s{i}")}}))
        .collect();
    let q = set(q, "actions", json!(upgrades));
    let a = timed("available actions, 64 upgrades", || {
        answer(available_actions_json, &q.to_string())
    });
    assert_success(&a);
    assert_success(&timed("timeline, 64 upgrades", || {
        answer(timeline_json, &q.to_string())
    }));
}

#[test]
fn worst_accepted_requests_complete() {
    let mut r = request();
    r["subscription"] = full_subscription();
    r["customer"] = full_customer();
    r["offer"] = full_offer("audio-conf");
    for action in [
        json!({"type": "cancel"}),
        json!({"type": "purchase", "quantity": 5}),
        json!({"type": "purchaseAddOn", "quantity": 5}),
        json!({"type": "upgrade", "targetSku": "SKU99", "quantity": 5, "target": {"kind": "existing", "subscriptionId": "s999"}}),
        json!({"type": "scheduleChange", "change": {"kind": "quantity", "quantity": 3}}),
        json!({"type": "pause"}),
    ] {
        let r = set(r.clone(), "action", action);
        let text = r.to_string();
        assert!(text.len() <= MAX_REQUEST_BYTES);
        let a = timed("evaluate, every list full", || answer(evaluate_json, &text));
        assert_success(&a);
    }
    // A catalog of the most offers, each with every list full, as far as 1 MiB allows.
    let mut c = catalog();
    c["customer"] = full_customer();
    // Full offers first, then plain ones, while the text stays within 1 MiB.
    let mut size = c.to_string().len();
    let mut offers = Vec::new();
    for i in 0..MAX_OFFERS {
        let full = full_offer(&format!("o{i}"));
        let plain = offer(&format!("o{i}"));
        let o = if size + full.to_string().len() + 1 < MAX_REQUEST_BYTES - 200_000 {
            full
        } else {
            plain
        };
        size += o.to_string().len() + 1;
        offers.push(o);
    }
    c["offers"] = json!(offers);
    let text = c.to_string();
    assert!(text.len() <= MAX_REQUEST_BYTES, "{} bytes", text.len());
    let a = timed("catalog, 1 MiB", || answer(filter_catalog_json, &text));
    assert_success(&a);
}

/// A batch of the most requests, each a full decision. About 30 s unoptimised, 3 s optimised:
/// it runs with `cargo test --release --test limits` (and is skipped by the plain `cargo test`).
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "100,000 decisions: run with `cargo test --release --test limits`"
)]
fn worst_accepted_batch_completes() {
    // Requests of about 450 bytes: at 64 MiB, a batch of 100,000 requests averages 671 bytes.
    let mut small = request();
    small.as_object_mut().unwrap().remove("offer");
    small.as_object_mut().unwrap().remove("customer");
    let text = Value::Array(vec![small; MAX_BATCH]).to_string();
    assert!(text.len() <= MAX_BATCH_BYTES, "{} bytes", text.len());
    let start = Instant::now();
    let out = evaluate_many_json(&text);
    eprintln!("batch of 100,000: {:?}", start.elapsed());
    assert!(out.starts_with(r#"{"type":"success","result":[{"type":"success""#));
    assert_eq!(
        out.matches(r#"{"type":"success","result":{"action":"cancel""#)
            .count(),
        MAX_BATCH
    );
}
