// A batch answers each item as the single call answers it, whatever the item holds: random
// batches of fixture requests, each mutated at random places with what the batch's reading (items
// walked in chunks of 16 KiB, answers rebuilt in chunks of 32 KiB) must read exactly as
// `evaluate` reads one argument — getters (re-entrant ones too), `toJSON`, boxed values, odd
// numbers and strings, `undefined`, functions, symbols, deep nesting, and what throws (a BigInt, a
// throwing getter). For `evaluateMany` in both modules:
//   - when no item throws, answer i is `evaluate(item i)` (an item that is `undefined`, a function
//     or a symbol, which `evaluate` throws for, is read as `null`, as JSON.stringify writes it in
//     an array);
//   - when some item throws, the batch throws what `evaluate` throws for the first such item,
//     its path after `[i]`, and no item after it is read.
// FUZZ_BATCH_RUNS=N for more batches (default 600), FUZZ_BATCH_SEED=S to replay one.
import assert from "node:assert/strict";
import fc from "fast-check";
import { fixtureRequests } from "./fixtures.mjs";
import * as validation from "subscription-rules";
import * as full from "subscription-rules/full";

const bases = fixtureRequests()
  .map(({ request }) => request)
  .filter((r) => r !== null && typeof r === "object" && !Array.isArray(r));
assert.ok(bases.length > 300, `${bases.length} fixture requests`);
const copy = (x) => JSON.parse(JSON.stringify(x));

/** Every path of objects and arrays in `value` (as key lists), the value itself first. */
function paths(value, at = [], out = []) {
  out.push(at);
  if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) paths(value[key], [...at, key], out);
  }
  return out;
}

let reads = 0; // getters run on items after a throwing one (must stay 0)
const KINDS = ["null", "number", "string", "bool", "nan", "negZero", "big", "float", "unicode", "undefined", "function",
  "symbol", "bigint", "throws", "getter", "reentrant", "toJSON", "boxed", "deep", "date", "array", "delete", "fill"];

/** The value a mutation puts in place (a fresh one per use). */
function made(kind, n) {
  switch (kind) {
    case "null": return null;
    case "number": return n;
    case "string": return `s${n}`;
    case "bool": return n % 2 === 0;
    case "nan": return NaN;
    case "negZero": return -0;
    case "big": return 2 ** 53 + n;
    case "float": return n / 7;
    case "unicode": return `\ud800é😀${n}`;
    case "undefined": return undefined;
    case "function": return () => n;
    case "symbol": return Symbol("s");
    case "bigint": return BigInt(n);
    case "date": return new Date(Date.UTC(2021, 6, 15, 8, 0, n % 60));
    case "array": return [n, `a${n}`, null];
    case "boxed": return n % 2 === 0 ? new Number(n) : new String(`b${n}`);
    case "toJSON": return { toJSON: () => `t${n}` };
    case "deep": {
      let v = n;
      for (let i = 0; i < 70 + (n % 3); i++) v = [v];
      return v;
    }
    default: return null;
  }
}

/** A mutated request: `base` with each mutation `[pathIndex, kind, n]` applied. */
function build(base, mutations) {
  const value = copy(base);
  const all = paths(value);
  let root = value;
  for (const [pick, kind, n] of mutations) {
    const path = all[pick % all.length];
    if (path.length === 0) {
      // The whole item replaced (getters are defined on an array holding it, below).
      if (!["getter", "reentrant", "throws", "delete"].includes(kind)) root = made(kind, n);
      continue;
    }
    // Down plain data properties only (one a getter already is left alone).
    let holder = value;
    for (const key of path.slice(0, -1)) {
      const d = holder !== null && typeof holder === "object" ? Object.getOwnPropertyDescriptor(holder, key) : undefined;
      holder = d !== undefined && "value" in d ? d.value : undefined;
    }
    if (holder === null || typeof holder !== "object") continue;
    const key = path[path.length - 1];
    const d = Object.getOwnPropertyDescriptor(holder, key);
    if (d === undefined || !("value" in d) || !d.configurable) continue;
    const v = d.value;
    if (kind === "delete") delete holder[key];
    else if (kind === "throws") Object.defineProperty(holder, key, { enumerable: true, configurable: true, get: () => { throw new Error(`thrown at ${path.join(".")}`); } });
    else if (kind === "getter") Object.defineProperty(holder, key, { enumerable: true, configurable: true, get: () => v });
    else if (kind === "reentrant") {
      Object.defineProperty(holder, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          validation.evaluateMany([copy(bases[n % bases.length]), copy(bases[(n + 1) % bases.length])]);
          full.evaluate(copy(bases[n % bases.length]));
          return v;
        },
      });
    } else Object.defineProperty(holder, key, { value: made(kind, n), writable: true, enumerable: true, configurable: true });
  }
  if (mutations.some(([, kind, n]) => kind === "fill" && n % 10 === 0) && root === value) {
    // Near the byte limit of one request (1 MiB of JSON text): read whole, and only if the limit
    // is counted per item, not across the items of a chunk.
    try {
      const size = JSON.stringify(root).length;
      const padding = 1048576 - 16 - size;
      if (padding > 0) Object.defineProperty(root, "padding", { value: "x".repeat(padding), writable: true, enumerable: true, configurable: true });
    } catch {
      // a BigInt or a getter that throws: no padding
    }
  }
  return root;
}

/** What `evaluate` does with the item: `{ answer }` or `{ thrown }`. */
function single(engine, item) {
  const readAsNull = item === undefined || typeof item === "function" || typeof item === "symbol";
  try {
    return { answer: engine.evaluate(readAsNull ? null : item) };
  } catch (thrown) {
    return { thrown };
  }
}

const item = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  mutations: fc.array(fc.tuple(fc.nat({ max: 400 }), fc.constantFrom(...KINDS), fc.integer({ min: -5, max: 100000 })), { maxLength: 4 }),
  // Rarely a throwing one: most batches then run to the end.
  safe: fc.nat({ max: 9 }),
});
const runs = Number(process.env.FUZZ_BATCH_RUNS ?? 600);
const seed = Number(process.env.FUZZ_BATCH_SEED ?? 20261205);
let items = 0;
let thrownBatches = 0;
fc.assert(
  fc.property(fc.array(item, { minLength: 1, maxLength: 90, size: "max" }), fc.boolean(), (recipes, useFull) => {
    const engine = useFull ? full : validation;
    const recipe = (r) => (r.safe === 0 ? r.mutations : r.mutations.filter(([, kind]) => kind !== "throws" && kind !== "bigint"));
    const expected = recipes.map((r) => single(engine, build(bases[r.base], recipe(r))));
    const first = expected.findIndex((e) => "thrown" in e);
    const batch = recipes.map((r) => build(bases[r.base], recipe(r)));
    if (first >= 0) {
      // Items after the first throwing one are never read.
      for (let i = first + 1; i < batch.length; i++) {
        const v = batch[i];
        Object.defineProperty(batch, i, { get: () => (reads++, v) });
      }
    }
    let got;
    try {
      got = { answer: engine.evaluateMany(batch) };
    } catch (thrown) {
      got = { thrown };
    }
    if (first < 0) {
      assert.ok("answer" in got, `the batch threw ${got.thrown?.message}`);
      assert.equal(got.answer.type, "success");
      assert.equal(got.answer.result.length, recipes.length);
      expected.forEach((e, i) => assert.deepEqual(got.answer.result[i], e.answer, `item ${i}`));
    } else {
      const { thrown } = expected[first];
      const path = thrown.path === "" ? `[${first}]` : thrown.path.startsWith("[") ? `[${first}]${thrown.path}` : `[${first}].${thrown.path}`;
      assert.ok("thrown" in got, `item ${first} threw, the batch answered`);
      assert.deepEqual([got.thrown.code, got.thrown.path, got.thrown.message], [thrown.code, path, thrown.message]);
      assert.equal(reads, 0, "an item after the one that threw was read");
      thrownBatches++;
    }
    items += recipes.length;
  }),
  { numRuns: runs, seed },
);
// Still alive after everything (no `RuntimeError: unreachable`).
assert.equal(validation.evaluate(copy(bases[0])).type, full.evaluate(copy(bases[0])).type);
console.log(`batch-equal: ${runs} batches (seed ${seed}), ${items} items: each answer equal to its single call, ${thrownBatches} batches thrown as their first throwing item`);
