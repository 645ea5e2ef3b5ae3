#!/usr/bin/env bash
# Native instruction counts (callgrind: repeatable whatever else the machine does) of one
# decision, one prepared decision and one query: examples/instructions.rs run with 1 and with
# 101 repetitions, the difference over 100 (start-up and the file's reading excluded).
#   scripts/instructions.sh [--json FILE]
# The rule of the Node benchmark (a marketplace cancel, benches/node/requests.mjs) and the new-commerce
# examples (examples/requests/); `list`: a customer's list page of 50 prepared subscriptions, their
# buttons' states (the native side of benches/list/; 1 and 3 repetitions).
# Budgets (BENCHMARKS.md): decide ≤ 5,000; read and decide ≤ 15,000.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-tools.sh
ensure_valgrind
cargo build -q --release --example instructions --features queries
json=""
if [ "${1:-}" = "--json" ]; then json="${2:?--json needs a file}"; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The Node benchmark's request: marketplace, monthly, cancelled 1 h after the order.
node --input-type=module -e '
  import { request } from "./benches/node/requests.mjs";
  process.stdout.write(JSON.stringify(request({ billingFrequency: "monthly", offset: 3600 })));
' > "$work/marketplace-cancel.json"

# The list page's subscriptions (benches/list/, www/lib/subscriptions.js): a customer's 50.
node --input-type=module -e '
  import { subscriptions } from "./www/lib/subscriptions.js";
  const now = "2024-03-15T10:00:00Z";
  process.stdout.write(JSON.stringify({ now, list: subscriptions(50, now).map((s) => s.facts) }));
' > "$work/list-50.json"

count() { # MODE REPS FILE
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    target/release/examples/instructions "$1" "$2" "$3" > /dev/null 2> "$work/vg.log" \
    || { cat "$work/vg.log" >&2; exit 1; }
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/vg.log"
}
per() { # MODE FILE → instructions of one repetition (of a list: 1 and 3 repetitions)
  local one many reps=101
  if [ "$1" = list ]; then reps=3; fi
  one=$(count "$1" 1 "$2")
  many=$(count "$1" "$reps" "$2")
  echo $(( (many - one) / (reps - 1) ))
}

rows=()
for spec in \
  "decide marketplace-cancel $work/marketplace-cancel.json" \
  "read-and-decide marketplace-cancel $work/marketplace-cancel.json" \
  "prepared marketplace-cancel $work/marketplace-cancel.json" \
  "decide nce-cancel examples/requests/nce-cancel.json" \
  "read-and-decide nce-cancel examples/requests/nce-cancel.json" \
  "prepared nce-cancel examples/requests/nce-cancel.json" \
  "actions nce-query examples/requests/nce-query.json" \
  "timeline nce-query examples/requests/nce-query.json" \
  "states nce-query examples/requests/nce-query.json" \
  "list list-50 $work/list-50.json"; do
  set -- $spec
  n=$(per "$1" "$3")
  printf '%-16s %-20s %9d instructions\n' "$1" "$2" "$n"
  rows+=("{\"mode\":\"$1\",\"request\":\"$2\",\"instructions\":$n}")
done
if [ -n "$json" ]; then
  (IFS=,; echo "[${rows[*]}]") > "$json"
fi
