//! The model is declared once: the wire name of every model field (`"orderedAt"`, `"autoRenew"`,
//! …) appears in the non-test Rust code of the workspace only where its field is declared (the
//! `model!` line, or the policy's parameter table). Paths and messages that name a field build the
//! name from the constant its declaration exports (`Subscription::TERM_END`), never spell it again.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // source text read by the test itself

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use subscription_rules_core::{
    Action, Actor, AddOn, CatalogFilters, CatalogQuery, Change, Customer, Offer, Policy,
    PreparedFacts, Request, RoleTable, ScheduledChange, SeatAddition, Subscription,
    SubscriptionQuery, SubscriptionRef, UpgradeTarget, UpgradedFrom,
};

/// Every declared field's wire name, with how many declarations carry it.
fn declared() -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let lists: &[&[&str]] = &[
        Request::WIRE_NAMES,
        Subscription::WIRE_NAMES,
        SeatAddition::WIRE_NAMES,
        AddOn::WIRE_NAMES,
        ScheduledChange::WIRE_NAMES,
        Change::WIRE_NAMES,
        Customer::WIRE_NAMES,
        SubscriptionRef::WIRE_NAMES,
        UpgradedFrom::WIRE_NAMES,
        Offer::WIRE_NAMES,
        Actor::WIRE_NAMES,
        UpgradeTarget::WIRE_NAMES,
        Action::WIRE_NAMES,
        SubscriptionQuery::WIRE_NAMES,
        PreparedFacts::WIRE_NAMES,
        CatalogFilters::WIRE_NAMES,
        CatalogQuery::WIRE_NAMES,
        RoleTable::WIRE_NAMES,
    ];
    // A variant's tag is declared once too (`Change::Quantity` is `"quantity"`, as its field).
    let tags: &[&[&str]] = &[Change::TAGS, UpgradeTarget::TAGS, Action::TAGS];
    for list in lists.iter().chain(tags) {
        for name in *list {
            *out.entry(name.to_string()).or_insert(0) += 1;
        }
    }
    // The policy's parameter table: one row per parameter (the overrides are the same row).
    let policy = serde_json::to_value(Policy::default()).unwrap();
    for name in policy.as_object().unwrap().keys() {
        *out.entry(name.clone()).or_insert(0) += 1;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of the workspace's non-test code (core and shell), with their file.
fn literals() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root.join("core").join("src"), &mut files);
    rust_files(&root.join("src"), &mut files);
    let mut out = Vec::new();
    for file in files {
        // The publisher-API reader spells the publisher's field names, many of them ours too
        // (`id`, `quantity`, `status`), and builds the engine's facts by name as JSON: a name
        // misspelt there is refused by the engine's decoder (`unknownField`), which
        // core/tests/partner_center.rs would report for every resource it reads.
        if file.ends_with("partner_center.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines() {
            let line = line.trim_start();
            // Comments, and the values of the vocabulary's enums (`Now = "now",`), which are
            // declarations of their own, not field names.
            let enum_value = line.starts_with(|c: char| c.is_ascii_uppercase())
                && line.contains(" = \"")
                && line.ends_with("\",");
            if line.starts_with("//") || enum_value {
                continue;
            }
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let mut end = None;
                let mut escaped = false;
                for (i, c) in after.char_indices() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = Some(i);
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                let Some(end) = end else { break };
                out.push((file.display().to_string(), after[..end].to_string()));
                rest = &after[end + 1..];
            }
        }
    }
    out
}

/// Whether a literal spells `name` as a wire name: the whole literal, a segment of a dotted
/// path (`subscription.termEnd`, `offers[2].id`) or a name quoted in a message (`` `termEnd` ``).
fn spells(literal: &str, name: &str) -> bool {
    if literal == name || literal.contains(&format!("`{name}`")) {
        return true;
    }
    if !literal.contains('.') {
        return false;
    }
    literal
        .split(['.', '[', ']'])
        .any(|segment| segment == name)
}

#[test]
fn every_field_wire_name_is_written_once() {
    let declared = declared();
    assert!(declared.len() > 70, "only {} wire names", declared.len());
    let literals = literals();
    let mut extra = Vec::new();
    for (name, declarations) in &declared {
        let uses: Vec<&(String, String)> = literals
            .iter()
            .filter(|(_, lit)| spells(lit, name))
            .collect();
        if uses.len() > *declarations {
            extra.push(format!(
                "`{name}`: {} declaration(s), {} literal(s): {:?}",
                declarations,
                uses.len(),
                uses
            ));
        }
    }
    assert!(
        extra.is_empty(),
        "wire names spelt again:\n{}",
        extra.join("\n")
    );
}

#[test]
fn the_check_sees_a_spelt_name() {
    assert!(spells("subscription.termEnd", "termEnd"));
    assert!(spells("offer.supportedCountries[3]", "supportedCountries"));
    assert!(spells("needs `unitPrice`", "unitPrice"));
    assert!(spells("orderedAt", "orderedAt"));
    assert!(!spells("the term ends", "term"));
    assert!(!spells("orderedAtX", "orderedAt"));
}

/// The action tags are the names of `ActionKind`, in its order.
#[test]
fn action_tags_are_the_action_kinds() {
    let kinds: Vec<&str> = subscription_rules_core::ActionKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(Action::TAGS, kinds.as_slice());
}
