// A browser/bundler TypeScript consumer: must type-check (tsc --noEmit -p ts/tsconfig.json).
import init, {
  evaluate,
  policyDefaults,
  rules,
  version,
  type CallError,
  type Decision,
  type InputError,
  type JsonAnswer,
  type Request,
  type RuleInfo,
} from "subscription-rules";

const request: Request = {
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["adminAgent"], partnerKind: "directBill" },
  subscription: {
    id: "sub-1",
    offerId: "o-1",
    sku: "E3",
    commerceModel: "newCommerce",
    billingType: "license",
    billingFrequency: "monthly",
    term: "annual",
    status: "active",
    orderedAt: "2021-07-15T08:00:00Z",
    termStart: "2021-07-15T08:00:00Z",
    quantity: 10,
    unitPrice: "10.08",
    currency: "USD",
  },
  policy: { newCommerceCancelDays: 30 },
  action: { type: "cancel" },
};

export async function decide(): Promise<string> {
  await init();
  const answer: JsonAnswer<Decision> = evaluate(request);
  if (answer.type === "failure") {
    const first: InputError = answer.errors[0];
    return `${first.code} at ${first.path}: ${first.message}`;
  }
  const decision: Decision = answer.result;
  const refund: string | undefined = decision.money.find((m) => m.kind === "refund")?.amount;
  const rulesThatDecided: string[] = decision.reasons.map((r) => r.rule);
  return `${decision.verdict} ${refund ?? "-"} ${rulesThatDecided.join(",")}`;
}

export function describeCallError(e: unknown): string {
  const error = e as CallError;
  return `${error.code} ${error.path} ${error.message}`;
}

const catalog: RuleInfo[] = rules();
const cancelWindow: number | undefined = policyDefaults().newCommerceCancelDays;
const v: string = version();
export const summary = `${catalog.length} ${cancelWindow} ${v}`;

// The helpers are type guards.
import { isSuccess, isFailure, isCallError } from "subscription-rules";
export function verdictOrErrors(answer: ReturnType<typeof evaluate>): string {
  if (isSuccess(answer)) return answer.result.verdict;
  if (isFailure(answer)) return answer.errors.map((e) => e.path).join(",");
  return "never";
}
export function guarded(e: unknown): string {
  return isCallError(e) ? e.path : "";
}

// A prepared subscription: the facts once, then any action at any instant.
import { prepare, type PreparedFacts, type PreparedSubscription } from "subscription-rules";
const { now: _now, action: _action, ...facts } = request;
const preparedFacts: PreparedFacts = facts;
export function verdictsOverTime(): string[] {
  const prepared = prepare(preparedFacts);
  if (!isSuccess(prepared)) return [];
  const p: PreparedSubscription = prepared.result;
  try {
    return ["2021-07-16T09:00:00Z", Date.parse("2021-08-20T00:00:00Z"), new Date()].map((now) => {
      const answer = p.evaluate({ type: "cancel" }, now);
      return isSuccess(answer) ? answer.result.verdict : "failure";
    });
  } finally {
    p.free();
  }
}
