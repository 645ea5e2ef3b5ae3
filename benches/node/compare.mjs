// Two builds of the package side by side in one Node process: do they answer alike, and which
// is faster and smaller?
//   node benches/node/compare.mjs OLD_PKG_DIR NEW_PKG_DIR [--quick] [--allow-different]
// (each dir is a scripts/build-wasm.sh output, e.g. pkg/ of two checkouts). It
//   - loads both Node builds (<dir>/node/subscription_rules.js) and exits 1 unless they give
//     deep-equal JSON answers on every benchmark request (requests.mjs's inputs, and on the same
//     requests as one evaluateMany batch);
//   - times `evaluate` over those requests in turn: calibrated rounds of ~300 ms (as many calls
//     for each build), old and new interleaved (the order flips every round), µs per decision,
//     median and min of 9 rounds each;
//   - times prepared `p.evaluate(action, now)` on the same requests (facts prepared once), then one
//     `evaluateMany` of 20,000 requests, the same interleaved way;
//   - where both builds have the full module (<dir>/full/node/...), checks and times its prepared
//     queries on examples/requests/nce-query.json (availableActions, actionStates, timeline) the
//     same interleaved way, and the list page of 1,000 subscriptions (www/lib/subscriptions.js:
//     every button's state of the prepared subscriptions, benches/list/'s `again`);
//   - prints each build's module sizes, raw and gzip -9 (node's zlib): the validation module
//     (<dir>/web/subscription_rules_bg.wasm) and the full one (<dir>/full/web/...).
// --allow-different: time them even where the answers differ (a build that changes decisions on
// purpose); the differences are still printed.
// --quick: 3 rounds of ~100 ms. The machine may be noisy: trust the ratio of interleaved medians,
// not one run's absolute figures.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { resolve, join } from "node:path";
import { gzipSync } from "node:zlib";
import { loadavg } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { performance } from "node:perf_hooks";
import { AGREEMENT_INPUTS, request } from "./requests.mjs";
import { subscriptions, states } from "../../www/lib/subscriptions.js";

const LIST_NOW = "2024-03-15T10:00:00Z";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const allowDifferent = args.includes("--allow-different");
const dirs = args.filter((a) => !a.startsWith("--"));
if (dirs.length !== 2) {
  console.error("usage: node benches/node/compare.mjs OLD_PKG_DIR NEW_PKG_DIR [--quick] [--allow-different]");
  process.exit(2);
}
const ROUNDS = quick ? 3 : 9;
const ROUND_MS = quick ? 100 : 300;
const BATCH = 20_000;

// ---- the benchmark requests (requests.mjs, shared with engines.mjs)
const inputs = AGREEMENT_INPUTS.map(request);

// ---- the two builds
const require = createRequire(import.meta.url);
const builds = dirs.map((d, i) => {
  const dir = resolve(d);
  return { label: i === 0 ? "old" : "new", dir, sr: require(join(dir, "node", "subscription_rules.js")) };
});
const [oldB, newB] = builds;
console.log(`old: ${oldB.dir} (version ${oldB.sr.version()})`);
console.log(`new: ${newB.dir} (version ${newB.sr.version()})`);
console.log(`Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);

// ---- same answers? Deep-equal as JSON (key order aside); a difference JSON cannot see (key
// order, undefined vs null, a Map) is reported but does not fail.
const asJson = (v) => JSON.parse(JSON.stringify(v));
/** The first path at which two JSON values differ, or null. */
function firstDifference(a, b, path = "") {
  if (a === b) return null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || "(root)"}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}
let differ = 0;
const notes = new Set();
function compare(what, a, b) {
  const d = firstDifference(asJson(a), asJson(b));
  if (d !== null) {
    differ++;
    console.log(`  DIFFERENT ${what}: ${d}`);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    notes.add("same JSON but different key order");
  } else if (!isDeepStrictEqual(a, b)) {
    notes.add("same JSON but not deep-strict-equal as JS values (undefined, prototypes or types)");
  }
}
const kinds = {};
inputs.forEach((req, i) => {
  const a = oldB.sr.evaluate(req);
  compare(`evaluate(input ${i})`, a, newB.sr.evaluate(req));
  const kind = a.type === "success" ? a.result.verdict : a.type;
  kinds[kind] = (kinds[kind] ?? 0) + 1;
});
compare("evaluateMany(all inputs)", oldB.sr.evaluateMany(inputs), newB.sr.evaluateMany(inputs));
if (differ > 0) {
  console.log(`answers differ (${differ} of ${inputs.length + 1} calls)`);
  if (!allowDifferent) process.exit(1);
}
console.log(
  `same answers on ${inputs.length} requests and on evaluateMany of them (old answered: ${Object.entries(kinds)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ")})`,
);
for (const n of notes) console.log(`  note: ${n}`);

// ---- timing helpers
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let sink = 0;
/** A loop of `iters` evaluate calls over the inputs in turn; returns elapsed ms. */
function evaluateLoop(sr, iters) {
  const n = inputs.length;
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) sink += sr.evaluate(inputs[i % n]).type.length;
  return performance.now() - t0;
}
/** Iterations for a round of about ROUND_MS: after a warm-up of about ROUND_MS (the first calls
 * run before V8 has optimised the module and the JS half of the boundary), the fastest of three
 * loops of at least 50 ms (the least disturbed by other load). */
function calibrate(sr) {
  let iters = 100;
  for (let spent = 0; spent < ROUND_MS; ) spent += evaluateLoop(sr, iters);
  while (evaluateLoop(sr, iters) < 50) iters *= 2;
  const ms = Math.min(...[0, 1, 2].map(() => evaluateLoop(sr, iters)));
  return Math.max(inputs.length, Math.round((iters * ROUND_MS) / ms));
}
/** Runs `round(build)` `rounds` times (ROUNDS unless given) per build, old and new alternating, the order flipping every round. */
function interleaved(round, rounds = ROUNDS) {
  const out = builds.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    for (const b of order) out[b].push(round(builds[b]));
  }
  return out;
}
const fmt = (x, d = 2) => x.toFixed(d);
function report(unit, [o, n], d = 2) {
  const [mo, mn] = [median(o), median(n)];
  const [lo, ln] = [Math.min(...o), Math.min(...n)];
  console.log(`  old: median ${fmt(mo, d)} ${unit}, min ${fmt(lo, d)} (rounds ${o.map((x) => fmt(x, d)).join(" ")})`);
  console.log(`  new: median ${fmt(mn, d)} ${unit}, min ${fmt(ln, d)} (rounds ${n.map((x) => fmt(x, d)).join(" ")})`);
  console.log(`  new/old: ${fmt(mn / mo, 3)} (medians), ${fmt(ln / lo, 3)} (mins)`);
  return { old: mo, new: mn };
}

// ---- evaluate, µs per decision
// One count for both builds: the larger of the two calibrations (load only ever slows a loop
// down, so the larger count is the less disturbed estimate), the same work for each per round.
const iters = Math.max(...builds.map((b) => calibrate(b.sr)));
for (const b of builds) evaluateLoop(b.sr, iters); // one more round each, not counted
console.log(
  `\nevaluate: µs per decision over the ${inputs.length} requests in turn; ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms each ` +
    `(${iters} calls per round)`,
);
report("µs", interleaved((b) => (evaluateLoop(b.sr, iters) * 1000) / iters));

// ---- prepared p.evaluate(action, now) of the validation module: each request's facts prepared
// once, its action decided at its `now` (the path of the budgets), µs per decision
const preparedOf = (sr) =>
  inputs.map(({ now, action, ...facts }) => ({ p: sr.prepare(facts).result, action, now }));
const preps = builds.map((b) => preparedOf(b.sr));
inputs.forEach((_, i) =>
  compare(
    `p.evaluate(input ${i})`,
    preps[0][i].p.evaluate(preps[0][i].action, preps[0][i].now),
    preps[1][i].p.evaluate(preps[1][i].action, preps[1][i].now),
  ),
);
if (differ > 0 && !allowDifferent) process.exit(1);
function preparedLoop(ps, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const c = ps[i % ps.length];
    sink += c.p.evaluate(c.action, c.now).type.length;
  }
  return performance.now() - t0;
}
const pIters = iters * 2;
for (const [k] of builds.entries()) preparedLoop(preps[k], pIters); // warm-up, not counted
console.log(`\nprepared p.evaluate(action, now): µs per decision; ${ROUNDS} interleaved rounds (${pIters} calls per round)`);
report("µs", interleaved((b) => (preparedLoop(preps[builds.indexOf(b)], pIters) * 1000) / pIters));
for (const ps of preps) for (const c of ps) c.p.free();

// ---- evaluateMany, one batch
const batch = Array.from({ length: BATCH }, (_, i) => request(AGREEMENT_INPUTS[i % AGREEMENT_INPUTS.length]));
function batchOnce(sr) {
  const t0 = performance.now();
  const out = sr.evaluateMany(batch);
  const ms = performance.now() - t0;
  if (out.type !== "success" || out.result.length !== BATCH || out.result[0].type !== "success") {
    throw new Error(`evaluateMany failed: ${JSON.stringify(out).slice(0, 300)}`);
  }
  return ms;
}
for (const b of builds) batchOnce(b.sr); // warm-up, not counted
console.log(`\nevaluateMany of ${BATCH.toLocaleString("en")} requests in one call; ${ROUNDS} interleaved calls each`);
const batchMs = report("ms", interleaved((b) => batchOnce(b.sr)), 1);
console.log(`  = old ${fmt((batchMs.old * 1000) / BATCH)}, new ${fmt((batchMs.new * 1000) / BATCH)} µs per request`);

// ---- the queries of the full module (prepared, examples/requests/nce-query.json), where both
// builds have it: same answers, then µs per call, interleaved as above.
const fullOf = (b) => {
  try {
    return require(join(b.dir, "full", "node", "subscription_rules.js"));
  } catch {
    return null;
  }
};
const fulls = builds.map(fullOf);
if (fulls.every(Boolean)) {
  const query = JSON.parse(readFileSync(new URL("../../examples/requests/nce-query.json", import.meta.url), "utf8"));
  const { now: queryNow, ...queryFacts } = query;
  const prepared = fulls.map((f) => f.prepare(queryFacts).result);
  const calls = [
    ["availableActions", (p) => p.availableActions(queryNow)],
    ["actionStates", (p) => p.actionStates(queryNow)],
    ["timeline", (p) => p.timeline(queryNow)],
  ];
  for (const [name, call] of calls) compare(`prepared ${name} (nce-query)`, call(prepared[0]), call(prepared[1]));
  if (differ > 0 && !allowDifferent) process.exit(1);
  console.log(`\nqueries (full module, prepared, nce-query.json): µs per call; ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms each`);
  for (const [name, call] of calls) {
    const loop = (p, n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) sink += call(p).type.length;
      return performance.now() - t0;
    };
    let n = 10;
    for (const p of prepared) loop(p, n); // warm-up
    while (Math.max(...prepared.map((p) => loop(p, n))) < ROUND_MS) n *= 2;
    console.log(` ${name} (${n} calls per round)`);
    report("µs", interleaved((b) => (loop(prepared[builds.indexOf(b)], n) * 1000) / n), 1);
  }
  // The list page (benches/list/measure.js's `again`, what its budget times): every button's
  // state of 1,000 prepared subscriptions; the same answers, then ms per page.
  const subs = subscriptions(1000, LIST_NOW);
  const lists = fulls.map((f) => subs.map((s) => f.prepare(s.facts).result));
  compare("list page of 1,000 (actionStates)", states(lists[0], LIST_NOW), states(lists[1], LIST_NOW));
  if (differ > 0 && !allowDifferent) process.exit(1);
  for (const ps of lists) states(ps, LIST_NOW); // warm-up
  console.log(`\nlist page, every button's state of 1,000 prepared subscriptions (full module): ms per page; ${ROUNDS * 2} interleaved pages each`);
  report("ms", interleaved((b) => {
    const t0 = performance.now();
    sink += states(lists[builds.indexOf(b)], LIST_NOW).count;
    return performance.now() - t0;
  }, ROUNDS * 2), 1);
} else {
  console.log("\nqueries: skipped (a build has no full/node module)");
}

// ---- module sizes
console.log("\nmodule sizes (bytes): raw, gzip -9 (node zlib level 9)");
for (const [what, rel] of [
  ["validation", ["web", "subscription_rules_bg.wasm"]],
  ["full", ["full", "web", "subscription_rules_bg.wasm"]],
]) {
  const sizes = builds.map((b) => {
    const bytes = readFileSync(join(b.dir, ...rel));
    return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  });
  const [o, n] = sizes;
  const delta = (x, y) => `${y - x >= 0 ? "+" : ""}${y - x}`;
  console.log(`  ${what} module (${rel.join("/")}): old ${o.raw}, ${o.gz}; new ${n.raw}, ${n.gz}; new-old ${delta(o.raw, n.raw)}, ${delta(o.gz, n.gz)}`);
}
console.log(`\nload average at the end ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
if (sink < 0) console.log(sink);
