//! Native benchmarks of the core: `cargo bench --bench evaluate`.
//!
//! The requests are the shared fixtures (`tests/fixtures/*.json`): for each action type, the
//! first case that expects a decision (not input errors), built as the fixture runner builds it
//! (the base request with the case's RFC 7396 merge patch). Three groups:
//!
//! - `decide/<action>`: [`evaluate`] on an already-read [`Request`] (check + rules + decision);
//! - `from_text/<action>`: [`evaluate_str`] (the collecting decoder, then `evaluate`);
//! - `json/<action>`: [`evaluate_json`], text in and text out, what the wasm boundary wraps;
//!
//! plus `marketplace_cancel`, the rule the Node benchmark (`benches/node/`) times against peer engines,
//! and `batch/evaluate_many_json_1000`.
//!
//! Native only: for wasm32 (`cargo clippy --target wasm32-unknown-unknown --all-targets`) it is an
//! empty program, since criterion does not build there.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // bench code: a bad fixture fails the run

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let mut c = native::Criterion::default().configure_from_args();
    native::benches(&mut c);
    c.final_summary();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeMap;
    use std::hint::black_box;

    pub use criterion::Criterion;
    use criterion::{BatchSize, Throughput};
    use serde_json::{json, Value};
    use subscription_rules_core::{
        evaluate, evaluate_json, evaluate_many_json, evaluate_str, Request,
    };

    /// RFC 7396 JSON merge patch.
    fn merge_patch(target: &mut Value, patch: &Value) {
        match patch {
            Value::Object(fields) => {
                if !target.is_object() {
                    *target = json!({});
                }
                if let Value::Object(into) = target {
                    for (key, value) in fields {
                        if value.is_null() {
                            into.remove(key);
                        } else {
                            merge_patch(into.entry(key.clone()).or_insert(Value::Null), value);
                        }
                    }
                }
            }
            other => *target = other.clone(),
        }
    }

    /// One representative request per action type, as JSON text, keyed by `<action>`.
    fn representative_requests() -> BTreeMap<String, String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let mut out = BTreeMap::new();
        for file in files {
            let fixture: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            for case in fixture["cases"].as_array().into_iter().flatten() {
                if case.get("expect").is_none() || case.get("raw").is_some() {
                    continue;
                }
                let mut request = case
                    .get("base")
                    .and_then(Value::as_str)
                    .map(|b| fixture["bases"][b].clone())
                    .unwrap_or(json!({}));
                if let Some(patch) = case.get("patch") {
                    merge_patch(&mut request, patch);
                }
                let Some(kind) = request["action"]["type"].as_str() else {
                    continue;
                };
                let text = request.to_string();
                // Only requests that decide (a fixture may expect a failure inside `expect`).
                if evaluate_str(&text).is_ok() {
                    out.entry(kind.to_string()).or_insert(text);
                }
            }
        }
        assert!(out.len() >= 10, "only {} action types found", out.len());
        out
    }

    /// The marketplace cancellation the Node benchmark compares (CANC-1, monthly, inside 24 h).
    fn marketplace_cancel() -> String {
        json!({
            "now": "2021-07-15T09:00:00Z",
            "actor": { "roles": ["adminAgent"], "partnerKind": "directBill" },
            "subscription": {
                "id": "sub-mp-m", "offerId": "o-isv", "sku": "saas-pro",
                "commerceModel": "marketplace", "billingType": "license",
                "billingFrequency": "monthly", "term": "monthly", "status": "active",
                "orderedAt": "2021-07-15T08:00:00Z", "termStart": "2021-07-15T08:00:00Z",
                "quantity": 5, "unitPrice": "20.00", "currency": "USD"
            },
            "action": { "type": "cancel" }
        })
        .to_string()
    }

    pub fn benches(c: &mut Criterion) {
        let mut requests = representative_requests();
        requests.insert("cancel-marketplace".into(), marketplace_cancel());

        let mut decide = c.benchmark_group("decide");
        for (kind, text) in &requests {
            let request: Request = subscription_rules_core::parse_request(text).unwrap();
            decide.bench_function(kind.as_str(), |b| {
                b.iter(|| evaluate(black_box(&request)).unwrap())
            });
        }
        decide.finish();

        let mut from_text = c.benchmark_group("from_text");
        for (kind, text) in &requests {
            from_text.bench_function(kind.as_str(), |b| {
                b.iter(|| evaluate_str(black_box(text)).unwrap())
            });
        }
        from_text.finish();

        let mut json_group = c.benchmark_group("json");
        for (kind, text) in &requests {
            json_group.bench_function(kind.as_str(), |b| b.iter(|| evaluate_json(black_box(text))));
        }
        json_group.finish();

        let one = marketplace_cancel();
        let batch = format!("[{}]", vec![one.as_str(); 1000].join(","));
        let mut group = c.benchmark_group("batch");
        group.throughput(Throughput::Elements(1000));
        group.sample_size(20);
        group.bench_function("evaluate_many_json_1000", |b| {
            b.iter_batched(
                || batch.clone(),
                |text: String| evaluate_many_json(black_box(&text)),
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
}
