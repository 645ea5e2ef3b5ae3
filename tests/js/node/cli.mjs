// The package's command line (`npx subscription-rules evaluate …`), run as a consumer runs it:
// the bin of the installed package, on the repository's example requests and on bad input.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const js = fileURLToPath(new URL("..", import.meta.url));
const examples = fileURLToPath(new URL("../../../examples/requests/", import.meta.url));
function cli(args, input) {
  const r = spawnSync("npx", ["--no-install", "subscription-rules", ...args], { cwd: js, input, encoding: "utf8" });
  return { status: r.status, out: r.stdout, err: r.stderr, answer: r.stdout ? JSON.parse(r.stdout) : null };
}

// A decision: 0 when allowed.
const allowed = cli(["evaluate", `${examples}nce-cancel.json`]);
assert.equal(allowed.status, 0, allowed.err);
assert.equal(allowed.answer.result.verdict, "allowedNow");
// The same from standard input, denied (past the window): 1.
const request = JSON.parse(readFileSync(`${examples}nce-cancel.json`, "utf8"));
const denied = cli(["evaluate", "-"], JSON.stringify({ ...request, now: "2021-08-14T08:00:00Z" }));
assert.equal(denied.status, 1, denied.out);
assert.equal(denied.answer.result.verdict, "denied");
// Bad input: 2, with the failure answer.
const bad = cli(["evaluate", "-"], JSON.stringify({ ...request, now: "2021-08-14" }));
assert.equal(bad.status, 2);
assert.equal(bad.answer.errors[0].path, "now");
const notJson = cli(["evaluate", "-"], "{ not json");
assert.equal(notJson.status, 2);
assert.equal(notJson.answer.errors[0].code, "invalidJson");
// The queries.
const actions = cli(["evaluate", "--actions", `${examples}nce-query.json`]);
assert.equal(actions.status, 0, actions.err);
assert.ok(actions.answer.result.actions.length > 5);
const timeline = cli(["evaluate", "--timeline", `${examples}nce-query.json`]);
assert.equal(timeline.status, 0, timeline.err);
assert.ok(timeline.answer.result.points.length > 3);
const catalog = cli(["evaluate", "--catalog", `${examples}catalog.json`]);
assert.equal(catalog.status, 0, catalog.err);
assert.ok(Array.isArray(catalog.answer.result.offers));
// Usage errors: 2, a message on stderr, nothing on stdout.
for (const args of [[], ["decide", "x.json"], ["evaluate"], ["evaluate", "--nope", "x.json"], ["evaluate", "missing-file.json"]]) {
  const r = cli(args);
  assert.equal(r.status, 2, args.join(" "));
  assert.equal(r.out, "");
  assert.match(r.err, /usage: subscription-rules evaluate/);
}
console.log("cli.mjs: evaluate, --actions, --timeline, --catalog and - answer with exit codes 0/1/2");
