//! The layering rules of ARCHITECTURE.md, checked on the source:
//!
//! - no module of the core imports one that imports it back (directly or through others): every
//!   `crate::…` path in a file (outside its `#[cfg(test)]` part) is an edge to the deepest module
//!   file it names, and the graph must have no cycle (a macro's `$crate::…` paths belong to the
//!   modules that invoke it);
//! - the core knows nothing of its host: no `wasm_bindgen`, `js_sys`, allocator or
//!   `cfg(target_arch)` outside the `tsify` feature's derives.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // source text read by the test itself

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `core/src`, by module path (`crate::rules::canc`).
fn modules() -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let name = std::iter::once("crate".to_string())
                .chain(parts)
                .collect::<Vec<_>>()
                .join("::");
            (name, f)
        })
        .collect()
}

/// The code of a file without its test module and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`code`] without the bodies of `macro_rules!` definitions: a macro's paths are resolved where
/// it is invoked, and the invoking module imports what it names itself.
fn code_outside_macros(path: &Path) -> String {
    let text = code(path);
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("macro_rules!") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(open) = after.find('{') else {
            rest = "";
            break;
        };
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The module files a file's `crate::…` paths name (the deepest module of each path).
fn imports(text: &str, modules: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    // `#[macro_export]` macros live at the crate root but belong to the file that defines them.
    let exported = [("crate::tr", "crate::i18n"), ("crate::msg", "crate::i18n")];
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(i) = text[at..].find("crate::") {
        let start = at + i;
        at = start + 7;
        if start > 0
            && (bytes[start - 1].is_ascii_alphanumeric()
                || bytes[start - 1] == b'_'
                || bytes[start - 1] == b'$')
        {
            // Part of another word, or `$crate::` in a macro's body: that path is resolved where
            // the macro is invoked, and the invoking module imports what it names itself.
            continue;
        }
        let path: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let path = path.trim_end_matches(':');
        let mut parts: Vec<&str> = path.split("::").collect();
        let target = loop {
            let candidate = parts.join("::");
            if let Some((_, owner)) = exported.iter().find(|(m, _)| *m == candidate) {
                break owner.to_string();
            }
            if modules.contains_key(&candidate) {
                break candidate;
            }
            parts.pop();
        };
        out.insert(target);
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules();
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(name, file)| {
            let mut edges = imports(&code_outside_macros(file), &modules);
            edges.remove(name);
            (name.clone(), edges)
        })
        .collect();
    // Nothing imports the crate root: it only declares modules and re-exports the public API.
    for (name, edges) in &graph {
        assert!(
            !edges.contains("crate"),
            "{name} imports the crate root; import the module that defines the item"
        );
    }
    // A cycle is a module that reaches itself.
    let mut cycles = Vec::new();
    for start in graph.keys() {
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    cycles.push(t.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
    // The check is real: the graph has the edges the layering is about.
    assert!(graph["crate::rules::canc"].contains("crate::rules::ctx"));
    assert!(graph["crate::input::validate"].contains("crate::model::request"));
}

#[test]
fn the_core_knows_nothing_of_its_host() {
    for (name, file) in modules() {
        let text = code(&file);
        for word in [
            "wasm_bindgen",
            "js_sys",
            "target_arch",
            "global_allocator",
            "web_sys",
        ] {
            assert!(!text.contains(word), "{name} mentions `{word}`");
        }
    }
}

/// The rule catalog names, for every rule, the function that implements it; each must exist
/// where the path says (`rules::canc::new_commerce` is `fn new_commerce` in `rules/canc.rs`).
#[test]
fn every_rule_names_a_function_that_exists() {
    let modules = modules();
    for rule in subscription_rules_core::ALL_RULES {
        let path = rule.implemented_by();
        let parts: Vec<&str> = path.split("::").collect();
        assert!(parts.len() >= 2, "{rule}: `{path}` is not a path");
        let function = parts[parts.len() - 1];
        // The deepest module the path names (a `Type::method` path ends in a type, not a module).
        let mut module = None;
        for n in (1..parts.len()).rev() {
            let candidate = format!("crate::{}", parts[..n].join("::"));
            if let Some(file) = modules.get(&candidate) {
                module = Some(file);
                break;
            }
        }
        let file = module.unwrap_or_else(|| panic!("{rule}: no module for `{path}`"));
        let text = code(file);
        assert!(
            text.contains(&format!("fn {function}(")) || text.contains(&format!("fn {function}<")),
            "{rule}: `{path}` names no function in {}",
            file.display()
        );
    }
}
