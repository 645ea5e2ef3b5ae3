// A server's TypeScript without the DOM library (lib: ES2022 only): the package's types need none.
import { evaluate, isSuccess, type Decision } from "subscription-rules";
import { fromPartnerCenter } from "subscription-rules/full";

const answer = evaluate({
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["globalAdmin"], partnerKind: "indirectProvider" },
  action: { type: "purchase", quantity: 5 },
});
export const verdict: Decision["verdict"] | "failure" = isSuccess(answer) ? answer.result.verdict : "failure";
export const read = fromPartnerCenter({ id: "x" }).type;

// The prepared handle's queries (full module), without the DOM library.
import { prepare } from "subscription-rules/full";
const prepared = prepare({ actor: { roles: ["globalAdmin"], partnerKind: "indirectProvider" } });
export const handle = isSuccess(prepared) ? prepared.result.timeline(0).type : "failure";

// A server's re-check of many actions in short: each answer's verdict and rule IDs are typed.
import type { DecisionSummary } from "subscription-rules/full";
export const verdicts: (DecisionSummary["verdict"] | "failure")[] = isSuccess(prepared)
  ? (() => {
      const many = prepared.result.evaluateManyCompact([{ type: "cancel" }, { type: "pause" }], 0);
      return isSuccess(many) ? many.result.map((a) => (isSuccess(a) ? a.result.verdict : "failure")) : [];
    })()
  : [];
