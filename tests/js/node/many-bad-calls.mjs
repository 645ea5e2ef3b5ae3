// 10,000 bad calls in a row (bad values, wrong types, unknown fields, misuse that throws, cycles),
// then a good call must still answer right: no bad input may break the module.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { evaluate } from "subscription-rules";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/wasm-smoke.json", import.meta.url), "utf8"));
const good = fixture.bases.newCommerceMonthlyBilledAnnual;
const cyclic = { ...good };
cyclic.self = cyclic;

const bad = [
  () => evaluate({ ...good, now: "2021-07-17T09:00:00" }),
  () => evaluate({ ...good, subscription: { ...good.subscription, quantity: -1, unitPrice: "ten" } }),
  () => evaluate({ ...good, colour: "blue" }),
  () => evaluate({ ...good, action: { type: "explode" } }),
  () => evaluate(null),
  () => evaluate(42),
  () => evaluate("{}"),
  () => evaluate([good]),
  () => evaluate(cyclic),
  () => evaluate({ ...good, subscription: { ...good.subscription, quantity: Number.NaN } }),
  () => evaluate({ ...good, subscription: { ...good.subscription, id: "x".repeat(100_000) } }),
  () => evaluate(), // throws
  () => evaluate({ ...good, now: Symbol("now") }), // left out, as JSON.stringify does: `now` is missing
  () => evaluate({ ...good, subscription: { ...good.subscription, quantity: 10n } }), // throws
];

let answered = 0;
let thrown = 0;
const start = performance.now();
for (let i = 0; i < 10_000; i++) {
  try {
    const answer = bad[i % bad.length]();
    assert.equal(answer.type, "failure", `call ${i}: ${JSON.stringify(answer).slice(0, 200)}`);
    assert.ok(answer.errors.length > 0 && answer.errors.every((e) => typeof e.code === "string" && typeof e.path === "string"));
    answered++;
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.ok(e instanceof Error && typeof e.code === "string" && typeof e.path === "string", String(e));
    thrown++;
  }
}
const ms = performance.now() - start;

const answer = evaluate(good);
assert.equal(answer.type, "success", JSON.stringify(answer));
assert.equal(answer.result.money[0].amount, "94.20");
console.log(
  `10,000 bad calls: ${answered} answered as failures, ${thrown} thrown as call errors, ` +
    `${(ms / 10_000).toFixed(3)} ms per call; then a good call: ok`,
);
