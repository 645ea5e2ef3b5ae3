#!/usr/bin/env bash
# Everything CI runs for the wasm boundary and the npm package, in one command:
#   scripts/test-wasm.sh
# It installs what it needs, skipping what is present (rustup target, wasm-pack, wasm-bindgen-cli,
# Debian chromium + chromium-driver, npm ci in tests/js/). Steps:
#   1. native: cargo fmt --check, clippy (native, native + wasm feature, wasm32), cargo test
#   2. wasm-pack test --node and --headless --chrome: tests/web.rs, every tests/fixtures/*.json
#   3. scripts/build-wasm.sh: pkg/ for web, bundler and Node; wasm-opt; size and budget
#   4. the .d.ts: no `any` in an exported function
#   5. the built package packed (npm pack) and installed into tests/js/ as a dependency, then
#      Node ESM and CommonJS consumers, 10,000 bad calls, the adversarial JS checks, batch memory
#      and budgets, batches equal to their single calls on random items (batch-equal.mjs), the JS fuzzer (200,000 random values against the native engine), tsc on
#      TypeScript consumers (and a file
#      that must be rejected), a Vite production build, and headless Chromium on the Vite app and
#      on plain ES-module pages.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-tools.sh

TIMES=()
step() {
  say "$*"
  STEP_NAME="$*"
  STEP_START=$(date +%s)
}
done_step() { TIMES+=("$(printf '%4ss  %s' "$(( $(date +%s) - STEP_START ))" "$STEP_NAME")"); }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "tools"
ensure_rust_target
ensure_wasm_pack
ensure_wasm_bindgen
ensure_chromium
ensure_npm_tools
done_step

# scripts/test runs the native checks itself first and sets SKIP_NATIVE=1.
if [ "${SKIP_NATIVE:-0}" != 1 ]; then
  step "native: fmt, clippy, test"
  cargo fmt --all --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --workspace --all-targets --features wasm -- -D warnings
  cargo clippy --target wasm32-unknown-unknown -p subscription-rules --all-targets --features wasm -- -D warnings
  cargo test --workspace
  done_step
fi

# include_dir! cannot tell cargo that a fixture file was added: make the test crate rebuild.
touch tests/web.rs
wasm_tests() {
  local log
  log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || fail "$* exited with $status"
  # The runner skips (and exits 0) when a suite is configured for another environment.
  grep -q "only configured to run" "$log" && fail "$*: the wasm tests were skipped"
  grep -Eq "test result: ok\. ([89]|[1-9][0-9]+) passed" "$log" || fail "$*: tests/web.rs did not run"
  rm -f "$log"
}

step "wasm-pack test --node"
wasm_tests wasm-pack test --node -- --features queries
done_step

step "wasm-pack test --headless --chrome"
# tests/web.rs is not tied to one environment; this variable sends it to the browser.
WASM_BINDGEN_USE_BROWSER=1 wasm_tests wasm-pack test --headless --chrome -- --features queries
done_step

step "build the package (scripts/build-wasm.sh)"
scripts/build-wasm.sh
done_step

step "types: no any in exported functions"
for dts in pkg/{,full/}{web,bundler,node}/subscription_rules.d.ts; do
  if grep -nE '^export (declare )?function .*\bany\b' "$dts"; then fail "$dts: \`any\` in an exported function"; fi
  grep -q '^export function evaluate(request: Request): JsonAnswer<Decision>;' "$dts" || fail "$dts: evaluate is not typed"
  grep -q '^export function prepare(facts: PreparedFacts): JsonAnswer<PreparedSubscription>;' "$dts" || fail "$dts: prepare is not typed"
  grep -q '^    evaluate(action: Action, now: string | number | Date): JsonAnswer<Decision>;' "$dts" || fail "$dts: PreparedSubscription.evaluate is not typed"
done
for dts in pkg/full/{web,bundler,node}/subscription_rules.d.ts; do
  grep -q '^export function availableActions(query: SubscriptionQuery): JsonAnswer<AvailableActions>;' "$dts" || fail "$dts: availableActions is not typed"
  grep -q '^export function timeline(query: SubscriptionQuery): JsonAnswer<Timeline>;' "$dts" || fail "$dts: timeline is not typed"
  grep -q '^export function filterCatalog(query: CatalogQuery): JsonAnswer<Catalog>;' "$dts" || fail "$dts: filterCatalog is not typed"
  grep -q '^export function fromPartnerCenter(resource: Record<string, unknown>, extras?: PartnerCenterExtras | null): JsonAnswer<Imported>;' "$dts" || fail "$dts: fromPartnerCenter is not typed"
  grep -q '^    actionStates(now: string | number | Date): JsonAnswer<ActionStates>;' "$dts" || fail "$dts: PreparedSubscription.actionStates is not typed"
  grep -q '^    evaluateLazy(action: Action, now: string | number | Date): JsonAnswer<LazyDecision>;' "$dts" || fail "$dts: PreparedSubscription.evaluateLazy is not typed"
  grep -q '^    evaluateInShort(action: Action, now: string | number | Date): JsonAnswer<DecisionSummary>;' "$dts" || fail "$dts: PreparedSubscription.evaluateInShort is not typed"
  grep -q '^    availableActionsLazy(now: string | number | Date): JsonAnswer<LazyAvailableActions>;' "$dts" || fail "$dts: PreparedSubscription.availableActionsLazy is not typed"
  grep -q '^    evaluateManyLazy(actions: Action\[\], now: string | number | Date): JsonAnswer<JsonAnswer<LazyDecision>\[\]>;' "$dts" || fail "$dts: PreparedSubscription.evaluateManyLazy is not typed"
  grep -q '^export function evaluateLazy(request: Request): JsonAnswer<LazyDecision>;' "$dts" || fail "$dts: evaluateLazy is not typed"
done
if grep -q 'function availableActions' pkg/web/subscription_rules.d.ts; then fail "the validation module exports the query functions"; fi
echo "validation module:"; grep -E '^export function' pkg/web/subscription_rules.d.ts
echo "full module:"; grep -E '^export function' pkg/full/web/subscription_rules.d.ts
done_step

step "install the built package into tests/js/ (npm pack, npm install)"
tarball_dir=$(mktemp -d)
(cd pkg && npm pack --pack-destination "$tarball_dir" --silent)
tarball=$(ls "$tarball_dir"/subscription-rules-*.tgz)
tar -tzf "$tarball" | sort
(cd tests/js && npm install --no-save --no-audit --no-fund "$tarball")
done_step

step "the package as a registry sees it: publint, arethetypeswrong, npm publish --dry-run"
# publint: no errors or warnings (--strict). arethetypeswrong: the two entries a consumer imports
# by name ("." and "./full") resolve to types and code that agree under node10, node16 (from CJS
# and from ESM) and bundler resolution. The other subpaths are the raw builds for browsers and
# bundlers (ES modules by design, so node10 and require() cannot load them) and the .wasm file.
(cd tests/js && npx publint --strict "$ROOT/pkg")
(cd tests/js && npx attw "$tarball" --format table-flipped \
  --exclude-entrypoints ./web ./bundler ./full/web ./full/bundler ./subscription_rules_bg.wasm \
    ./schema/request.schema.json ./schema/subscription-query.schema.json \
    ./schema/catalog-query.schema.json ./schema/prepared-facts.schema.json)
(cd pkg && npm publish --dry-run 2>&1 | grep -E '^npm notice (name|version|total files|package size|unpacked size)|^\+ ')
done_step

step "Node consumers"
node tests/js/node/consumer.mjs
node tests/js/node/consumer.cjs
node tests/js/node/many-bad-calls.mjs
node tests/js/node/adversarial.mjs
node tests/js/node/polluted-first.mjs
node tests/js/node/batch-memory.mjs
node tests/js/node/batch-equal.mjs
node tests/js/node/partner-center.mjs
node tests/js/node/prepared.mjs
node tests/js/node/lazy.mjs
node tests/js/node/shapes.mjs
node tests/js/node/schema.mjs
node tests/js/node/cli.mjs
(cd tests/js && node --experimental-wasm-modules --no-warnings node/bundler-target.mjs)
done_step

step "JS fuzzer: random JS values against the native engine (fast-check, bounded)"
# Each value's answer must be the native engine's for JSON.stringify(value) (examples/evaluate
# --lines). FUZZ_JS_RUNS=1000000 node tests/js/node/fuzz.mjs for a long run (ROBUSTNESS.md).
cargo build -q --release --example evaluate
FUZZ_JS_RUNS="${FUZZ_JS_RUNS:-200000}" node tests/js/node/fuzz.mjs
done_step

step "TypeScript consumers"
(cd tests/js && npx tsc -p ts/tsconfig.json)
(cd tests/js && npx tsc -p ts/tsconfig.node.json)
(cd tests/js && npx tsc -p ts/tsconfig.server.json)
# The same consumer with lib ESNext: the package's own declaration of Symbol.dispose (for older
# libs) must not clash with the one ESNext has.
(cd tests/js && npx tsc -p ts/tsconfig.esnext.json)
# The Subscription* names beside the DOM's Request and an application's Action, Rule, Policy,
# Status and Effect.
(cd tests/js && npx tsc -p ts/tsconfig.names.json)
echo "tsc accepts ts/consumer.ts (bundler resolution), ts/consumer-node.mts (NodeNext) and ts/consumer-server.ts (lib ES2022, no DOM)"
if out=$(cd tests/js && npx tsc -p ts/tsconfig.must-fail.json 2>&1); then
  fail "tsc accepted ts/must-fail.ts"
fi
echo "$out"
echo "$out" | grep -q "must-fail.ts(6,.*error TS2322" || fail "ts/must-fail.ts was rejected, but not for the deliberate error"
[ "$(echo "$out" | grep -c 'error TS')" -eq 1 ] || fail "ts/must-fail.ts has errors beyond the deliberate one"
echo "tsc rejects ts/must-fail.ts for the deliberate error only"
done_step

step "Vite production build"
(cd tests/js && npx vite build --config vite-app/vite.config.js)
ls -la tests/js/vite-app/dist/assets
done_step

step "webpack production build (no configuration for the package)"
node tests/js/webpack-app/build.mjs
done_step

step "headless Chromium: Vite build and dev server, webpack build, plain ES-module pages"
node tests/js/e2e.mjs
done_step

say "all passed"
printf '%s\n' "${TIMES[@]}"
