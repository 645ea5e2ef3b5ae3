// The agreement check alone (scripts/test-bench-agreement.sh): subscription-rules,
// json-rules-engine and cedar-wasm decide the same rule on the boundary inputs of engines.mjs;
// exit 1 if any engine's outcome differs from the rule's expected one.
import { checkAgreement, printAgreement } from "./engines.mjs";

const result = await checkAgreement();
printAgreement(result);
process.exit(result.ok ? 0 : 1);
