// The same page code for both import maps: `init` first (a no-op when the entry already ran it).
import init, { evaluate } from "subscription-rules";
import { request } from "./request.js";

await init();
const answer = evaluate(request);
document.querySelector("#verdict").textContent = answer.type === "success" ? answer.result.verdict : "failure";
document.querySelector("#refund").textContent = answer.type === "success" ? answer.result.money[0].amount : "-";
const bad = evaluate({ ...request, now: "2021-07-17T09:00:00" });
document.querySelector("#error").textContent = bad.type === "failure" ? `${bad.errors[0].code} at ${bad.errors[0].path}` : "none";
document.body.dataset.done = "true";
