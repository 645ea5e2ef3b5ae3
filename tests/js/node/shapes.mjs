// The answers' objects of a known shape (a decision, a reason, a deadline, an action's state, the
// envelope) are made as object literals by src/boundary.js (`shapeOf`), the rest by its generic
// path. Both must make the same objects: here every answer of every fixture request is made both
// ways (`useShapes`, the boundary's switch for this test) and compared as objects, not only as
// JSON: the same prototype, the same own keys in the same order, each an enumerable, writable,
// configurable data property, the same values all the way down. Through the installed package,
// both modules: `evaluate`, `evaluateMany`, `prepare` and `p.evaluate`, and the full module's
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

// Every answer of these calls, made with the shapes (`true`) or without.
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
console.log(`answers' objects of a known shape: ${shaped.length} answers (${successes} successes) the same made as literals and by the generic path`);
