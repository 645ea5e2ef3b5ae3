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

// A lazy decision (full module): the verdict and rule IDs typed, the rest a Decision's fields,
// `toJSON()` a plain Decision; a single decision in short is a DecisionSummary.
import type { Decision as FullDecision, LazyDecision, Rule } from "subscription-rules/full";
export const lazy: [string, Rule[], FullDecision["effects"], FullDecision] | "failure" = isSuccess(prepared)
  ? (() => {
      const answer = prepared.result.evaluateLazy({ type: "cancel" }, "2021-07-17T09:00:00Z");
      if (!isSuccess(answer)) return "failure";
      const d: LazyDecision = answer.result;
      const plain: FullDecision = d;
      return [d.verdict, d.rules, plain.effects, d.toJSON()];
    })()
  : "failure";
export const inShort: DecisionSummary | undefined = isSuccess(prepared)
  ? (() => {
      const answer = prepared.result.evaluateInShort({ type: "cancel" }, 0);
      return isSuccess(answer) ? answer.result : undefined;
    })()
  : undefined;
// The available actions, lazily: each decision a LazyDecision.
import type { LazyAvailableActions } from "subscription-rules/full";
export const lazyList: LazyAvailableActions | undefined = isSuccess(prepared)
  ? (() => {
      const answer = prepared.result.availableActionsLazy("2021-07-17T09:00:00Z");
      return isSuccess(answer) ? answer.result : undefined;
    })()
  : undefined;
export const firstRules: Rule[] = lazyList?.actions[0]?.decision.rules ?? [];
// One-shot, lazily; and a prepared batch, lazily: each a LazyDecision.
import { evaluateLazy } from "subscription-rules/full";
export const oneShotLazy: LazyDecision | undefined = (() => {
  const answer = evaluateLazy({
    now: "2021-07-17T09:00:00Z",
    actor: { roles: ["globalAdmin"], partnerKind: "indirectProvider" },
    action: { type: "purchase", quantity: 5 },
  });
  return isSuccess(answer) ? answer.result : undefined;
})();
export const batchRules: Rule[][] = isSuccess(prepared)
  ? (() => {
      const many = prepared.result.evaluateManyLazy([{ type: "cancel" }, { type: "pause" }], "2021-07-17T09:00:00Z");
      return isSuccess(many) ? many.result.map((a) => (isSuccess(a) ? a.result.rules : [])) : [];
    })()
  : [];
