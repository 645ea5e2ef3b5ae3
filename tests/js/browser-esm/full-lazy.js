// The full module's one-shot `evaluateLazy` (a function of the boundary that the glue exports):
// the page shows what its lazy decision gives, and fails (a page error) if any answer's JSON is
// not `evaluate`'s.
import { evaluate, evaluateLazy } from "subscription-rules/full";
import { request } from "./request.js";

const answer = evaluateLazy(request);
document.querySelector("#verdict").textContent = answer.type === "success" ? answer.result.verdict : "failure";
document.querySelector("#refund").textContent = answer.type === "success" ? answer.result.money[0].amount : "-";
const bad = evaluateLazy({ ...request, now: "2021-07-17T09:00:00" });
document.querySelector("#error").textContent = bad.type === "failure" ? `${bad.errors[0].code} at ${bad.errors[0].path}` : "none";
for (const r of [request, { ...request, now: "2021-07-17T09:00:00" }, { ...request, action: { type: "pause" } }, { ...request, now: "2022-01-01T00:00:00Z" }]) {
  if (JSON.stringify(evaluateLazy(r)) !== JSON.stringify(evaluate(r))) throw new Error(`evaluateLazy differs from evaluate at ${r.now}, ${r.action.type}`);
}
document.body.dataset.done = "true";
