// The raw bundler build ("subscription-rules/bundler") needs wasm ESM integration, as webpack's
// asyncWebAssembly or vite-plugin-wasm give; Node's --experimental-wasm-modules gives it too.
// The full module's bundler build too: its one-shot `evaluateLazy` is the boundary's function,
// which the glue exports and gives its decider's class (scripts/build-wasm.sh).
// Run: node --experimental-wasm-modules node/bundler-target.mjs
import assert from "node:assert/strict";
import { evaluate } from "subscription-rules/bundler";
import { evaluate as evaluateFull, evaluateLazy } from "subscription-rules/full/bundler";
import { request } from "../browser-esm/request.js";

const answer = evaluate({ now: "2021-07-17T09:00:00" });
assert.equal(answer.type, "failure");
assert.equal(answer.errors[0].code, "invalidTimestamp");

for (const r of [request, { ...request, now: "2021-07-17T09:00:00" }, { ...request, action: { type: "pause" } }]) {
  const lazy = evaluateLazy(r);
  const eager = evaluateFull(r);
  if (eager.type === "success") assert.equal(lazy.result.verdict, eager.result.verdict);
  assert.equal(JSON.stringify(lazy), JSON.stringify(eager));
}
console.log("bundler builds (wasm ESM integration), the full module's evaluateLazy too: ok");
