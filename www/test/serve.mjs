// The playground's server and scripts/serve, as a person meets them: responses gzipped for a
// browser that accepts it (the same bytes once unzipped), a plain message and exit code 1 when
// the port is taken (no stack trace).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { get } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { serve } from "../serve.mjs";

const www = join(import.meta.dirname, "..");
const server = await serve(0);
const port = server.address().port;
function fetchRaw(path, encoding) {
  return new Promise((ok, fail) => {
    get({ host: "127.0.0.1", port, path, headers: encoding ? { "accept-encoding": encoding } : {} }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", fail);
  });
}
try {
  for (const path of ["/app.js", "/pkg/subscription_rules_bg.wasm", "/index.html"]) {
    const file = await readFile(join(www, path === "/index.html" ? "index.html" : path.slice(1)));
    const zipped = await fetchRaw(path, "gzip, deflate, br");
    assert.equal(zipped.headers["content-encoding"], "gzip", path);
    assert.deepEqual(gunzipSync(zipped.body), file, path);
    const plain = await fetchRaw(path);
    assert.equal(plain.headers["content-encoding"], undefined, path);
    assert.deepEqual(plain.body, file, path);
    console.log(`serve.mjs: ${path} ${file.length} bytes, ${zipped.body.length} gzipped`);
  }
  // The port in use: a message and exit code 1.
  const taken = spawnSync(process.execPath, [join(www, "serve.mjs")], { env: { ...process.env, PORT: String(port) }, encoding: "utf8", timeout: 10_000 });
  assert.equal(taken.status, 1, taken.stderr);
  assert.match(taken.stderr, new RegExp(`port ${port} is already in use`));
  assert.doesNotMatch(taken.stderr, /\n\s+at /, "no stack trace");
  console.log(`serve.mjs: a taken port: "${taken.stderr.trim()}"`);
} finally {
  server.close();
}
