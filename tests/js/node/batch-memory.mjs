// Batches are bounded and give their memory back (each case failed before the batch was reworked):
//   - 100,000 requests in one evaluateMany leave the module's memory within a few MB of where it
//     was (it held every decision and the whole answer at once: ~0.9 GB kept for good);
//   - one large request listed 100,000 times is refused `tooLarge` after the batch's read budget,
//     not walked 100,000 times (~35 GB) until the memory runs out;
//   - the largest batch of the largest decisions the budget accepts is answered (it once ended in
//     "cannot create a string longer than…" or `RuntimeError: unreachable`), and so is a good
//     call after it, with the memory back within a few MB.
// Run on the web build, instantiated here, to read its memory.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import init, { evaluate, evaluateMany } from "subscription-rules/web";

const wasm = await init({
  module_or_path: readFileSync(fileURLToPath(import.meta.resolve("subscription-rules/subscription_rules_bg.wasm"))),
});
const MiB = 1 << 20;
const memory = () => wasm.memory.buffer.byteLength;
const fixture = JSON.parse(readFileSync(new URL("../../fixtures/wasm-smoke.json", import.meta.url), "utf8"));
const good = fixture.bases.newCommerceMonthlyBilledAnnual;
const copy = (x) => JSON.parse(JSON.stringify(x));
const ok = () => assert.equal(evaluate(copy(good)).result.money[0].amount, "94.20");
const ms = (t0) => `${(performance.now() - t0).toFixed(0)} ms`;
const SLACK = 4 * MiB;

ok();
const start = memory();
console.log(`memory after one call: ${(start / MiB).toFixed(1)} MiB`);

// ---- 100,000 ordinary requests
let t0 = performance.now();
const many = evaluateMany(new Array(100_000).fill(good));
assert.equal(many.type, "success");
assert.equal(many.result.length, 100_000);
assert.equal(many.result[99_999].result.money[0].amount, "94.20");
const afterMany = memory();
console.log(`100,000 requests: ${ms(t0)}; memory ${(afterMany / MiB).toFixed(1)} MiB (+${((afterMany - start) / MiB).toFixed(1)})`);
assert.ok(afterMany - start <= SLACK, `the batch kept ${(afterMany - start) / MiB} MiB`);
ok();

// ---- the largest decision: every list full, 256-character IDs
const big = copy(good);
const id = (prefix, i) => `${prefix}-${i}-`.padEnd(256, "x");
big.subscription.id = id("sub", 0);
big.subscription.addOns = Array.from({ length: 100 }, (_, i) => ({ id: id("addon", i), status: "active" }));
big.subscription.scheduledChanges = Array.from({ length: 50 }, (_, i) => ({
  id: id("chg", i),
  change: { kind: "quantity", quantity: 5 },
}));
const one = evaluate(copy(big));
assert.equal(one.type, "success", JSON.stringify(one).slice(0, 300));
const answerBytes = JSON.stringify(one).length;
console.log(`the largest decision: request ${JSON.stringify(big).length} bytes of JSON, answer ${answerBytes}`);

// Listed 100,000 times: refused once the batch's read budget is spent, in well under the
// time walking it all would take.
t0 = performance.now();
const refused = evaluateMany(new Array(100_000).fill(big));
assert.equal(refused.type, "failure");
assert.equal(refused.errors[0].code, "tooLarge");
console.log(`the largest decision listed 100,000 times: tooLarge in ${ms(t0)}: ${refused.errors[0].message}`);
const first = Number(/up to \[(\d+)\]/.exec(refused.errors[0].message)?.[1]);
assert.ok(first > 100 && first < 100_000, refused.errors[0].message);
assert.ok(memory() - start <= SLACK, "a refused batch keeps no memory");
ok();

// The largest batch of them the budget accepts: answered, then a good call, memory back.
t0 = performance.now();
const largest = evaluateMany(new Array(first).fill(big));
assert.equal(largest.type, "success", JSON.stringify(largest).slice(0, 300));
assert.equal(largest.result.length, first);
assert.deepEqual(largest.result[first - 1], one);
console.log(`the largest accepted batch of them (${first}): answered in ${ms(t0)}`);
// One more is over the budget.
const over = evaluateMany(new Array(first + 1).fill(big));
assert.equal(over.type, "failure");
assert.equal(over.errors[0].code, "tooLarge");
// Items are read in chunks, and still as if one at a time: no item after the one that spends
// the budget is read (a getter there never runs, and one that would throw is never reached).
let readAfter = 0;
const spied = new Array(first + 3).fill(big);
Object.defineProperty(spied, first + 1, { get: () => (readAfter++, big) });
Object.defineProperty(spied, first + 2, { get: () => { throw new Error("read after the budget"); } });
const stopped = evaluateMany(spied);
assert.equal(stopped.type, "failure");
assert.deepEqual(stopped.errors, over.errors);
assert.equal(readAfter, 0, "no item read after the budget is spent");
// The same where the budget is spent in the middle of a chunk of items (small ones, ~1,400
// bytes each: the 128 MiB are spent after about 96,000 of them, a dozen to a chunk).
const small = { filler: "x".repeat(1400) };
const spent = evaluateMany(new Array(100_000).fill(small));
assert.equal(spent.errors[0].code, "tooLarge");
const at = Number(/up to \[(\d+)\]/.exec(spent.errors[0].message)?.[1]);
assert.ok(at > 90_000 && at < 100_000, spent.errors[0].message);
const spiedSmall = new Array(at + 3).fill(small);
Object.defineProperty(spiedSmall, at + 1, { get: () => (readAfter++, small) });
Object.defineProperty(spiedSmall, at + 2, { get: () => { throw new Error("read after the budget"); } });
assert.deepEqual(evaluateMany(spiedSmall).errors, spent.errors);
assert.equal(readAfter, 0, "no item read after the budget is spent, within a chunk");
ok();
const end = memory();
console.log(`memory after all batches: ${(end / MiB).toFixed(1)} MiB (+${((end - start) / MiB).toFixed(1)} since the first call)`);
assert.ok(end - start <= SLACK, `the batches kept ${(end - start) / MiB} MiB`);
