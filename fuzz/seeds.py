#!/usr/bin/env python3
"""Write the fuzz seed corpus: every fixture case (base + RFC 7396 merge patch) and every example
request, for each JSON entry point of fuzz_targets/json_entry.rs (first byte selects it).

usage: fuzz/seeds.py [OUT_DIR]   (default fuzz/corpus/json_entry)
"""
import copy
import glob
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fuzz", "corpus", "json_entry")


def merge(target, patch):
    """RFC 7396 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge(out.get(k), v)
    return out


def requests():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.json"))):
        with open(path) as f:
            doc = json.load(f)
        bases = doc.get("bases", {})
        for case in doc.get("cases", []):
            base = bases.get(case.get("base"))
            if base is not None:
                yield merge(base, case.get("patch", {}))
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "requests", "*.json"))):
        with open(path) as f:
            yield json.load(f)


def seeds():
    batch = []
    for req in requests():
        if not isinstance(req, dict):
            continue
        if "offers" in req:  # a catalog query
            yield b"c", req
            continue
        if "action" in req:
            yield b"e", req
            batch.append(req)
        if "subscription" in req:  # the same facts as an available-actions / timeline query
            query = {k: v for k, v in req.items() if k != "action"}
            if "action" in req:
                query["actions"] = [req["action"]]
            yield b"a", query
            yield b"t", query
    for i in range(0, len(batch), 8):
        yield b"m", batch[i : i + 8]
    # The publisher's Subscription resources (tests/partner_center/resources.json).
    with open(os.path.join(ROOT, "tests", "partner_center", "resources.json")) as f:
        doc = json.load(f)
    for case in doc["resources"] + doc["malformed"]:
        yield b"p", case["resource"]


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 0
    for selector, value in seeds():
        data = selector + json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
        name = hashlib.sha1(data).hexdigest()
        path = os.path.join(OUT, name)
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            n += 1
    # The spellings of the one reading of JSON (ROBUSTNESS.md), as raw text: a lone surrogate
    # escape, whole floats and -0 as counts, a big integer, nesting at the depth limit.
    first = next((v for sel, v in seeds() if sel == b"e"), None)
    if first is not None:
        text = json.dumps(first, separators=(",", ":"), ensure_ascii=False)
        variants = [
            text.replace('"id":"', '"id":"\\udfeb', 1),
            text.replace('"id":"', '"id":"\\ud83e\\udd80', 1),
            text.replace('"quantity":10', '"quantity":10.0', 1),
            text.replace('"quantity":10', '"quantity":1e1', 1),
            text.replace('"quantity":10', '"quantity":-0', 1),
            text.replace('"quantity":10', '"quantity":12345678901234567890', 1),
            text.replace("{", '{"deep":' + "[" * 63 + "]" * 63 + ",", 1),
            text.replace("{", '{"deep":' + "[" * 64 + "]" * 64 + ",", 1),
        ]
        for variant in variants:
            data = b"e" + variant.encode()
            path = os.path.join(OUT, hashlib.sha1(data).hexdigest())
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(data)
                n += 1
    print(f"seeds: {n} new in {OUT}")


if __name__ == "__main__":
    main()
