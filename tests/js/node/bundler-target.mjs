// The raw bundler build ("subscription-rules/bundler") needs wasm ESM integration, as webpack's
// asyncWebAssembly or vite-plugin-wasm give; Node's --experimental-wasm-modules gives it too.
// Run: node --experimental-wasm-modules node/bundler-target.mjs
import assert from "node:assert/strict";
import { evaluate } from "subscription-rules/bundler";

const answer = evaluate({ now: "2021-07-17T09:00:00" });
assert.equal(answer.type, "failure");
assert.equal(answer.errors[0].code, "invalidTimestamp");
console.log("bundler build (wasm ESM integration): ok");
