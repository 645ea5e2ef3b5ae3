// A Node TypeScript consumer (moduleResolution nodenext: the "node" export condition).
import { evaluate, type Decision, type Request } from "subscription-rules";

const request: Request = {
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["globalAdmin"], partnerKind: "indirectProvider" },
  action: { type: "purchase", quantity: 5 },
};
const answer = evaluate(request);
export const verdict: Decision["verdict"] | "failure" = answer.type === "success" ? answer.result.verdict : "failure";

// The helpers narrow, and `init` is the default export in Node too (isomorphic code).
import init, { isSuccess, isCallError } from "subscription-rules";
await init();
export const narrowed: string = isSuccess(answer) ? answer.result.verdict : answer.errors[0].code;
export function codeOf(e: unknown): string {
  return isCallError(e) ? `${e.code} at ${e.path}` : "not ours";
}
