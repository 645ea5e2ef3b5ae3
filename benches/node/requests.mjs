// The benchmark's requests, shared by engines.mjs (the side-by-side benchmark and its agreement
// check) and compare.mjs (two builds of this package): a marketplace licence cancel at an offset
// from the order, and the boundary inputs every engine must agree on.

export const MONTHLY_SECONDS = 24 * 3600;
export const ANNUAL_SECONDS = 14 * 24 * 3600;
const ORDERED_AT = "2021-07-15T08:00:00Z";
const ORDERED_MS = Date.parse(ORDERED_AT);

/** A full request for subscription-rules: marketplace licence cancel, `offset` seconds after the order. */
export function request({ status = "active", billingFrequency = "monthly", offset }) {
  return {
    now: new Date(ORDERED_MS + offset * 1000).toISOString().replace(".000Z", "Z"),
    actor: { roles: ["adminAgent"], partnerKind: "directBill" },
    subscription: {
      id: "sub-mp",
      offerId: "o-isv",
      sku: "saas-pro",
      commerceModel: "marketplace",
      billingType: "license",
      billingFrequency,
      term: billingFrequency,
      status,
      orderedAt: ORDERED_AT,
      termStart: ORDERED_AT,
      quantity: 5,
      unitPrice: billingFrequency === "annual" ? "200.00" : "20.00",
      currency: "USD",
      // Billed from the order: the rule compared is CANC-1/2 (a pending subscription whose
      // billing has not started is credited nothing, MONEY-6, which the peers' rule leaves out).
      billingStartedAt: ORDERED_AT,
    },
    action: { type: "cancel" },
  };
}

// ---------------------------------------------------------------- the agreement inputs

const H = 3600;
const D = 24 * H;
/** Boundaries: 1 s before, exactly at, 1 s after each window; annual vs monthly; non-active. */
export const AGREEMENT_INPUTS = [
  { label: "monthly, at the order", billingFrequency: "monthly", offset: 0, expect: "fullCredit" },
  { label: "monthly, 1 h after", billingFrequency: "monthly", offset: H, expect: "fullCredit" },
  { label: "monthly, 1 s before 24 h", billingFrequency: "monthly", offset: MONTHLY_SECONDS - 1, expect: "fullCredit" },
  { label: "monthly, exactly 24 h", billingFrequency: "monthly", offset: MONTHLY_SECONDS, expect: "scheduled" },
  { label: "monthly, 24 h + 1 s", billingFrequency: "monthly", offset: MONTHLY_SECONDS + 1, expect: "scheduled" },
  { label: "monthly, 3 days (inside the annual window)", billingFrequency: "monthly", offset: 3 * D, expect: "scheduled" },
  { label: "annual, 1 h after", billingFrequency: "annual", offset: H, expect: "fullCredit" },
  { label: "annual, 3 days (past the monthly window)", billingFrequency: "annual", offset: 3 * D, expect: "fullCredit" },
  { label: "annual, 1 s before 14 days", billingFrequency: "annual", offset: ANNUAL_SECONDS - 1, expect: "fullCredit" },
  { label: "annual, exactly 14 days", billingFrequency: "annual", offset: ANNUAL_SECONDS, expect: "scheduled" },
  { label: "annual, 14 days + 1 s", billingFrequency: "annual", offset: ANNUAL_SECONDS + 1, expect: "scheduled" },
  { label: "annual, 20 days", billingFrequency: "annual", offset: 20 * D, expect: "scheduled" },
  { label: "pending monthly, 1 s before 24 h", status: "pending", billingFrequency: "monthly", offset: MONTHLY_SECONDS - 1, expect: "fullCredit" },
  { label: "pending annual, exactly 14 days", status: "pending", billingFrequency: "annual", offset: ANNUAL_SECONDS, expect: "scheduled" },
  { label: "suspended monthly, 1 h after", status: "suspended", billingFrequency: "monthly", offset: H, expect: "fullCredit" },
  { label: "suspended annual, 20 days", status: "suspended", billingFrequency: "annual", offset: 20 * D, expect: "scheduled" },
  { label: "deleted monthly, 1 h after", status: "deleted", billingFrequency: "monthly", offset: H, expect: "denied" },
  { label: "deleted annual, 1 s before 14 days", status: "deleted", billingFrequency: "annual", offset: ANNUAL_SECONDS - 1, expect: "denied" },
  { label: "deleted monthly, exactly 24 h", status: "deleted", billingFrequency: "monthly", offset: MONTHLY_SECONDS, expect: "denied" },
];

