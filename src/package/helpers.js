// Runtime helpers of every entry (re-exported by each build's glue, like rules.js): type guards
// for answers and for the error a misused call throws, and `init` where a build needs none.

const CALL_ERROR = Symbol.for("subscription-rules.CallError");

/** Whether an answer is `{ type: "success", result }`. */
export function isSuccess(answer) {
  return answer !== null && typeof answer === "object" && answer.type === "success";
}

/** Whether an answer is `{ type: "failure", errors }`. */
export function isFailure(answer) {
  return answer !== null && typeof answer === "object" && answer.type === "failure";
}

/**
 * Whether a thrown value is the error of a misused call (the argument `undefined`, or not a JSON
 * value): an `Error` with a `code` and the `path` of the offending value. Bad input is never
 * thrown; it is a failure answer.
 */
export function isCallError(error) {
  return error instanceof Error && error[CALL_ERROR] === true;
}
