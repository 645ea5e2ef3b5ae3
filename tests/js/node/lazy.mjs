// Lazy decisions (`p.evaluateLazy`) and a single decision in short (`p.evaluateInShort`), full
// module:
//   - every fixture case, at its instant and at random instants around it, with `now` as text and
//     as epoch milliseconds: the lazy answer's JSON is `p.evaluate`'s byte for byte; its
//     `verdict` and `rules` are the full decision's; each field, read in a
//     random order, is the full decision's (and the same object when read again); a failure is
//     `evaluate`'s failure; `evaluateInShort` is the summary `evaluateManyCompact` gives;
//   - what the walk read is what is decided later: an action changed after the call, a getter
//     that answers differently at each read, a call re-entered from a getter;
//   - `free()` before the details are read (a CallError, the verdict still readable), a `Date`,
//     a polluted Object.prototype, and no `evaluateLazy` in the validation module;
//   - `p.availableActionsLazy(now)` at random instants of random fixture subscriptions: its JSON
//     is `p.availableActions`' byte for byte, each action's verdict and rules its decision's,
//     fields read in random orders; its edges.
// FUZZ_LAZY_RUNS=N for more random instants (default 400), FUZZ_LAZY_SEED=S to replay one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import fc from "fast-check";
import { fixtureRequests } from "./fixtures.mjs";
import * as validation from "subscription-rules";
import * as full from "subscription-rules/full";

const requests = fixtureRequests()
  .filter(({ request: r }) => r && typeof r === "object" && "now" in r && "action" in r && typeof r.now === "string")
  .map(({ label, request }) => [label, request]);
assert.ok(requests.length > 400, `${requests.length} fixture requests`);

const FIELDS = ["action", "verdict", "effectiveAt", "reasons", "alternative", "effects", "money", "deadlines", "evaluatedAt",
  "edition", "editionChoice", "policyFingerprint", "refundOptions", "cancellationAllowedUntilDate", "refundableQuantity"];
const rulesOf = (d) => d.reasons.map((r) => r.rule).filter((r, i, all) => all.indexOf(r) === i);
const summaryOf = (d) => ({
  verdict: d.verdict,
  ...(d.effectiveAt === undefined ? {} : { effectiveAt: d.effectiveAt }),
  rules: rulesOf(d),
  ...(d.alternative === undefined ? {} : { alternative: d.alternative.action.type }),
  money: d.money.map(({ kind, rule, amount, currency }) => ({ kind, rule, amount, currency })),
});
const errorsKey = (a) => a.errors.map((e) => JSON.stringify(e)).sort();

/** The lazy answer of `action` at `now` held against `p.evaluate`'s, its fields read in `order`. */
function check(p, action, now, order, label) {
  const eager = p.evaluate(action, now);
  const lazy = p.evaluateLazy(action, now);
  const short = p.evaluateInShort(action, now);
  assert.equal(lazy.type, eager.type, label);
  if (eager.type === "failure") {
    assert.deepEqual(errorsKey(lazy), errorsKey(eager), label);
    assert.deepEqual(errorsKey(short), errorsKey(eager), `${label}: in short`);
    return false;
  }
  const d = lazy.result;
  assert.deepEqual(short.result, summaryOf(eager.result), `${label}: in short`);
  // What comes with it: no decision again.
  assert.equal(d.verdict, eager.result.verdict, `${label}: verdict`);
  assert.deepEqual(d.rules, rulesOf(eager.result), `${label}: rules`);
  ruleCounts.add(d.rules.length);
  for (const field of order) {
    const value = d[field];
    assert.deepEqual(value, eager.result[field], `${label}: ${field}`);
    if (value !== null && typeof value === "object") assert.equal(d[field], value, `${label}: ${field} read twice`);
  }
  assert.equal(JSON.stringify(d), JSON.stringify(eager.result), `${label}: JSON`);
  assert.equal(JSON.stringify(lazy), JSON.stringify(eager), `${label}: the answer's JSON`);
  assert.deepEqual(d.toJSON(), eager.result, `${label}: toJSON`);
  return true;
}

// Every fixture case at its own instant, both kinds of `now`, the fields in the decision's order.
// The verdict and rules come as one number for up to 7 rules, as a summary for more: the
// fixtures have both (and every verdict).
const ruleCounts = new Set();
let compared = 0;
const prepared = [];
for (const [label, request] of requests) {
  const { now, action, ...facts } = request;
  const answer = full.prepare(facts);
  if (answer.type === "failure") continue;
  const p = answer.result;
  if (check(p, action, now, FIELDS, label)) compared++;
  const ms = Date.parse(now);
  if (Number.isInteger(ms)) check(p, action, ms, [...FIELDS].reverse(), `${label}: now in ms`);
  prepared.push({ label, p, action, ms, request });
}
assert.ok(compared > 350, `${compared} compared`);
assert.ok(ruleCounts.has(7) && ruleCounts.has(8), `decisions of ${[...ruleCounts].sort()} rules`);

// Random cases at random instants (a second to three years from the case's), fields in a random
// order, some read and some not.
const runs = Number(process.env.FUZZ_LAZY_RUNS ?? 400);
const seed = process.env.FUZZ_LAZY_SEED === undefined ? undefined : Number(process.env.FUZZ_LAZY_SEED);
const usable = prepared.filter(({ ms }) => Number.isInteger(ms));
/** `check(case, now, order, label)` at random instants of random `cases`, `now` as text or ms. */
function atRandomInstants(cases, numRuns, check) {
  fc.assert(
    fc.property(
      fc.nat(cases.length - 1),
      fc.integer({ min: -86_400 * 400, max: 86_400 * 1100 }),
      fc.shuffledSubarray(FIELDS),
      fc.boolean(),
      (i, seconds, order, asText) => {
        const at = cases[i].ms + seconds * 1000;
        check(cases[i], asText ? new Date(at).toISOString() : at, order, `${cases[i].label} at ${new Date(at).toISOString()}`);
      },
    ),
    { numRuns, seed },
  );
}
atRandomInstants(usable, runs, ({ p, action }, now, order, label) => check(p, action, now, order, label));

// The available actions, lazily: at random instants of random fixture subscriptions, the list's
// JSON is `p.availableActions`' byte for byte; each action's verdict and rules are its decision's,
// and its fields, read in a random order, too.
function checkList(p, now, order, label) {
  const eager = p.availableActions(now);
  const lazy = p.availableActionsLazy(now);
  assert.equal(lazy.type, eager.type, label);
  if (eager.type === "failure") {
    assert.deepEqual(lazy, eager, label);
    return 0;
  }
  assert.equal(lazy.result.subscriptionId, eager.result.subscriptionId);
  assert.equal(lazy.result.actions.length, eager.result.actions.length, label);
  lazy.result.actions.forEach(({ action, decision }, i) => {
    const want = eager.result.actions[i];
    assert.deepEqual(action, want.action, `${label}: action ${i}`);
    assert.equal(decision.verdict, want.decision.verdict, `${label}: action ${i} verdict`);
    assert.deepEqual(decision.rules, rulesOf(want.decision), `${label}: action ${i} rules`);
    // Every other one read field by field first; all as JSON.
    if (i % 2 === 0) for (const field of order) assert.deepEqual(decision[field], want.decision[field], `${label}: action ${i} ${field}`);
  });
  assert.equal(JSON.stringify(lazy), JSON.stringify(eager), `${label}: JSON`);
  return eager.result.actions.length;
}
let listed = 0;
const withSubscription = usable.filter(({ p }) => p.availableActions(0).type === "success" || p.availableActions(0).errors[0].path !== "subscription");
atRandomInstants(withSubscription, Math.ceil(runs / 2), ({ p }, now, order, label) => {
  listed += checkList(p, now, order, `${label}: availableActionsLazy`);
});
assert.ok(listed > 1000, `${listed} available actions compared`);

const query = JSON.parse(readFileSync(new URL("../../../examples/requests/nce-query.json", import.meta.url), "utf8"));
const { now: _, ...facts } = query;
const t = "2021-07-17T09:00:00Z";

// What the walk read is decided, whatever the action holds later.
{
  const p = full.prepare(facts).result;
  const action = { type: "changeQuantity", quantity: 12 };
  const lazy = p.evaluateLazy(action, t).result;
  action.quantity = 1;
  action.type = "cancel";
  assert.deepEqual(lazy.toJSON(), p.evaluate({ type: "changeQuantity", quantity: 12 }, t).result, "changed after the call");
  // A getter that answers differently at each read: the walk reads it once, and the decision
  // made later is that read's (its summary is the one given at once).
  let reads = 0;
  const shifty = { type: "changeQuantity", get quantity() { reads++; return reads * 7; } };
  const d = p.evaluateLazy(shifty, t).result;
  const [verdict, rules] = [d.verdict, d.rules];
  assert.equal(reads, 1);
  assert.deepEqual(summaryOf(d.toJSON()).rules, rules);
  assert.equal(d.toJSON().verdict, verdict);
  assert.equal(reads, 1, "the action is not read again");
  assert.deepEqual(d.toJSON(), p.evaluate({ type: "changeQuantity", quantity: 7 }, t).result);
  // Re-entered from a getter: the inner lazy decision, read in the getter, and the outer one,
  // both as alone.
  const alone = p.evaluate({ type: "cancel" }, t).result;
  let inner;
  const sneaky = {
    get type() {
      const nested = p.evaluateLazy({ type: "suspend", reason: "fraud" }, t).result;
      inner = [nested.reasons, nested];
      return "cancel";
    },
  };
  const outer = p.evaluateLazy(sneaky, t).result;
  assert.deepEqual(outer.toJSON(), alone);
  assert.deepEqual(inner[0], p.evaluate({ type: "suspend", reason: "fraud" }, t).result.reasons);
  assert.deepEqual(inner[1].toJSON(), p.evaluate({ type: "suspend", reason: "fraud" }, t).result);
  // Read inside another call's walk: a lazy decision made before it.
  const before = p.evaluateLazy({ type: "cancel" }, t).result;
  let seen;
  const reading = { get type() { seen = before.effects; return "pause"; } };
  assert.deepEqual(p.evaluateLazy(reading, t).result.toJSON(), p.evaluate({ type: "pause" }, t).result);
  assert.deepEqual(seen, alone.effects);
  // A Date as `now`: decided in full at once, the same answer.
  const dated = p.evaluateLazy({ type: "cancel" }, new Date(t));
  assert.equal(JSON.stringify(dated), JSON.stringify(p.evaluate({ type: "cancel" }, t)));
  assert.deepEqual(dated.result.rules, rulesOf(alone));
  // Bad calls: `evaluate`'s failure answers and exceptions.
  for (const [action, now] of [[{ type: "cancel" }, "soon"], [{ type: "cancel" }, undefined], [{ type: "nope" }, t], [{ type: "cancel" }, 1.5], [{ type: "scheduleChange" }, t], [undefined, t], [null, t]]) {
    assert.deepEqual(p.evaluateLazy(action, now), p.evaluate(action, now), JSON.stringify([action, now]));
  }
  // Every kind of `now` (walked by the boundary for a lazy call, read as `evaluate` reads it):
  // odd texts, a lone surrogate, 64 and 65 characters, a long string, odd numbers.
  for (const now of [`${t}`, "2021-07-17T09:00:00.5Z", "2021-07-17T09:00:00+02:00", "", "\ud800", `${t}\udc00`, t.padEnd(64, " "),
    t.padEnd(65, " "), "é".repeat(64), "x".repeat(70000), 1626512400000, 1626512400000.5, 0, -0, -1, 2 ** 53, 1e300, NaN, Infinity, -Infinity]) {
    const label = `now ${String(now).slice(0, 40)}`;
    const [lazy, eager] = [p.evaluateLazy({ type: "cancel" }, now), p.evaluate({ type: "cancel" }, now)];
    assert.equal(JSON.stringify(lazy), JSON.stringify(eager), label);
    if (eager.type === "success") assert.equal(lazy.result.verdict, eager.result.verdict, label);
  }
  // What the walk throws is thrown as `evaluate` throws it, with its path.
  const throwing = { type: "cancel", get boom() { throw new Error("no"); } };
  const caught = (f) => { try { f(); } catch (e) { return [e.name, e.code, e.path, e.message]; } return "no throw"; };
  assert.deepEqual(caught(() => p.evaluateLazy(throwing, t)), caught(() => p.evaluate(throwing, t)));
  assert.deepEqual(caught(() => p.evaluateLazy({ type: "cancel", deep: { n: 2n } }, t)), caught(() => p.evaluate({ type: "cancel", deep: { n: 2n } }, t)));
  assert.throws(() => p.evaluateLazy({ type: "cancel", n: 1n }, t), (e) => full.isCallError(e) && e.path === "action.n");
  // Node's inspect shows the decision.
  assert.match(inspect(p.evaluateLazy({ type: "cancel" }, t).result), /policyFingerprint/);
  // free() before the details are read: what came with the decision stays, the rest throws a
  // CallError (and the module goes on answering); details read before it stay readable.
  const read = p.evaluateLazy({ type: "cancel" }, t).result;
  const effects = read.effects;
  const unread = p.evaluateLazy({ type: "cancel" }, t).result;
  p.free();
  assert.equal(unread.verdict, alone.verdict);
  assert.deepEqual(unread.rules, rulesOf(alone));
  assert.throws(() => unread.reasons, (e) => full.isCallError(e) && e.code === "invalidValue");
  assert.throws(() => JSON.stringify(unread), (e) => full.isCallError(e));
  assert.match(inspect(unread), new RegExp(alone.verdict));
  assert.equal(read.effects, effects);
  assert.deepEqual(read.toJSON(), alone);
  assert.equal(full.evaluate({ ...query, action: { type: "cancel" }, now: t }).type, "success");
}

// The lazy list's edges: nce-query's instants, a Date, a bad `now`, facts without a subscription,
// free() before a decision is read.
{
  const p = full.prepare(facts).result;
  for (const now of ["2021-07-15T08:00:00Z", "2021-07-17T09:00:00Z", "2021-07-22T07:59:59Z", "2021-07-22T08:00:00Z", "2022-07-15T08:00:00Z"]) {
    checkList(p, now, FIELDS, `nce-query at ${now}`);
    checkList(p, Date.parse(now), [...FIELDS].reverse(), `nce-query at ${now} (ms)`);
  }
  const dated = p.availableActionsLazy(new Date(t));
  assert.equal(JSON.stringify(dated), JSON.stringify(p.availableActions(t)));
  assert.deepEqual(dated.result.actions[0].decision.rules, rulesOf(p.availableActions(t).result.actions[0].decision));
  for (const now of ["soon", undefined, 1.5, {}]) assert.deepEqual(p.availableActionsLazy(now), p.availableActions(now), String(now));
  const bare = full.prepare({ actor: facts.actor }).result;
  assert.deepEqual(bare.availableActionsLazy(t), bare.availableActions(t));
  bare.free();
  const list = p.availableActionsLazy(t).result.actions;
  const eager = p.availableActions(t).result.actions;
  const first = list[0].decision.reasons;
  p.free();
  assert.equal(list[0].decision.reasons, first);
  assert.equal(list[1].decision.verdict, eager[1].decision.verdict);
  assert.deepEqual(list[1].decision.rules, rulesOf(eager[1].decision));
  assert.throws(() => list[1].decision.effects, (e) => full.isCallError(e) && e.code === "invalidValue");
}

// A polluted Object.prototype changes no lazy answer (a `toJSON` there would be called on the
// action, as JSON.stringify calls it, by `evaluate` too: not polluted here).
{
  const p = full.prepare(facts).result;
  const alone = JSON.stringify(p.evaluate({ type: "cancel" }, t));
  const polluted = ["type", "result", "verdict", "rules", "reasons", "action", "actions", "decision", "subscriptionId",
    "evaluateWalked", "evaluateVerdict", "evaluateInShort", "actionVerdicts", "availableDecision", "__wbg_ptr", "0", "1"];
  const trap = (key) => ({ get() { throw new Error(`read ${key}`); }, set() { throw new Error(`set ${key}`); }, configurable: true });
  for (const key of polluted) Object.defineProperty(Object.prototype, key, trap(key));
  for (const key of ["0", "1", "2"]) Object.defineProperty(Array.prototype, key, trap(key));
  let got;
  try {
    const answer = p.evaluateLazy({ type: "cancel" }, t);
    got = [answer.type, answer.result.verdict, answer.result.rules.join(), answer.result.toJSON()];
    const list = p.availableActionsLazy(t);
    got.push(list.type, list.result.actions.map((a) => [a.action.type, a.decision.verdict, a.decision.rules.join(), a.decision.toJSON()]));
  } finally {
    for (const key of polluted) delete Object.prototype[key];
    for (const key of ["0", "1", "2"]) delete Array.prototype[key];
  }
  assert.equal(JSON.stringify({ type: got[0], result: got[3] }), alone);
  assert.equal(got[1], JSON.parse(alone).result.verdict);
  assert.equal(got[2], rulesOf(JSON.parse(alone).result).join());
  const list = p.availableActions(t).result.actions;
  assert.equal(got[4], "success");
  assert.deepEqual(got[5], list.map((a) => [a.action.type, a.decision.verdict, rulesOf(a.decision).join(), a.decision]));
  p.free();
}

// One-shot `evaluateLazy(request)`: every fixture request (the bad ones too) and random instants
// of them, held against `evaluate` as `check` holds a prepared one.
function checkOneShot(request, order, label) {
  const eager = full.evaluate(request);
  const lazy = full.evaluateLazy(request);
  assert.equal(lazy.type, eager.type, label);
  if (eager.type === "failure") {
    assert.equal(JSON.stringify(lazy), JSON.stringify(eager), label);
    return false;
  }
  const d = lazy.result;
  assert.equal(d.verdict, eager.result.verdict, `${label}: verdict`);
  assert.deepEqual(d.rules, rulesOf(eager.result), `${label}: rules`);
  for (const field of order) {
    const value = d[field];
    assert.deepEqual(value, eager.result[field], `${label}: ${field}`);
    if (value !== null && typeof value === "object") assert.equal(d[field], value, `${label}: ${field} read twice`);
  }
  assert.equal(JSON.stringify(lazy), JSON.stringify(eager), `${label}: the answer's JSON`);
  return true;
}
let oneShots = 0;
let oneShotFailures = 0;
for (const { label, request } of fixtureRequests()) {
  let thrown;
  try {
    full.evaluate(request);
  } catch (e) {
    thrown = e;
  }
  if (thrown !== undefined) {
    assert.throws(() => full.evaluateLazy(request), (e) => e.name === thrown.name && e.code === thrown.code && e.path === thrown.path && e.message === thrown.message, label);
    continue;
  }
  if (checkOneShot(request, FIELDS, `${label}: one-shot`)) oneShots++;
  else oneShotFailures++;
}
assert.ok(oneShots > 350 && oneShotFailures > 20, `${oneShots} one-shot lazy decisions, ${oneShotFailures} failures`);
atRandomInstants(usable, Math.ceil(runs / 2), ({ label, request }, now, order) => {
  checkOneShot({ ...request, now: typeof now === "string" ? now : new Date(now).toISOString() }, order, `${label} one-shot at ${now}`);
});
// Its edges: the request changed after the call, a getter read once, a call re-entered from a
// getter (its errors' paths its own), what the walk throws, odd arguments, a polluted
// Object.prototype.
{
  const request = { ...query, action: { type: "changeQuantity", quantity: 12 }, now: t };
  const want = JSON.stringify(full.evaluate(request));
  const lazy = full.evaluateLazy(request);
  request.action.quantity = 1;
  request.now = "2030-01-01T00:00:00Z";
  assert.equal(JSON.stringify(lazy), want, "one-shot: changed after the call");
  let reads = 0;
  const shifty = { ...query, now: t, action: { type: "changeQuantity", get quantity() { reads++; return reads * 7; } } };
  const d = full.evaluateLazy(shifty).result;
  assert.equal(reads, 1);
  assert.deepEqual(d.toJSON(), full.evaluate({ ...query, now: t, action: { type: "changeQuantity", quantity: 7 } }).result);
  assert.equal(reads, 1, "one-shot: the request is not read again");
  // Re-entered from a getter of a prepared lazy call's action: the inner one-shot call's walk
  // names its own paths (not the outer call's `action`).
  const p = full.prepare(facts).result;
  let inner;
  const sneaky = {
    get type() {
      inner = [full.evaluateLazy({ ...query, now: t, action: { type: "cancel" } }), full.evaluateLazy({ ...query, now: "soon", action: { type: "cancel" } })];
      try {
        full.evaluateLazy({ ...query, now: t, action: { type: "cancel", n: 1n } });
      } catch (e) {
        inner.push(e.path);
      }
      return "cancel";
    },
  };
  assert.equal(JSON.stringify(p.evaluateLazy(sneaky, t)), JSON.stringify(p.evaluate({ type: "cancel" }, t)));
  assert.equal(JSON.stringify(inner[0]), JSON.stringify(full.evaluate({ ...query, now: t, action: { type: "cancel" } })));
  assert.equal(JSON.stringify(inner[1]), JSON.stringify(full.evaluate({ ...query, now: "soon", action: { type: "cancel" } })));
  assert.equal(inner[2], "action.n", "a walk within another's names its own path");
  p.free();
  const caught = (f) => { try { f(); } catch (e) { return [e.name, e.code, e.path, e.message]; } return "no throw"; };
  for (const odd of [undefined, null, 1, "x", [], () => 1, { ...query, now: t, action: { type: "cancel", get boom() { throw new Error("no"); } } },
    { ...query, now: t, action: { type: "cancel", n: 2n } }, { ...query, now: new Date(t), action: { type: "cancel" } }, { now: t, action: "x".repeat(70000) }]) {
    const [a, b] = [caught(() => full.evaluateLazy(odd)), caught(() => full.evaluate(odd))];
    assert.deepEqual(a, b, String(odd));
    if (a === "no throw") assert.equal(JSON.stringify(full.evaluateLazy(odd)), JSON.stringify(full.evaluate(odd)), String(odd));
  }
  const alone = JSON.stringify(full.evaluate({ ...query, now: t, action: { type: "cancel" } }));
  const keys = ["type", "result", "verdict", "rules", "reasons", "evaluateWalked", "__wbg_ptr", "0", "1"];
  for (const key of keys) Object.defineProperty(Object.prototype, key, { get() { throw new Error(`read ${key}`); }, set() { throw new Error(`set ${key}`); }, configurable: true });
  let got;
  try {
    const answer = full.evaluateLazy({ ...query, now: t, action: { type: "cancel" } });
    got = [answer.type, answer.result.verdict, answer.result.rules.join(), answer.result.toJSON()];
  } finally {
    for (const key of keys) delete Object.prototype[key];
  }
  assert.equal(JSON.stringify({ type: got[0], result: got[3] }), alone);
  assert.equal(got[2], rulesOf(JSON.parse(alone).result).join());
}

// A prepared batch, lazily (`p.evaluateManyLazy`): each fixture subscription's action with bad
// ones between, at its instant (text and ms) and at random instants, held against
// `p.evaluateMany`: the JSON byte for byte, each decision's verdict and rules, fields read in
// random orders.
const BAD_ACTIONS = [{ type: "nope" }, null, 7, { type: "scheduleChange" }, { type: "cancel", deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] }];
function checkBatch(p, actions, now, order, label) {
  const eager = p.evaluateMany(actions, now);
  const lazy = p.evaluateManyLazy(actions, now);
  assert.equal(lazy.type, eager.type, label);
  if (eager.type === "success") {
    assert.equal(lazy.result.length, eager.result.length, label);
    lazy.result.forEach((item, i) => {
      const want = eager.result[i];
      assert.equal(item.type, want.type, `${label}: item ${i}`);
      if (want.type !== "success") return;
      assert.equal(item.result.verdict, want.result.verdict, `${label}: item ${i} verdict`);
      assert.deepEqual(item.result.rules, rulesOf(want.result), `${label}: item ${i} rules`);
      if (i % 2 === 0) for (const field of order) assert.deepEqual(item.result[field], want.result[field], `${label}: item ${i} ${field}`);
    });
  }
  assert.equal(JSON.stringify(lazy), JSON.stringify(eager), `${label}: JSON`);
  return eager.type === "success" ? eager.result.length : 0;
}
let batched = 0;
for (const { label, p, action, ms, request } of prepared) {
  const actions = [action, BAD_ACTIONS[batched % BAD_ACTIONS.length], { type: "cancel" }, action];
  batched += checkBatch(p, actions, request.now, FIELDS, `${label}: batch`);
  if (Number.isInteger(ms)) batched += checkBatch(p, actions, ms, [...FIELDS].reverse(), `${label}: batch, now in ms`);
}
assert.ok(batched > 2000, `${batched} batch items compared`);
atRandomInstants(usable, Math.ceil(runs / 4), ({ p, action }, now, order, label) => {
  checkBatch(p, [action, { type: "pause" }, BAD_ACTIONS[0], { type: "suspend", reason: "fraud" }, action], now, order, `${label}: batch`);
});
// Its edges: the whole call's failures and exceptions as `p.evaluateMany`'s, a Date, an action
// changed after the call, a getter, free() before the details, a polluted Object.prototype.
{
  const p = full.prepare(facts).result;
  const caught = (f) => { try { return JSON.stringify(f()); } catch (e) { return [e.name, e.code, e.path, e.message]; } };
  const throwing = { type: "cancel", get boom() { throw new Error("no"); } };
  const longLength = new Proxy([], { get: (target, key) => (key === "length" ? 5.5 : key === "2" ? { type: "pause" } : target[key]) });
  const throwingLength = new Proxy([], { get: (target, key) => { if (key === "length") throw new Error("length"); return target[key]; } });
  for (const [actions, now] of [[[{ type: "cancel" }], "soon"], [[{ type: "cancel" }], undefined], [{ 0: { type: "cancel" }, length: 1 }, t], ["cancel", t],
    [undefined, t], [[], t], [[{ type: "cancel" }, throwing, { type: "pause" }], t], [[{ type: "cancel", n: 1n }], t], [new Array(100_001).fill({ type: "cancel" }), t],
    [[{ type: "cancel" }], new Date(t)], [[{ type: "cancel" }], 1.5], [[{ type: "cancel" }], "x".repeat(70000)], [longLength, t], [throwingLength, t]]) {
    assert.deepEqual(caught(() => p.evaluateManyLazy(actions, now)), caught(() => p.evaluateMany(actions, now)), `${Array.isArray(actions) ? "an array" : typeof actions} at ${String(now).slice(0, 30)}`);
  }
  const dated = p.evaluateManyLazy([{ type: "cancel" }], new Date(t)).result[0].result;
  assert.deepEqual(dated.rules, rulesOf(p.evaluate({ type: "cancel" }, t).result));
  const actions = [{ type: "changeQuantity", quantity: 12 }, { type: "cancel" }];
  const lazy = p.evaluateManyLazy(actions, t).result;
  actions[0].quantity = 1;
  actions[1] = { type: "pause" };
  assert.deepEqual(lazy[0].result.toJSON(), p.evaluate({ type: "changeQuantity", quantity: 12 }, t).result, "batch: changed after the call");
  assert.deepEqual(lazy[1].result.toJSON(), p.evaluate({ type: "cancel" }, t).result, "batch: replaced after the call");
  let reads = 0;
  const shifty = [{ type: "changeQuantity", get quantity() { reads++; return reads * 7; } }];
  const d = p.evaluateManyLazy(shifty, t).result[0].result;
  assert.deepEqual(d.toJSON(), p.evaluate({ type: "changeQuantity", quantity: 7 }, t).result);
  assert.equal(reads, 1, "batch: an action is not read again");
  const unread = p.evaluateManyLazy([{ type: "cancel" }], t).result[0].result;
  const alone = JSON.stringify(p.evaluate({ type: "cancel" }, t));
  const keys = ["type", "result", "verdict", "rules", "reasons", "evaluateWalked", "evaluateVerdicts", "__wbg_ptr", "0", "1"];
  for (const key of keys) Object.defineProperty(Object.prototype, key, { get() { throw new Error(`read ${key}`); }, set() { throw new Error(`set ${key}`); }, configurable: true });
  for (const key of ["0", "1", "2"]) Object.defineProperty(Array.prototype, key, { get() { throw new Error(`read ${key}`); }, set() { throw new Error(`set ${key}`); }, configurable: true });
  let got;
  try {
    const answer = p.evaluateManyLazy([{ type: "cancel" }, { type: "cancel" }, { type: "nope" }], t);
    const items = answer.result;
    got = [answer.type, items.length, items.at(0).type, items.at(0).result.verdict, items.at(1).result.toJSON(), items.at(2).type];
  } finally {
    for (const key of keys) delete Object.prototype[key];
    for (const key of ["0", "1", "2"]) delete Array.prototype[key];
  }
  assert.deepEqual(got.slice(0, 4), ["success", 3, "success", JSON.parse(alone).result.verdict]);
  assert.equal(JSON.stringify(got[4]), JSON.stringify(JSON.parse(alone).result));
  assert.equal(got[5], "failure");
  p.free();
  assert.equal(unread.verdict, JSON.parse(alone).result.verdict);
  assert.throws(() => unread.reasons, (e) => full.isCallError(e) && e.code === "invalidValue");
}

assert.equal(typeof validation.evaluateLazy, "undefined", "one-shot evaluateLazy only in the full module");
assert.equal(typeof validation.prepare(facts).result.evaluateManyLazy, "undefined", "evaluateManyLazy only in the full module");
assert.equal(typeof validation.prepare(facts).result.evaluateLazy, "undefined", "evaluateLazy only in the full module");
assert.equal(typeof validation.prepare(facts).result.evaluateInShort, "undefined", "evaluateInShort only in the full module");
assert.equal(typeof validation.prepare(facts).result.availableActionsLazy, "undefined", "availableActionsLazy only in the full module");
for (const { p } of prepared) p.free();
console.log(`lazy: ${compared} fixture decisions (and ${runs} at random instants, fields in random orders) equal to p.evaluate's, JSON byte for byte; in short equal to their summaries; ${listed} available actions of lazy lists equal to availableActions'; ${oneShots} one-shot lazy decisions and ${oneShotFailures} failures equal to evaluate's; ${batched} items of lazy batches equal to p.evaluateMany's; edges held`);
