// Node, CommonJS: the built package installed as a dependency, loaded with require().
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const rulesEngine = require("subscription-rules");

const resolved = require.resolve("subscription-rules");
assert.match(resolved, /node_modules\/subscription-rules\/node\/subscription_rules\.js$/, resolved);

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/wasm-smoke.json"), "utf8"));
const request = fixture.bases.newCommerceMonthlyBilledAnnual;

const answer = rulesEngine.evaluate(request);
assert.equal(answer.type, "success", JSON.stringify(answer));
assert.equal(answer.result.verdict, "allowedNow");
assert.equal(answer.result.money[0].amount, "94.20");

const bad = rulesEngine.evaluate({ ...request, now: "2021-07-17T09:00:00" });
assert.equal(bad.type, "failure");
assert.equal(bad.errors[0].code, "invalidTimestamp");
assert.equal(bad.errors[0].path, "now");

assert.throws(() => rulesEngine.evaluate(undefined), (e) => e instanceof Error && e.code === "invalidType" && rulesEngine.isCallError(e));
assert.ok(rulesEngine.isSuccess(answer) && rulesEngine.isFailure(bad));
// `init` does nothing in Node, for isomorphic code; it is also the default export.
assert.equal(typeof rulesEngine.init, "function");
assert.equal(rulesEngine.default, rulesEngine.init);
assert.equal(typeof rulesEngine.version(), "string");

console.log("node CommonJS consumer: ok");
