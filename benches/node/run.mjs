// The side-by-side benchmark (scripts/bench runs it): one Node process, the same rule in each
// engine (engines.mjs). First the agreement check (exits 1 if the engines disagree), then:
//   - µs per decision for each engine, over the agreement inputs in turn (median of rounds), ours
//     eager (evaluate, p.evaluate) and lazy (p.evaluateLazy: verdict and rule IDs read; then
//     every field; one-shot evaluateLazy: verdict and rule IDs read);
//   - for scale, in plain JS: JSON.parse of the same answers' text (V8's own parser making the
//     same objects), JSON.stringify of the same requests, a copy of the same answers, and
//     100,000 copies of one answer kept in one array;
//   - one batch of 100,000 requests through evaluateMany, and through evaluateManyCompact;
//   - one batch of 100,000 actions through a prepared subscription's evaluateMany, its
//     evaluateManyCompact, and its evaluateManyLazy (every item's verdict and rule IDs read);
//   - availableActions and timeline on examples/requests/nce-query.json, one-shot and prepared,
//     and the lazy list (availableActionsLazy, every action's verdict and rule IDs read);
//   - a list page (benches/list/): every action button of 1,000 and of 50 subscriptions, in
//     Node and in headless Chromium (benches/list/browser.mjs);
//   - cold start (compile + instantiate) in fresh processes, and the gzipped .wasm sizes;
//   - the native instruction counts scripts/instructions.sh wrote (--native FILE).
// Options: --json FILE (also write the figures as JSON), --quick (fewer, shorter rounds),
// --native FILE, --no-browser.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { measureList } from "../list/measure.js";
import {
  AGREEMENT_INPUTS,
  checkAgreement,
  printAgreement,
  request,
  ours,
  oursPrepared,
  oursFull,
  oursPreparedFull,
  oursLazyFull,
  oursLazyFullAll,
  oursOneShotLazy,
  jre,
  cedarStateful,
  cedarBasic,
  sr,
} from "./engines.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : null;
const ROUNDS = quick ? 3 : 7;
const ROUND_MS = quick ? 150 : 400;

const agreement = await checkAgreement();
printAgreement(agreement);
if (!agreement.ok) process.exit(1);

const inputs = AGREEMENT_INPUTS.map((i) => request(i));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** µs per call of `decide` over `inputs` in turn: calibrated rounds of about ROUND_MS, median. */
async function time(engine) {
  const { decide } = engine;
  const n = inputs.length;
  let sink = 0;
  const run = engine.async
    ? async (iters) => {
        for (let i = 0; i < iters; i++) sink += (await decide(inputs[i % n])).events.length;
      }
    : async (iters) => {
        for (let i = 0; i < iters; i++) sink += decide(inputs[i % n]) ? 1 : 0;
      };
  // Warm up for a while first (V8 optimizes a module's hot functions in the background, and the
  // first engine timed would otherwise pay for it), then calibrate.
  for (const t0 = performance.now(); performance.now() - t0 < ROUND_MS; ) await run(n);
  let iters = 100;
  for (;;) {
    const t0 = performance.now();
    await run(iters);
    const ms = performance.now() - t0;
    if (ms > 50) {
      iters = Math.max(n, Math.round((iters * ROUND_MS) / ms));
      break;
    }
    iters *= 4;
  }
  const perRound = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    await run(iters);
    perRound.push(((performance.now() - t0) * 1000) / iters);
  }
  if (sink < 0) console.log(sink);
  return { us: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound), iters };
}

const ourVariants = [ours, oursPrepared, oursFull, oursPreparedFull, oursLazyFull, oursLazyFullAll, oursOneShotLazy];

console.log(`\ntiming: ${ROUNDS} rounds of ~${ROUND_MS} ms each, median µs per decision over the ${inputs.length} inputs above`);
const timed = [];
for (const e of [...ourVariants, jre, cedarStateful, cedarBasic]) {
  const t = await time(e);
  timed.push({ name: e.name, ...t });
  console.log(`  ${e.name}: ${t.us.toFixed(2)} µs (rounds ${t.min.toFixed(2)}–${t.max.toFixed(2)}, ${t.iters} calls each)`);
}
// For scale: JSON.parse of the same decisions' JSON text (what p.evaluate returns, stringified),
// in turn over the same inputs: what V8's own parser takes to make the objects of those answers,
// beside what ours takes to decide, write and rebuild them. Not an engine.
const answerTexts = new Map(inputs.map((req) => [req, JSON.stringify(oursPrepared.decide(req))]));
const parseFloor = await time({ name: "JSON.parse of the same answers", decide: (req) => JSON.parse(answerTexts.get(req)) });
console.log(`  JSON.parse of the same answers' text (${Math.round(median([...answerTexts.values()].map((t) => t.length)))} bytes, median): ${parseFloor.us.toFixed(2)} µs (rounds ${parseFloor.min.toFixed(2)}–${parseFloor.max.toFixed(2)})`);
// Floors, for scale, in plain JS: what any one-shot call must at least do with the same objects.
// V8's own writer reading each request (a walk of the request, done natively); a copy of each
// answer (its objects made, and nothing else: no reading, deciding or decoding).
const answers = new Map(inputs.map((req) => [req, oursPrepared.decide(req)]));
const stringifyFloor = await time({ name: "JSON.stringify of the same requests", decide: (req) => JSON.stringify(req) });
const copyFloor = await time({ name: "a plain JS copy of the same answers", decide: (req) => copyOf(answers.get(req)) });
console.log(`  JSON.stringify of the same requests: ${stringifyFloor.us.toFixed(2)} µs; a plain JS copy of the same answers: ${copyFloor.us.toFixed(2)} µs`);
const oursUs = timed[0].us;
const preparedUs = timed[1].us;
const oursFullUs = timed[2].us;
const preparedFullUs = timed[3].us;
const lazyUs = timed[4].us;
const lazyAllUs = timed[5].us;
const oneShotLazyUs = timed[6].us;
const jreUs = timed.find((t) => t.name === jre.name).us;
const cedarUs = timed.find((t) => t.name === cedarStateful.name).us;
const cedarBasicUs = timed.find((t) => t.name === cedarBasic.name).us;

// A plain JS copy of a JSON value: each object and array made anew, as the answer's rebuild makes
// them.
function copyOf(v) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    const a = new Array(v.length);
    for (let i = 0; i < v.length; i++) a[i] = copyOf(v[i]);
    return a;
  }
  const o = {};
  for (const k of Object.keys(v)) o[k] = copyOf(v[k]);
  return o;
}

// ---- batch of 100,000
const BATCH = 100_000;
const batch = Array.from({ length: BATCH }, (_, i) => request(AGREEMENT_INPUTS[i % AGREEMENT_INPUTS.length]));
function timeBatch(label, fn, check) {
  const ms = [];
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    const t0 = performance.now();
    const out = fn();
    ms.push(performance.now() - t0);
    check(out);
  }
  const m = median(ms);
  console.log(`  ${label}: ${m.toFixed(1)} ms (runs ${ms.map((x) => x.toFixed(0)).join(", ")}) = ${((m * 1000) / BATCH).toFixed(2)} µs per request`);
  return m;
}
console.log(`\nbatch of ${BATCH.toLocaleString("en")} requests in one call (median of runs)`);
const batchFull = timeBatch("evaluateMany (full decisions)", () => sr.evaluateMany(batch), (out) => {
  if (out.type !== "success" || out.result.length !== BATCH || out.result[0].type !== "success") throw new Error("batch failed");
});
// The full module (the compact batch, the queries, and a prepared subscription's evaluateMany).
const require = createRequire(import.meta.url);
const full = require("../../pkg/full/node/subscription_rules.js");

// The short form of the same decisions (the full module has it): verdict, rule IDs, money.
const batchCompact = timeBatch("evaluateManyCompact, full module (verdict, rule IDs, money)", () => full.evaluateManyCompact(batch), (out) => {
  if (out.type !== "success" || out.result.length !== BATCH || out.result[0].type !== "success") throw new Error("compact batch failed");
});

const { ms: batchPrepared, compact: batchPreparedCompact, lazy: batchPreparedLazy, copies: batchCopies } = (() => {
  const { now, action, ...facts } = request(AGREEMENT_INPUTS[1]);
  const p = full.prepare(facts).result;
  const actions = new Array(BATCH).fill(action);
  const ms = timeBatch("prepared evaluateMany (one subscription, 100,000 actions)", () => p.evaluateMany(actions, now), (out) => {
    if (out.type !== "success" || out.result.length !== BATCH || out.result[0].type !== "success") throw new Error("prepared batch failed");
  });
  // For scale: the objects of 100,000 full answers made and kept, in plain JS and nothing else
  // (what keeping them costs the garbage collector is in it, as it is in any full batch).
  const answer = p.evaluate(action, now);
  const copies = timeBatch("for scale: 100,000 plain JS copies of its answer, kept in one array", () => {
    const out = new Array(BATCH);
    for (let i = 0; i < BATCH; i++) out[i] = copyOf(answer);
    return out;
  }, (out) => {
    if (out.length !== BATCH || out[BATCH - 1].type !== "success") throw new Error("copies failed");
  });
  const compact = timeBatch("prepared evaluateManyCompact (the same, each decided and answered in short)", () => p.evaluateManyCompact(actions, now), (out) => {
    if (out.type !== "success" || out.result.length !== BATCH || out.result[0].type !== "success") throw new Error("prepared compact batch failed");
  });
  // Lazily: every item's verdict and rule IDs read (within the timing).
  const lazy = timeBatch(
    "prepared evaluateManyLazy (the same, each decided in short; every item's verdict and rule IDs read)",
    () => {
      const out = p.evaluateManyLazy(actions, now);
      let n = 0;
      if (out.type === "success") for (const item of out.result) n += item.result.verdict.length + item.result.rules.length;
      return [out, n];
    },
    ([out, n]) => {
      if (out.type !== "success" || out.result.length !== BATCH || n < BATCH) throw new Error("prepared lazy batch failed");
    },
  );
  p.free();
  return { ms, compact, lazy, copies };
})();

// ---- the queries on examples/requests/nce-query.json: one-shot and prepared
const query = JSON.parse(readFileSync(new URL("../../examples/requests/nce-query.json", import.meta.url), "utf8"));
const { now: queryNow, ...queryFacts } = query;
const preparedQuery = full.prepare(queryFacts).result;
/** µs per call of `fn` (no argument): calibrated rounds, median. */
function timeCall(fn) {
  let iters = 10;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) fn();
    const ms = performance.now() - t0;
    if (ms > 50) {
      iters = Math.max(1, Math.round((iters * ROUND_MS) / ms));
      break;
    }
    iters *= 4;
  }
  const perRound = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) fn();
    perRound.push(((performance.now() - t0) * 1000) / iters);
  }
  return { us: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound) };
}
console.log(`\nqueries on examples/requests/nce-query.json (full module), median µs per call`);
const queries = {};
for (const [label, fn] of [
  ["availableActions (one-shot)", () => full.availableActions(query)],
  ["availableActions (prepared)", () => preparedQuery.availableActions(queryNow)],
  [
    "availableActionsLazy (prepared; every action's verdict and rule IDs read)",
    () => {
      const { actions } = preparedQuery.availableActionsLazy(queryNow).result;
      let n = 0;
      for (let i = 0; i < actions.length; i++) n += actions[i].decision.verdict.length + actions[i].decision.rules.length;
      return n;
    },
  ],
  ["timeline (one-shot)", () => full.timeline(query)],
  ["timeline (prepared)", () => preparedQuery.timeline(queryNow)],
  ...[
    ["availableActions", preparedQuery.availableActions(queryNow)],
    ["timeline", preparedQuery.timeline(queryNow)],
  ].map(([name, answer]) => {
    const text = JSON.stringify(answer);
    return [`${name}: JSON.parse of its answer's text (${text.length} bytes)`, () => JSON.parse(text)];
  }),
]) {
  const t = timeCall(fn);
  queries[label] = t.us;
  console.log(`  ${label}: ${t.us.toFixed(1)} µs (rounds ${t.min.toFixed(1)}–${t.max.toFixed(1)})`);
}

// ---- a list page: every action button's state and reason (www/lib/subscriptions.js)
const LIST_NOW = "2024-03-15T10:00:00Z";
const listFigures = {};
console.log(`\nlist page (full module, Node): every action button of every subscription, median of ${ROUNDS} renders (the 50 timed twenty at a time)`);
for (const n of [1000, 50]) {
  const m = measureList((facts) => full.prepare(facts), n, LIST_NOW, ROUNDS, n === 50 ? 20 : 1);
  listFigures[n] = m;
  console.log(`  ${n} subscriptions, ${m.buttons} buttons: actionStates ${m.again.toFixed(1)} ms prepared, ${m.first.toFixed(1)} ms with prepare; availableActions in full ${m.full.toFixed(1)} ms`);
}
let browserList = null;
if (!args.includes("--no-browser")) {
  try {
    const out = execFileSync(process.execPath, [new URL("../list/browser.mjs", import.meta.url).pathname], { encoding: "utf8" });
    browserList = JSON.parse(out.trim().split("\n").pop());
    console.log(`list page in headless Chromium ${browserList.chromium}: 1,000 subscriptions: actionStates ${browserList.again1000.toFixed(1)} ms prepared, ${browserList.first1000.toFixed(1)} ms with prepare; availableActions in full ${browserList.full1000.toFixed(1)} ms; 50: ${browserList.again50.toFixed(2)} / ${browserList.first50.toFixed(2)} / ${browserList.full50.toFixed(2)} ms`);
  } catch (e) {
    console.log(`list page in headless Chromium: not run (${String(e.message).split("\n")[0]})`);
  }
}

// ---- native instruction counts (scripts/instructions.sh, callgrind), when scripts/bench ran it
const nativeFile = args.includes("--native") ? args[args.indexOf("--native") + 1] : null;
const native = nativeFile ? JSON.parse(readFileSync(nativeFile, "utf8")) : [];
const instr = (mode, req) => native.find((x) => x.mode === mode && x.request === req)?.instructions;

// ---- cold start and size
const wasmPath = new URL("../../pkg/web/subscription_rules_bg.wasm", import.meta.url);
const wasm = readFileSync(wasmPath);
// gzip -9 as the build's size gate measures it (the gzip program), else Node's zlib at level 9.
const gzip9 = (path) => {
  try {
    return execFileSync("gzip", ["-9", "-c", path], { maxBuffer: 1 << 26 }).length;
  } catch {
    return gzipSync(readFileSync(path), { level: 9 }).length;
  }
};
const gz = gzip9(wasmPath.pathname);
const colds = [];
for (let i = 0; i < (quick ? 5 : 15); i++) {
  const out = execFileSync(process.execPath, [new URL("./cold.mjs", import.meta.url).pathname, JSON.stringify(inputs[0])], {
    encoding: "utf8",
  });
  colds.push(JSON.parse(out));
}
const compileMs = median(colds.map((c) => c.compileMs));
const instMs = median(colds.map((c) => c.instantiateMs));
const coldMs = median(colds.map((c) => c.compileMs + c.instantiateMs));
const firstMs = median(colds.map((c) => c.firstDecisionMs));
console.log(`\ncold start (${colds.length} fresh processes, median): compile ${compileMs.toFixed(2)} ms + instantiate ${instMs.toFixed(2)} ms = ${coldMs.toFixed(2)} ms; first decision after it ${firstMs.toFixed(2)} ms`);
console.log(`.wasm (pkg/web): ${wasm.length} bytes raw, ${gz} bytes gzip -9 (${(gz / 1024).toFixed(1)} KiB)`);

// ---- the table
const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1] ?? cpus()[0]?.model;
const yes = (b) => (b ? "yes" : "**no**");
const fmt = (n) => (n === undefined ? "not measured" : n.toLocaleString("en"));
const gzFull = gzip9(new URL("../../pkg/full/web/subscription_rules_bg.wasm", import.meta.url).pathname);
const rows = [
  ["prepared `p.evaluateLazy(action, now)`, verdict and rule IDs read, full module", `${lazyUs.toFixed(2)} µs`, "≤ 3 µs (verdict and IDs)", yes(lazyUs <= 3)],
  ["the same, then every field read (`toJSON()`: the decision made again in full)", `${lazyAllUs.toFixed(2)} µs`, "", ""],
  ["prepared `p.evaluate(action, now)`, full decision out: validation module (full module)", `${preparedUs.toFixed(2)} µs (${preparedFullUs.toFixed(2)} µs)`, "≤ 8 µs (full)", `${yes(preparedUs <= 8)} (full module: ${yes(preparedFullUs <= 8)})`],
  ["one-shot `evaluate(request)`, full decision out: validation module (full module)", `${oursUs.toFixed(2)} µs (${oursFullUs.toFixed(2)} µs)`, "≤ 8 µs", `${yes(oursUs <= 8)} (full module: ${yes(oursFullUs <= 8)})`],
  ["one-shot `evaluateLazy(request)`, verdict and rule IDs read, full module", `${oneShotLazyUs.toFixed(2)} µs`, "≤ 8 µs", yes(oneShotLazyUs <= 8)],
  [`JSON.parse of the same decisions' JSON text (for scale: V8's own parser making the same objects)`, `${parseFloor.us.toFixed(2)} µs`, "", ""],
  [`for scale, plain JS: \`JSON.stringify\` of the same requests (V8's own walk of them); a copy of the same answers (their objects made, nothing read or decided)`, `${stringifyFloor.us.toFixed(2)} µs; ${copyFloor.us.toFixed(2)} µs`, "", ""],
  [`json-rules-engine, same rule`, `${jreUs.toFixed(2)} µs (${(jreUs / preparedUs).toFixed(1)}× ours prepared, ${(jreUs / oursUs).toFixed(1)}× one-shot; full module ${(jreUs / preparedFullUs).toFixed(1)}×, ${(jreUs / oursFullUs).toFixed(1)}×; lazy ${(jreUs / lazyUs).toFixed(1)}×)`, "≥ 10× (prepared)", `${yes(jreUs / preparedUs >= 10)} (full module: ${yes(jreUs / preparedFullUs >= 10)}; lazy: ${yes(jreUs / lazyUs >= 10)})`],
  [`cedar-wasm, same rule, preparsed policies`, `${cedarUs.toFixed(2)} µs (${(cedarUs / preparedUs).toFixed(1)}× ours prepared, ${(cedarUs / oursUs).toFixed(1)}× one-shot; full module ${(cedarUs / preparedFullUs).toFixed(1)}×, ${(cedarUs / oursFullUs).toFixed(1)}×; lazy ${(cedarUs / lazyUs).toFixed(1)}×)`, "≥ 25× (prepared)", `${yes(cedarUs / preparedUs >= 25)} (full module: ${yes(cedarUs / preparedFullUs >= 25)}; lazy: ${yes(cedarUs / lazyUs >= 25)})`],
  [`cedar-wasm, same rule, policy text each call`, `${cedarBasicUs.toFixed(2)} µs (${(cedarBasicUs / oursUs).toFixed(1)}× one-shot)`, "", ""],
  ["`p.availableActionsLazy`, nce-query.json, every action's verdict and rule IDs read", `${queries[Object.keys(queries).find((k) => k.startsWith("availableActionsLazy"))].toFixed(1)} µs`, "≤ 25 µs (prepared)", yes(queries[Object.keys(queries).find((k) => k.startsWith("availableActionsLazy"))] <= 25)],
  ["`availableActions`, nce-query.json, every decision in full, prepared (one-shot)", `${queries["availableActions (prepared)"].toFixed(1)} µs (${queries["availableActions (one-shot)"].toFixed(1)} µs)`, "", ""],
  ["JSON.parse of the `availableActions` answer's text (of the `timeline`'s)", `${queries[Object.keys(queries).find((k) => k.startsWith("availableActions: JSON.parse"))].toFixed(1)} µs (${queries[Object.keys(queries).find((k) => k.startsWith("timeline: JSON.parse"))].toFixed(1)} µs)`, "", ""],
  ["`timeline`, nce-query.json, prepared (one-shot)", `${queries["timeline (prepared)"].toFixed(1)} µs (${queries["timeline (one-shot)"].toFixed(1)} µs)`, "≤ 25 µs (prepared)", yes(queries["timeline (prepared)"] <= 25)],
  [`list of 1,000 subscriptions, every button's state and reason, headless Chromium: \`p.actionStates\` (with \`prepare\`; \`p.availableActions\` in full)`, browserList ? `${browserList.again1000.toFixed(1)} ms (${browserList.first1000.toFixed(1)} ms; ${browserList.full1000.toFixed(1)} ms), ${browserList.buttons1000} buttons` : "not run", "≤ 25 ms", browserList ? yes(browserList.again1000 <= 25) : ""],
  [`a customer's list of 50, headless Chromium (same three; twenty renders timed together)`, browserList ? `${browserList.again50.toFixed(2)} ms (${browserList.first50.toFixed(2)} ms; ${browserList.full50.toFixed(2)} ms)` : "not run", "< 1 ms", browserList ? yes(browserList.again50 < 1) : ""],
  [`list of 1,000 in Node (same three)`, `${listFigures[1000].again.toFixed(1)} ms (${listFigures[1000].first.toFixed(1)} ms; ${listFigures[1000].full.toFixed(1)} ms)`, "", ""],
  [`100,000 requests in one \`evaluateMany\` call`, `${batchFull.toFixed(1)} ms`, "≤ 400 ms", yes(batchFull <= 400)],
  [`100,000 requests, \`evaluateManyCompact\` (full module; verdict, rule IDs, money)`, `${batchCompact.toFixed(1)} ms`, "", ""],
  [`100,000 actions, prepared \`p.evaluateMany\``, `${batchPrepared.toFixed(1)} ms`, "≤ 400 ms", yes(batchPrepared <= 400)],
  [`for scale, plain JS: 100,000 copies of that batch's answer, made and kept in one array (the objects of 100,000 full decisions, and nothing else)`, `${batchCopies.toFixed(1)} ms`, "", ""],
  [`100,000 actions, prepared \`p.evaluateManyCompact\` (decided and answered in short: verdict, rule IDs, money)`, `${batchPreparedCompact.toFixed(1)} ms`, "≤ 400 ms", yes(batchPreparedCompact <= 400)],
  [`100,000 actions, prepared \`p.evaluateManyLazy\` (lazy decisions; every one's verdict and rule IDs read)`, `${batchPreparedLazy.toFixed(1)} ms`, "≤ 400 ms", yes(batchPreparedLazy <= 400)],
  [`compile + instantiate (fresh process)`, `${coldMs.toFixed(2)} ms (${compileMs.toFixed(2)} + ${instMs.toFixed(2)})`, "≤ 5 ms", yes(coldMs <= 5)],
  [`first decision after instantiate`, `${firstMs.toFixed(2)} ms`, "", ""],
  [`validation module .wasm, gzip -9`, `${gz} bytes (raw ${wasm.length})`, "≤ 80,000 bytes", yes(gz <= 80000)],
  [`full module .wasm, gzip -9`, `${gzFull} bytes`, "", ""],
  [`native, decide only (callgrind instructions: marketplace cancel; nce-cancel)`, `${fmt(instr("decide", "marketplace-cancel"))}; ${fmt(instr("decide", "nce-cancel"))}`, "≤ 5,000", native.length ? yes(instr("decide", "marketplace-cancel") <= 5000) : ""],
  [`native, prepared decide (facts read once)`, `${fmt(instr("prepared", "marketplace-cancel"))}; ${fmt(instr("prepared", "nce-cancel"))}`, "", ""],
  [`native, read and decide`, `${fmt(instr("read-and-decide", "marketplace-cancel"))}; ${fmt(instr("read-and-decide", "nce-cancel"))}`, "≤ 15,000", native.length ? yes(instr("read-and-decide", "marketplace-cancel") <= 15000) : ""],
  [`native, availableActions; timeline; actionStates (prepared, nce-query)`, `${fmt(instr("actions", "nce-query"))}; ${fmt(instr("timeline", "nce-query"))}; ${fmt(instr("states", "nce-query"))}`, "", ""],
  [`native, a list page of 50 prepared subscriptions' states`, fmt(instr("list", "list-50")), "", ""],
];
const table = [
  "| figure | measured | budget | met |",
  "|---|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
const machine = `${cpus().length} cores, ${cpu}; Node ${process.version}; ${process.platform} ${process.arch}`;
console.log(`\n${machine}\n\n${table}`);

if (jsonOut) {
  writeFileSync(
    jsonOut,
    JSON.stringify({ machine, date: new Date().toISOString(), timed, parseFloor, stringifyFloor, copyFloor, batchFull, batchCompact, batchPrepared, batchPreparedCompact, batchPreparedLazy, batchCopies, queries, listFigures, browserList, native, compileMs, instMs, coldMs, firstMs, wasmBytes: wasm.length, gzBytes: gz, gzFull, table }, null, 2),
  );
}
