//! `rules()`, `policyDefaults()` and `version()` of the package are plain data, not WebAssembly:
//! `src/package/rules.js` holds the rule catalog (core/src/rules/catalog.rs), the policy's
//! defaults (core/src/policy/params.rs) and the version as JSON literals. The modules then carry no rule titles
//! (3.3 KB gzipped), and a page that never calls `rules()` never loads them. This test holds the
//! file equal to the catalog; `UPDATE_RULES_JS=1 cargo test -p subscription-rules --test rules_js`
//! rewrites it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod generated;

/// The file's text for the catalog as it is now.
fn expected() -> String {
    // JSON is a JS literal here: the values are plain strings (a test below holds that no
    // U+2028 or U+2029, which JSON allows and older JS strings do not, is among them).
    let literal = serde_json::to_string(&subscription_rules_core::catalog()).unwrap();
    let defaults = serde_json::to_string(&subscription_rules_core::policy_defaults()).unwrap();
    let version = serde_json::to_string(subscription_rules_core::VERSION).unwrap();
    format!(
        "\
// The rule catalog: every rule of POLICY.md with its ID, family, English and Swedish title and
// source. Plain data, no WebAssembly: a page that never calls `rules()` never loads it.
// Generated from core/src/rules/catalog.rs; tests/rules_js.rs fails when this file is out of date
// (`UPDATE_RULES_JS=1 cargo test -p subscription-rules --test rules_js` rewrites it).
const CATALOG = {literal};

/** Every rule of POLICY.md: new objects on every call, so a caller may change them. */
export function rules() {{
  return CATALOG.map((rule) => ({{ ...rule }}));
}}

// The POLICY.md defaults of every policy parameter (core/src/policy/params.rs), as data too.
const POLICY_DEFAULTS = {defaults};

/** The POLICY.md defaults of every policy parameter (what `request.policy` overrides): a new
 * object on every call. */
export function policyDefaults() {{
  return JSON.parse(JSON.stringify(POLICY_DEFAULTS));
}}

/** The version of the engine (the crate and package version). */
export function version() {{
  return {version};
}}
"
    )
}

#[test]
fn rules_js_is_the_catalog() {
    generated::check(
        "src/package/rules.js",
        &expected(),
        "UPDATE_RULES_JS",
        "rules_js",
    );
}

#[test]
fn every_rule_has_both_titles_and_a_source() {
    let catalog = serde_json::to_value(subscription_rules_core::catalog()).unwrap();
    let rules = catalog.as_array().unwrap();
    assert_eq!(rules.len(), subscription_rules_core::ALL_RULES.len());
    assert_eq!(rules[0]["id"], "TIME-1");
    for r in rules {
        for field in ["title", "titleSv", "source"] {
            let text = r[field].as_str().unwrap_or_default();
            assert!(!text.trim().is_empty(), "{r}: {field}");
            assert!(!text.contains(['\u{2028}', '\u{2029}']), "{r}: {field}");
        }
    }
}
