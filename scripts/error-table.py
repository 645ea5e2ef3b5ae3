#!/usr/bin/env python3
"""Print the README's bad-input table from tests/fixtures/errors.json: for each case, what is
wrong, the code and path, and the message the engine answers (decided by the example binary).

    cargo build --example evaluate && python3 scripts/error-table.py > /tmp/table.md
"""
import copy, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "debug", "examples", "evaluate")
fx = json.load(open(os.path.join(ROOT, "tests", "fixtures", "errors.json")))


def merge(t, p):
    if not isinstance(p, dict):
        return copy.deepcopy(p)
    t = copy.deepcopy(t) if isinstance(t, dict) else {}
    for k, v in p.items():
        if v is None:
            t.pop(k, None)
        else:
            t[k] = merge(t.get(k), v)
    return t


def cell(s, n=70):
    s = s.replace("|", "\\|").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


print("| # | bad input | code | path | answer (message) |")
print("|---|---|---|---|---|")
for i, case in enumerate(fx["cases"], 1):
    if "raw" in case:
        text, shown = case["raw"], "raw text: `" + cell(case["raw"], 40) + "`"
    else:
        text = json.dumps(merge(fx["bases"][case["base"]], case.get("patch", {})))
        shown = "`" + cell(json.dumps(case.get("patch", {}), ensure_ascii=False), 60) + "`"
    out = json.loads(subprocess.run([BIN], input=text, capture_output=True, text=True).stdout)
    assert out["type"] == "failure", case["name"]
    first = out["errors"][0]
    more = f" (+{len(out['errors']) - 1} more)" if len(out["errors"]) > 1 else ""
    print(f"| {i} | {cell(case['name'], 60)}: {shown} | `{first['code']}`{more} | `{first['path']}` | {cell(first['message'], 90)} |")
