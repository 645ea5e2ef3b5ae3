//! The JSON Schema of every input, generated from the Rust types (`--features schema`):
//! `schema/request.schema.json` (`evaluate`), `subscription-query.schema.json`
//! (`availableActions`, `timeline`), `catalog-query.schema.json` (`filterCatalog`) and
//! `prepared-facts.schema.json` (`prepare`). This test fails when a file is not what the types
//! give; `UPDATE_SCHEMA=1 cargo test -p subscription-rules-core --features schema --test schema`
//! rewrites them. The npm package ships them; `tests/js/node/schema.mjs` checks every fixture
//! against them.
#![cfg(all(feature = "schema", not(target_arch = "wasm32")))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use std::path::PathBuf;
use subscription_rules_core::{CatalogQuery, PreparedFacts, Request, SubscriptionQuery};

fn schema<T: JsonSchema>(file: &str, title: &str) -> String {
    let generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let root = generator.into_root_schema_for::<T>();
    // The engine reads no field it does not know (`unknownField`): neither does the schema.
    let mut value = serde_json::to_value(&root).unwrap();
    closed(&mut value);
    let serde_json::Value::Object(mut root) = value else {
        panic!("a schema is an object")
    };
    root.insert(
        "$id".into(),
        format!("https://subscription-rules.invalid/schema/{file}").into(),
    );
    root.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(root)).unwrap();
    text.push('\n');
    text
}

/// `additionalProperties: false` on every object schema that lists its properties; and a
/// 32-bit count as standard keywords (`maximum`), not schemars' own `format: "uint32"`, which
/// validators do not know.
fn closed(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), false.into());
            }
            if map.get("format").and_then(serde_json::Value::as_str) == Some("uint32") {
                map.remove("format");
                map.insert("maximum".into(), u32::MAX.into());
            }
            for child in map.values_mut() {
                closed(child);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}

fn check(file: &str, expected: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(file);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "schema/{file} is not what the Rust types give: \
         UPDATE_SCHEMA=1 cargo test -p subscription-rules-core --features schema --test schema"
    );
}

#[test]
fn every_input_schema_is_generated_from_the_types() {
    check(
        "request.schema.json",
        &schema::<Request>(
            "request.schema.json",
            "subscription-rules request (evaluate)",
        ),
    );
    check(
        "subscription-query.schema.json",
        &schema::<SubscriptionQuery>(
            "subscription-query.schema.json",
            "subscription-rules subscription query (availableActions, timeline)",
        ),
    );
    check(
        "catalog-query.schema.json",
        &schema::<CatalogQuery>(
            "catalog-query.schema.json",
            "subscription-rules catalog query (filterCatalog)",
        ),
    );
    check(
        "prepared-facts.schema.json",
        &schema::<PreparedFacts>(
            "prepared-facts.schema.json",
            "subscription-rules prepared facts (prepare)",
        ),
    );
}
