// The facts form: one control per request field, each bound to the field's JSON path
// (`data-path`). The request object is the single source of truth:
//   - editing a control writes its value at its path (an empty control removes the field, so the
//     engine's defaults apply), then the page re-renders the JSON view and re-evaluates;
//   - `update(request)` writes the request's values into every control.
// Lists (add-ons, scheduled changes, seat additions) and rarer offer fields are edited in the
// JSON view only; input errors at their paths are listed with the path under the form.
import { h, fill } from "./dom.js";

const ROLES = ["globalAdmin", "adminAgent", "billingAdmin", "salesAgent", "supportAgent"];
const STATUS = ["pending", "active", "suspended", "paused", "deleted"];
const TERM = ["monthly", "annual", "triennial"];
const FREQUENCY = ["monthly", "annual"];
const BILLING_TYPE = ["license", "usage"];

const instant = (path, label = path.split(".").pop()) => ({ path, label, type: "text", placeholder: "2021-07-15T08:00:00Z" });
const text = (path, label = path.split(".").pop(), placeholder = "") => ({ path, label, type: "text", placeholder });
const int = (path, label = path.split(".").pop()) => ({ path, label, type: "number" });
const choice = (path, options, absent = "(absent)", label = path.split(".").pop()) => ({ path, label, type: "enum", options, absent });
const flag = (path, absent, label = path.split(".").pop()) => choice(path, ["true", "false"], absent, label);
const list = (path, label = path.split(".").pop()) => ({ path, label, type: "list", placeholder: "comma-separated" });

/** The form's sections (the action's parameters depend on its type: see `actionFields`). */
export const SECTIONS = [
  { title: "Actor", fields: [{ path: "actor.roles", label: "roles", type: "roles" }, choice("actor.partnerKind", ["directBill", "indirectProvider", "indirectReseller"]), text("actor.partnerId")] },
  {
    title: "Subscription",
    fields: [
      text("subscription.id"), text("subscription.name"), text("subscription.offerId"), text("subscription.sku"),
      choice("subscription.commerceModel", ["legacy", "newCommerce", "marketplace"]),
      choice("subscription.billingType", BILLING_TYPE), choice("subscription.billingFrequency", FREQUENCY),
      choice("subscription.term", TERM), choice("subscription.status", STATUS),
      instant("subscription.orderedAt"), instant("subscription.termStart"),
      text("subscription.termEnd", "termEnd", "YYYY-MM-DD (derived when absent)"),
      int("subscription.quantity"), text("subscription.unitPrice", "unitPrice", "10.08"), text("subscription.currency", "currency", "USD"),
      flag("subscription.autoRenew", "(default: true)"), instant("subscription.trialEndsAt"), instant("subscription.suspendedAt"),
      flag("subscription.publisherActionRequired", "(default: false)"), text("subscription.resellerId"),
      instant("subscription.accountOpenedAt"), instant("subscription.billingStartedAt"), list("subscription.upgradePaths"),
    ],
  },
  { title: "Customer", optional: "customer", fields: [text("customer.id"), choice("customer.segment", ["commercial", "education", "government", "nonprofit"]), text("customer.billingCountry", "billingCountry", "SE")] },
  {
    title: "Offer",
    optional: "offer",
    fields: [
      text("offer.id"), text("offer.name"), choice("offer.publisher", ["microsoft", "partner"]), choice("offer.billingType", BILLING_TYPE),
      choice("offer.category", ["enterprise", "smallBusiness", "trial"]), int("offer.minQuantity"), int("offer.maxQuantity"),
      flag("offer.freeTrial", "(default: false)"), text("offer.unitPrice"), text("offer.currency"), list("offer.addOnFor"),
    ],
  },
];

/** Every action type with its parameters and the values a new action of that type starts with. */
const ACTIONS = {
  purchase: { quantity: 1 },
  purchaseAddOn: { quantity: 1, channel: "baseSubscription" },
  changeQuantity: { quantity: 1 },
  rename: { name: "new name" },
  setAutoRenew: { enabled: false },
  setResellerId: { resellerId: "1234567" },
  activate: { licensesAssigned: true, setupConfirmed: true },
  suspend: { reason: "customerRequest" },
  reactivate: {}, cancel: {}, pause: {}, resume: {},
  scheduleChange: { change: { kind: "quantity", quantity: 1 } },
  cancelScheduledChange: { changeId: "" },
  upgrade: { targetSku: "", quantity: 1, target: { kind: "new" }, timing: "now" },
};
const CHANGES = { skuUpgrade: { targetSku: "" }, skuDowngrade: { targetSku: "" }, quantity: { quantity: 1 }, term: { term: "annual" }, billingFrequency: { billingFrequency: "annual" } };

/** The parameter controls for the action in `request` (they follow its type and nested kinds). */
function actionFields(action) {
  const type = action?.type;
  const fields = [];
  const param = {
    quantity: int("action.quantity"), name: text("action.name"), enabled: flag("action.enabled", "(absent)"),
    resellerId: text("action.resellerId"), licensesAssigned: flag("action.licensesAssigned"), setupConfirmed: flag("action.setupConfirmed"),
    reason: choice("action.reason", ["customerRequest", "nonPayment", "fraud"]), channel: choice("action.channel", ["baseSubscription", "catalog"], "(default: baseSubscription)"),
    changeId: text("action.changeId"), targetSku: text("action.targetSku"), timing: choice("action.timing", ["now", "renewal"], "(default: now)"),
  };
  for (const key of Object.keys(ACTIONS[type] ?? {})) {
    if (key === "change") {
      const kind = action.change?.kind;
      fields.push(choice("action.change.kind", Object.keys(CHANGES), "(absent)", "change.kind"));
      for (const k of Object.keys(CHANGES[kind] ?? {})) {
        const path = `action.change.${k}`;
        fields.push(k === "quantity" ? int(path, `change.${k}`) : k === "term" ? choice(path, TERM, "(absent)", "change.term")
          : k === "billingFrequency" ? choice(path, FREQUENCY, "(absent)", "change.billingFrequency") : text(path, `change.${k}`));
      }
    } else if (key === "target") {
      fields.push(choice("action.target.kind", ["new", "existing"], "(absent)", "target.kind"));
      if (action.target?.kind === "existing") fields.push(text("action.target.subscriptionId", "target.subscriptionId"));
    } else {
      fields.push(param[key]);
    }
  }
  return fields;
}

// ---- reading and writing a value at a path ("subscription.orderedAt") -------------------------

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

export function getAt(object, path) {
  return path.split(".").reduce((v, key) => (isObject(v) ? v[key] : undefined), object);
}

/** Set (or, for `undefined`, remove) the value at `path`, creating objects on the way. */
export function setAt(object, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let parent = object;
  const parents = [];
  for (const key of keys) {
    if (!isObject(parent[key])) {
      if (value === undefined) return;
      parent[key] = {};
    }
    parents.push([parent, key]);
    parent = parent[key];
  }
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  // An optional object (customer, offer) emptied through the form is removed altogether.
  if (value === undefined && parents.length === 1 && ["customer", "offer"].includes(keys[0]) && Object.keys(parent).length === 0) {
    delete object[keys[0]];
  }
}

// ---- control <-> JSON value --------------------------------------------------------------------

/** The JSON value a control's text stands for (`undefined`: the field is absent). */
function valueOf(field, control) {
  if (field.type === "roles") return [...control.querySelectorAll("input:checked")].map((c) => c.value);
  const raw = control.value;
  if (raw === "") return undefined;
  switch (field.type) {
    case "enum":
      return field.options.includes("true") && (raw === "true" || raw === "false") ? raw === "true" : raw;
    case "number": {
      // A number, or whatever JSON the text is (`"10"` stays a string, for the engine to report).
      try {
        const v = JSON.parse(raw);
        return typeof v === "number" || typeof v === "string" ? v : raw;
      } catch {
        return raw;
      }
    }
    case "list":
      return raw.split(",").map((s) => s.trim()).filter(Boolean);
    default:
      return raw;
  }
}

/** Show `value` in a control. Values of an unexpected type are shown as JSON text. */
function show(field, control, value) {
  if (field.type === "roles") {
    const held = Array.isArray(value) ? value : [];
    for (const box of control.querySelectorAll("input")) box.checked = held.includes(box.value);
    return;
  }
  let text;
  if (value === undefined) text = "";
  else if (field.type === "list" && Array.isArray(value) && value.every((v) => typeof v === "string")) text = value.join(", ");
  else if (field.type === "number" && typeof value === "number") text = String(value);
  else if (field.type === "enum" && (typeof value === "string" || typeof value === "boolean")) text = String(value);
  else if (field.type !== "number" && typeof value === "string") text = value;
  else text = JSON.stringify(value);
  if (field.type === "enum" && ![...control.options].some((o) => o.value === text)) {
    // A value outside the known ones (e.g. status "expired"): show it, for the engine to judge.
    control.append(h("option", { value: text, class: "unknown" }, `${text} (unknown)`));
  }
  if (control.value !== text) control.value = text;
}

function control(field) {
  const id = `f-${field.path.replaceAll(".", "-")}`;
  if (field.type === "roles") {
    return h("span", { id, class: "roles", role: "group" },
      ROLES.map((r) => h("label", {}, h("input", { type: "checkbox", value: r }), r)));
  }
  if (field.type === "enum") {
    return h("select", { id }, h("option", { value: "" }, field.absent), field.options.map((o) => h("option", { value: o }, o)));
  }
  return h("input", { id, type: "text", placeholder: field.placeholder ?? "", spellcheck: false, autocomplete: "off" });
}

function row(field) {
  const input = control(field);
  return h("div", { class: "field", dataset: { path: field.path } },
    h("label", { for: input.id, title: field.path }, field.label),
    input,
    h("output", { class: "field-error", dataset: { errorFor: field.path }, "aria-live": "polite" }));
}

// ---- the form ------------------------------------------------------------------------------------

/**
 * Build the form into `root` (sections) and `header` (now, edition, locale: rendered by the page).
 * `onChange(mutate)` is called with a function that applies the edit to the request.
 */
export function createForm({ root, headerFields, actionRoot, onChange }) {
  const bound = new Map(); // path -> { field, control }

  function bind(field, container) {
    const el = row(field);
    const input = el.querySelector("input, select, .roles");
    const handler = () => onChange((request) => edit(request, field, valueOf(field, input)));
    input.addEventListener(field.type === "enum" || field.type === "roles" ? "change" : "input", handler);
    bound.set(field.path, { field, control: input, row: el });
    container.append(el);
  }

  for (const [container, field] of headerFields) bind(field, container);
  for (const section of SECTIONS) {
    const fieldset = h("fieldset", {}, h("legend", {}, section.title));
    for (const field of section.fields) bind(field, fieldset);
    root.append(fieldset);
  }

  const typeField = choice("action.type", Object.keys(ACTIONS), "(absent)", "type");
  const params = h("div", { class: "action-params" });
  fill(actionRoot, h("legend", {}, "Action"));
  bind(typeField, actionRoot);
  actionRoot.append(params);
  let paramPaths = "";

  /** Apply a form edit; changing the action's type (or a nested kind) starts its parameters afresh. */
  function edit(request, field, value) {
    if (!isObject(request)) return;
    const action = isObject(request.action) ? request.action : null;
    if (field.path === "action.type") {
      const old = action ?? {};
      const fresh = structuredClone(ACTIONS[value] ?? {});
      for (const key of Object.keys(fresh)) if (key in old && key !== "change" && key !== "target") fresh[key] = old[key];
      request.action = value === undefined ? {} : { type: value, ...fresh };
      return;
    }
    if (field.path === "action.change.kind" && action && value in CHANGES) {
      action.change = { kind: value, ...structuredClone(CHANGES[value]) };
      return;
    }
    if (field.path === "action.target.kind" && action && value === "new") {
      action.target = { kind: "new" };
      return;
    }
    setAt(request, field.path, value);
  }

  /** Write every value of `request` into the controls (the one being typed in keeps its text). */
  function update(request) {
    const action = getAt(request, "action");
    const fields = actionFields(action);
    const paths = fields.map((f) => f.path).join();
    if (paths !== paramPaths) {
      for (const path of paramPaths.split(",").filter(Boolean)) bound.delete(path);
      params.replaceChildren();
      for (const field of fields) bind(field, params);
      paramPaths = paths;
    }
    for (const [path, { field, control }] of bound) {
      if (control === document.activeElement && field.type !== "enum") continue;
      show(field, control, getAt(request, path));
    }
  }

  /** Show input errors by their fields; the others are returned, to be listed with their path. */
  function showErrors(errors) {
    for (const { row, control } of bound.values()) {
      row.classList.remove("invalid");
      control.removeAttribute("aria-invalid");
      row.querySelector(".field-error").replaceChildren();
    }
    const unplaced = [];
    for (const error of errors) {
      const target = fieldFor(error.path);
      if (!target) {
        unplaced.push(error);
        continue;
      }
      target.row.classList.add("invalid");
      target.control.setAttribute("aria-invalid", "true");
      target.row.querySelector(".field-error").append(
        h("span", { class: "error", dataset: { code: error.code } }, h("code", {}, error.code), " ", error.message,
          error.rule && !error.message.includes(error.rule) ? ` (${error.rule})` : ""));
    }
    return unplaced;
  }

  /** The control an error path belongs to: the same path, or a list control for one of its items. */
  function fieldFor(path) {
    if (bound.has(path)) return bound.get(path);
    const item = /^(.*?)\[\d+\]$/.exec(path);
    return item && bound.get(item[1]);
  }

  return { update, showErrors, focus: (path) => bound.get(path)?.control.focus(), control: (path) => bound.get(path)?.control };
}
