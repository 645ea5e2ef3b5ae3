// The playground: how a page calls the engine. Everything the page shows comes from four calls
// of the package, re-run on every change of the request:
//   evaluate(request)            -> the result panel, and input errors by their fields
//   timeline(query)              -> the timeline picture
//   availableActions(query)      -> the action buttons
//   rules()                      -> rule titles on hover
//   prepare(facts), p.actionStates(now) -> the list view: 200 subscriptions' buttons
// where `query` is the request without its `action`. Answers are `{type: "success", result}` or
// `{type: "failure", errors: [{code, path, message, rule?}]}`; bad input is an answer, not a throw.
import init, { evaluate, timeline, availableActions, prepare, rules, version, fromPartnerCenter, checkAgainstPartnerCenter } from "subscription-rules";
import { h } from "./lib/dom.js";
import { createForm } from "./lib/form.js";
import { renderResult } from "./lib/result.js";
import { createTimeline } from "./lib/timeline.js";
import { renderActions } from "./lib/actions.js";
import { createList } from "./lib/list.js";
import { mergePatch } from "./lib/merge-patch.js";
import { encodeHash, decodeHash } from "./lib/share.js";

await init(); // fetches and instantiates ./pkg/subscription_rules_bg.wasm

const $ = (selector) => document.querySelector(selector);
const RULES = rules();
const titles = { en: new Map(RULES.map((r) => [r.id, r.title])), sv: new Map(RULES.map((r) => [r.id, r.titleSv])) };

// ---- state: the request (the one source of truth) and its JSON text ------------------------------

let request = {};
const jsonView = $("#json");
const jsonError = $("#json-error");

const form = createForm({
  root: $("#facts"),
  actionRoot: $("#action"),
  headerFields: [
    [$("#now-field"), { path: "now", label: "now", type: "text", placeholder: "2021-07-17T09:00:00Z" }],
    [$("#edition-field"), { path: "edition", label: "edition", type: "enum", options: ["2021", "2021-10", "2022-03", "2023", "atOrder", "atTermStart"], absent: "(default: 2021)" }],
    [$("#locale-field"), { path: "locale", label: "language", type: "enum", options: ["en", "sv"], absent: "en (default)" }],
  ],
  onChange: (edit) => {
    const next = structuredClone(request);
    edit(next);
    setRequest(next, "form");
  },
});

const timelineView = createTimeline({ root: $("#timeline"), onMove: (now) => setNow(now) });

/** Replace the request; `from` ("form", "json") is the view that made the change and is current. */
function setRequest(next, from) {
  request = next;
  if (from !== "json") {
    jsonView.value = JSON.stringify(request, null, 2);
    jsonError.textContent = "";
    jsonView.classList.remove("invalid");
  }
  form.update(request);
  run();
  saveToUrl();
}

function setNow(now) {
  setRequest({ ...request, now }, "timeline");
}

/** Load an action (from the actions panel or an alternative) into the form. */
function loadAction(action) {
  setRequest({ ...request, action: structuredClone(action) }, "actions");
}

// The JSON view: edits that parse replace the request; text that does not parse shows where.
jsonView.addEventListener("input", () => {
  let parsed;
  try {
    parsed = JSON.parse(jsonView.value);
  } catch (e) {
    jsonView.classList.add("invalid");
    jsonError.textContent = `Not JSON (${e.message}); the results below are for the last valid text.`;
    $("#results").classList.add("stale");
    return;
  }
  jsonView.classList.remove("invalid");
  jsonError.textContent = "";
  setRequest(parsed, "json");
});

// ---- evaluating --------------------------------------------------------------------------------

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** The SubscriptionQuery of a request: its facts without the action (none without a subscription). */
function queryOf(req) {
  if (!isObject(req) || !("subscription" in req)) return null;
  const { action, ...facts } = req;
  return facts;
}

/** Call an export; only a misused call throws (it cannot here: the value came from JSON). */
function call(fn, input) {
  try {
    return fn(input);
  } catch (e) {
    return { type: "failure", errors: [{ code: e.code ?? "thrown", path: e.path ?? "", message: String(e.message ?? e) }] };
  }
}

function run() {
  const answer = call(evaluate, request);
  const locale = isObject(request) && request.locale === "sv" ? "sv" : "en";
  const unplaced = form.showErrors(answer.type === "failure" ? answer.errors : []);
  const results = $("#results");
  results.classList.remove("stale");
  results.lang = locale;
  renderResult($("#result"), answer, { titles: titles[locale], unplaced, onJump: setNow, onAlternative: (action) => loadAction(action), onFocus: form.focus });
  $("#answer-json").textContent = JSON.stringify(answer, null, 2);

  const query = queryOf(request);
  timelineView.render(query && call(timeline, query), isObject(request) ? request.now : undefined);
  renderActions($("#actions"), query && call(availableActions, query), { onPick: loadAction });
}

// ---- the list view: a customer's 200 subscriptions, each read once (prepare) ----------------------

const list = createList({
  root: $("#list-rows"),
  status: $("#list-status"),
  prepare: (facts) => call(prepare, facts),
  onPick: (facts, action) => {
    setRequest({ now: list.now(), ...facts, action: structuredClone(action) }, "list");
    $("#facts").scrollIntoView({ block: "start" });
  },
});
$("#list").addEventListener("toggle", () => $("#list").open && list.render());

// ---- a Subscription resource of the publisher's API into the form ---------------------------------

$("#pc-fill").addEventListener("click", () => {
  const status = $("#pc-status");
  let resource, extras;
  try {
    resource = JSON.parse($("#pc-resource").value);
    extras = $("#pc-extras").value.trim() ? JSON.parse($("#pc-extras").value) : undefined;
  } catch (e) {
    status.textContent = `Not JSON (${e.message}).`;
    status.className = "error";
    return;
  }
  const read = call((r) => fromPartnerCenter(r, extras), resource);
  if (read.type !== "success") {
    status.textContent = `Not read: ${read.errors.map((e) => `${e.code} at ${e.path || "(resource)"}: ${e.message}`).join("; ")}`;
    status.className = "error";
    return;
  }
  // Decided under the rules in force for the resource's current term (the parity check's default)
  // unless the request names an edition.
  const next = { ...request, subscription: read.result.subscription };
  if (read.result.customer) next.customer = read.result.customer;
  if (!isObject(request) || request.edition === undefined) next.edition = extras?.edition ?? "atTermStart";
  setRequest(next, "resource");
  const parity = call((r) => checkAgainstPartnerCenter(r, extras, request.now), resource);
  const agreement = parity.type !== "success"
    ? `parity not checked (${parity.errors.map((e) => `${e.code} at ${e.path}`).join("; ")})`
    : parity.result.compared.length === 0
      ? "the resource states no windows to compare"
      : parity.result.agrees
        ? `parity: the engine (${parity.result.edition}) agrees on ${parity.result.compared.join(", ")}`
        : `parity: the engine (${parity.result.edition}) differs on ${parity.result.disagreements.map((d) => `${d.field} (engine ${JSON.stringify(d.engine)}, resource ${JSON.stringify(d.publisher)})`).join("; ")}`;
  status.className = "";
  status.textContent = `Read into the subscription. Ignored: ${read.result.ignored.join(", ") || "nothing"}. ${agreement}.`;
});

// ---- presets from the shared fixtures (tests/fixtures/*.json, gathered into presets.json) -------

const families = await (await fetch("./presets.json")).json();
const presetSelect = $("#preset");
for (const [f, family] of families.entries()) {
  presetSelect.append(h("optgroup", { label: `${family.family} — ${family.description.slice(0, 80)}` },
    family.cases.map((c, i) => h("option", { value: `${f}:${i}` }, c.name))));
}

function loadPreset(value) {
  const [f, i] = value.split(":").map(Number);
  const family = families[f];
  const preset = family?.cases[i];
  if (!preset) return;
  const expected = preset.expectErrors
    ? `expects errors: ${preset.expectErrors.map((e) => `${e.code} at ${e.path || "(request)"}`).join(", ")}`
    : preset.expect?.verdict ? `expects ${preset.expect.verdict}` : "";
  $("#preset-info").replaceChildren(
    h("b", {}, `${family.family}: `), preset.name, " ",
    preset.rules?.length ? h("span", { class: "muted" }, `[${preset.rules.join(", ")}] `) : "",
    expected && h("span", { class: "expected" }, expected),
    preset.note ? h("div", { class: "muted" }, preset.note) : "");
  if ("raw" in preset) {
    // Raw JSON text (some of it deliberately not JSON): into the JSON view as it is.
    jsonView.value = preset.raw;
    jsonView.dispatchEvent(new Event("input"));
    return;
  }
  setRequest(mergePatch(family.bases[preset.base], preset.patch ?? {}), "preset");
}
presetSelect.addEventListener("change", () => {
  loadPreset(presetSelect.value);
  presetSelect.value = "";
});

// ---- the URL: the request, so a link reproduces the case -----------------------------------------

let written = "";
let pending = null;
let saves = 0;
function saveToUrl() {
  clearTimeout(pending);
  const text = JSON.stringify(request);
  // Encoding is asynchronous: a save that has started encoding when a newer one is asked for
  // must neither write its (older) request into the URL nor say the URL is saved.
  const save = ++saves;
  pending = setTimeout(async () => {
    const hash = await encodeHash(text);
    if (save !== saves) return;
    if (hash !== location.hash) {
      written = hash;
      history.replaceState(null, "", hash);
    }
    document.body.dataset.saved = "true";
  }, 100);
  document.body.dataset.saved = "false";
}

async function loadFromUrl() {
  const text = await decodeHash(location.hash);
  if (text == null) return false;
  try {
    setRequest(JSON.parse(text), "url");
    $("#preset-info").textContent = "Loaded from the link.";
    return true;
  } catch {
    return false;
  }
}
window.addEventListener("hashchange", () => location.hash !== written && loadFromUrl());

$("#copy-link").addEventListener("click", async () => {
  await navigator.clipboard?.writeText(location.href).catch(() => {});
  $("#copy-link").textContent = "link copied";
  setTimeout(() => ($("#copy-link").textContent = "copy link"), 1500);
});

// ---- start -------------------------------------------------------------------------------------

$("#version").textContent = `engine ${version()}`;
if (!(await loadFromUrl())) loadPreset("0:0");
$("#loading").hidden = true;
document.body.dataset.ready = "true";
