// The request every browser page (the Vite and webpack app's too) and the bundler-build check
// decide: cancelling a new-commerce
// subscription two days after its order (allowedNow, 94.20 back; with a `now` without an
// offset, invalidTimestamp at `now`).
export const request = {
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["adminAgent"], partnerKind: "directBill" },
  subscription: {
    id: "sub-1", offerId: "o-1", sku: "E3", commerceModel: "newCommerce", billingType: "license",
    billingFrequency: "monthly", term: "annual", status: "active",
    orderedAt: "2021-07-15T08:00:00Z", termStart: "2021-07-15T08:00:00Z",
    quantity: 10, unitPrice: "10.08", currency: "USD",
  },
  action: { type: "cancel" },
};
