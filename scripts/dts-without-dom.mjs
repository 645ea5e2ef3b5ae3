// The web build's declarations without the DOM library: wasm-bindgen's `InitInput`,
// `InitOutput` and `SyncInitInput` name DOM and WebAssembly types (`RequestInfo`, `Response`,
// `BufferSource`, `WebAssembly.Module`, …), which a server's TypeScript (lib ES2022, no DOM) does
// not have. Each becomes the same type taken from `globalThis` where it exists (with the DOM
// library, exactly the DOM's type) and `never` where it does not, so both compile.
// Usage: node scripts/dts-without-dom.mjs FILE.d.ts (rewritten in place; fails if nothing matched)
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
let text = readFileSync(file, "utf8");
const replacements = [
  [
    "export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;",
    "export type InitInput = string | Global<\"Request\"> | Global<\"URL\"> | Global<\"Response\"> | ArrayBuffer | ArrayBufferView | Wasm<\"Module\">;",
  ],
  ["readonly memory: WebAssembly.Memory;", "readonly memory: Wasm<\"Memory\">;"],
  ["readonly __wbindgen_externrefs: WebAssembly.Table;", "readonly __wbindgen_externrefs: Wasm<\"Table\">;"],
  [
    "export type SyncInitInput = BufferSource | WebAssembly.Module;",
    "export type SyncInitInput = ArrayBuffer | ArrayBufferView | Wasm<\"Module\">;",
  ],
];
for (const [from, to] of replacements) {
  if (!text.includes(from)) {
    console.error(`${file}: expected \`${from}\``);
    process.exit(1);
  }
  text = text.replace(from, to);
}
text += `
/** A class's instance type from \`globalThis\` where the environment's library declares it, else \`never\`. */
type Global<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
/** The same for the \`WebAssembly\` namespace's classes. */
type Wasm<K extends string> = typeof globalThis extends { WebAssembly: { [P in K]: { prototype: infer T } } } ? T : never;
`;
// Nothing else may name a DOM-only type outside comments.
const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/"[^"\n]*"/g, '""');
const left = code.match(/\b(RequestInfo|BufferSource|Response|WebAssembly\.)\b/g);
if (left) {
  console.error(`${file}: still names ${[...new Set(left)].join(", ")}`);
  process.exit(1);
}
writeFileSync(file, text);
