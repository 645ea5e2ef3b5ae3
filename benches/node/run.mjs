// The side-by-side benchmark (scripts/bench runs it): one Node process, the same rule in each
// engine (engines.mjs). First the agreement check (exits 1 if the engines disagree), then:
//   - µs per decision for each engine, over the agreement inputs in turn (median of rounds);
//   - one batch of 100,000 requests through evaluateMany;
//   - cold start (compile + instantiate) in fresh processes, and the gzipped .wasm size.
// Options: --json FILE (also write the figures as JSON), --quick (fewer, shorter rounds).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import {
  AGREEMENT_INPUTS,
  checkAgreement,
  printAgreement,
  request,
  ours,
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
  // Warm up and calibrate.
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

const ourVariants = [ours];

console.log(`\ntiming: ${ROUNDS} rounds of ~${ROUND_MS} ms each, median µs per decision over the ${inputs.length} inputs above`);
const timed = [];
for (const e of [...ourVariants, jre, cedarStateful, cedarBasic]) {
  const t = await time(e);
  timed.push({ name: e.name, ...t });
  console.log(`  ${e.name}: ${t.us.toFixed(2)} µs (rounds ${t.min.toFixed(2)}–${t.max.toFixed(2)}, ${t.iters} calls each)`);
}
const oursUs = timed[0].us;
const jreUs = timed.find((t) => t.name === jre.name).us;
const cedarUs = timed.find((t) => t.name === cedarStateful.name).us;
const cedarBasicUs = timed.find((t) => t.name === cedarBasic.name).us;

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
let batchCompact = null;
if (typeof sr.evaluateManyCompact === "function") {
  batchCompact = timeBatch("evaluateManyCompact (verdict, rule IDs, money)", () => sr.evaluateManyCompact(batch), (out) => {
    if (out.type !== "success" || out.result.length !== BATCH) throw new Error("compact batch failed");
  });
}

// ---- cold start and size
const wasmPath = new URL("../../pkg/web/subscription_rules_bg.wasm", import.meta.url);
const wasm = readFileSync(wasmPath);
const gz = gzipSync(wasm, { level: 9 }).length;
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
const rows = [
  ["µs per full decision, JS object in, decision out (`evaluate`)", `${oursUs.toFixed(2)} µs`, "≤ 3 µs", yes(oursUs <= 3)],
  ...timed.slice(1, ourVariants.length).map((t) => [`µs per decision, ${t.name.replace("subscription-rules ", "")}`, `${t.us.toFixed(2)} µs`, "", ""]),
  [`json-rules-engine, same rule`, `${jreUs.toFixed(2)} µs (${(jreUs / oursUs).toFixed(1)}× ours)`, "≥ 10×", yes(jreUs / oursUs >= 10)],
  [`cedar-wasm, same rule, preparsed policies`, `${cedarUs.toFixed(2)} µs (${(cedarUs / oursUs).toFixed(1)}× ours)`, "≥ 25×", yes(cedarUs / oursUs >= 25)],
  [`cedar-wasm, same rule, policy text each call`, `${cedarBasicUs.toFixed(2)} µs (${(cedarBasicUs / oursUs).toFixed(1)}× ours)`, "", ""],
  [`100,000 requests in one \`evaluateMany\` call`, `${batchFull.toFixed(1)} ms`, "≤ 150 ms", yes(batchFull <= 150)],
  ...(batchCompact === null ? [] : [[`100,000 requests, \`evaluateManyCompact\``, `${batchCompact.toFixed(1)} ms`, "", ""]]),
  [`compile + instantiate (fresh process)`, `${coldMs.toFixed(2)} ms (${compileMs.toFixed(2)} + ${instMs.toFixed(2)})`, "≤ 5 ms", yes(coldMs <= 5)],
  [`first decision after instantiate`, `${firstMs.toFixed(2)} ms`, "", ""],
  [`.wasm gzipped (gzip -9)`, `${gz} bytes (${(gz / 1024).toFixed(1)} KiB; raw ${wasm.length})`, "≤ 80 KB (81,920 B)", yes(gz <= 81920)],
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
    JSON.stringify({ machine, date: new Date().toISOString(), timed, batchFull, batchCompact, compileMs, instMs, coldMs, firstMs, wasmBytes: wasm.length, gzBytes: gz, table }, null, 2),
  );
}
