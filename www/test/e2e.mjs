// End-to-end tests of the playground in headless Chromium (Debian's, driven by playwright-core).
// Serves www/ (after www/prepare.mjs) on 127.0.0.1, walks through the page as a person would, and
// writes a screenshot of every step to www/test-screenshots/ (or $SCREENSHOTS).
// Any page error, console error or failed request fails the run.
import { createRequire } from "node:module";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { serve } from "../serve.mjs";

// playwright-core is a dev tool of tests/js/ (tests/js/package.json), installed by scripts/ensure-tools.sh.
const { chromium } = createRequire(join(import.meta.dirname, "../../tests/js/package.json"))("playwright-core");

const shots = resolve(process.env.SCREENSHOTS ?? join(import.meta.dirname, "../test-screenshots"));
await rm(shots, { recursive: true, force: true });
await mkdir(shots, { recursive: true });

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const problems = [];
async function open(url, width = 1440) {
  const page = await browser.newPage(width < 600
    ? { viewport: { width, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 }
    : { viewport: { width, height: 1000 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
  return page;
}

let failures = 0;
let n = 0;
/** One step: run it, then screenshot the page (also when it failed). */
let tag = "";
async function step(page, name, fn) {
  n += 1;
  const file = `${String(n).padStart(2, "0")}-${tag}${name}.png`;
  const before = problems.length;
  try {
    await fn();
    if (problems.length > before) throw new Error(problems.slice(before).join("; "));
    console.log(`ok   ${file}`);
  } catch (e) {
    failures += 1;
    // Playwright's call log (what it was waiting for) follows the first line: keep its last lines,
    // and say whether the page still draws frames (a click's "stable" check waits for them).
    const lines = e.message.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
    const [first, ...log] = lines.filter((l) => l.trim() && !/^=+/.test(l.trim()));
    console.log(`FAIL ${file}: ${first}`);
    for (const line of log.slice(-6)) console.log(`       ${line.trim()}`);
    console.log(`       animation frames: ${await framesDrawn(page)}`);
  } finally {
    // A screenshot that fails is said, not a failure of the step (it records the step, it is not it).
    await page.screenshot({ path: join(shots, file), fullPage: true, timeout: 20_000 })
      .catch((e) => console.log(`     (no screenshot for ${file}: ${e.message.split("\n")[0]})`));
  }
}

/** Whether the page still runs requestAnimationFrame callbacks (checked within 2 s). */
function framesDrawn(page) {
  return page
    .evaluate(() => new Promise((done) => {
      requestAnimationFrame(() => done("yes"));
      setTimeout(() => done("none within 2 s"), 2000);
    }))
    .catch((e) => `unknown (${e.message.split("\n")[0]})`);
}

/**
 * Clicks `target` (a selector on `page`, or a locator), or taps it on a touch page, as a person
 * would: a real pointer event at the element's centre. It checks first what Playwright's own
 * actionability checks would (attached, visible, enabled, and the element itself, not something
 * over it, is what the pointer hits there) but not "stable": that check waits for animation
 * frames, and a headless Chromium on a busy host can stop drawing them for a page (a CI run
 * timed out on every click of one page that way while its keys and fills went on working). The
 * page has no animations or transitions, so nothing moves under the pointer.
 */
async function press(page, target, how = "click") {
  const el = typeof target === "string" ? page.locator(target) : target;
  await el.waitFor({ state: "visible", timeout: 10_000 });
  if (!(await el.isEnabled())) throw new Error(`${el} is disabled`);
  const hit = await el.evaluate((node) => {
    node.scrollIntoView({ block: "center", inline: "center" });
    const r = node.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return at && (node === at || node.contains(at)) ? null : (at?.outerHTML ?? "nothing").slice(0, 120);
  });
  if (hit !== null) throw new Error(`${el}: the pointer at its centre would hit ${hit}`);
  await (how === "tap" ? el.tap({ force: true }) : el.click({ force: true }));
}

function expect(what, actual, wanted) {
  const ok = wanted instanceof RegExp ? wanted.test(actual) : actual === wanted;
  if (!ok) throw new Error(`${what}: got ${JSON.stringify(actual)}, wanted ${wanted instanceof RegExp ? wanted : JSON.stringify(wanted)}`);
}

const verdict = (page) => page.textContent("#verdict");
const nowField = (page) => page.inputValue("#f-now");
const loadPreset = (page, label) => page.selectOption("#preset", { label });
/** The verdict once it equals `wanted` (the page re-evaluates synchronously; this only waits for rendering). */
async function verdictIs(page, wanted) {
  await page.waitForFunction((w) => document.querySelector("#verdict")?.textContent === w, wanted, { timeout: 3000, polling: 50 }).catch(() => {});
  expect("verdict", await verdict(page), wanted);
}

/** The steps, on pages `width` px wide. */
async function scenario(width) {
  const page = await open(base, width);

  await step(page, "loaded", async () => {
    expect("loading message hidden", await page.isHidden("#loading"), true);
    expect("the decision is announced", await page.getAttribute("#result", "aria-live"), "polite");
    // With no link, the first preset: the POLICY example (cancel on day 3, refund 94.20).
    await verdictIs(page, "allowedNow");
    expect("refund", await page.textContent("#money .amount"), "94.20 USD");
    expect("timeline drawn", await page.locator("#timeline-svg .point").count() > 0, true);
    expect("action buttons", await page.locator("#actions button[data-action]").count() > 5, true);
  });

  await step(page, "layout-and-timeline-sizes", async () => {
    // The action and the decision are found first: side by side on a desktop, above the rest of
    // the request on a phone.
    const top = async (sel) => (await page.locator(sel).boundingBox()).y;
    if (width < 600) {
      expect("the action before the decision", (await top("#action")) < (await top("#decision-block")), true);
      expect("the decision before the facts", (await top("#decision-block")) < (await top("#facts")), true);
      expect("the decision within the first screen and a half", (await top("#decision-block")) < 1300, true);
    } else {
      expect("the decision beside the request", (await top("#decision-block")) < (await top("#facts")) + 400, true);
    }
    // The timeline is drawn at the width shown: text 11 px, a 24 px handle, whatever the width.
    const sizes = await page.evaluate(() => {
      const svg = document.querySelector("#timeline-svg");
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const text = svg.querySelector(".point text");
      const handle = svg.querySelector("#now-marker .handle").getBoundingClientRect();
      return { font: parseFloat(getComputedStyle(text).fontSize) * scale, handle: Math.min(handle.width, handle.height) };
    });
    expect("timeline text at least 11 px", sizes.font >= 10.99, true);
    expect("handle at least 24 px", sizes.handle >= 23.99, true);
    // The slider says what it is and where it is.
    const marker = page.locator("#now-marker");
    for (const a of ["aria-valuemin", "aria-valuemax", "aria-valuenow", "aria-valuetext", "aria-label"]) {
      expect(a, (await marker.getAttribute(a)) !== null, true);
    }
    expect("aria-valuenow is now", Number(await marker.getAttribute("aria-valuenow")), Date.parse(await nowField(page)));
  });

  await step(page, "reasons-on-tap", async () => {
    await loadPreset(page, "CANC-5 MONEY-3 the POLICY example: 10 x 10.08 cancelled 17 Jul refunds 94.20");
    const item = page.locator("#actions li:has(button[data-action='changeQuantity'][data-verdict='denied'])");
    const why = item.locator("details.why");
    expect("reasons hidden at first", await why.locator(".why-reasons").isVisible(), false);
    await press(page, why.locator("summary"), width < 600 ? "tap" : "click");
    expect("reasons shown", await why.locator(".why-reasons").isVisible(), true);
    expect("the reasons", await why.locator(".why-reasons").textContent(), /QTY-2/);
  });

  await step(page, "every-preset-as-its-fixture-expects", async () => {
    // Each fixture case through the page (base + merge patch applied in JS) gives the verdict or
    // the errors (code and path) the fixture expects; raw-text cases (errors.json) must not crash.
    const families = JSON.parse(await readFile(join(import.meta.dirname, "../presets.json"), "utf8"));
    let checked = 0;
    const wrong = [];
    for (const [f, family] of families.entries()) {
      for (const [i, c] of family.cases.entries()) {
        await page.selectOption("#preset", `${f}:${i}`);
        if ("raw" in c) continue;
        const answer = JSON.parse(await page.textContent("#answer-json"));
        if (c.expect?.verdict && answer.result?.verdict !== c.expect.verdict) wrong.push(`${family.family}: ${c.name}: ${answer.result?.verdict ?? "failure"}`);
        for (const e of c.expectErrors ?? []) {
          if (!answer.errors?.some((a) => a.code === e.code && a.path === e.path)) wrong.push(`${family.family}: ${c.name}: no ${e.code} at ${e.path}`);
        }
        checked += 1;
      }
    }
    if (wrong.length) throw new Error(`${wrong.length} presets differ: ${wrong.slice(0, 5).join(" | ")}`);
    console.log(`     ${checked} presets decided as their fixtures expect`);
  });

  await step(page, "preset-nce-cancel-1s-before-30-days", async () => {
    await loadPreset(page, "CANC-5 prorated refund 1 s before the 30-day window closes");
    expect("now", await nowField(page), "2021-08-14T07:59:59Z");
    expect("preset info", await page.textContent("#preset-info"), /expects allowedNow/);
    await verdictIs(page, "allowedNow");
    expect("JSON view", JSON.parse(await page.inputValue("#json")).now, "2021-08-14T07:59:59Z");
  });

  await step(page, "now-plus-1s-window-closed", async () => {
    await press(page, "button.step[data-step='1000']");
    expect("now", await nowField(page), "2021-08-14T08:00:00Z");
    await verdictIs(page, "denied");
    expect("reasons", await page.textContent("#reasons"), /CANC-5/);
    expect("alternative", await page.textContent("#alternative"), /setAutoRenew/);
  });

  await step(page, "now-key-alt-left-back-inside", async () => {
    await page.focus("#now-marker");
    await page.keyboard.press("Alt+ArrowLeft");
    expect("now", await nowField(page), "2021-08-14T07:59:59Z");
    await verdictIs(page, "allowedNow");
    await page.keyboard.press("Shift+ArrowRight"); // + 1 day
    expect("now", await nowField(page), "2021-08-15T07:59:59Z");
    await verdictIs(page, "denied");
  });

  await step(page, "marketplace-monthly-before-drag", async () => {
    await loadPreset(page, "CANC-1 marketplace monthly: full credit 1 s before 24 h after the order");
    expect("now", await nowField(page), "2021-07-16T07:59:59Z");
    await verdictIs(page, "allowedNow");
  });

  await step(page, "marketplace-monthly-dragged-past-24h", async () => {
    const handle = await page.locator("#now-marker .handle").boundingBox();
    const x = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    const seen = new Set();
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let dx = 10; dx <= 80; dx += 10) {
      await page.mouse.move(x + dx, y);
      seen.add(await verdict(page)); // re-evaluated on every move
    }
    await page.mouse.up();
    const now = await nowField(page);
    expect("now moved past the 24 h window", now > "2021-07-16T08:00:00Z", true);
    await verdictIs(page, "scheduled");
    expect("verdicts seen while dragging", [...seen].join(), /scheduled/);
    expect("reasons", await page.textContent("#reasons"), /CANC-1|CANC-3/);
  });

  await step(page, "invalid-timestamp-at-its-field", async () => {
    await loadPreset(page, "CANC-5 MONEY-3 the POLICY example: 10 x 10.08 cancelled 17 Jul refunds 94.20");
    await page.fill("#f-subscription-orderedAt", "2021-07-15T08:00:00");
    const error = page.locator(".field[data-path='subscription.orderedAt'] .field-error");
    expect("error by subscription.orderedAt", await error.textContent(), /^invalidTimestamp .*TIME-1/);
    expect("field marked", await page.getAttribute("#f-subscription-orderedAt", "aria-invalid"), "true");
    await page.fill("#f-now", "2021-07-17T09:00:00");
    expect("error by now", await page.textContent(".field[data-path='now'] .field-error"), /^invalidTimestamp/);
    expect("verdict", await verdict(page), "input errors");
    expect("JSON view follows the form", JSON.parse(await page.inputValue("#json")).subscription.orderedAt, "2021-07-15T08:00:00");
  });

  await step(page, "json-edit-and-parse-error", async () => {
    await loadPreset(page, "CANC-5 MONEY-3 the POLICY example: 10 x 10.08 cancelled 17 Jul refunds 94.20");
    const text = await page.inputValue("#json");
    await page.fill("#json", text.replace('"quantity": 10', '"quantity": 7').replace(/\}\s*$/, ""));
    expect("parse error shown", await page.textContent("#json-error"), /^Not JSON/);
    await page.fill("#json", text.replace('"quantity": 10', '"quantity": 7'));
    expect("parse error cleared", await page.textContent("#json-error"), "");
    expect("form follows the JSON", await page.inputValue("#f-subscription-quantity"), "7");
    expect("refund for 7 licences", await page.textContent("#money .amount"), "65.94 USD");
    // An error at a path with no form field is listed with its path.
    await page.fill("#json", text.replace('"currency": "USD"', '"currency": "USD", "colour": "blue"'));
    expect("listed error", await page.textContent("#other-errors"), /subscription\.colour\s+unknownField/);
  });

  await step(page, "alternative-is-the-complete-action", async () => {
    await loadPreset(page, "QTY-2 SCHED-1 new-commerce decrease mid-term: denied, alternative scheduleChange");
    await verdictIs(page, "denied");
    expect("the alternative names its parameters", await page.textContent("#alternative-action"), "scheduleChange quantity 8");
    await press(page, "#alternative-action");
    const action = JSON.parse(await page.inputValue("#json")).action;
    expect("the action loaded", JSON.stringify(action), JSON.stringify({ type: "scheduleChange", change: { kind: "quantity", quantity: 8 } }));
    await verdictIs(page, "scheduled");
  });

  await step(page, "available-action-loads-into-form", async () => {
    await loadPreset(page, "CANC-5 MONEY-3 the POLICY example: 10 x 10.08 cancelled 17 Jul refunds 94.20");
    const decrease = page.locator("#actions button[data-action='changeQuantity'][data-verdict='denied']");
    expect("a denied action is disabled", await decrease.isDisabled(), true);
    expect("its reasons on hover", await decrease.getAttribute("title"), /^denied\n.*QTY-2|SCHED-1/s);
    await press(page, "#actions button[data-action='pause']");
    expect("action type", await page.inputValue("#f-action-type"), "pause");
    await verdictIs(page, "allowedNow");
  });

  await step(page, "partner-center-resource-fills-the-form", async () => {
    // The first resource of tests/partner_center/resources.json, pasted as a partner would.
    const doc = JSON.parse(await readFile(join(import.meta.dirname, "../../tests/partner_center/resources.json"), "utf8"));
    const { resource, now } = doc.resources[0];
    const current = JSON.parse(await page.inputValue("#json"));
    await page.fill("#json", JSON.stringify({ ...current, now }));
    await press(page, "#pc > summary");
    await page.fill("#pc-resource", JSON.stringify(resource, null, 2));
    await page.fill("#pc-extras", JSON.stringify({ unitPrice: "6.00", currency: "USD" }));
    await press(page, "#pc-fill");
    expect("status", await page.textContent("#pc-status"), /^Read into the subscription\. Ignored: .*offerName.*parity: the engine \(2023\) agrees on refundOptions, cancellationAllowedUntilDate, refundableQuantity, status/);
    expect("the form shows the resource's SKU", await page.inputValue("#f-subscription-sku"), "CFQ7TTC0LH18:0001");
    expect("commerce model", await page.inputValue("#f-subscription-commerceModel"), "newCommerce");
    expect("decided under the rules in force for the term", JSON.parse(await page.inputValue("#json")).edition, "atTermStart");
    // A malformed resource: the error names the resource's own field.
    await page.fill("#pc-resource", JSON.stringify({ ...resource, status: "frozen" }));
    await press(page, "#pc-fill");
    expect("error", await page.textContent("#pc-status"), /unknownVariant at status/);
  });

  await step(page, "list-view-200-subscriptions", async () => {
    await press(page, "#list > summary");
    await page.waitForSelector("#list-rows[data-buttons]");
    expect("200 rows", await page.locator("#list-rows li.list-row").count(), 200);
    const buttons = Number(await page.getAttribute("#list-rows", "data-buttons"));
    const enabled = Number(await page.getAttribute("#list-rows", "data-enabled"));
    expect("every action a button", await page.locator("#list-rows button[data-action]").count(), buttons);
    expect("enabled ones enabled", await page.locator("#list-rows button[data-action]:not([disabled])").count(), enabled);
    expect("some of each", enabled > 200 && enabled < buttons, true);
    expect("every disabled one has its reasons", await page.locator("#list-rows li:has(> button[data-action][disabled]) details.why").count(), buttons - enabled);
    expect("status", await page.textContent("#list-status"), /^200 subscriptions at 2024-03-15T10:00:00Z: \d+ actions/);
    // A later instant: windows close, buttons change.
    await page.selectOption("#list-now", { label: "31 days later" });
    await page.waitForFunction((n) => document.querySelector("#list-rows").dataset.enabled !== String(n), enabled, { polling: 50 });
    // A button loads its subscription and action into the form, decided as the list said.
    const row = page.locator("#list-rows li.list-row:has(button[data-action]:not([disabled]))").first();
    const id = await row.getAttribute("data-subscription");
    const button = row.locator("button[data-action]:not([disabled])").first();
    const verdict = await button.getAttribute("data-verdict");
    await press(page, button);
    await verdictIs(page, verdict);
    expect("the list's subscription in the form", JSON.parse(await page.inputValue("#json")).subscription.id, id);
    await press(page, "#list > summary");
  });

  let shared;
  await step(page, "link-made", async () => {
    await loadPreset(page, "CANC-5 exactly at 30 days: denied, alternative setAutoRenew");
    await page.selectOption("#f-edition", "2022-03");
    await page.waitForSelector("body[data-saved=true]");
    shared = { url: page.url(), answer: await page.textContent("#answer-json"), json: await page.inputValue("#json") };
    expect("URL holds the request", shared.url, /#r=[A-Za-z0-9_-]+$/);
  });

  const other = await open(shared.url, width);
  await step(other, "link-opened-same-decision", async () => {
    expect("same request", await other.inputValue("#json"), shared.json);
    expect("same answer", await other.textContent("#answer-json"), shared.answer);
    expect("edition", await other.inputValue("#f-edition"), "2022-03");
  });

  await step(other, "swedish", async () => {
    const english = await other.textContent("#reasons");
    await other.selectOption("#f-locale", "sv");
    const swedish = await other.textContent("#reasons");
    expect("messages changed", swedish !== english, true);
    expect("Swedish messages", swedish, /prenumeration|får|inom|efter/);
    expect("results marked Swedish", await other.getAttribute("#results", "lang"), "sv");
    expect("request carries the locale", JSON.parse(await other.inputValue("#json")).locale, "sv");
  });

  await page.close();
  await other.close();
}

try {
  // The engine failing to load is said on the page, not a blank one (its own page: the errors
  // it causes are the point here, so they are not counted as problems).
  {
    const broken = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await broken.route("**/*.wasm", (route) => route.abort());
    await broken.goto(base);
    await step(broken, "engine-fails-to-load", async () => {
      await broken.waitForSelector("body[data-failed=true]", { timeout: 15_000 });
      expect("message", await broken.textContent("#loading"), /^The engine could not be loaded: .*Run \.\/scripts\/serve/);
      expect("no presets run", await broken.getAttribute("body", "data-ready"), null);
    });
    problems.length = 0;
    await broken.close();
  }

  // Every step at a desktop's width and at a phone's (390 px, touch), each with its screenshot.
  for (const width of [1440, 390]) {
    tag = `${width}-`;
    await scenario(width);
  }
} catch (e) {
  failures += 1;
  console.log(`FAIL ${e.message}`);
} finally {
  await browser.close();
  server.close();
}

console.log(`screenshots: ${shots}`);
if (failures) console.log(`${failures} step(s) failed`);
process.exit(failures ? 1 : 0);
