#!/usr/bin/env bash
# Every query's cost is linear in its input: instructions per input byte (callgrind, so the
# count does not depend on the machine's load) of the largest accepted queries against the
# ordinary ones (examples/requests/), each at most 10 times as many.
#
#   available actions and timeline: examples/requests/nce-query.json against the same query with
#     every list full and the largest customer (scripts/worst-inputs.py)
#   catalog: examples/requests/catalog.json against 1,000 offers and the largest customer
#
# Counts are of the whole native example (target/release/examples/evaluate) less a run on `{}`
# (start-up and exit). Needs valgrind (installed by scripts/ensure-tools.sh where missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-tools.sh
ensure_valgrind
cargo build -q --release --example evaluate
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 scripts/worst-inputs.py "$work"
printf '{}' > "$work/empty.json"

instructions() { # MODE FILE
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    target/release/examples/evaluate "$1" "$2" > /dev/null 2> "$work/vg.log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/vg.log"
}

status=0
check() { # NAME MODE ORDINARY LARGEST
  local base ordinary largest ob lb
  base=$(instructions "$2" "$work/empty.json")
  ordinary=$(( $(instructions "$2" "$3") - base ))
  largest=$(( $(instructions "$2" "$4") - base ))
  ob=$(stat -c%s "$3")
  lb=$(stat -c%s "$4")
  python3 - "$1" "$ordinary" "$ob" "$largest" "$lb" <<'PY' || status=1
import sys
name, o, ob, l, lb = sys.argv[1], *map(int, sys.argv[2:])
ratio = (l / lb) / (o / ob)
print(f"{name}: ordinary {o:,} instructions for {ob:,} bytes ({o / ob:,.0f}/byte); "
      f"largest {l:,} for {lb:,} bytes ({l / lb:,.0f}/byte): {ratio:.1f}x per byte")
if ratio > 10:
    print(f"FAIL: {name}: the largest accepted input costs {ratio:.1f}x the ordinary one per byte (at most 10)")
    sys.exit(1)
PY
}
check "available actions" --actions examples/requests/nce-query.json "$work/query-full.json"
check "timeline" --timeline examples/requests/nce-query.json "$work/query-full.json"
check "available actions, 2022-03" --actions examples/requests/nce-query.json "$work/query-full-2022-03.json"
check "timeline, 2022-03" --timeline examples/requests/nce-query.json "$work/query-full-2022-03.json"
check "catalog" --catalog examples/requests/catalog.json "$work/catalog-full.json"
exit $status
