#!/usr/bin/env bash
# Instructions per call of a wasm build under V8, boundary included (callgrind: what a timing on
# this shared machine cannot show reliably): benches/node/v8-instructions.mjs run with 1,000 and
# with 3,000 calls after its warm-up, the difference over 2,000. Node runs --single-threaded
# --predictable, so that compilation and garbage collection happen on this thread in the same
# way each run (repeatable to about 0.1 % for `evaluate` between runs made alike; a list's figure
# moves by up to a quarter between runs, with when a full garbage collection falls, so run it more
# than once; and a build's `evaluate` may fall in one of two groups from run to run, as f97de1f's
# did, about 74,000 or 114,000, so count each build three times or more). V8 also decides some things by the clock, and under callgrind the clock is slow: a
# count made while other work loads the machine can differ by a fifth from one made on an idle
# machine (147,115 against 122,971 for one build). Compare builds counted one after the other,
# alone on the machine.
#   scripts/v8-instructions.sh DIR MODE     DIR: a web build (pkg/web, pkg/full/web); MODE: evaluate | lazy | one-shot | one-shot-lazy | list
# About two minutes per figure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/ensure-tools.sh"
ensure_valgrind
dir="${1:?a web build directory, e.g. pkg/full/web}"
mode="${2:?evaluate, lazy, one-shot, one-shot-lazy or list}"
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
    node --single-threaded --predictable "$ROOT/benches/node/v8-instructions.mjs" "$dir" "$mode" "$1" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
one=$(count 1000)
many=$(count 3000)
echo "$mode $dir $(( (many - one) / 2000 )) instructions per call"
