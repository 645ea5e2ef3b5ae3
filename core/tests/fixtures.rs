//! Every case of every tests/fixtures/*.json file, through the JSON entry point.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // serde_json indexing of test data; a bad index fails the test
//! Table tests: every case of every `tests/fixtures/*.json` file through `evaluate_json` (and the
//! same answer from `evaluate_str`), plus unit tests of the fixture helpers themselves.

mod common;

use common::{all_cases, check_case, fixture_files, load_file, merge_patch, subset_match};
use serde_json::json;

#[test]
fn every_fixture_case_matches_its_expectation() {
    let mut failures = Vec::new();
    let mut count = 0;
    for file in fixture_files() {
        let cases = load_file(&file);
        println!("{}: {} case(s)", file.display(), cases.len());
        for case in cases {
            count += 1;
            if let Err(e) = check_case(&case) {
                failures.push(e);
            }
        }
    }
    println!("{count} fixture case(s) in all");
    assert!(count > 0, "no fixture cases found");
    assert!(
        failures.is_empty(),
        "{} of {count} fixture case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn fixture_bases_are_valid_requests() {
    // Every base must decide on its own, so a case's patch is the only thing that breaks it.
    for file in fixture_files() {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for (name, base) in doc["bases"].as_object().unwrap() {
            let answer = common::answer(&base.to_string());
            assert_eq!(
                answer["type"],
                "success",
                "{}: base `{name}`: {answer}",
                file.display()
            );
        }
    }
}

#[test]
fn fixture_cases_name_their_rules() {
    // A case that is not about bad input says which POLICY.md rules it pins.
    for case in all_cases() {
        if case.expect.is_some() && case.file != "errors" {
            assert!(!case.rules.is_empty(), "{}: no `rules`", case.label());
        }
    }
}

#[test]
fn merge_patch_follows_rfc_7396() {
    // The examples of RFC 7396, appendix A.
    let cases = [
        (json!({"a":"b"}), json!({"a":"c"}), json!({"a":"c"})),
        (json!({"a":"b"}), json!({"b":"c"}), json!({"a":"b","b":"c"})),
        (json!({"a":"b"}), json!({"a":null}), json!({})),
        (
            json!({"a":"b","b":"c"}),
            json!({"a":null}),
            json!({"b":"c"}),
        ),
        (json!({"a":["b"]}), json!({"a":"c"}), json!({"a":"c"})),
        (json!({"a":"c"}), json!({"a":["b"]}), json!({"a":["b"]})),
        (
            json!({"a":{"b":"c"}}),
            json!({"a":{"b":"d","c":null}}),
            json!({"a":{"b":"d"}}),
        ),
        (json!({"a":[{"b":"c"}]}), json!({"a":[1]}), json!({"a":[1]})),
        (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
        (json!({"a":"b"}), json!(["c"]), json!(["c"])),
        (json!({"a":"foo"}), json!(null), json!(null)),
        (json!({"a":"foo"}), json!("bar"), json!("bar")),
        (json!({"e":null}), json!({"a":1}), json!({"e":null,"a":1})),
        (json!([1, 2]), json!({"a":"b","c":null}), json!({"a":"b"})),
        (
            json!({}),
            json!({"a":{"bb":{"ccc":null}}}),
            json!({"a":{"bb":{}}}),
        ),
    ];
    for (target, patch, want) in cases {
        let mut got = target.clone();
        merge_patch(&mut got, &patch);
        assert_eq!(got, want, "merge_patch({target}, {patch})");
    }
}

#[test]
fn subset_match_reports_the_path_of_a_mismatch() {
    let actual = json!({"a": {"b": [1, {"c": "x", "d": 2}]}, "e": true});
    assert!(subset_match(&json!({}), &actual, "").is_ok());
    assert!(subset_match(&json!({"a": {"b": [1, {"c": "x"}]}}), &actual, "").is_ok());
    assert!(
        subset_match(&json!({"zzz": null}), &actual, "").is_ok(),
        "null means absent"
    );
    let e = subset_match(&json!({"a": {"b": [1, {"c": "y"}]}}), &actual, "result").unwrap_err();
    assert!(
        e.contains("`result.a.b[1].c`") && e.contains("\"y\"") && e.contains("\"x\""),
        "{e}"
    );
    let e = subset_match(&json!({"a": {"b": [1]}}), &actual, "").unwrap_err();
    assert!(
        e.contains("`a.b`") && e.contains("1 item(s), found 2"),
        "{e}"
    );
    let e = subset_match(&json!({"f": 1}), &actual, "").unwrap_err();
    assert!(e.contains("`f`") && e.contains("absent"), "{e}");
    let e = subset_match(&json!({"e": null}), &actual, "").unwrap_err();
    assert!(e.contains("`e`"), "{e}");
}
