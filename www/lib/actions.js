// The available-actions panel: one button per action of `availableActions(query)`, enabled when
// its verdict lets it be done (now or at renewal), disabled otherwise, with the reasons on hover
// and behind "why?" (a tap shows them). Clicking a button loads that action into the form; "why?"
// also offers to load a disabled one anyway.
import { h, fill } from "./dom.js";

const ALLOWED = new Set(["allowedNow", "scheduled"]);

/** A short label for an action with its parameters: "changeQuantity 11", "upgrade → E5". */
export function actionLabel(action) {
  const { type, ...p } = action;
  switch (type) {
    case "changeQuantity": return `changeQuantity ${p.quantity}`;
    case "setAutoRenew": return `setAutoRenew ${p.enabled ? "on" : "off"}`;
    case "suspend": return `suspend (${p.reason})`;
    case "scheduleChange": return `scheduleChange ${p.change.kind}${p.change.quantity != null ? ` ${p.change.quantity}` : ""}`;
    case "cancelScheduledChange": return `cancelScheduledChange ${p.changeId}`;
    case "upgrade": return `upgrade → ${p.targetSku}`;
    case "purchaseAddOn": return `purchaseAddOn ×${p.quantity}`;
    default: return type;
  }
}

/** The hover text of a decision: verdict, every reason, and when time alone changes it. */
function hoverText(decision) {
  const lines = [decision.verdict, ...decision.reasons.map((r) => `${r.rule} ${r.outcome}: ${r.message}`)];
  if (decision.alternative) lines.push(`instead: ${decision.alternative.action.type} (${decision.alternative.rule})`);
  const change = decision.deadlines.find((d) => d.kind === "outcomeChangesAt");
  if (change) lines.push(`changes at ${change.at} (${change.rule})`);
  return lines.join("\n");
}

/**
 * One action's button, its verdict, and for one it cannot do a "why?" that shows the reasons on
 * tap or click (not only on hover) with a button to load the action anyway.
 */
export function actionItem(action, decision, onPick) {
  const allowed = ALLOWED.has(decision.verdict);
  return h("li", { class: `verdict-${decision.verdict}` },
    h("button", { type: "button", disabled: !allowed, title: hoverText(decision), dataset: { action: action.type, verdict: decision.verdict }, onclick: () => onPick(action) }, actionLabel(action)),
    h("span", { class: "action-verdict" }, decision.verdict),
    !allowed && h("details", { class: "why" },
      h("summary", {}, "why?"),
      h("ul", { class: "why-reasons" }, decision.reasons.map((r) => h("li", {}, h("abbr", { class: "rule" }, r.rule), " ", r.message))),
      decision.alternative && h("p", {}, `instead: ${actionLabel(decision.alternative.action)}`),
      h("button", { type: "button", class: "small link", onclick: () => onPick(action) }, "load it into the form anyway")));
}

export function renderActions(root, answer, { onPick }) {
  if (!answer) return fill(root, h("p", { class: "muted" }, "No subscription: no actions to list (a purchase is decided in the form)."));
  if (answer.type === "failure") {
    return fill(root, h("p", { class: "muted" }, `No actions: ${answer.errors.map((e) => `${e.path || "request"}: ${e.code}`).join("; ")}`));
  }
  return fill(root, h("ul", { class: "actions" }, answer.result.actions.map(({ action, decision }) => actionItem(action, decision, onPick))));
}
