// The publisher's API resources (tests/partner_center/resources.json, shared with the Rust test
// core/tests/partner_center.rs) through the package: fromPartnerCenter and
// checkAgainstPartnerCenter of "subscription-rules/full" give the same facts, ignored fields,
// parity and input errors as the core; the facts read then decide a cancel with refundOptions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fromPartnerCenter, checkAgainstPartnerCenter, evaluate } from "subscription-rules/full";

const doc = JSON.parse(readFileSync(new URL("../../partner_center/resources.json", import.meta.url), "utf8"));
assert.ok(doc.resources.length >= 12);

/** `expected`'s keys, each equal in `actual` (objects compared key by key, arrays whole). */
function subset(expected, actual, path) {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    for (const key of Object.keys(expected)) subset(expected[key], actual?.[key], `${path}.${key}`);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

for (const c of doc.resources) {
  const read = fromPartnerCenter(c.resource, c.extras);
  assert.equal(read.type, "success", `${c.name}: ${JSON.stringify(read)}`);
  subset(c.expect.subscription, read.result.subscription, `${c.name}: subscription`);
  assert.deepEqual(read.result.ignored, c.expect.ignored, c.name);
  assert.equal(read.result.parentSubscriptionId, c.expect.parentSubscriptionId, c.name);
  const decision = evaluate({
    now: c.now, edition: "atTermStart", actor: { roles: ["adminAgent"], partnerKind: "directBill" },
    subscription: read.result.subscription, action: { type: "cancel" },
  });
  assert.equal(decision.type, "success", `${c.name}: ${JSON.stringify(decision)}`);
  assert.ok(Array.isArray(decision.result.refundOptions), c.name);
  const parity = checkAgainstPartnerCenter(c.resource, c.extras, c.now);
  assert.equal(parity.type, "success", `${c.name}: ${JSON.stringify(parity)}`);
  const p = parity.result;
  assert.deepEqual(
    [p.agrees, p.edition, p.compared, p.disagreements.map((d) => d.field)],
    [c.expect.parity.agrees, c.expect.parity.edition, c.expect.parity.compared, c.expect.parity.disagreements],
    c.name,
  );
}

for (const c of doc.malformed) {
  const read = fromPartnerCenter(c.resource, c.extras);
  assert.equal(read.type, "failure", c.name);
  assert.deepEqual(read.errors.map(({ code, path }) => ({ code, path })), c.expectErrors, c.name);
}

// Absent extras are none; a resource that is not an object is a failure answer, not a throw.
assert.equal(fromPartnerCenter(doc.resources[0].resource).type, "failure"); // currency missing
assert.deepEqual(fromPartnerCenter([]).errors.map((e) => e.path), [""]);
assert.deepEqual(fromPartnerCenter({}, 5).errors.map((e) => e.path), ["extras"]);
console.log(`partner-center.mjs: ${doc.resources.length} resources read, decided and checked; ${doc.malformed.length} malformed ones refused with their paths`);

// A polluted Object.prototype changes nothing: only the resource's own fields are read.
{
  const c = doc.resources[0];
  const before = JSON.stringify(fromPartnerCenter(c.resource, c.extras));
  Object.prototype.status = "deleted";
  Object.prototype.isTrial = true;
  Object.prototype.currency = "SEK";
  try {
    assert.equal(JSON.stringify(fromPartnerCenter(c.resource, c.extras)), before);
    const { status, ...without } = c.resource;
    assert.deepEqual(fromPartnerCenter(without, c.extras).errors.map((e) => e.path), ["status"]);
  } finally {
    delete Object.prototype.status;
    delete Object.prototype.isTrial;
    delete Object.prototype.currency;
  }
}

// The README's example ("From the publisher's API") runs as written and answers what it says.
{
  const { writeFileSync, rmSync } = await import("node:fs");
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## From the publisher's API"));
  const block = section.split("```js\n")[1].split("```")[0];
  const file = new URL("./readme-partner-center.tmp.mjs", import.meta.url);
  writeFileSync(file, `${block}\nexport { read, decision, parity };\n`);
  try {
    const { read, decision, parity } = await import(file.href);
    assert.equal(read.result.subscription.sku, "CFQ7TTC0LH18:0001");
    assert.equal(read.result.subscription.orderedAt, "2023-03-15T08:00:00.096672800Z");
    assert.deepEqual(read.result.ignored, ["cancellationAllowedUntilDate", "offerName", "refundOptions", "unitType"]);
    assert.deepEqual(decision.result.refundOptions.map((o) => [o.type, o.expiresAt]), [
      ["Full", "2023-03-16T08:00:00.096672800Z"], ["Partial", "2023-03-22T08:00:00.096672800Z"]]);
    assert.deepEqual(parity.result, { agrees: true, edition: "2023", compared: ["refundOptions", "cancellationAllowedUntilDate", "status"], disagreements: [] });
  } finally {
    rmSync(file, { force: true });
  }
  console.log("partner-center.mjs: the README's example answers as documented");
}
