// Largest functions of a .wasm with a name section, and their total by crate (a poor man's twiggy).
// Usage: node scripts/wasm-funcs.mjs file.wasm [top]
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
const top = Number(process.argv[3] ?? 40);
let at = 8;
function leb() {
  let result = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
function str() {
  const len = leb();
  const s = bytes.subarray(at, at + len).toString("utf8");
  at += len;
  return s;
}
let imported = 0;
const sizes = [];
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      str(); str();
      const kind = bytes[at++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { at++; const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) { at++; at++; }
      else if (kind === 4) { at++; leb(); }
    }
  } else if (id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) { const s = leb(); sizes.push(s); at += s; }
  } else if (id === 0) {
    const name = str();
    if (name === "name") {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          const n = leb();
          for (let i = 0; i < n; i++) { const idx = leb(); names.set(idx, str()); }
        }
        at = subEnd;
      }
    }
  }
  at = end;
}
const funcs = sizes.map((s, i) => [s, names.get(i + imported) ?? `func[${i + imported}]`]);
funcs.sort((a, b) => b[0] - a[0]);
for (const [s, n] of funcs.slice(0, top)) console.log(`${String(s).padStart(7)}  ${n.slice(0, 150)}`);
const byCrate = new Map();
for (const [s, n] of funcs) {
  const m = n.match(/^(?:<)?([a-z_0-9]+)::/);
  const k = m ? m[1] : n.slice(0, 30);
  byCrate.set(k, (byCrate.get(k) ?? 0) + s);
}
console.log("--- by crate / prefix");
for (const [k, s] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${String(s).padStart(7)}  ${k}`);
