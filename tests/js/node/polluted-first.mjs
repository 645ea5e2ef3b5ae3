// A polluted Object.prototype and Array.prototype before the first call: every answer the same
// bytes (as JSON) as in a clean process. adversarial.mjs pollutes after the answers' shapes have
// been seen once; here the answers are rebuilt for the first time under the pollution (the
// boundary decodes each key of the module's memory once and keeps it, and asks Object.prototype
// about it once per answer: a key first met under pollution must be found polluted).
//
// The clean answers come from this script run again without pollution (`--clean`), which also
// lists every key they hold; the parent then puts on Object.prototype, for each of those keys, a
// setter that counts and a getter that lies, and on Array.prototype the same for indices 0 to
// 4095 (every slot of the boundary's table of the module's statics, an array it fills as it meets
// them, besides the answers' own arrays).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluate, evaluateMany, prepare as prepareValidation, rules } from "subscription-rules";
import * as full from "subscription-rules/full";

const INDICES = 4096;

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/wasm-smoke.json", import.meta.url), "utf8"));
const query = JSON.parse(readFileSync(new URL("../../../examples/requests/nce-query.json", import.meta.url), "utf8"));
const copy = (x) => JSON.parse(JSON.stringify(x));
const good = fixture.bases.newCommerceMonthlyBilledAnnual;
const big = copy(good);
big.subscription.quantity = 999;
big.subscription.unitPrice = "10.08";
const facts = (request) => {
  const f = copy(request);
  delete f.now;
  delete f.action;
  delete f.actions;
  return f;
};

function answers() {
  const p = prepareValidation(facts(good)).result;
  const q = full.prepare(facts(query)).result;
  const out = [
    evaluate(copy(good)),
    evaluate(copy(big)),
    evaluate({ ...copy(good), colour: "blue" }),
    evaluateMany([copy(good), copy(big), {}]),
    p.evaluate(copy(good.action), good.now),
    p.evaluate({ type: "nonsense" }, good.now),
    full.availableActions(copy(query)),
    full.timeline(copy(query)),
    q.actionStates(query.now),
    q.availableActions(query.now),
    q.evaluateMany([copy(big.action), { type: "cancel" }], query.now),
    q.evaluateManyCompact([copy(big.action), { type: "cancel" }, { type: "nonsense" }], query.now),
    full.evaluateManyCompact([copy(good), {}]),
    rules(),
  ];
  p.free();
  q.free();
  return out.map((a) => JSON.stringify(a));
}

function keys(value, into) {
  if (Array.isArray(value)) for (const v of value) keys(v, into);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keys(v, into);
    }
  }
  return into;
}

if (process.argv[2] === "--clean") {
  const clean = answers();
  const all = keys(clean.map((a) => JSON.parse(a)), new Set());
  process.stdout.write(JSON.stringify({ answers: clean, keys: [...all] }));
} else {
  const { answers: clean, keys: all } = JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--clean"], { encoding: "utf8", maxBuffer: 1 << 26 }),
  );
  assert.ok(all.length > 60, `${all.length} keys in the answers`);
  let ran = 0;
  const poison = { get: () => "poison", set: () => ran++, configurable: true };
  for (const k of all) Object.defineProperty(Object.prototype, k, poison);
  for (let i = 0; i < INDICES; i++) Object.defineProperty(Array.prototype, i, poison);
  let polluted;
  try {
    polluted = answers();
  } finally {
    for (const k of all) delete Object.prototype[k];
    for (let i = 0; i < INDICES; i++) delete Array.prototype[i];
  }
  assert.equal(polluted.length, clean.length);
  for (let i = 0; i < clean.length; i++) assert.equal(polluted[i], clean[i], `answer ${i} changed under a polluted prototype`);
  assert.equal(ran, 0, "no setter of the prototypes ran");
  console.log(`polluted before the first call (${all.length} answer keys on Object.prototype, indices 0-${INDICES - 1} on Array.prototype): every answer byte-identical`);
}
