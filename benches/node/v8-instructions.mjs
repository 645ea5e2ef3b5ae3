// One kind of call, repeated, for an instruction count under V8 (scripts/v8-instructions.sh runs
// it under callgrind twice and takes the difference): the web build in DIR (instantiated from its
// bytes), MODE `evaluate` (the Node benchmark's prepared marketplace cancel, `p.evaluate`),
// `lazy` (the same call as `p.evaluateLazy`, its verdict and rule IDs read; full module),
// `one-shot` (the same request through `evaluate`), `one-shot-lazy` (through `evaluateLazy`, its
// verdict and rule IDs read; full module) or `list` (`p.actionStates` of the list page's 50
// prepared subscriptions in turn), 3,000 calls to warm up, then N.
//   node benches/node/v8-instructions.mjs DIR MODE N
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { request } from "./requests.mjs";
import { subscriptions } from "../../www/lib/subscriptions.js";

const [dir, mode, n] = [resolve(process.argv[2]), process.argv[3], Number(process.argv[4])];
const lib = await import(pathToFileURL(`${dir}/subscription_rules.js`).href);
lib.initSync({ module: readFileSync(`${dir}/subscription_rules_bg.wasm`) });
let call;
if (mode === "evaluate") {
  const { action, now, ...facts } = request({ billingFrequency: "monthly", offset: 3600 });
  const p = lib.prepare(facts).result;
  call = () => p.evaluate(action, now);
} else if (mode === "lazy") {
  const { action, now, ...facts } = request({ billingFrequency: "monthly", offset: 3600 });
  const p = lib.prepare(facts).result;
  call = () => {
    const d = p.evaluateLazy(action, now).result;
    return d.verdict.length + d.rules.length;
  };
} else if (mode === "one-shot" || mode === "one-shot-lazy") {
  const req = request({ billingFrequency: "monthly", offset: 3600 });
  call =
    mode === "one-shot"
      ? () => lib.evaluate(req)
      : () => {
          const d = lib.evaluateLazy(req).result;
          return d.verdict.length + d.rules.length;
        };
} else if (mode === "list") {
  const now = "2024-03-15T10:00:00Z";
  const ps = subscriptions(50, now).map((s) => lib.prepare(s.facts).result);
  let k = 0;
  call = () => ps[k++ % ps.length].actionStates(now);
} else {
  throw new Error(`unknown mode ${mode}`);
}
for (let i = 0; i < 3000; i++) call();
for (let i = 0; i < n; i++) call();
