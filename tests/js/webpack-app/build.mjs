// A webpack 5 build of the same app as vite-app (its main.js and index.html), with no
// configuration for the package: webpack's defaults (top-level await, `new URL(…, import.meta.url)`
// assets) load the package's browser entry as it is.
import webpack from "webpack";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

const here = import.meta.dirname;
const out = join(here, "dist");
const stats = await new Promise((ok, fail) =>
  webpack(
    {
      mode: "production",
      context: here,
      entry: join(here, "../vite-app/main.js"),
      output: { path: out, filename: "main.js", publicPath: "auto", clean: true },
      performance: { hints: false },
    },
    (err, s) => (err ? fail(err) : ok(s)),
  ),
);
if (stats.hasErrors() || stats.hasWarnings()) {
  console.error(stats.toString({ all: false, errors: true, warnings: true }));
  process.exit(1);
}
await mkdir(out, { recursive: true });
await copyFile(join(here, "index.html"), join(out, "index.html"));
console.log(stats.toString({ assets: true, modules: false, colors: false }).split("\n").slice(0, 8).join("\n"));
