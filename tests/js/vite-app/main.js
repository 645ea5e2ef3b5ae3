// A bundled app: `import { evaluate }` with no init call (the package's entry initialises itself).
import { evaluate, version } from "subscription-rules";
import { request } from "../browser-esm/request.js";

const answer = evaluate(request);
document.querySelector("#verdict").textContent = answer.type === "success" ? answer.result.verdict : "failure";
document.querySelector("#refund").textContent = answer.type === "success" ? answer.result.money[0].amount : "-";
const bad = evaluate({ ...request, now: "2021-07-17T09:00:00" });
document.querySelector("#error").textContent = bad.type === "failure" ? `${bad.errors[0].code} at ${bad.errors[0].path}` : "none";
document.body.dataset.version = version();
document.body.dataset.done = "true";
