#!/usr/bin/env python3
"""Write the largest accepted queries next to the ordinary ones (for scripts/test-cost):

  query-full.json    examples/requests/nce-query.json with every list of the subscription full
                     (100 add-ons, 50 scheduled changes, 100 upgrade paths, 100 seat additions),
                     the largest customer (1,000 subscriptions) and an offer with every list full
  query-full-2022-03.json  the same under the 2022-03 edition (100 seat-reduction windows)
  catalog-full.json  examples/requests/catalog.json with 1,000 offers (as many with full lists as
                     1 MiB allows) and the largest customer

Usage: scripts/worst-inputs.py OUT_DIR
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 1 << 20
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


def customer():
    return {
        "id": "c-1",
        "segment": "commercial",
        "billingCountry": "SE",
        "subscriptions": [
            {"id": f"s{i}", "offerId": f"o{i % 97}", "sku": f"SKU{i}", "status": "active"}
            for i in range(1000)
        ],
    }


def full_offer(offer_id):
    return {
        "id": offer_id,
        "publisher": "partner",
        "billingType": "license",
        "category": "enterprise",
        "unitPrice": "20.16",
        "segments": ["commercial"] * 300,
        "supportedCountries": ["SE"] * 300,
        "availableCountries": ["SE"] * 300,
        "exclusivePartners": [f"P{i}" for i in range(300)],
        "addOnFor": ["m365-e3"] * 300,
    }


query = json.loads((ROOT / "examples/requests/nce-query.json").read_text())
sub = query["subscription"]
sub["addOns"] = [{"id": f"addon-{i}", "status": "active"} for i in range(100)]
sub["scheduledChanges"] = [
    {"id": f"sc-{i}", "change": {"kind": "quantity", "quantity": 8}} for i in range(50)
]
sub["upgradePaths"] = [f"SKU{i}" for i in range(100)]
sub["seatAdditions"] = [
    {"addedAt": f"2021-07-{15 + i // 50:02d}T{i % 24:02d}:{i % 60:02d}:00Z", "quantity": 1}
    for i in range(100)
]
query["customer"] = customer()
offer = full_offer("m365-e3")
offer["publisher"] = "microsoft"
query["offer"] = offer
text = json.dumps(query, separators=(",", ":"))
assert len(text) <= MAX_BYTES, len(text)
(out / "query-full.json").write_text(text)
# The same under 2022-03, where each of the 100 seat additions has its reduction window (QTY-2),
# and each is an instant the timeline decides every action at.
query["edition"] = "2022-03"
(out / "query-full-2022-03.json").write_text(json.dumps(query, separators=(",", ":")))

catalog = json.loads((ROOT / "examples/requests/catalog.json").read_text())
catalog["customer"] = customer()
catalog.pop("filters", None)
offers = []
size = len(json.dumps(catalog, separators=(",", ":")))
for i in range(1000):
    full = full_offer(f"o{i}")
    plain = {"id": f"o{i}", "publisher": "partner", "billingType": "license", "category": "enterprise"}
    o = full if size + len(json.dumps(full)) < MAX_BYTES - 200_000 else plain
    size += len(json.dumps(o, separators=(",", ":"))) + 1
    offers.append(o)
catalog["offers"] = offers
text = json.dumps(catalog, separators=(",", ":"))
assert len(text) <= MAX_BYTES, len(text)
(out / "catalog-full.json").write_text(text)
