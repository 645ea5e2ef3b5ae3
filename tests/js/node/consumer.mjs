// Node, ES module: the built package installed as a dependency, used as a consumer would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { evaluate, policyDefaults, rules, version, isSuccess, isFailure, isCallError } from "subscription-rules";

// Node's ESM entry: the CommonJS build re-exported, with `init` (nothing to do in Node) as the
// default export, as the browser entry has it: isomorphic code's `await init()` runs here.
const resolved = import.meta.resolve("subscription-rules");
assert.match(resolved, /node_modules\/subscription-rules\/node\/subscription_rules\.mjs$/, resolved);
assert.equal(typeof init, "function");
await init();
const cjs = (await import("node:module")).createRequire(import.meta.url)("subscription-rules");
assert.equal(cjs.evaluate, evaluate, "one instance: the ESM entry re-exports the CommonJS module");

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/wasm-smoke.json", import.meta.url), "utf8"));
const request = fixture.bases.newCommerceMonthlyBilledAnnual;

// A decision.
const answer = evaluate(request);
assert.equal(answer.type, "success", JSON.stringify(answer));
assert.equal(answer.result.verdict, "allowedNow");
assert.equal(answer.result.money[0].kind, "refund");
assert.equal(answer.result.money[0].amount, "94.20");
assert.ok(answer.result.reasons.some((r) => r.rule === "CANC-5"), JSON.stringify(answer.result.reasons));

// Bad input is an answer, with the path of the field.
const bad = evaluate({ ...request, now: "2021-07-17T09:00:00" });
assert.equal(bad.type, "failure");
assert.deepEqual(
  { code: bad.errors[0].code, path: bad.errors[0].path, rule: bad.errors[0].rule },
  { code: "invalidTimestamp", path: "now", rule: "TIME-1" },
);

// Misuse of the call throws an Error carrying code and path, which isCallError recognises.
assert.throws(() => evaluate(), (e) => e instanceof Error && e.code === "invalidType" && e.path === "" && isCallError(e) && e.name === "CallError");
assert.equal(isCallError(new Error("x")), false);
assert.equal(isCallError(Object.assign(new Error("x"), { code: "invalidType", path: "" })), false);
assert.equal(isCallError(undefined), false);
// The answer guards.
assert.ok(isSuccess(answer) && !isFailure(answer));
assert.ok(isFailure(bad) && !isSuccess(bad));
assert.ok(!isSuccess(null) && !isFailure(undefined) && !isSuccess("success"));
assert.throws(
  () => evaluate({ ...request, actor: { ...request.actor, partnerId: 1n } }),
  (e) => e instanceof Error && e.code === "invalidType" && e.path === "actor.partnerId",
);

assert.equal(policyDefaults().newCommerceCancelDays, 30);
const catalog = rules();
assert.ok(catalog.length >= 60);
for (const r of catalog) assert.ok(r.id && r.family && r.title && r.source, JSON.stringify(r));
const pkg = JSON.parse(readFileSync(new URL("../node_modules/subscription-rules/package.json", import.meta.url), "utf8"));
assert.equal(version(), pkg.version);

console.log(`node ESM consumer: ok (${resolved.split("node_modules/")[1]}, ${catalog.length} rules, v${version()})`);

// The full module (subscription-rules/full): the same engine with the query functions too.
const full = await import("subscription-rules/full");
assert.match(import.meta.resolve("subscription-rules/full"), /subscription-rules\/full\/node\/subscription_rules\.mjs$/);
assert.equal(full.evaluate(request).result.money[0].amount, "94.20");
const { action: _drop, ...query } = request;
const actions = full.availableActions(query);
assert.equal(actions.type, "success", JSON.stringify(actions));
const cancel = actions.result.actions.find((a) => a.action.type === "cancel");
assert.equal(cancel.decision.verdict, "allowedNow");
const timeline = full.timeline(query);
assert.equal(timeline.type, "success", JSON.stringify(timeline));
assert.ok(timeline.result.points.some((p) => p.kind === "cancelWindowCloses"));
const catalogAnswer = full.filterCatalog({ now: request.now, actor: request.actor,
  customer: { id: "c-1", segment: "commercial", billingCountry: "SE" },
  offers: [{ id: "o-1", publisher: "microsoft", billingType: "license", category: "enterprise" }] });
assert.equal(catalogAnswer.type, "success", JSON.stringify(catalogAnswer));
assert.equal(catalogAnswer.result.offers[0].verdict, "allowedNow");
assert.equal(full.editions().length, 4);
// The validation module leaves them out (that is what keeps it within its size budget).
const lean = await import("subscription-rules");
assert.equal(typeof lean.availableActions, "undefined");
console.log("full module: availableActions, timeline, filterCatalog, editions answer");
