// Headless Chromium (Debian's, driven by playwright-core) loads, from a server on 127.0.0.1:
//   1. the Vite production build (vite-app/dist), which bundles the package;
//   2. a plain ES-module page, import map -> the package's browser entry (initialises itself);
//   3. a plain ES-module page, import map -> the package's web build (init by hand); and one
//      -> the full module's browser entry, whose one-shot `evaluateLazy` it holds to `evaluate`;
//   4. a webpack 5 production build of the same app, with no configuration for the package;
//   5. the same Vite app from Vite's dev server (its dependency pre-bundling included), with the
//      one line of configuration the package's README gives;
// and checks each renders the decision and the error. Any page error or console error fails it.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { createServer as createViteServer } from "vite";

const root = import.meta.dirname;
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

// Vite's dev server on the same app (a fresh dependency cache, so pre-bundling runs).
const vite = await createViteServer({
  configFile: join(root, "vite-app/vite.config.js"),
  cacheDir: join(root, "vite-app/.vite-cache"),
  optimizeDeps: { force: true },
  server: { host: "127.0.0.1", port: 5199, strictPort: false },
});
await vite.listen();
const viteDev = vite.resolvedUrls.local[0];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let failed = false;
try {
  for (const page of ["/vite-app/dist/index.html", "/browser-esm/auto-init.html", "/browser-esm/web-init.html", "/browser-esm/full-lazy.html", "/webpack-app/dist/index.html", viteDev]) {
    const tab = await browser.newPage();
    const problems = [];
    tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    tab.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()} (${m.location().url})`));
    tab.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    await tab.goto(page.startsWith("http") ? page : base + page);
    await tab.waitForSelector("body[data-done=true]", { timeout: 15_000 }).catch(() => problems.push("never finished"));
    const seen = {
      verdict: await tab.textContent("#verdict"),
      refund: await tab.textContent("#refund"),
      error: await tab.textContent("#error"),
    };
    const want = { verdict: "allowedNow", refund: "94.20", error: "invalidTimestamp at now" };
    const ok = problems.length === 0 && JSON.stringify(seen) === JSON.stringify(want);
    console.log(`${ok ? "ok  " : "FAIL"} ${page}: ${JSON.stringify(seen)}${problems.length ? ` ${problems.join("; ")}` : ""}`);
    failed ||= !ok;
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
  await vite.close();
}
process.exit(failed ? 1 : 0);
