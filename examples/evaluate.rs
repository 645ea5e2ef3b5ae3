//! Decide a request from a JSON file (or standard input) and print the answer.
//!
//! ```sh
//! cargo run --example evaluate -- examples/requests/nce-cancel.json
//! cargo run --example evaluate -- --timeline examples/requests/nce-query.json
//! ```
//! Modes: `--evaluate` (default), `--actions`, `--timeline`, `--catalog`.

use std::io::Read;

fn main() {
    let mut mode = "--evaluate".to_string();
    let mut path = None;
    for arg in std::env::args().skip(1) {
        if arg.starts_with("--") {
            mode = arg;
        } else {
            path = Some(arg);
        }
    }
    let mut text = String::new();
    let read = match &path {
        Some(p) => std::fs::read_to_string(p).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("cannot read the request: {e}");
        std::process::exit(2);
    }
    use subscription_rules_core::*;
    let value: Result<serde_json::Value, InputErrors> = serde_json::from_str(&text).map_err(|e| {
        InputErrors(vec![InputError::new(
            ErrorCode::InvalidJson,
            "",
            e.to_string(),
        )])
    });
    let pretty =
        |answer: Result<String, serde_json::Error>| answer.unwrap_or_else(|e| e.to_string());
    let out = match mode.as_str() {
        "--actions" => pretty(serde_json::to_string_pretty(&JsonAnswer::from(
            value.and_then(|v| available_actions_value(&v)),
        ))),
        "--timeline" => pretty(serde_json::to_string_pretty(&JsonAnswer::from(
            value.and_then(|v| timeline_value(&v)),
        ))),
        "--catalog" => pretty(serde_json::to_string_pretty(&JsonAnswer::from(
            value.and_then(|v| filter_catalog_value(&v)),
        ))),
        // The text entry itself: duplicate keys and the size limit are checked as in `evaluate_json`.
        _ => pretty(serde_json::to_string_pretty(&JsonAnswer::from(
            evaluate_str(&text),
        ))),
    };
    println!("{out}");
}
