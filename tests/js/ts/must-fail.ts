// Must NOT type-check: "wizard" is not a Role. scripts/test-wasm.sh fails if tsc accepts this file.
import { evaluate, type Request } from "subscription-rules";

const request: Request = {
  now: "2021-07-17T09:00:00Z",
  actor: { roles: ["wizard"], partnerKind: "directBill" },
  action: { type: "cancel" },
};
evaluate(request);
