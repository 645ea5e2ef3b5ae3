// Prepared subscriptions through the package: for every fixture case, `prepare(facts)` and then
// `p.evaluate(action, now)` answer exactly what `evaluate(request)` answers (deepEqual of the
// whole answer), with `now` as text and as epoch milliseconds; `p.evaluateMany` equals the
// single calls and `p.evaluateManyCompact` (and `evaluateManyCompact`) their summaries; the full
// module's `p.availableActions(now)` and `p.timeline(now)` equal the one-shot queries. Then the handle's edges: bad facts, bad calls, `free()`, a call re-entered
// from a getter, a polluted Object.prototype.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fixtureRequests } from "./fixtures.mjs";
import * as validation from "subscription-rules";
import * as full from "subscription-rules/full";

const requests = fixtureRequests()
  .filter(({ request: r }) => r && typeof r === "object" && "now" in r && "action" in r && typeof r.now === "string")
  .map(({ label, request }) => [label, request]);
assert.ok(requests.length > 400, `${requests.length} fixture requests`);

/** A batch answer in short, as `evaluateManyCompact` answers it: verdict, `effectiveAt`, the
 * rules in order without repeats, the alternative's action, the money without its working. */
function short(batch) {
  if (batch.type === "failure") return batch;
  const summary = (d) => ({
    verdict: d.verdict,
    ...(d.effectiveAt === undefined ? {} : { effectiveAt: d.effectiveAt }),
    rules: d.reasons.map((r) => r.rule).filter((r, i, all) => all.indexOf(r) === i),
    ...(d.alternative === undefined ? {} : { alternative: d.alternative.action.type }),
    money: d.money.map(({ kind, rule, amount, currency }) => ({ kind, rule, amount, currency })),
  });
  return { type: "success", result: batch.result.map((a) => (a.type === "failure" ? a : { type: "success", result: summary(a.result) })) };
}

let compared = 0;
let compact = 0;
for (const engine of [validation, full]) {
  for (const [label, request] of requests) {
    const { now, action, ...facts } = request;
    const oneShot = engine.evaluate(request);
    const prepared = engine.prepare(facts);
    if (prepared.type === "failure") {
      // Only facts the one-shot call refuses too, each problem at a path it reports.
      assert.equal(oneShot.type, "failure", `${label}: refused at prepare: ${JSON.stringify(prepared)}`);
      const paths = new Set(oneShot.errors.map((e) => `${e.code} ${e.path}`));
      for (const e of prepared.errors) assert.ok(paths.has(`${e.code} ${e.path}`), `${label}: ${JSON.stringify(e)}`);
      continue;
    }
    const p = prepared.result;
    if (engine === full) {
      // In short, prepared and one-shot (only what the summary reads decided): each answer is
      // the full answer's summary, a failure passed on whole.
      const [many, oneShotMany] = [p.evaluateMany([action], now), full.evaluateMany([request])];
      assert.deepEqual(p.evaluateManyCompact([action], now), short(many), `${label}: p.evaluateManyCompact`);
      assert.deepEqual(full.evaluateManyCompact([request]), short(oneShotMany), `${label}: evaluateManyCompact`);
      compact++;
    }
    const got = p.evaluate(action, now);
    if (oneShot.type === "failure") {
      const key = (a) => a.errors.map((e) => JSON.stringify(e)).sort();
      assert.deepEqual(key(got), key(oneShot), label);
    } else {
      assert.deepEqual(got, oneShot, label);
      const ms = Date.parse(now);
      if (Number.isInteger(ms) && new Date(ms).toISOString().replace(".000Z", "Z") === now.replace(/\.0+Z$/, "Z")) {
        assert.deepEqual(p.evaluate(action, ms), oneShot, `${label}: now as epoch milliseconds`);
      }
      if (engine === full) {
        const many = p.evaluateMany([action, action], now);
        assert.deepEqual(many, { type: "success", result: [oneShot, oneShot] }, `${label}: evaluateMany`);
      }
    }
    p.free();
    compared++;
  }
}
assert.ok(compared > 700, `${compared} compared`);
assert.ok(compact > 350, `${compact} compared in short`);

// Batches whose answers span many rebuilds (a batch's answers are rebuilt together, every 32 KiB
// of them: `each_item` in src/wasm.rs): every fixture request in one batch, each answer equal to
// its own call's, in both modules and in short; and one subscription's batch of every action of
// the fixtures (good and bad, repeated), each equal to `p.evaluate`.
let batched = 0;
{
  const all = requests.map(([, r]) => r);
  for (const engine of [validation, full]) {
    const many = engine.evaluateMany(all);
    assert.equal(many.type, "success");
    assert.equal(many.result.length, all.length);
    all.forEach((r, i) => assert.deepEqual(many.result[i], engine.evaluate(r), `evaluateMany item ${i}`));
    if (engine === full) assert.deepEqual(full.evaluateManyCompact(all), short(many), "evaluateManyCompact");
    batched += all.length;
  }
  const { now, action: _, ...facts } = all.find((r) => r.subscription?.commerceModel === "newCommerce" && factsPrepare(r));
  const actions = [];
  for (let k = 0; k < 6; k++) for (const r of all) actions.push(r.action);
  const p = full.prepare(facts).result;
  const many = p.evaluateMany(actions, now);
  assert.equal(many.result.length, actions.length);
  actions.forEach((a, i) => assert.deepEqual(many.result[i], p.evaluate(a, now), `p.evaluateMany item ${i}`));
  assert.deepEqual(p.evaluateManyCompact(actions, now), short(many), "p.evaluateManyCompact");
  batched += actions.length;
  p.free();
}
assert.ok(batched > 3000, `${batched} batch answers compared`);
function factsPrepare(r) {
  const { now: _n, action: _a, ...facts } = r;
  return full.prepare(facts).type === "success";
}

// The queries of a prepared subscription equal the one-shot queries at each instant.
const query = JSON.parse(readFileSync(new URL("../../../examples/requests/nce-query.json", import.meta.url), "utf8"));
{
  const { now: _, ...facts } = query;
  const p = full.prepare(facts).result;
  for (const now of ["2021-07-15T08:00:00Z", "2021-07-17T09:00:00Z", "2021-07-22T07:59:59Z", "2021-07-22T08:00:00Z", "2022-07-15T08:00:00Z"]) {
    assert.deepEqual(p.availableActions(now), full.availableActions({ ...query, now }), now);
    assert.deepEqual(p.timeline(Date.parse(now)), full.timeline({ ...query, now }), now);
    // The list's button states: the available actions in short.
    const all = p.availableActions(now).result.actions;
    const states = p.actionStates(now).result.actions;
    assert.equal(states.length, all.length);
    for (const [i, s] of states.entries()) {
      const d = all[i].decision;
      assert.deepEqual(s.action, all[i].action);
      assert.equal(s.verdict, d.verdict);
      assert.equal(s.enabled, d.verdict === "allowedNow" || d.verdict === "scheduled");
      assert.deepEqual(s.rules, d.reasons.map((r) => r.rule).filter((r, j, xs) => xs.indexOf(r) === j));
      assert.ok(d.reasons.some((r) => r.message === s.reason), s.reason);
      assert.equal(s.changesAt, d.deadlines.find((x) => x.kind === "outcomeChangesAt")?.at);
    }
  }
  for (const method of ["availableActions", "actionStates", "timeline", "evaluateMany", "evaluateManyCompact"]) {
    assert.equal(typeof validation.prepare(facts).result[method], "undefined", `${method} only in the full module`);
  }
  p.free();
}

// Edges.
{
  const { now: _, ...facts } = query;
  const p = full.prepare(facts).result;
  const bad = (answer) => answer.type === "failure" && answer.errors[0];
  assert.deepEqual([bad(p.evaluate({ type: "cancel" }, "soon")).code, bad(p.evaluate({ type: "cancel" }, "soon")).path], ["invalidTimestamp", "now"]);
  assert.equal(bad(p.evaluate({ type: "cancel" })).code, "missingField");
  assert.equal(bad(p.evaluate({ type: "cancel" }, 1.5)).code, "invalidValue");
  assert.equal(bad(p.evaluate({ type: "cancel" }, {})).code, "invalidType");
  assert.equal(bad(p.evaluate({ type: "scheduleChange" }, "2021-07-17T09:00:00Z")).path, "action.change");
  assert.equal(bad(p.evaluateMany({ type: "cancel" }, "2021-07-17T09:00:00Z")).path, "actions");
  assert.equal(bad(p.evaluateManyCompact({ type: "cancel" }, "2021-07-17T09:00:00Z")).path, "actions");
  assert.equal(bad(p.evaluateManyCompact([{ type: "cancel" }], "soon")).path, "now");
  assert.deepEqual(
    p.evaluateManyCompact([{ type: "cancel" }, { type: "nope" }], "2021-07-17T09:00:00Z").result.map((a) => a.type),
    ["success", "failure"],
  );
  const many = p.evaluateMany([{ type: "cancel" }, { type: "nope" }], "2021-07-17T09:00:00Z");
  assert.deepEqual(many.result.map((a) => a.type), ["success", "failure"]);
  // A batch item's path, at each number of digits: a BigInt in item i is thrown at `[i].n`.
  for (const i of [0, 9, 10, 99, 100, 12345, 99999]) {
    const actions = new Array(i + 1).fill({ type: "cancel" });
    actions[i] = { type: "cancel", n: 1n };
    const at = (e) => e.code === "invalidType" && e.path === `[${i}].n`;
    assert.throws(() => p.evaluateManyCompact(actions, "2021-07-17T09:00:00Z"), at, `item ${i}`);
    if (i < 200) assert.throws(() => full.evaluateMany(actions.map((action) => ({ ...query, action }))), (e) => e.path === `[${i}].action.n`);
  }
  // A BigInt in the action is thrown with its path, as evaluate throws it; so is one as `now`.
  assert.throws(() => p.evaluate({ type: "cancel", n: 1n }, "2021-07-17T09:00:00Z"), (e) => e.code === "invalidType" && e.path === "action.n");
  assert.throws(() => p.evaluate({ type: "cancel" }, 1n), (e) => e.code === "invalidType" && e.path === "now");
  // Every kind of `now` answers as the same value walked (a short string or whole milliseconds
  // are taken without the walk; boxed, the same value is walked, as JSON.stringify unboxes it),
  // and a string as the one-shot request with that `now`: odd texts, a lone surrogate, 64 and 65
  // characters, a long string, -0, fractions, 2^53 and beyond, NaN, ±Infinity; both modules.
  const t = "2021-07-17T09:00:00Z";
  const texts = [t, "2021-07-17T09:00:00.5Z", "2021-07-17T09:00:00+02:00", "", "soon", "\ud800", `${t}\udc00`,
    t.padEnd(64, " "), t.padEnd(65, " "), "x".repeat(64), "é".repeat(64), "x".repeat(70000)];
  const numbers = [1626512400000, 1626512400001, 0, -0, -1, 1626512400000.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e300,
    NaN, Infinity, -Infinity];
  for (const engine of [validation, full]) {
    const q = engine.prepare(facts).result;
    const cancel = { type: "cancel" };
    for (const now of texts) {
      const label = `now ${JSON.stringify(now.slice(0, 70))}`;
      const answer = q.evaluate(cancel, now);
      assert.deepEqual(answer, q.evaluate(cancel, new String(now)), `${label}: walked`);
      assert.deepEqual(answer, engine.evaluate({ ...facts, action: cancel, now }), `${label}: one-shot`);
    }
    for (const now of numbers) {
      assert.deepEqual(q.evaluate(cancel, now), q.evaluate(cancel, new Number(now)), `now ${now}: walked`);
    }
    assert.deepEqual(q.evaluate(cancel, 1626512400000), q.evaluate(cancel, t), "whole milliseconds are that instant");
    q.free();
  }
  // A Date as `now` is its ISO text.
  assert.deepEqual(p.evaluate({ type: "cancel" }, new Date("2021-07-17T09:00:00Z")), p.evaluate({ type: "cancel" }, "2021-07-17T09:00:00Z"));
  // Bad facts: a failure answer at their paths; facts with `now` in them: unknown field.
  assert.equal(bad(validation.prepare({ ...facts, subscription: { id: 3 } })).code, "invalidType");
  assert.equal(bad(validation.prepare(query)).path, "now");
  assert.throws(() => validation.prepare(undefined), (e) => e.code === "invalidType");
  // Re-entered from a getter: the inner call answers, the outer one too, both as alone.
  const alone = p.evaluate({ type: "cancel" }, "2021-07-17T09:00:00Z");
  let inner;
  const sneaky = { get type() { inner = p.evaluate({ type: "cancel" }, "2021-07-17T09:00:00Z"); return "cancel"; } };
  assert.deepEqual(p.evaluate(sneaky, "2021-07-17T09:00:00Z"), alone);
  assert.deepEqual(inner, alone);
  // free() from a getter during a call is refused with an exception; the handle and module live.
  const freeing = { get type() { p.free(); return "cancel"; } };
  assert.throws(() => p.evaluate(freeing, "2021-07-17T09:00:00Z"));
  assert.deepEqual(validation.evaluate({ ...query, action: { type: "cancel" } }).type, "success");
  // A polluted Object.prototype changes no answer.
  Object.prototype.type = "failure";
  Object.prototype.result = "polluted";
  Object.prototype.now = "1999-01-01T00:00:00Z";
  try {
    const q = validation.prepare(facts);
    assert.equal(q.type, "success");
    assert.deepEqual(q.result.evaluate({ type: "cancel" }, "2021-07-17T09:00:00Z"), alone);
    q.result.free();
  } finally {
    delete Object.prototype.type;
    delete Object.prototype.result;
    delete Object.prototype.now;
  }
  // After free() a call throws (no trap: the module goes on answering).
  const r = validation.prepare(facts).result;
  r.free();
  assert.throws(() => r.evaluate({ type: "cancel" }, "2021-07-17T09:00:00Z"));
  assert.equal(validation.evaluate({ ...query, action: { type: "cancel" } }).type, "success");
}
console.log(`prepared: ${compared} fixture answers equal to evaluate (validation and full modules), ${compact} in short equal to their summaries, ${batched} answers of batches spanning many rebuilds equal to single calls, queries equal, edges held`);
