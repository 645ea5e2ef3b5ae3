// The same rule in three engines, and the inputs on which they must agree.
//
// The rule (POLICY.md CANC-1, CANC-2, CANC-3, CANC-8; marketplace licence subscriptions):
//   cancelling within 24 h of the order (billed monthly) or within 14 days of it (billed
//   annually) gives full credit, cancelled now; later, the cancellation is scheduled at renewal
//   with no credit; a `deleted` subscription cannot be cancelled again (denied).
// The windows apply to every live status: POLICY.md names no status but `deleted` (and says
// `pending` follows CANC-1/2), and the engine decides a `suspended` one inside its window with
// full credit too; the rules below say exactly that. (The one-line summary said
// "active"; the agreement check found the engine disagreeing with that reading on `suspended`,
// and POLICY.md is the reference.)
// Windows are half-open (README: "within 24 hours of X" means now < X + 24 h).
//
// - subscription-rules gets the whole request (a JS object, as a page has it) and answers a full
//   decision (reasons, effects, money, deadlines, fingerprint); "full credit" is read off it.
// - json-rules-engine and cedar-wasm get the facts the rule needs: status, billing frequency and
//   the time since the order, derived from the same request in JS for each decision (that is part
//   of each timed call). The time is in whole seconds, not hours: Cedar has integers only (its
//   decimal extension has 4 places, too coarse for "1 s before 24 h"), and both peers use the
//   same unit so that the boundaries are exact in each.

import { createRequire } from "node:module";
import { Engine } from "json-rules-engine";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { MONTHLY_SECONDS, ANNUAL_SECONDS, request, AGREEMENT_INPUTS } from "./requests.mjs";

const require = createRequire(import.meta.url);
/** The built package's Node build (CommonJS), loaded from ../pkg (scripts/bench builds it). */
export const sr = require("../../pkg/node/subscription_rules.js");
/** The full module's Node build (`subscription-rules/full`: opt-level 2, built for speed). */
export const srFull = require("../../pkg/full/node/subscription_rules.js");

// The requests and the agreement inputs live in requests.mjs (compare.mjs uses them too).
export { MONTHLY_SECONDS, ANNUAL_SECONDS, request, AGREEMENT_INPUTS };

/** The facts the peer engines decide on, derived from a request (part of each timed call). */
export function facts(req) {
  const s = req.subscription;
  return {
    status: s.status,
    billingFrequency: s.billingFrequency,
    secondsSinceOrder: Math.floor((Date.parse(req.now) - Date.parse(s.orderedAt)) / 1000),
  };
}

// ---------------------------------------------------------------- subscription-rules

/**
 * Each engine's answer read as one of the rule's three outcomes: "fullCredit", "scheduled" or
 * "denied", with the rule IDs that decided it (for the report).
 */
export function ourOutcome(answer) {
  if (answer.type !== "success") throw new Error(`subscription-rules failed: ${JSON.stringify(answer)}`);
  const d = answer.result;
  const ids = d.reasons.map((r) => r.rule).join(",");
  const credit = d.money.some((m) => m.kind === "credit" && (m.rule === "CANC-1" || m.rule === "CANC-2"));
  if (d.verdict === "allowedNow" && credit) return { outcome: "fullCredit", detail: ids };
  if (d.verdict === "scheduled" && d.money.length === 0) return { outcome: "scheduled", detail: ids };
  if (d.verdict === "denied") return { outcome: "denied", detail: ids };
  return { outcome: `unexpected ${d.verdict}`, detail: ids };
}

export const ours = {
  name: "subscription-rules (wasm, JS object in, full decision out)",
  decide: (req) => sr.evaluate(req),
  outcome: ourOutcome,
};

/** The same in the full module (`subscription-rules/full`, built for speed at 18 KB more). */
export const oursFull = {
  name: "subscription-rules full module (the same, `subscription-rules/full`)",
  decide: (req) => srFull.evaluate(req),
  outcome: ourOutcome,
};

/**
 * The prepared path: each distinct subscription's facts read once (`prepare`, before timing, as
 * a page does when it loads its data), then `p.evaluate(action, now)` per decision: the full
 * decision out, as above. The peers' prepared paths are the policy set parsed once (cedar) and
 * the engine built once (json-rules-engine), which their rows below already are.
 */
function preparedIn(lib, name, call = (p, action, now) => p.evaluate(action, now), outcome = ourOutcome) {
  const prepared = new Map();
  // Each request's prepared subscription, action and instant, found at its first call: a later
  // call is one WeakMap lookup and the call itself, as a page holding its prepared subscriptions
  // calls them. (Until 2026-12-05 each call split the request and looked the subscription up by
  // a key it built: about 0.4 µs of harness in every prepared row.)
  const calls = new WeakMap();
  return {
    name,
    decide: (req) => {
      let c = calls.get(req);
      if (c === undefined) {
        const { now, action, ...facts } = req;
        const key = `${facts.subscription.status} ${facts.subscription.billingFrequency}`;
        let p = prepared.get(key);
        if (p === undefined) {
          const answer = lib.prepare(facts);
          if (answer.type !== "success") throw new Error(JSON.stringify(answer.errors));
          p = answer.result;
          prepared.set(key, p);
        }
        c = { p, action, now };
        calls.set(req, c);
      }
      return call(c.p, c.action, c.now);
    },
    outcome,
  };
}
/** The outcome of a lazy decision (`p.evaluateLazy`): its verdict and rule IDs as they come,
 * its money (made at that read) for the outcome. */
export function ourLazyOutcome(answer) {
  if (answer.type !== "success") throw new Error(`subscription-rules failed: ${JSON.stringify(answer)}`);
  const d = answer.result;
  const ids = d.rules.join(",");
  const { outcome } = ourOutcome(answer);
  return { outcome, detail: ids };
}

export const oursPrepared = preparedIn(sr, "subscription-rules prepared (prepare once, p.evaluate(action, now), full decision out)");
export const oursPreparedFull = preparedIn(srFull, "subscription-rules full module prepared (the same, `subscription-rules/full`)");
/**
 * The lazy path (full module): `p.evaluateLazy(action, now)`, its verdict and rule IDs read (what
 * comes with it); and the same with every field read after them (`toJSON()`: the decision made
 * again in full, as the first read of any other field makes it).
 */
function lazyRead(p, action, now, all) {
  const answer = p.evaluateLazy(action, now);
  if (answer.type === "success") {
    if (answer.result.verdict.length + answer.result.rules.length === 0) throw new Error("no verdict");
    if (all) answer.result.toJSON();
  }
  return answer;
}
export const oursLazyFull = preparedIn(
  srFull,
  "subscription-rules full module lazy (p.evaluateLazy(action, now), verdict and rule IDs read)",
  (p, action, now) => lazyRead(p, action, now, false),
  ourLazyOutcome,
);
/** One-shot and lazy (full module): `evaluateLazy(request)`, its verdict and rule IDs read. */
export const oursOneShotLazy = {
  name: "subscription-rules full module one-shot lazy (evaluateLazy(request), verdict and rule IDs read)",
  decide: (req) => {
    const answer = srFull.evaluateLazy(req);
    if (answer.type === "success" && answer.result.verdict.length + answer.result.rules.length === 0) throw new Error("no verdict");
    return answer;
  },
  outcome: ourLazyOutcome,
};
export const oursLazyFullAll = preparedIn(
  srFull,
  "subscription-rules full module lazy, every field read (the same, then toJSON())",
  (p, action, now) => lazyRead(p, action, now, true),
  ourLazyOutcome,
);

// ---------------------------------------------------------------- json-rules-engine

const jreRules = [
  {
    name: "CANC-8",
    priority: 10,
    conditions: { all: [{ fact: "status", operator: "equal", value: "deleted" }] },
    event: { type: "denied", params: { rule: "CANC-8" } },
  },
  {
    name: "CANC-1",
    conditions: {
      all: [
        { fact: "status", operator: "notEqual", value: "deleted" },
        { fact: "billingFrequency", operator: "equal", value: "monthly" },
        { fact: "secondsSinceOrder", operator: "lessThan", value: MONTHLY_SECONDS },
      ],
    },
    event: { type: "fullCredit", params: { rule: "CANC-1" } },
  },
  {
    name: "CANC-2",
    conditions: {
      all: [
        { fact: "status", operator: "notEqual", value: "deleted" },
        { fact: "billingFrequency", operator: "equal", value: "annual" },
        { fact: "secondsSinceOrder", operator: "lessThan", value: ANNUAL_SECONDS },
      ],
    },
    event: { type: "fullCredit", params: { rule: "CANC-2" } },
  },
];

export function makeJre() {
  const engine = new Engine(jreRules, { allowUndefinedFacts: false });
  return engine;
}

export const jre = (() => {
  const engine = makeJre();
  return {
    name: "json-rules-engine 7.3.1 (facts + 2 rules, events)",
    decide: (req) => engine.run(facts(req)),
    async: true,
    outcome: (res) => {
      const ids = res.events.map((e) => e.params.rule).join(",");
      if (res.events.some((e) => e.type === "denied")) return { outcome: "denied", detail: ids };
      if (res.events.some((e) => e.type === "fullCredit")) return { outcome: "fullCredit", detail: ids };
      return { outcome: "scheduled", detail: "no event" };
    },
  };
})();

// ---------------------------------------------------------------- cedar-wasm

/** One policy per rule, keyed by its ID (Cedar reports the IDs of the policies that decided). */
export const CEDAR_POLICIES = {
  "CANC-1": `permit (principal, action == Action::"cancel", resource)
    when { context.billingFrequency == "monthly" && context.secondsSinceOrder < ${MONTHLY_SECONDS} };`,
  "CANC-2": `permit (principal, action == Action::"cancel", resource)
    when { context.billingFrequency == "annual" && context.secondsSinceOrder < ${ANNUAL_SECONDS} };`,
  "CANC-8": `forbid (principal, action == Action::"cancel", resource)
    when { context.status == "deleted" };`,
};

const PSET_ID = "marketplace-cancel";
const pre = cedar.preparsePolicySet(PSET_ID, { staticPolicies: CEDAR_POLICIES });
if (pre.type !== "success") throw new Error(`cedar preparse: ${JSON.stringify(pre)}`);

function cedarCall(req) {
  return {
    principal: { type: "Partner", id: "adminAgent" },
    action: { type: "Action", id: "cancel" },
    resource: { type: "Subscription", id: req.subscription.id },
    context: facts(req),
    entities: [],
  };
}

function cedarOutcome(res) {
  if (res.type !== "success") throw new Error(`cedar failed: ${JSON.stringify(res)}`);
  const ids = res.response.diagnostics.reason;
  if (res.response.decision === "allow") return { outcome: "fullCredit", detail: `permit ${ids.join(",")}` };
  // A deny names the forbid policies that decided it; none: no permit matched, so scheduled.
  if (ids.includes("CANC-8")) return { outcome: "denied", detail: `forbid ${ids.join(",")}` };
  return { outcome: "scheduled", detail: "deny, no policy" };
}

/** Cedar's fastest path: the policy set parsed once (`preparsePolicySet`), then `statefulIsAuthorized`. */
export const cedarStateful = {
  name: `cedar-wasm ${cedar.getCedarVersion()} (preparsed policy set, statefulIsAuthorized)`,
  decide: (req) => cedar.statefulIsAuthorized({ ...cedarCall(req), preparsedPolicySetId: PSET_ID }),
  outcome: cedarOutcome,
};

/** Cedar's basic path: `isAuthorized` with the policy text (parsed on every call). */
export const cedarBasic = {
  name: `cedar-wasm ${cedar.getCedarVersion()} (isAuthorized, policy text each call)`,
  decide: (req) => cedar.isAuthorized({ ...cedarCall(req), policies: { staticPolicies: CEDAR_POLICIES } }),
  outcome: cedarOutcome,
};

/**
 * Decide every agreement input in every engine. Returns the rows and whether all agree with each
 * other and with the rule's expected answer.
 */
export async function checkAgreement(engines = [ours, oursPrepared, oursFull, oursPreparedFull, oursLazyFull, oursLazyFullAll, oursOneShotLazy, jre, cedarStateful, cedarBasic]) {
  const rows = [];
  let ok = true;
  for (const input of AGREEMENT_INPUTS) {
    const req = request(input);
    const outcomes = [];
    for (const e of engines) {
      const raw = e.async ? await e.decide(req) : e.decide(req);
      outcomes.push(e.outcome(raw));
    }
    const agree = outcomes.every((o) => o.outcome === input.expect);
    ok &&= agree;
    rows.push({ input, req, outcomes, agree });
  }
  return { ok, rows, engines };
}

export function printAgreement({ ok, rows, engines }, log = console.log) {
  log(`agreement on ${rows.length} inputs: expected | ${engines.map((e) => e.name.replace(/ \(.*/, "")).join(" | ")} (outcome and deciding rules)`);
  for (const r of rows) {
    const cells = r.outcomes.map((o) => `${o.outcome} ${o.detail}`);
    log(`  ${r.agree ? "ok  " : "FAIL"} ${r.input.label.padEnd(40)} ${r.input.expect.padEnd(10)} | ${cells.join(" | ")}`);
  }
  log(ok ? "all engines agree" : "ENGINES DISAGREE");
}
