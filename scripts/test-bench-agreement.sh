#!/usr/bin/env bash
# The benchmark's agreement check as a test (no timing): the three engines of bench/ decide the
# same marketplace-cancel rule on its boundary inputs (1 s before / exactly at / after 24 h and
# 14 days, monthly vs annual, pending, suspended, deleted). Exits non-zero if any disagrees.
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/bench/setup.sh"
say "node bench/agreement.mjs"
node bench/agreement.mjs
