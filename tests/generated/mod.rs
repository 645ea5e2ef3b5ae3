//! A file generated from the engine's own tables and committed: held equal to what it is
//! generated from, and rewritten with `UPDATE_<NAME>=1 cargo test -p subscription-rules --test
//! <test>` (shared by tests/rules_js.rs and tests/rules_md.rs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

/// `relative` (below the project root) must hold `want`; with the environment variable
/// `update` set, it is first rewritten to. `test` names the test target for the message.
pub fn check(relative: &str, want: &str, update: &str, test: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os(update).is_some() {
        std::fs::write(&path, want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is out of date with the rule catalog: run `{update}=1 cargo test -p subscription-rules --test {test}`",
        path.display()
    );
}
