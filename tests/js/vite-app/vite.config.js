import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  logLevel: "warn",
  build: { outDir: "dist", emptyOutDir: true },
  // The one line the package's README gives for Vite: its dev server pre-bundles dependencies
  // into node_modules/.vite, away from the package's .wasm, which the module then looks for
  // beside the pre-bundled copy (and gets index.html). Used as it is by the dev-server test.
  optimizeDeps: { exclude: ["subscription-rules"] },
});
