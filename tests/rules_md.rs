//! `docs/RULES.md`: the rule catalog as a document (ID, family, English and Swedish title, the
//! policy parameters that set it with their defaults, the function that implements it, the
//! source), generated from core/src/rules/catalog.rs and the parameter table of
//! core/src/policy/params.rs. This test fails when the file is out of date;
//! `UPDATE_RULES_MD=1 cargo test -p subscription-rules --test rules_md` rewrites it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // test data read by the test itself

mod generated;

use std::collections::BTreeMap;
use std::path::Path;

/// The parameters of each rule: the parameter table's rows, each documented as `RULE-ID, …: …`.
fn parameters() -> BTreeMap<String, Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("core/src/policy/params.rs")).unwrap();
    let table = text
        .split("parameters! {\n")
        .nth(2)
        .or_else(|| text.split("parameters! {\n").nth(1))
        .unwrap();
    let table = table.split("\n}\n").next().unwrap();
    let defaults = serde_json::to_value(subscription_rules_core::Policy::default()).unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut doc = String::new();
    for line in table.lines().map(str::trim) {
        if let Some(d) = line.strip_prefix("/// ") {
            if doc.is_empty() {
                doc = d.to_string();
            }
            continue;
        }
        let Some(wire) = line.split('"').nth(1).filter(|_| line.contains(" = \"")) else {
            continue;
        };
        let head = doc.split(':').next().unwrap_or_default();
        let default = &defaults[wire];
        let shown = if default.is_object() {
            format!("`{wire}`")
        } else {
            format!("`{wire}` ({default})")
        };
        for id in head
            .split([',', ' '])
            .filter(|w| w.contains('-') && w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        {
            out.entry(id.to_string()).or_default().push(shown.clone());
        }
        doc.clear();
    }
    out
}

fn expected() -> String {
    let params = parameters();
    let mut out = String::from(
        "# The rules\n\n\
         Every rule the engine implements, with its stable ID: the ID a decision names in `reasons`.\n\
         The contract they come from is POLICY.md (the project's policy catalog); this file is\n\
         generated from the engine's own rule table (`core/src/rules/catalog.rs`) and parameter\n\
         table (`core/src/policy/params.rs`), and `tests/rules_md.rs` fails when it is out of date\n\
         (`UPDATE_RULES_MD=1 cargo test -p subscription-rules --test rules_md` rewrites it). The same\n\
         catalog is `rules()` in the package. Parameters are shown with their default (the 2021\n\
         edition); README \"Editions of the policy\" lists what each edition sets.\n\n\
         | ID | family | title | titel (svenska) | parameters | implemented by | source |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for rule in subscription_rules_core::ALL_RULES {
        let info = rule.info();
        let p = params
            .get(rule.id())
            .map(|v| v.join(", "))
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | `{}` | {} |\n",
            rule.id(),
            serde_json::to_value(info.family)
                .unwrap()
                .as_str()
                .unwrap_or_default(),
            info.title,
            info.title_sv,
            p,
            rule.implemented_by(),
            info.source
        ));
    }
    out
}

#[test]
fn rules_md_is_the_catalog() {
    generated::check("docs/RULES.md", &expected(), "UPDATE_RULES_MD", "rules_md");
}

#[test]
fn every_parameter_names_a_rule() {
    let params = parameters();
    let named: usize = params.values().map(Vec::len).sum();
    let total = serde_json::to_value(subscription_rules_core::Policy::default())
        .unwrap()
        .as_object()
        .unwrap()
        .len();
    assert!(
        named >= total,
        "{named} parameter rows name a rule, of {total}"
    );
    for id in params.keys() {
        assert!(
            subscription_rules_core::Rule::from_id(id).is_some(),
            "a parameter names `{id}`, which is no rule"
        );
    }
}
