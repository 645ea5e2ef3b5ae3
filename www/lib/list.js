// The list view: a customer's 200 subscriptions (www/lib/subscriptions.js) as a partner portal
// lists them, each row every action button enabled or disabled with its reason. Each subscription
// is read once (`prepare`); its buttons come from `p.actionStates(now)`, asked again when the
// list's `now` changes (its own: the subscriptions are of 2024). A button loads its subscription
// and action into the form.
import { h, fill } from "./dom.js";
import { actionLabel } from "./actions.js";
import { subscriptions } from "./subscriptions.js";

const START = "2024-03-15T10:00:00Z";

/** A button from an action's state: enabled or not, its reason behind "why?" (a tap shows it). */
function stateItem(s, onPick) {
  const title = `${s.verdict}: ${s.reason}${s.changesAt ? `\nchanges at ${s.changesAt}` : ""}`;
  return h("li", { class: `verdict-${s.verdict}` },
    h("button", { type: "button", disabled: !s.enabled, title, dataset: { action: s.action.type, verdict: s.verdict }, onclick: () => onPick(s.action) }, actionLabel(s.action)),
    h("span", { class: "action-verdict" }, s.verdict),
    !s.enabled && h("details", { class: "why" },
      h("summary", {}, "why?"),
      h("ul", { class: "why-reasons" }, h("li", {}, s.rules.map((r) => [h("abbr", { class: "rule" }, r), " "]), s.reason)),
      s.changesAt && h("p", {}, `changes at ${s.changesAt}`),
      h("button", { type: "button", class: "small link", onclick: () => onPick(s.action) }, "load it into the form anyway")));
}
const LATER = [["at the list's date", 0], ["a day later", 1], ["8 days later", 8], ["31 days later", 31], ["a year later", 366]];

export function createList({ root, status, prepare, onPick }) {
  let rows = null; // [{ facts, label, p }]
  let now = START;
  const select = h("select", { id: "list-now", onchange: () => render() },
    LATER.map(([label, days]) => h("option", { value: new Date(Date.parse(START) + days * 86_400_000).toISOString().replace(".000Z", "Z") }, `${label}`)));
  const table = h("div", { id: "list-table" });
  fill(root, h("label", {}, "now ", select, " "), table);

  function ensure() {
    if (rows !== null) return;
    rows = subscriptions(200, START).map((s) => {
      const answer = prepare(s.facts);
      return { ...s, p: answer.type === "success" ? answer.result : null, errors: answer.type === "success" ? [] : answer.errors };
    });
  }

  /** Show every row's buttons at the list's `now`. */
  function render() {
    now = select.value;
    ensure();
    const t0 = performance.now();
    let buttons = 0, enabled = 0;
    const items = rows.map(({ facts, label, p, errors }) => {
      if (p === null) return h("li", { class: "list-row" }, h("b", {}, label), h("p", { class: "error" }, errors.map((e) => `${e.code} at ${e.path}`).join("; ")));
      const answer = p.actionStates(now);
      if (answer.type !== "success") {
        return h("li", { class: "list-row" }, h("b", {}, label), h("p", { class: "error" }, answer.errors.map((e) => `${e.code} at ${e.path}: ${e.message}`).join("; ")));
      }
      const actions = answer.result.actions;
      buttons += actions.length;
      enabled += actions.filter((s) => s.enabled).length;
      return h("li", { class: "list-row", dataset: { subscription: facts.subscription.id } },
        h("div", { class: "list-label" }, h("b", {}, facts.subscription.id), " ", label),
        h("ul", { class: "actions" }, actions.map((s) => stateItem(s, (a) => onPick(facts, a)))));
    });
    const ms = performance.now() - t0;
    fill(table, h("ol", { class: "list" }, items));
    fill(status, `${rows.length} subscriptions at ${now}: ${buttons} actions, ${enabled} enabled; decided in ${ms.toFixed(1)} ms`);
    root.dataset.buttons = String(buttons);
    root.dataset.enabled = String(enabled);
  }

  return { render, now: () => now };
}
