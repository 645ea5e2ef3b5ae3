// The list-page benchmark in headless Chromium: serves the repository on 127.0.0.1 (pkg/,
// benches/list/ and www/lib/, which holds the subscriptions), opens page.html, and prints its figures as one JSON line. Run by
// benches/node/run.mjs; playwright-core comes from tests/js/ (scripts/test installs it).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(join(root, "tests/js/package.json"));
const { chromium } = require("playwright-core");
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  if (!path.startsWith("/pkg/") && !path.startsWith("/benches/list/") && !path.startsWith("/www/lib/")) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/benches/list/page.html`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 300_000 });
  const result = await page.evaluate(() => window.result);
  result.chromium = browser.version();
  console.log(JSON.stringify(result));
  if (result.error) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
