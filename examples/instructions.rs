//! A fixed amount of work for instruction counts (callgrind: repeatable on a noisy machine).
//! `scripts/instructions.sh` runs it with 1 and with 101 repetitions and reports the difference
//! over 100: the instructions of one repetition, start-up and the reading of the file excluded.
//!
//! ```sh
//! cargo run --release --example instructions -- MODE REPETITIONS FILE
//! ```
//! Modes, on a request (`FILE` a request; for the queries a subscription query):
//! - `decide`: [`evaluate`](subscription_rules_core::evaluate) of an already-read request
//!   (check and rules, the decision built);
//! - `read-and-decide`: [`evaluate_str`](subscription_rules_core::evaluate_str) (the text read
//!   by the collecting decoder, then decided);
//! - `prepared`: a [`Prepared`](subscription_rules_core::Prepared) subscription's `evaluate` of
//!   the request's action at its `now` (the facts read once, before);
//! - `actions`, `timeline`, `states`: the queries of a prepared subscription at the query's
//!   `now` (`states`: `action_states`, the actions' states for a list of buttons);
//! - `list`: the list page's work (`benches/list/`) for `FILE` = `{"now": …, "list": [facts, …]}`
//!   (`scripts/instructions.sh` writes it from `www/lib/subscriptions.js`): the actions' states at
//!   `now` of every subscription, prepared before (the page's budget times the states of prepared
//!   subscriptions).
#![allow(clippy::print_stderr)]

use std::hint::black_box;
use std::process::ExitCode;

use subscription_rules_core::{
    evaluate, evaluate_str, parse_instant, prepare_str, read_action, Json, Request,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, n, file] = args.as_slice() else {
        eprintln!("usage: instructions MODE REPETITIONS FILE");
        return ExitCode::from(2);
    };
    let (Ok(n), Ok(text)) = (n.parse::<usize>(), std::fs::read_to_string(file)) else {
        eprintln!("cannot read {file} or the count {n}");
        return ExitCode::from(2);
    };
    match run(mode, n, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn run(mode: &str, n: usize, text: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if mode == "list" {
        return list(n, &value);
    }
    let now = value
        .get("now")
        .and_then(serde_json::Value::as_str)
        .and_then(|t| parse_instant(t).ok())
        .ok_or("the request has no `now`")?;
    // The facts: the request without `now`, `action` and `actions`.
    let mut facts = value.clone();
    if let Some(o) = facts.as_object_mut() {
        for key in ["now", "action", "actions"] {
            o.remove(key);
        }
    }
    match mode {
        "decide" => {
            let request: Request = serde_json::from_value(value).map_err(|e| e.to_string())?;
            for _ in 0..n {
                kept(&evaluate(black_box(&request)))?;
            }
        }
        "read-and-decide" => {
            for _ in 0..n {
                kept(&evaluate_str(black_box(text)))?;
            }
        }
        "prepared" | "actions" | "timeline" | "states" => {
            let p = prepare_str(&facts.to_string()).map_err(|e| format!("{e:?}"))?;
            let action = value.get("action").map(|a| read_action(&Json::from(a)));
            for _ in 0..n {
                match (mode, &action) {
                    ("prepared", Some(Ok(a))) => {
                        kept(&p.evaluate(a, now.into()))?;
                    }
                    ("actions", _) => {
                        kept(&p.available_actions(now.into()))?;
                    }
                    ("timeline", _) => {
                        kept(&p.timeline(now.into()))?;
                    }
                    ("states", _) => {
                        kept(&p.action_states(now.into()))?;
                    }
                    _ => return Err("`prepared` needs a request with an action".into()),
                }
            }
        }
        other => return Err(format!("unknown mode {other}")),
    }
    Ok(())
}

/// An answer kept from being optimized away, and dropped where it was made: by reference, since
/// moving it through `black_box` and `?` copies a decision (several hundred bytes), which is the
/// harness's work, not the engine's.
fn kept<T, E: std::fmt::Debug>(answer: &Result<T, E>) -> Result<(), String> {
    match black_box(answer) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("{e:?}")),
    }
}

/// The `list` mode: every subscription prepared from its text once, then, each repetition, its
/// actions' states.
fn list(n: usize, value: &serde_json::Value) -> Result<(), String> {
    let now = value
        .get("now")
        .and_then(serde_json::Value::as_str)
        .and_then(|t| parse_instant(t).ok())
        .ok_or("the list has no `now`")?;
    let texts: Vec<String> = value
        .get("list")
        .and_then(serde_json::Value::as_array)
        .ok_or("the list has no `list`")?
        .iter()
        .map(serde_json::Value::to_string)
        .collect();
    let prepared = texts
        .iter()
        .map(|t| prepare_str(t).map_err(|e| format!("{e:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    for _ in 0..n {
        for p in &prepared {
            kept(&p.action_states(now.into()))?;
        }
    }
    Ok(())
}
