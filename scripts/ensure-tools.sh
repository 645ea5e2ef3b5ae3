# Sourced by scripts/build-wasm.sh and scripts/test-wasm.sh: install what the wasm build and its
# tests need, skipping whatever is already present, so a fresh CI machine and this one run alike.
# Versions: wasm-bindgen-cli must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1

say() { printf '\n== %s\n' "$*"; }

ensure_rust_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_pack() {
  if ! command -v wasm-pack >/dev/null || ! wasm-pack --version | grep -q "$WASM_PACK_VERSION"; then
    say "cargo install wasm-pack $WASM_PACK_VERSION"
    cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q "$WASM_BINDGEN_VERSION"; then
    say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # No --locked: the CLI's own lock file pins crates that no longer build.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "apt-get install chromium chromium-driver"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
  fi
}

# valgrind (callgrind's instruction counts in scripts/test-cost.sh), from Debian.
ensure_valgrind() {
  if ! command -v valgrind >/dev/null; then
    say "apt-get install valgrind"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y valgrind
  fi
}

# npm tools (binaryen's wasm-opt, typescript, vite, playwright-core) from tests/js/package-lock.json.
ensure_npm_tools() {
  local js="$ROOT/tests/js"
  if [ ! -f "$js/node_modules/.package-lock.json" ] || [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
    say "npm ci (tests/js/)"
    # The npm registry reachable here lacks the other platforms' builds of rollup's and esbuild's
    # optional native packages, so the lock file written here records only this platform's, and
    # `npm ci` refuses such a lock. Then install from the same lock with `npm install --no-save`:
    # the same pinned versions and integrity hashes, the lock file left as it is.
    local log
    log=$(mktemp)
    if ! (cd "$js" && npm ci --no-audit --no-fund >"$log" 2>&1); then
      # Expected here (see above), so not shown as an error unless the install below fails too.
      say "npm ci refused the lock file (other platforms' optional packages); npm install --no-save from it instead"
      if ! (cd "$js" && npm install --no-save --no-audit --no-fund); then
        grep -m8 'npm error' "$log" >&2 || true
        return 1
      fi
    else
      cat "$log"
    fi
    rm -f "$log"
  fi
  # npm's wasm-opt first on PATH (never Debian's binaryen: its wasm-opt 108 breaks the module).
  export PATH="$js/node_modules/.bin:$PATH"
}
