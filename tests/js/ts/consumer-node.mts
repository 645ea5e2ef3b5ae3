// A Node TypeScript consumer (moduleResolution nodenext: the "node" export condition).
import { evaluate, type Decision, type Request } from "subscription-rules";

const request: Request = {
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["globalAdmin"], partnerKind: "indirectProvider" },
  action: { type: "purchase", quantity: 5 },
};
const answer = evaluate(request);
export const verdict: Decision["verdict"] | "failure" = answer.type === "success" ? answer.result.verdict : "failure";
