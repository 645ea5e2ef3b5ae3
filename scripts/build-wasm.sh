#!/usr/bin/env bash
# Build the npm package into pkg/ (git-ignored):
#   pkg/web      wasm-bindgen --target web      (browsers, ES module, explicit init)
#   pkg/bundler  wasm-bindgen --target bundler  (bundlers with wasm ESM integration)
#   pkg/node     wasm-bindgen --target nodejs   (CommonJS, also importable from ESM)
#   pkg/index.js the default browser/bundler entry: the web build, initialised on import
# then shrink each .wasm with npm binaryen's wasm-opt, and print its size raw and gzipped.
#
# Environment: CARGO_OPT_LEVEL (default z), WASM_OPT_FLAGS (default -Oz),
# WASM_BUDGET_GZIP (bytes, default 80000: fail above it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-tools.sh
ensure_rust_target
ensure_wasm_pack
ensure_wasm_bindgen
ensure_npm_tools

# opt-level "z" for the wasm build only (native keeps Cargo.toml's "s"): measured smaller.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_OPT_LEVEL:-z}"
WASM_OPT_FLAGS="${WASM_OPT_FLAGS:--Oz}"
# The features rustc 1.95 enables by default for wasm32-unknown-unknown.
WASM_FEATURES="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"
BUDGET="${WASM_BUDGET_GZIP:-80000}"

echo "wasm-opt: $(command -v wasm-opt) ($(wasm-opt --version))"
rm -rf pkg
for target in web bundler nodejs; do
  dir="$target"
  [ "$target" = nodejs ] && dir=node
  say "wasm-pack build --target $target (opt-level $CARGO_PROFILE_RELEASE_OPT_LEVEL)"
  start=$(date +%s)
  # wasm-opt = false in Cargo.toml: wasm-pack would otherwise download binaryen (unreachable).
  wasm-pack build --release --target "$target" --out-dir "pkg/$dir" --out-name subscription_rules \
    --no-pack -- --features wasm
  wasm="pkg/$dir/subscription_rules_bg.wasm"
  before=$(stat -c%s "$wasm")
  wasm-opt $WASM_OPT_FLAGS $WASM_FEATURES "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
  echo "built pkg/$dir in $(( $(date +%s) - start ))s; wasm-opt $WASM_OPT_FLAGS: $before -> $(stat -c%s "$wasm") bytes"
  # wasm-pack writes a `*` .gitignore, which npm would read as "pack nothing here".
  rm -f "pkg/$dir/.gitignore"
done

# The package around the three builds (templates in js/package/).
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
cp js/package/index.js js/package/index.d.ts js/package/README.md pkg/
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package/package.json > pkg/package.json
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
cp LICENSE* pkg/ 2>/dev/null || true

say "size of the .wasm after wasm-opt"
raw=$(stat -c%s pkg/web/subscription_rules_bg.wasm)
gz=$(gzip -9 -c pkg/web/subscription_rules_bg.wasm | wc -c)
echo "subscription_rules_bg.wasm: raw $raw bytes ($(( raw / 1024 )) KiB), gzip -9 $gz bytes ($(( gz / 1024 )) KiB); budget $BUDGET bytes gzipped"
node scripts/wasm-sections.mjs pkg/web/subscription_rules_bg.wasm
if [ "$gz" -gt "$BUDGET" ]; then
  echo "FAIL: the gzipped .wasm is over budget ($gz > $BUDGET bytes)" >&2
  exit 1
fi
