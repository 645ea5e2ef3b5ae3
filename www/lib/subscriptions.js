// A customer's subscriptions as a partner portal lists them: `n` realistic subscriptions (the
// same every run: a fixed seed), of every commerce model, status, term and age, each with the
// facts a prepared subscription needs. The playground's list view shows them; the list-page
// benchmark times them in Node (benches/node/run.mjs) and headless Chromium (benches/list/).
//
//   subscriptions(n, now) → [{ facts, label }]     facts: a request without `now` and `action`

const SKUS = [
  ["m365-e3", "Microsoft 365 E3", "E3", ["E5"], "36.00"],
  ["m365-e5", "Microsoft 365 E5", "E5", [], "57.00"],
  ["m365-bp", "Microsoft 365 Business Premium", "BP", ["E3", "E5"], "22.00"],
  ["m365-bb", "Microsoft 365 Business Basic", "BB", ["BS", "BP"], "6.00"],
  ["teams-ess", "Teams Essentials", "TE", [], "4.00"],
  ["visio-p2", "Visio Plan 2", "V2", [], "15.00"],
];
const ISV = [
  ["isv-crm", "Contoso CRM", "crm-pro", "30.00"],
  ["isv-sign", "Fabrikam Sign", "sign-team", "12.50"],
  ["isv-backup", "Northwind Backup", "backup-1tb", "9.99"],
];

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
const day = (ms) => iso(ms).slice(0, 10);

export function subscriptions(n, now = "2024-03-15T10:00:00Z", seed = 20240315) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const nowMs = Date.parse(now);
  const actor = { roles: ["adminAgent"], partnerKind: "directBill" };
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = `sub-${String(i + 1).padStart(4, "0")}`;
    const kind = r();
    // Ages: many recent (inside the windows), most older, a few past a renewal.
    const ageDays = pick([0, 0.5, 1, 2, 3, 5, 6, 8, 12, 20, 29, 40, 90, 200, 364, 400, 700]);
    const orderedMs = nowMs - Math.floor(ageDays * DAY) - Math.floor(r() * 3600) * 1000;
    const orderedAt = iso(orderedMs);
    const since = () => iso(orderedMs + Math.floor((r() * (nowMs - orderedMs)) / 1000) * 1000);
    let subscription;
    if (kind < 0.6) {
      const [offerId, name, sku, upgradePaths, unitPrice] = pick(SKUS);
      const term = pick(["annual", "annual", "monthly", "triennial"]);
      const billingFrequency = term === "monthly" ? "monthly" : pick(["monthly", "annual"]);
      const status = pick(["active", "active", "active", "active", "active", "suspended", "paused", "deleted"]);
      const quantity = 1 + Math.floor(r() * 250);
      const renewed = ageDays > 370 && term !== "triennial";
      const termStart = renewed ? iso(orderedMs + 365 * DAY) : orderedAt;
      subscription = {
        id, offerId, sku, name, commerceModel: "newCommerce", billingType: "license",
        billingFrequency, term, status, orderedAt, termStart, quantity, unitPrice, currency: "USD",
        autoRenew: r() < 0.85, upgradePaths,
        ...(status === "suspended" ? { suspendedAt: since() } : {}),
        ...(r() < 0.2 ? { scheduledChanges: [{ id: `${id}-sc`, change: { kind: "quantity", quantity: Math.max(1, quantity - 5) } }] } : {}),
        ...(r() < 0.3 && ageDays < 8 ? { seatAdditions: [{ addedAt: since(), quantity: 5 }] } : {}),
      };
    } else if (kind < 0.8) {
      const [offerId, name, sku, unitPrice] = pick(ISV);
      const billingFrequency = pick(["monthly", "annual"]);
      const status = pick(["active", "active", "active", "pending", "suspended", "deleted"]);
      subscription = {
        id, offerId, sku, name, commerceModel: "marketplace", billingType: "license",
        billingFrequency, term: billingFrequency, status, orderedAt, termStart: orderedAt,
        quantity: 1 + Math.floor(r() * 50), unitPrice, currency: "USD", autoRenew: r() < 0.9,
        ...(status === "pending" ? {} : { billingStartedAt: orderedAt }),
        ...(status === "suspended" ? { suspendedAt: since() } : {}),
      };
    } else {
      const [offerId, name, sku, upgradePaths, unitPrice] = pick(SKUS);
      const status = pick(["active", "active", "active", "suspended", "deleted"]);
      subscription = {
        id, offerId, sku, name, commerceModel: "legacy", billingType: "license",
        billingFrequency: "monthly", term: "annual", status, orderedAt, termStart: orderedAt,
        quantity: 1 + Math.floor(r() * 100), unitPrice, currency: "USD", upgradePaths,
        ...(status === "suspended" ? { suspendedAt: since() } : {}),
      };
    }
    out.push({ facts: { actor, subscription }, label: `${subscription.name ?? subscription.sku} (${subscription.commerceModel}, ${subscription.status}, ordered ${day(orderedMs)})` });
  }
  return out;
}

/**
 * Render a list page's data: for each subscription every action button, enabled or not, with
 * its reason (the first reason's message) — what a portal shows. `prepared[i]` is
 * `prepare(facts)`'s handle. Returns the number of buttons (so nothing is optimised away).
 */
export function buttons(prepared, now) {
  let count = 0;
  const rows = [];
  for (const p of prepared) {
    const answer = p.availableActions(now);
    if (answer.type !== "success") throw new Error(JSON.stringify(answer.errors));
    const row = [];
    for (const { action, decision } of answer.result.actions) {
      const enabled = decision.verdict === "allowedNow" || decision.verdict === "scheduled";
      row.push({ type: action.type, enabled, reason: decision.reasons[0]?.message ?? "" });
      count++;
    }
    rows.push(row);
  }
  return { count, rows };
}

/**
 * The same page from `p.actionStates(now)`: each button's state and its one-line reason, the
 * same decisions without each in full (what a list needs).
 */
export function states(prepared, now) {
  let count = 0;
  const rows = [];
  for (const p of prepared) {
    const answer = p.actionStates(now);
    if (answer.type !== "success") throw new Error(JSON.stringify(answer.errors));
    const row = [];
    for (const s of answer.result.actions) {
      row.push({ type: s.action.type, enabled: s.enabled, reason: s.reason });
      count++;
    }
    rows.push(row);
  }
  return { count, rows };
}
