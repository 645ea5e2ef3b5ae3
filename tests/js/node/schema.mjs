// The JSON Schemas the package ships (schema/*.schema.json, generated from the Rust types by
// core/tests/schema.rs) against every fixture: each request the engine accepts is valid under
// request.schema.json, and its facts (without now and action) under prepared-facts.schema.json;
// each request the engine refuses for its shape (a missing or unknown field, a wrong type, an
// unknown variant) is invalid under it; the example queries are valid under theirs. Ajv, draft
// 2020-12, formats checked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fixtureRequests } from "./fixtures.mjs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { evaluate } from "subscription-rules";

const require = createRequire(import.meta.url);
const schema = (name) => require(`subscription-rules/schema/${name}.schema.json`);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const request = ajv.compile(schema("request"));
const prepared = ajv.compile(schema("prepared-facts"));
const subscriptionQuery = ajv.compile(schema("subscription-query"));
const catalogQuery = ajv.compile(schema("catalog-query"));

// What the schema can say: the reader's own refusals (a field it requires, one it does not know,
// a wrong type, an unknown variant), not the checks that depend on the action or on other facts.
const shape = (e) =>
  ["unknownField", "invalidType", "unknownVariant"].includes(e.code) ||
  (e.code === "missingField" && e.message.endsWith("is required"));
let valid = 0, invalid = 0;
for (const { label, request: r } of fixtureRequests()) {
  const answer = evaluate(r);
  if (answer.type === "success") {
    assert.ok(request(r), `${label}: decided, but invalid under the schema: ${ajv.errorsText(request.errors)}`);
    const { now, action, ...facts } = r;
    assert.ok(prepared(facts), `${label}: facts invalid: ${ajv.errorsText(prepared.errors)}`);
    valid++;
  } else if (answer.errors.every(shape)) {
    assert.ok(!request(r), `${label}: refused for its shape (${answer.errors.map((e) => `${e.code} ${e.path}`).join(", ")}) but valid under the schema`);
    invalid++;
  }
}
assert.ok(valid > 300, `${valid} valid`);
assert.ok(invalid > 20, `${invalid} invalid`);

const examples = new URL("../../../examples/requests/", import.meta.url);
const read = (f) => JSON.parse(readFileSync(new URL(f, examples), "utf8"));
assert.ok(subscriptionQuery(read("nce-query.json")), ajv.errorsText(subscriptionQuery.errors));
assert.ok(catalogQuery(read("catalog.json")), ajv.errorsText(catalogQuery.errors));
for (const f of ["nce-cancel.json", "purchase.json"]) assert.ok(request(read(f)), `${f}: ${ajv.errorsText(request.errors)}`);
// Facts with now or an action in them are not facts.
const { action: _, ...withNow } = read("nce-cancel.json");
assert.ok(!prepared(withNow), "facts with `now` are invalid");
console.log(`schema: ${valid} decided fixture requests valid (and their facts), ${invalid} refused for their shape invalid, the example queries valid`);
