// The JS side held to the core's bar (each case failed before the boundary was fixed):
//   - a getter of the argument that itself calls the engine (re-entrancy) gets its own answer,
//     and the outer call is decided on its own argument, not on bytes mixing both;
//   - a large valid argument (a 349,479-character string: the walker's scratch grows past 1 MiB)
//     is read whole and answered (`tooLarge` at the field), not refused as unreadable at `""`;
//   - ten million elements (a typed array, an array) are refused by the value limit at once, not
//     after seconds of listing their keys;
//   - values JSON.stringify writes differently from what they are (a Date, an object with
//     `toJSON`, a boxed primitive, NaN, a function or symbol property) are read as it writes
//     them: the same answer as the stringified text (a Date was refused as an object);
//   - the same text read as a JS value (JSON.parse) and as text (evaluateJson, the core's
//     reading) gives the same answer: whole floats as counts, -0, lone surrogates (they once
//     flipped failure and success); a repeated key is found in text only;
//   - keys the full module's walk writes by their place in its list of known keys read as their
//     text: the text reader's answer at the request's byte limit, one byte under and one over,
//     with keys named like Object.prototype's beside them;
//   - then (last, since it changes the process) a polluted Object.prototype and Array.prototype —
//     read-only, accessor and re-entering setter properties named like answer keys — leave every
//     answer byte-identical (as JSON) to the unpolluted one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { evaluate, evaluateMany, rules } from "subscription-rules";
import { availableActions, timeline, evaluateJson, evaluate as evaluateFull } from "subscription-rules/full";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/wasm-smoke.json", import.meta.url), "utf8"));
const good = fixture.bases.newCommerceMonthlyBilledAnnual;
const copy = (x) => JSON.parse(JSON.stringify(x));
const big = copy(good);
big.subscription.quantity = 999;
big.subscription.unitPrice = "10.08";

// ---- re-entrancy
const expectedOuter = evaluate(copy(good));
const expectedInner = evaluate(copy(big));
assert.equal(expectedOuter.type, "success");
let inner = null;
const reentrant = copy(good);
const subscription = reentrant.subscription;
Object.defineProperty(reentrant, "subscription", {
  enumerable: true,
  get() {
    inner = evaluate(copy(big));
    return subscription;
  },
});
const outer = evaluate(reentrant);
assert.deepEqual(outer, expectedOuter, "the outer call is decided on its own argument");
assert.deepEqual(inner, expectedInner, "the inner call is decided on its own argument");
// Re-entry through a batch and a query too.
const many = evaluateMany([copy(good), reentrant, copy(good)]);
assert.deepEqual(many.result.map((a) => a.result.money[0].amount), ["94.20", "94.20", "94.20"]);
// A batch re-entered from a getter of one of its items (batches read their items in chunks):
// the inner batch and the outer each read their own items, in order; an item whose reading
// throws is thrown with its path once the items before it are answered, and no item after it is
// read, in the inner batch and in the outer.
let innerThrown = null;
let innerAfter = 0;
const nested = copy(good);
Object.defineProperty(nested, "subscription", {
  enumerable: true,
  get() {
    const items = [copy(big), null, null];
    Object.defineProperty(items, 1, { get: () => { throw new Error("inner item"); } });
    Object.defineProperty(items, 2, { get: () => (innerAfter++, copy(big)) });
    try {
      evaluateMany(items);
    } catch (e) {
      innerThrown = e;
    }
    return subscription;
  },
});
const bigAmount = expectedInner.result.money[0].amount;
const outerItems = [copy(good), nested, copy(big), null, null];
assert.deepEqual(
  evaluateMany(outerItems.slice(0, 3)).result.map((a) => a.result.money[0].amount),
  ["94.20", "94.20", bigAmount],
);
assert.deepEqual([innerThrown.code, innerThrown.path, innerThrown.message], ["invalidType", "[1]", "reading the argument threw: inner item"]);
let outerAfter = 0;
Object.defineProperty(outerItems, 3, { get: () => { throw new Error("outer item"); } });
Object.defineProperty(outerItems, 4, { get: () => (outerAfter++, copy(good)) });
assert.throws(() => evaluateMany(outerItems), (e) => e.code === "invalidType" && e.path === "[3]" && e.message === "reading the argument threw: outer item");
assert.deepEqual([innerAfter, outerAfter], [0, 0], "no item after the one that threw is read");
const query = copy(good);
delete query.action;
const q = copy(query);
Object.defineProperty(q, "actor", { enumerable: true, get: () => (evaluate(copy(big)), copy(good.actor)) });
assert.deepEqual(availableActions(q), availableActions(copy(query)));
console.log("re-entrant calls: each decided on its own argument");

// ---- a large valid argument
const long = copy(good);
long.subscription.id = "x".repeat(349_479);
const answer = evaluate(long);
assert.equal(answer.type, "failure", JSON.stringify(answer).slice(0, 300));
assert.deepEqual(
  answer.errors.map((e) => [e.code, e.path]),
  [["tooLarge", "subscription.id"]],
);
assert.equal(evaluate(copy(good)).result.money[0].amount, "94.20");
console.log("a 349,479-character string: tooLarge at subscription.id, then a good call: ok");

// ---- limits before work: ten million elements are refused at once, not after listing them
for (const [what, blob] of [
  ["a Uint8Array(1e7)", new Uint8Array(1e7)],
  ["an Array(1e7)", new Array(1e7).fill(0)],
]) {
  const t0 = performance.now();
  const huge = evaluate({ ...copy(good), blob });
  const ms = performance.now() - t0;
  assert.equal(huge.type, "failure");
  assert.equal(huge.errors[0].code, "tooLarge");
  assert.ok(ms < 1000, `${what} took ${ms.toFixed(0)} ms before the limit applied`);
  console.log(`${what} in an unknown field: tooLarge in ${ms.toFixed(1)} ms`);
}

// ---- values read as JSON.stringify writes them
const sameAsText = (label, value) => {
  const text = JSON.stringify(value);
  assert.deepEqual(evaluate(value), evaluate(JSON.parse(text)), `${label}: the value and its JSON text`);
  assert.deepEqual(evaluateJson(text), evaluate(JSON.parse(text)), `${label}: the text reader`);
};
const at = (patch) => ({ ...copy(good), ...patch, subscription: { ...copy(good.subscription), ...(patch.subscription ?? {}) } });
sameAsText("a Date", at({ now: new Date(good.now) }));
assert.equal(evaluate(at({ now: new Date(good.now) })).type, "success", "a Date is its ISO string");
sameAsText("toJSON", at({ actor: { toJSON: () => copy(good.actor) } }));
sameAsText("boxed primitives", at({ subscription: { quantity: new Number(10), currency: new String("USD"), autoRenew: new Boolean(false) } }));
sameAsText("NaN and Infinity", at({ subscription: { quantity: NaN, unitPrice: Infinity } }));
sameAsText("a function and a symbol", at({ f() {}, s: Symbol("s"), subscription: { addOns: [() => 1, Symbol("x")] } }));
sameAsText("an invalid Date", at({ now: new Date(NaN) }));
assert.throws(() => evaluate(at({ n: 1n })), (e) => e.code === "invalidType" && e.path === "n");
assert.throws(() => evaluate(() => 1), (e) => e.code === "invalidType" && e.path === "");
console.log("Date, toJSON, boxed primitives, NaN, functions and symbols: read as JSON.stringify writes them");

// ---- one reading of JSON: the same text as a JS value and as text
const text = JSON.stringify(good);
for (const [label, from, to] of [
  ["a whole float as a count", '"quantity":10', '"quantity":10.0'],
  ["an exponent as a count", '"quantity":10', '"quantity":1e1'],
  ["-0 as a count", '"quantity":10', '"quantity":-0'],
  ["a big integer", '"quantity":10', '"quantity":12345678901234567890'],
  ["a lone surrogate", '"id":"', '"id":"\\ud800'],
  ["an unknown field 63 deep", '{"now"', `{"deep":${"[".repeat(63)}${"]".repeat(63)},"now"`],
  ["an unknown field 64 deep", '{"now"', `{"deep":${"[".repeat(64)}${"]".repeat(64)},"now"`],
]) {
  const variant = text.replace(from, to);
  assert.notEqual(variant, text, label);
  assert.deepEqual(evaluateJson(variant), evaluate(JSON.parse(variant)), label);
}
const repeated = text.replace('"quantity":10', '"quantity":10,"quantity":999');
assert.deepEqual(
  evaluateJson(repeated).errors.map((e) => [e.code, e.path]),
  [["duplicateField", "subscription.quantity"]],
);
assert.equal(evaluate(JSON.parse(repeated)).type, "success", "JSON.parse keeps the last");
assert.throws(() => evaluateJson({}), (e) => e.code === "invalidType");
console.log("the same text as a JS value and as text: the same answer; a repeated key found in text");

// ---- keys by their place: the full module's walk writes the inputs' property names as their
// place in a list the module asked for (WIRE_KEYS in src/boundary.js); read as their text, with
// the request's byte limit counted alike, next to keys named like Object.prototype's
{
  assert.equal(evaluateFull(copy(good)).type, "success");
  const LIMIT = 1048576;
  const base = copy(good);
  base.subscription.constructor = 1;
  base.subscription.toString = "x";
  Object.defineProperty(base.subscription, "__proto__", { value: { sku: "p" }, writable: true, enumerable: true, configurable: true });
  base.actor.subscription = { now: 1 };
  const size = JSON.stringify({ ...base, pad: "" }).length;
  for (const extra of [-1, 0, 1]) {
    const request = { ...base, pad: "x".repeat(LIMIT - size + extra) };
    const text = JSON.stringify(request);
    assert.equal(text.length, LIMIT + extra);
    const answer = evaluateFull(request);
    assert.deepEqual(answer, evaluateJson(text), `${extra}: the text reader`);
    assert.deepEqual(answer, evaluate(request), `${extra}: the validation module, which writes every key's bytes`);
    const codes = answer.errors.map((e) => `${e.code} ${e.path}`);
    if (extra > 0) assert.deepEqual(codes, ["tooLarge "], `${extra}`);
    else for (const path of ["pad", "subscription.constructor", "subscription.toString", "subscription.__proto__", "actor.subscription"]) assert.ok(codes.includes(`unknownField ${path}`), `${extra}: ${path} in ${codes}`);
  }
  console.log("keys by their place: the text reader's answers, at the byte limit and beside it; keys named like Object.prototype's");
}

// ---- a polluted prototype (last: it changes the process)
const baseline = [
  JSON.stringify(evaluate(copy(good))),
  JSON.stringify(evaluate(copy(big))),
  JSON.stringify(evaluateMany([copy(good), copy(big)])),
  JSON.stringify(availableActions(copy(query))),
  JSON.stringify(timeline(copy(query))),
  JSON.stringify(rules()),
  JSON.stringify(evaluate({ ...copy(good), colour: "blue" })),
];
let swallowed = 0;
let reentered = 0;
const protoKeys = {
  verdict: { value: "allowedNow", writable: false, configurable: true },
  policyFingerprint: { get: () => "x", set: () => swallowed++, configurable: true },
  reasons: { get: () => [], set: () => { reentered++; evaluate(copy(big)); }, configurable: true },
  amount: { value: "0.00", writable: false, configurable: true },
  type: { get: () => "success", set: () => swallowed++, configurable: true },
  errors: { value: [], writable: false, configurable: true },
};
for (const [key, d] of Object.entries(protoKeys)) Object.defineProperty(Object.prototype, key, d);
Object.defineProperty(Array.prototype, "0", { get: () => "poison", set: () => swallowed++, configurable: true });
try {
  const after = [
    JSON.stringify(evaluate(copy(good))),
    JSON.stringify(evaluate(copy(big))),
    JSON.stringify(evaluateMany([copy(good), copy(big)])),
    JSON.stringify(availableActions(copy(query))),
    JSON.stringify(timeline(copy(query))),
    JSON.stringify(rules()),
    JSON.stringify(evaluate({ ...copy(good), colour: "blue" })),
  ];
  for (let i = 0; i < baseline.length; i++) assert.equal(after[i], baseline[i], `answer ${i} changed under a polluted prototype`);
  assert.equal(swallowed + reentered, 0, "no setter of the prototype ran");
} finally {
  for (const key of Object.keys(protoKeys)) delete Object.prototype[key];
  delete Array.prototype[0];
}
console.log("polluted Object.prototype and Array.prototype: every answer byte-identical");
