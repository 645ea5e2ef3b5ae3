// The requests of the fixture cases (tests/fixtures/*.json): each case's base with its RFC 7396
// merge patch applied, as the playground applies it (www/lib/merge-patch.js). `raw` text cases
// are left out (they are not JS values). Shared by the Node tests that go over every fixture.
import { readFileSync, readdirSync } from "node:fs";
import { mergePatch } from "../../../www/lib/merge-patch.js";

const dir = new URL("../../fixtures/", import.meta.url);

/** Every case with a base, file by file: `{ file, index, name, label, request }`. */
export function fixtureRequests() {
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const doc = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    (doc.cases ?? []).forEach((c, index) => {
      if (!("base" in c) || !doc.bases?.[c.base]) return;
      out.push({ file, index, name: c.name, label: `${file}: ${c.name}`, request: mergePatch(doc.bases[c.base], c.patch ?? {}) });
    });
  }
  return out;
}
