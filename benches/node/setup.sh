# Sourced by scripts/bench and scripts/test-bench-agreement.sh: build the npm package into pkg/
# if it is missing, and install benches/node/ npm dependencies (json-rules-engine, cedar-wasm) if
# they are missing or older than benches/node/package-lock.json. Idempotent.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/ensure-tools.sh

if [ ! -f pkg/node/subscription_rules_bg.wasm ] || [ ! -f pkg/web/subscription_rules_bg.wasm ] \
  || [ ! -f pkg/full/node/subscription_rules_bg.wasm ] || [ ! -f pkg/full/web/subscription_rules_bg.wasm ]; then
  say "pkg/ is missing: scripts/build-wasm.sh"
  # The size budget is reported by the benchmark, not enforced here: the module is being shrunk.
  WASM_BUDGET_GZIP="${WASM_BUDGET_GZIP:-999999999}" bash scripts/build-wasm.sh
fi

# playwright-core (tests/js/) and Debian's Chromium, for the list page in a browser.
ensure_npm_tools
ensure_chromium

if [ ! -f benches/node/node_modules/.package-lock.json ] || [ benches/node/package-lock.json -nt benches/node/node_modules/.package-lock.json ]; then
  say "npm ci (benches/node/)"
  (cd benches/node && npm ci --no-audit --no-fund)
fi
