#!/usr/bin/env bash
# End-to-end tests of the playground (www/) in headless Chromium (Debian's chromium, driven by
# playwright-core): load, preset, moving `now` across a window, an input error at its field, a
# shared link, Swedish. Screenshots of every step go to www/test-screenshots/ ($SCREENSHOTS).
# Uses pkg/ as scripts/build-wasm.sh left it; builds it when it is missing (the .wasm size budget
# is scripts/test-wasm.sh's gate, so it is not enforced here unless WASM_BUDGET_GZIP is set).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-tools.sh
ensure_npm_tools
ensure_chromium

if [ ! -f pkg/web/subscription_rules_bg.wasm ] || [ ! -f pkg/web/subscription_rules.js ]; then
  say "pkg/ is missing: scripts/build-wasm.sh"
  WASM_BUDGET_GZIP="${WASM_BUDGET_GZIP:-999999999}" scripts/build-wasm.sh
fi

say "prepare www/ (presets from tests/fixtures, the package's web build)"
node www/prepare.mjs

say "headless Chromium: the playground"
node www/test/e2e.mjs

say "the server: gzip, a taken port"
node www/test/serve.mjs

say "scripts/serve: only the page's build, and none when nothing changed"
# The first run builds pkg/full/web if this checkout's pkg/ came from another build; the second
# must find it up to date. Its time is printed, not judged (a shared machine).
scripts/serve --prepare-only > /tmp/serve-first.$$ 2>&1 || { cat /tmp/serve-first.$$; exit 1; }
tail -n 2 /tmp/serve-first.$$
second=$(scripts/serve --prepare-only 2>&1)
echo "$second" | tail -n 3
echo "$second" | grep -q "pkg/full/web is up to date" || { echo "FAIL: scripts/serve rebuilt an unchanged build" >&2; exit 1; }
if echo "$second" | grep -qi "npm error"; then echo "FAIL: scripts/serve printed npm errors" >&2; exit 1; fi
rm -f /tmp/serve-first.$$
