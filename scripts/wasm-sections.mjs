// Print the size of each section of a .wasm file (twiggy is not available here).
// Usage: node scripts/wasm-sections.mjs file.wasm
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
const names = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
let at = 8;
function leb() {
  let result = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return result >>> 0;
}
const rows = [];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const start = at;
  let name = names[id] ?? `unknown(${id})`;
  if (id === 0) {
    const len = leb();
    name = `custom "${bytes.subarray(at, at + len).toString("utf8")}"`;
  }
  rows.push([name, size]);
  at = start + size;
}
for (const [name, size] of rows) console.log(`${String(size).padStart(9)}  ${name}`);
console.log(`${String(bytes.length).padStart(9)}  total`);
