// Make www/ a self-contained static site:
//   www/presets.json  every case of tests/fixtures/*.json, by family (bases and merge patches as
//                     they are; the page applies each patch to its base, RFC 7396)
//   www/pkg/          the package's web build (pkg/full/web, made by scripts/build-wasm.sh)
// Both are generated (git-ignored). Run by scripts/serve and scripts/test-playground.sh.
import { cp, readFile, readdir, rm, writeFile, access } from "node:fs/promises";
import { join } from "node:path";

const www = import.meta.dirname;
const root = join(www, "..");

// The rule families in the order the playground lists them; any other fixture file follows.
const ORDER = ["cancel", "suspend", "pause", "renew", "quantity", "marketplace", "role", "time", "money", "purchase", "addon", "schedule", "upgrade", "errors", "wasm-smoke"];
const files = (await readdir(join(root, "tests/fixtures"))).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5));
files.sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));

const families = [];
for (const family of files) {
  const fixture = JSON.parse(await readFile(join(root, "tests/fixtures", `${family}.json`), "utf8"));
  families.push({
    family,
    description: fixture.description ?? "",
    bases: fixture.bases ?? {},
    cases: fixture.cases.map(({ name, rules, base, patch, raw, note, expect, expectErrors }) => ({ name, rules, base, patch, raw, note, expect, expectErrors })),
  });
}
await writeFile(join(www, "presets.json"), JSON.stringify(families));
const count = families.reduce((n, f) => n + f.cases.length, 0);
console.log(`www/presets.json: ${count} cases from ${families.length} fixture files`);

const web = join(root, "pkg/full/web");
try {
  await access(join(web, "subscription_rules_bg.wasm"));
} catch {
  console.error("pkg/full/web is missing: run scripts/build-wasm.sh first");
  process.exit(1);
}
await rm(join(www, "pkg"), { recursive: true, force: true });
await cp(web, join(www, "pkg"), { recursive: true });
console.log("www/pkg: copied from pkg/full/web");
