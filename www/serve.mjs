// A static file server for the playground (www/ only, 127.0.0.1 only, no dependency).
//   node www/serve.mjs            # port 8080, or $PORT
// Run www/prepare.mjs first (scripts/serve does both).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { extname, join, normalize, sep } from "node:path";

const root = import.meta.dirname;
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".ts": "text/plain; charset=utf-8",
};

const compressed = new Map();
/** The gzip of a file, computed once per version of it (its mtime and size). */
async function gzipped(file) {
  const { mtimeMs, size } = await stat(file);
  const key = `${file}:${mtimeMs}:${size}`;
  let body = compressed.get(key);
  if (!body) {
    body = gzipSync(await readFile(file), { level: 6 });
    compressed.set(key, body);
  }
  return body;
}

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
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const headers = { "content-type": type, "cache-control": "no-store", vary: "accept-encoding" };
      // Compressed for a browser that accepts it (text and .wasm; images are compressed already).
      if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && !type.startsWith("image/png")) {
        res.writeHead(200, { ...headers, "content-encoding": "gzip" });
        return res.end(await gzipped(file));
      }
      res.writeHead(200, headers);
      res.end(await readFile(file));
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
  try {
    const server = await serve(port);
    console.log(`subscription-rules playground: http://127.0.0.1:${server.address().port}/`);
  } catch (e) {
    // A plain message, not a stack trace, for what a person can fix.
    const why = e.code === "EADDRINUSE" ? `port ${port} is already in use` : e.code === "EACCES" ? `port ${port} needs other permissions` : e.message;
    console.error(`cannot serve the playground: ${why}. Another port: PORT=8081 ./scripts/serve`);
    process.exit(1);
  }
}
