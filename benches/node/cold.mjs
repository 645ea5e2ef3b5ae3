// One cold start, in a fresh process (run.mjs starts several and takes the median): compile the
// web build's .wasm from its bytes (read from disk before the clock starts), instantiate it
// with wasm-bindgen's imports, then the first decision. Prints one JSON line.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const base = new URL("../../pkg/web/", import.meta.url);
const bytes = readFileSync(new URL("subscription_rules_bg.wasm", base));
const glue = await import(new URL("subscription_rules.js", base).href);
const request = JSON.parse(process.argv[2]);

const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const t1 = performance.now();
glue.initSync({ module }); // new WebAssembly.Instance(module, imports) + wasm-bindgen's start
const t2 = performance.now();
const answer = glue.evaluate(request);
const t3 = performance.now();
if (answer.type !== "success") throw new Error(JSON.stringify(answer));
console.log(JSON.stringify({ compileMs: t1 - t0, instantiateMs: t2 - t1, firstDecisionMs: t3 - t2 }));
