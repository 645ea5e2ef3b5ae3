//! Shared helpers of the integration tests: the fixture format (`tests/fixtures/*.json`), RFC 7396
//! JSON Merge Patch, and the subset matcher used by every table test.
//!
//! A fixture file is `{ "description", "bases": {name: request}, "cases": [case] }`. A case has a
//! `name`, optionally `rules` (the POLICY.md IDs it pins) and `note` (free text, e.g. a hand
//! computation), the request as `base` + `patch` (a merge patch applied to that base) or as `raw`
//! (the request text itself, for input that is not JSON), and exactly one of `expect` (subset of
//! the decision) or `expectErrors` (subset of the error list).

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// RFC 7396 JSON Merge Patch: objects merge key by key, `null` deletes a key, anything else
/// (arrays included) replaces the target.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(map) = target else {
        unreachable!()
    };
    for (key, value) in patch {
        if value.is_null() {
            map.remove(key);
        } else {
            merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        let head: String = s.chars().take(300).collect();
        format!("{head}…")
    } else {
        s
    }
}

/// `expected` is a subset of `actual`: objects — every expected key exists in `actual` and matches
/// recursively (an expected `null` means "absent or null"); arrays — same length and element-wise
/// subset; scalars — equal. On mismatch, the JSON path and both values.
pub fn subset_match(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(exp), Value::Object(act)) => {
            for (key, e) in exp {
                let p = join(path, key);
                match act.get(key) {
                    None if e.is_null() => {}
                    None => {
                        return Err(format!(
                            "at `{p}`: expected {}, but the key is absent",
                            show(e)
                        ))
                    }
                    Some(a) => subset_match(e, a, &p)?,
                }
            }
            Ok(())
        }
        (Value::Array(exp), Value::Array(act)) => {
            if exp.len() != act.len() {
                return Err(format!(
                    "at `{path}`: expected {} item(s), found {}: {}",
                    exp.len(),
                    act.len(),
                    show(actual)
                ));
            }
            for (i, (e, a)) in exp.iter().zip(act).enumerate() {
                subset_match(e, a, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!(
            "at `{path}`: expected {}, found {}",
            show(e),
            show(a)
        )),
    }
}

/// One case of a fixture file, with its request built.
#[derive(Debug, Clone)]
pub struct Case {
    /// The fixture file's stem, e.g. `cancel`.
    pub file: String,
    /// The case name.
    pub name: String,
    /// POLICY.md IDs the case pins.
    pub rules: Vec<String>,
    /// The request as JSON (absent for `raw` cases).
    pub request: Option<Value>,
    /// The request text fed to the engine.
    pub text: String,
    /// Subset of the decision, when the request must succeed.
    pub expect: Option<Value>,
    /// Subset of the error list, when it must fail.
    pub expect_errors: Option<Value>,
}

impl Case {
    /// `file: name`, for messages.
    pub fn label(&self) -> String {
        format!("{}: {}", self.file, self.name)
    }
}

/// The fixture directory.
pub fn fixture_dir() -> PathBuf {
    // The fixtures are shared by the core's tests, the wasm tests, the playground and the fuzzer:
    // they live at the top of the workspace.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("fixtures")
}

/// Every fixture file, sorted by name.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Read one fixture file and build its cases; panics on a malformed file (a bug in the fixture).
pub fn load_file(path: &Path) -> Vec<Case> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    for key in doc.as_object().expect("a fixture file is an object").keys() {
        assert!(
            ["description", "bases", "cases"].contains(&key.as_str()),
            "{stem}: unknown top-level key `{key}`"
        );
    }
    let bases = doc
        .get("bases")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let cases = doc
        .get("cases")
        .and_then(Value::as_array)
        .expect("`cases` is an array");
    let mut names = std::collections::BTreeSet::new();
    cases
        .iter()
        .map(|c| {
            let obj = c.as_object().expect("a case is an object");
            for key in obj.keys() {
                assert!(
                    [
                        "name",
                        "rules",
                        "note",
                        "base",
                        "patch",
                        "raw",
                        "expect",
                        "expectErrors"
                    ]
                    .contains(&key.as_str()),
                    "{stem}: unknown case key `{key}` in {c}"
                );
            }
            let name = obj
                .get("name")
                .and_then(Value::as_str)
                .expect("a case has a name")
                .to_string();
            assert!(
                names.insert(name.clone()),
                "{stem}: duplicate case name `{name}`"
            );
            let rules: Vec<String> = obj
                .get("rules")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|r| r.as_str().expect("rule IDs are strings").to_string())
                        .collect()
                })
                .unwrap_or_default();
            for r in &rules {
                assert!(
                    subscription_rules_core::Rule::from_id(r).is_some(),
                    "{stem}: `{name}` names unknown rule `{r}`"
                );
            }
            let (request, text) = match (obj.get("raw"), obj.get("base")) {
                (Some(raw), None) => (None, raw.as_str().expect("`raw` is a string").to_string()),
                (None, Some(base)) => {
                    let base = base.as_str().expect("`base` is a string");
                    let mut request = bases
                        .get(base)
                        .unwrap_or_else(|| panic!("{stem}: `{name}` uses unknown base `{base}`"))
                        .clone();
                    if let Some(patch) = obj.get("patch") {
                        merge_patch(&mut request, patch);
                    }
                    let text = request.to_string();
                    (Some(request), text)
                }
                _ => panic!("{stem}: `{name}` needs exactly one of `base` or `raw`"),
            };
            let expect = obj.get("expect").cloned();
            let expect_errors = obj.get("expectErrors").cloned();
            assert!(
                expect.is_some() != expect_errors.is_some(),
                "{stem}: `{name}` needs exactly one of `expect` or `expectErrors`"
            );
            Case {
                file: stem.clone(),
                name,
                rules,
                request,
                text,
                expect,
                expect_errors,
            }
        })
        .collect()
}

/// Every case of every fixture file.
pub fn all_cases() -> Vec<Case> {
    fixture_files().iter().flat_map(|p| load_file(p)).collect()
}

/// The answer of `evaluate_json`, parsed.
pub fn answer(text: &str) -> Value {
    let out = subscription_rules_core::evaluate_json(text);
    serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("evaluate_json answered non-JSON ({e}): {out}"))
}

/// Run one case through `evaluate_json` and check it against its expectation; also checks that
/// `evaluate_str` gives the same answer.
pub fn check_case(case: &Case) -> Result<(), String> {
    let label = case.label();
    let got = answer(&case.text);
    let direct = match subscription_rules_core::evaluate_str(&case.text) {
        Ok(d) => serde_json::json!({ "type": "success", "result": d }),
        Err(e) => serde_json::json!({ "type": "failure", "errors": e.errors() }),
    };
    if got != direct {
        return Err(format!(
            "{label}: evaluate_json and evaluate_str disagree:\n  json: {got}\n  str:  {direct}"
        ));
    }
    match (&case.expect, &case.expect_errors) {
        (Some(expect), _) => {
            if got["type"] != "success" {
                return Err(format!("{label}: expected a decision, got {}", show(&got)));
            }
            subset_match(expect, &got["result"], "result")
                .map_err(|e| format!("{label}: {e}\n  decision: {}", got["result"]))
        }
        (None, Some(errors)) => {
            if got["type"] != "failure" {
                return Err(format!(
                    "{label}: expected input errors, got {}",
                    show(&got)
                ));
            }
            subset_match(errors, &got["errors"], "errors")
                .map_err(|e| format!("{label}: {e}\n  errors: {}", got["errors"]))
        }
        (None, None) => Err(format!("{label}: no expectation")),
    }
}
