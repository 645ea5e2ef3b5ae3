// The package's types beside the DOM's and an application's own types of the same short names:
// the Subscription* names clash with none (tsc --noEmit -p ts/tsconfig.names.json).
import {
  evaluate,
  isSuccess,
  type SubscriptionAction,
  type SubscriptionEffect,
  type SubscriptionPolicy,
  type SubscriptionRequest,
  type SubscriptionRule,
  type SubscriptionStatus,
} from "subscription-rules";

// An application's own types, named as applications name them.
type Action = { kind: "navigate"; to: string };
type Status = "idle" | "loading" | "done";
type Rule = { field: string; required: boolean };
type Effect = () => void;
type Policy = { retries: number };

const request: SubscriptionRequest = {
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["adminAgent"], partnerKind: "directBill" },
  action: { type: "purchase", quantity: 1 } satisfies SubscriptionAction,
};
const fetchRequest: Request = new Request("https://example.invalid/"); // the DOM's
const appAction: Action = { kind: "navigate", to: "/" };
const appStatus: Status = "idle";
const appRule: Rule = { field: "quantity", required: true };
const appEffect: Effect = () => {};
const appPolicy: Policy = { retries: 3 };

const answer = evaluate(request);
export const rules: SubscriptionRule[] = isSuccess(answer) ? answer.result.reasons.map((r) => r.rule) : [];
export const effects: SubscriptionEffect[] = isSuccess(answer) ? answer.result.effects : [];
export const status: SubscriptionStatus = "active";
export const cancelDays = (p: SubscriptionPolicy): number | undefined => p.newCommerceCancelDays;
export const app = [fetchRequest, appAction, appStatus, appRule, appEffect, appPolicy];
