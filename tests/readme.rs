//! The README's bad-input table lists every case of tests/fixtures/errors.json and every error
//! code (regenerate it with scripts/error-table.py).
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in wasm
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use subscription_rules_core::ErrorCode;

#[test]
fn readme_table_lists_every_bad_input_case_and_every_code() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("<!-- errors:start -->")
        .expect("table start marker");
    let end = readme
        .find("<!-- errors:end -->")
        .expect("table end marker");
    let table = &readme[start..end];
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/errors.json").unwrap())
            .unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "at least 30 distinct bad inputs");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let shown: String = name.replace('|', "\\|").chars().take(59).collect();
        assert!(
            table.contains(&shown),
            "README table lacks `{name}`: run scripts/error-table.py"
        );
    }
    for code in ErrorCode::ALL {
        assert!(
            table.contains(&format!("`{code}`")),
            "README table has no `{code}` example"
        );
    }
}
