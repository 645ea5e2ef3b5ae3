#!/usr/bin/env bash
# The benchmark's agreement check as a test (no timing): the three engines of benches/node/ decide the
# same marketplace-cancel rule on its boundary inputs (1 s before / exactly at / after 24 h and
# 14 days, monthly vs annual, pending, suspended, deleted). Exits non-zero if any disagrees.
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/benches/node/setup.sh"
say "node benches/node/agreement.mjs"
node benches/node/agreement.mjs
