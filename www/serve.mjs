// A static file server for the playground (www/ only, 127.0.0.1 only, no dependency).
//   node www/serve.mjs            # port 8080, or $PORT
// Run www/prepare.mjs first (scripts/serve does both).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const root = import.meta.dirname;
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".ts": "text/plain; charset=utf-8",
};

/** A request handler serving the files under `dir` (index.html for a directory). */
export function staticFiles(dir) {
  return async (req, res) => {
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    } catch {
      return res.writeHead(400).end();
    }
    if (path.endsWith(sep)) path += "index.html";
    const file = join(dir, path);
    if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  };
}

/** Start serving www/ on 127.0.0.1:`port` (0: any free port); resolves to the server. */
export function serve(port) {
  const server = createServer(staticFiles(root));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await serve(port);
  console.log(`subscription-rules playground: http://127.0.0.1:${server.address().port}/`);
}
