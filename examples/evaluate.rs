//! Decide a request from a JSON file (or standard input) and print the answer.
//!
//! ```sh
//! cargo run --example evaluate -- examples/requests/nce-cancel.json
//! cargo run --example evaluate -- --timeline examples/requests/nce-query.json
//! ```
//! Modes: `--evaluate` (default), `--actions`, `--timeline`, `--catalog`, `--partner-center`
//! (`{"resource": …, "extras": …, "now": …}`: the publisher's resource read, then its parity check).
//!
//! Line modes, for harnesses that stream many texts through one process (the JS fuzzer,
//! `tests/js/node/fuzz.mjs`): `--lines` (`evaluate_json`), `--lines-actions`
//! (`available_actions_json`), `--lines-timeline` (`timeline_json`). Each line of standard input
//! is one JSON text, without its `\n` (so a compact one, as `JSON.stringify` writes it), and gets
//! one line of output: the compact answer of the JSON entry point, exactly as it returns it.
//! ```sh
//! printf '%s\n' '{"now":1}' '[]' | cargo run --example evaluate -- --lines
//! ```

use std::io::{BufRead, Read, Write};

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
    let lines: Option<fn(&str) -> String> = match mode.as_str() {
        "--lines" => Some(subscription_rules_core::evaluate_json),
        "--lines-actions" => Some(subscription_rules_core::available_actions_json),
        "--lines-timeline" => Some(subscription_rules_core::timeline_json),
        _ => None,
    };
    if let Some(entry) = lines {
        if let Err(e) = answer_lines(entry) {
            eprintln!("cannot read or write a line: {e}");
            std::process::exit(2);
        }
        return;
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
        // `{"resource": …, "extras": …, "now": …}`: the resource read, then the parity check.
        "--partner-center" => {
            let part = |v: &serde_json::Value, key: &str| {
                v.get(key).map(|x| x.to_string()).unwrap_or_default()
            };
            let v = value.unwrap_or_default();
            let now = v.get("now").and_then(|n| n.as_str()).unwrap_or_default();
            format!(
                "{}\n{}",
                from_partner_center_json(&part(&v, "resource"), &part(&v, "extras")),
                check_against_partner_center_json(&part(&v, "resource"), &part(&v, "extras"), now)
            )
        }
        // The text entry itself: duplicate keys and the size limit are checked as in `evaluate_json`.
        _ => pretty(serde_json::to_string_pretty(&JsonAnswer::from(
            evaluate_str(&text),
        ))),
    };
    println!("{out}");
}

/// The line modes: one answer line per input line, from `entry` (a JSON entry point of the core).
/// Output is buffered and flushed whenever no further input is already buffered, so a caller
/// that writes a chunk of lines and waits for their answers never waits on a full buffer.
fn answer_lines(entry: fn(&str) -> String) -> std::io::Result<()> {
    let mut input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let mut output = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        // The JSON entry points take `&str`: bytes that are not UTF-8 are the caller's error.
        let text = std::str::from_utf8(&line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        output.write_all(entry(text).as_bytes())?;
        output.write_all(b"\n")?;
        if input.buffer().is_empty() {
            output.flush()?;
        }
    }
    output.flush()
}
