// The answers' common objects (a decision and its parts, an action, an action's state, a
// timeline and its parts, an input error, the envelope) are made as object literals by
// src/boundary.js (`shapeOf`), the rest by its generic path. Both must make the same objects: here every answer of every fixture request is made both
// ways (`useShapes`, the boundary's switch for this test) and compared as objects, not only as
// JSON: the same prototype, the same own keys in the same order, each an enumerable, writable,
// configurable data property, the same values all the way down. Through the installed package,
// both modules: `evaluate`, `evaluateMany` (and in short), `prepare` and `p.evaluate`, and the full module's
// queries (`availableActions`, `timeline`, `p.actionStates`), successes and failures alike.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fixtureRequests } from "./fixtures.mjs";
import * as validation from "subscription-rules";
import * as full from "subscription-rules/full";

const require = createRequire(import.meta.url);

// The boundary module each package build runs (the CommonJS glue requires it by this path, so
// this is the same instance).
function boundaryOf(entry) {
  const dir = join(dirname(require.resolve(entry)), "snippets");
  const [crate] = readdirSync(dir);
  return require(join(dir, crate, "src", "boundary.js"));
}
const boundaries = [boundaryOf("subscription-rules"), boundaryOf("subscription-rules/full")];
for (const b of boundaries) assert.equal(typeof b.useShapes, "function", "the boundary has its switch");
const useShapes = (on) => boundaries.forEach((b) => b.useShapes(on));
const shapeMisses = () => boundaries.reduce((n, b) => n + b.shapeMisses(), 0);

// The same object, property by property (`path` names the place of a difference).
function same(a, b, path) {
  assert.equal(typeof a, typeof b, `${path}: type`);
  if (a === null || typeof a !== "object") {
    assert.ok(Object.is(a, b), `${path}: ${String(a)} vs ${String(b)}`);
    return;
  }
  assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b), `${path}: prototype`);
  assert.equal(Array.isArray(a), Array.isArray(b), `${path}: array`);
  const keys = Reflect.ownKeys(a);
  assert.deepEqual(keys, Reflect.ownKeys(b), `${path}: own keys and their order`);
  for (const key of keys) {
    const [da, db] = [Object.getOwnPropertyDescriptor(a, key), Object.getOwnPropertyDescriptor(b, key)];
    if (Array.isArray(a) && key === "length") {
      assert.deepEqual(da, db, `${path}.length`);
      continue;
    }
    for (const d of [da, db]) {
      assert.ok("value" in d && d.writable && d.enumerable && d.configurable, `${path}.${String(key)}: a plain data property`);
    }
    same(da.value, db.value, `${path}.${String(key)}`);
  }
}

// The builders' first keys (`shapeOf`): the objects starting with one of them, all the way down.
const FIRST_KEYS = new Set(["type", "action", "rule", "kind", "quantity", "at", "code", "subscriptionId"]);
function candidates(value) {
  if (value === null || typeof value !== "object") return 0;
  const items = Array.isArray(value) ? value : Object.values(value);
  const own = !Array.isArray(value) && FIRST_KEYS.has(Object.keys(value)[0]) ? 1 : 0;
  return items.reduce((n, item) => n + candidates(item), own);
}

// Every answer of these calls, made with the shapes (`true`) or without.
let missed = 0;
function answers(on, requests) {
  useShapes(on);
  try {
    const out = [];
    for (const [label, request] of requests) {
      for (const [name, engine] of [["validation", validation], ["full", full]]) {
        out.push([`${label}: ${name} evaluate`, engine.evaluate(request)]);
        const { now, action, ...facts } = request;
        const prepared = engine.prepare(facts);
        if (prepared.type === "success") {
          out.push([`${label}: ${name} p.evaluate`, prepared.result.evaluate(action, now)]);
          if (engine === full) out.push([`${label}: p.actionStates`, prepared.result.actionStates(now)]);
          prepared.result.free();
        } else {
          out.push([`${label}: ${name} prepare`, prepared]);
        }
      }
      const { action, ...query } = request;
      out.push([`${label}: availableActions`, full.availableActions(query)]);
      out.push([`${label}: timeline`, full.timeline(query)]);
    }
    out.push(["evaluateMany", full.evaluateMany(requests.map(([, r]) => r))]);
    out.push(["evaluateManyCompact", full.evaluateManyCompact(requests.map(([, r]) => r))]);
    if (on) missed = shapeMisses();
    return out;
  } finally {
    useShapes(true);
  }
}

const requests = fixtureRequests()
  .filter(({ request: r }) => r && typeof r === "object" && !Array.isArray(r) && "now" in r && "action" in r)
  .map(({ label, request }) => [label, request]);
assert.ok(requests.length > 400, `${requests.length} fixture requests`);

const shaped = answers(true, requests);
const generic = answers(false, requests);
assert.equal(shaped.length, generic.length);
let successes = 0;
for (let i = 0; i < shaped.length; i++) {
  const [label, a] = shaped[i];
  same(a, generic[i][1], label);
  assert.equal(JSON.stringify(a), JSON.stringify(generic[i][1]), `${label}: JSON`);
  if (a.type === "success") successes++;
}
assert.ok(successes > 2000, `only ${successes} successes compared`);
// The literals are what is made, not only allowed: a builder that gave up on its usual objects
// would pass the comparison above and only be slower.
const started = shaped.reduce((n, [, a]) => n + candidates(a), 0);
assert.ok(started > 40000, `only ${started} objects start with a builder's key`);
assert.ok(missed <= started / 20, `${missed} of ${started} objects of a known first key were left to the generic path`);
console.log(`answers' objects of a known shape: ${shaped.length} answers (${successes} successes) the same made as literals and by the generic path; ${started - missed} of ${started} objects of a builder's first key made as literals`);
