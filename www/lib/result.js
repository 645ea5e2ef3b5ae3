// The result panel: what `evaluate(request)` answered, all of it — the verdict, every reason with
// its rule, the alternative, the effects, the money with its working, and the deadlines — or, for
// a failure, the input errors that have no form field (the others are shown by their fields).
import { h, fill } from "./dom.js";

/** A rule ID, with its title (in the request's language) on hover. */
export function ruleChip(id, titles) {
  return h("abbr", { class: "rule", title: titles.get(id) ?? id }, id);
}

const fmtInstant = (at) => at.replace("T", " ").replace(/:00Z$/, "Z");

/** An action in a few words: its type and its parameters (`scheduleChange quantity 8`). */
function describe(action) {
  const parts = [action.type];
  for (const [key, value] of Object.entries(action)) {
    if (key === "type") continue;
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (k !== "kind") parts.push(`${k} ${typeof v === "object" ? JSON.stringify(v) : v}`);
    } else {
      parts.push(`${key} ${value}`);
    }
  }
  return parts.join(" ");
}

/** One effect as text: its type and whatever it carries. */
function effectText(effect) {
  const { rule, type, ...rest } = effect;
  if (type === "statusChanges") return `status ${rest.from} → ${rest.to} at ${fmtInstant(rest.at)}`;
  if (type === "quantityChanges") return `licences ${rest.from} → ${rest.to}`;
  const parts = Object.entries(rest).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "string" && /T\d\d:/.test(v) ? fmtInstant(v) : v}`);
  return parts.length ? `${type} (${parts.join("; ")})` : type;
}

/**
 * Render an answer of `evaluate` into `root`.
 * `unplaced`: input errors with no form field; `onJump(instant)` moves `now` to a deadline.
 */
export function renderResult(root, answer, { titles, unplaced = [], onJump, onAlternative, onFocus }) {
  if (answer.type === "failure") {
    const placed = answer.errors.filter((e) => !unplaced.includes(e));
    return fill(root,
      h("p", { class: "verdict-line" }, h("span", { id: "verdict", class: "verdict failure" }, "input errors"),
        ` ${answer.errors.length} problem${answer.errors.length === 1 ? "" : "s"} in the request`),
      placed.length > 0 && h("p", { class: "placed-errors" }, "By their fields: ",
        placed.map((e, i) => [i ? ", " : "", h("button", { type: "button", class: "small link", title: `${e.code}: ${e.message}`, onclick: () => onFocus(e.path) }, e.path)])),
      unplaced.length > 0 && h("section", {},
        h("h3", {}, "Errors at paths without a form field"),
        h("ul", { id: "other-errors", class: "errors" }, unplaced.map((e) =>
          h("li", { dataset: { code: e.code, path: e.path } }, h("code", {}, e.path || "(the request)"), " ", h("code", {}, e.code), " ", e.message,
            e.rule ? " " : "", e.rule && ruleChip(e.rule, titles))))));
  }
  const d = answer.result;
  return fill(root,
    h("p", { class: "verdict-line" },
      h("span", { id: "verdict", class: `verdict ${d.verdict}` }, d.verdict),
      " ", h("code", {}, d.action),
      d.effectiveAt && h("span", { class: "muted" }, ` effective ${fmtInstant(d.effectiveAt)}`),
      h("span", { class: "muted meta" }, ` edition ${d.edition} · policy ${d.policyFingerprint} · evaluated at ${fmtInstant(d.evaluatedAt)}`)),
    d.alternative && h("p", { id: "alternative", class: "alternative" },
      "Instead: ", h("button", { type: "button", id: "alternative-action", title: `load ${JSON.stringify(d.alternative.action)} into the form`, onclick: () => onAlternative(d.alternative.action) }, describe(d.alternative.action)),
      " ", ruleChip(d.alternative.rule, titles), " ", d.alternative.message),
    h("section", {},
      h("h3", {}, "Reasons"),
      h("table", { id: "reasons" },
        h("tbody", {}, d.reasons.map((r) => h("tr", { class: `outcome-${r.outcome}` },
          h("td", {}, ruleChip(r.rule, titles)), h("td", { class: "outcome" }, r.outcome), h("td", { class: "message" }, r.message)))))),
    d.effects.length > 0 && h("section", {},
      h("h3", {}, "Effects"),
      h("ul", { id: "effects" }, d.effects.map((e) => h("li", {}, ruleChip(e.rule, titles), " ", effectText(e))))),
    d.money.length > 0 && h("section", {},
      h("h3", {}, "Money"),
      h("table", { id: "money" },
        h("tbody", {}, d.money.map((m) => h("tr", {},
          h("td", {}, m.kind), h("td", { class: "amount" }, `${m.amount} ${m.currency}`), h("td", {}, ruleChip(m.rule, titles)),
          h("td", {},
            h("code", { class: "formula" }, m.working.formula),
            h("div", { class: "muted" }, [
              m.working.periodStart && `period ${m.working.periodStart} – ${m.working.periodEnd} (${m.working.periodDays} days)`,
              m.working.remainingDays != null && `${m.working.remainingDays} days remaining`,
              `rounding ${m.working.rounding}`,
            ].filter(Boolean).join(" · ")))))))),
    d.deadlines.length > 0 && h("section", {},
      h("h3", {}, "Deadlines"),
      h("table", { id: "deadlines" },
        h("tbody", {}, d.deadlines.map((dl) => h("tr", {},
          h("td", {}, dl.kind), h("td", {}, fmtInstant(dl.at)), h("td", {}, ruleChip(dl.rule, titles)),
          h("td", {}, h("button", { type: "button", class: "small", title: "move now to this instant", onclick: () => onJump(dl.at) }, "now →"))))))),
  );
}
