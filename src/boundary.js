// The JS half of the wasm boundary (src/transfer.rs has the Rust half and the formats).
//
// readValue(value, path, valueLimit, byteLimit, depthLimit): the argument, read as JSON.stringify
//   would see it (a property whose value is `undefined` is absent; `undefined` in an array is
//   null), into bytes for the Rust reader. What is not JSON (a function, a symbol, a BigInt) and
//   a getter or proxy trap that throws are thrown as an Error with `code` and `path`; a limit
//   reached is answered as the two bytes [ARG_LIMIT, which].
// buildAnswer(memory, words, wordCount, strings, stringBytes): the answer the Rust side wrote,
//   rebuilt as plain objects and arrays.
//
// One ES module; scripts/build-wasm.sh has esbuild write its CommonJS form for the Node build.
// The tags of both formats are the generated block below (one table, in src/transfer.rs).

// ---- wire tags: generated from WIRE_TAGS in src/transfer.rs, do not edit ----
const NULL = 0; // Answer word: `null`.
const FALSE = 1; // Answer word: `false`.
const TRUE = 2; // Answer word: `true`.
const INT = 3; // Answer word: an integer within `i32`; the value follows.
const FLOAT = 4; // Answer word: any other number; the `f64`'s low and high words follow.
const STR = 5; // Answer word: a string; its UTF-16 start and end in the string region follow.
const STATIC = 6; // Answer word: a static string; its address and byte length in the module's memory follow.
const ARRAY = 7; // Answer word: an array; the count, then the items follow.
const OBJECT = 8; // Answer word: an object; the count, then key and value of each entry follow.
const ARG_NULL = 0; // Argument byte: `null` (or `undefined` in an array).
const ARG_FALSE = 1; // Argument byte: `false`.
const ARG_TRUE = 2; // Argument byte: `true`.
const ARG_FLOAT = 3; // Argument byte: a number as an `f64`; its 8 little-endian bytes follow.
const ARG_STR = 4; // Argument byte: a string; its byte length (4 bytes) and UTF-8 bytes follow.
const ARG_ARRAY = 5; // Argument byte: an array; its count (4 bytes), then the items follow.
const ARG_OBJECT = 6; // Argument byte: an object; its count (4 bytes), then key and value of each entry follow.
const ARG_INT = 7; // Argument byte: an integer within `i32`; its 4 little-endian bytes follow.
const ARG_LIMIT = 255; // Argument byte: a limit stopped the walk; the whole argument is this byte and the limit's.
const LIMIT_VALUES = 1; // Limit: more values than a request may have.
const LIMIT_BYTES = 2; // Limit: more bytes of text than a request may have.
const LIMIT_DEPTH = 3; // Limit: nested deeper than the reader reads.
// ---- end of wire tags ----

const encoder = new TextEncoder();
// ignoreBOM: a string starting with U+FEFF keeps it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

// ---------------------------------------------------------------- arguments

let out = new Uint8Array(4096);
let view = new DataView(out.buffer);
let pos = 0;
let values = 0;
let bytes = 0;
let maxValues = 0;
let maxBytes = 0;
let maxDepth = 0;
let root = "";
// The key or index at each depth above the value being read: a path is rendered from it only
// when an error names one.
// A null-prototype object, not an array: setting `trail[depth]` must never reach a setter that
// something put on Array.prototype or Object.prototype.
let trail = Object.create(null);

// Own data properties are defined, never assigned, on the objects made here (see `put`).
const own = (target, key, value) =>
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });

function Limit(which) {
  own(this, "which", which);
}

function room(n) {
  if (pos + n <= out.length) return;
  let size = out.length * 2;
  while (size < pos + n) size *= 2;
  const bigger = new Uint8Array(size);
  bigger.set(out.subarray(0, pos));
  out = bigger;
  view = new DataView(out.buffer);
}

function u32At(at, n) {
  out[at] = n & 255;
  out[at + 1] = (n >>> 8) & 255;
  out[at + 2] = (n >>> 16) & 255;
  out[at + 3] = n >>> 24;
}

/** Write a string's length and UTF-8 bytes; returns the byte length. */
function text(s) {
  const n = s.length;
  room(4 + 3 * n);
  const at = pos;
  pos += 4;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) {
      pos = at + 4;
      const written = encoder.encodeInto(s, out.subarray(pos)).written;
      pos += written;
      u32At(at, written);
      return written;
    }
    out[pos++] = c;
  }
  u32At(at, n);
  return n;
}

function pathAt(depth) {
  let path = root;
  for (let i = 0; i < depth; i++) {
    const step = trail[i];
    path = typeof step === "number" ? `${path}[${step}]` : path === "" ? step : `${path}.${step}`;
  }
  return path;
}

function misuse(code, path, message) {
  const error = new Error(message);
  own(error, "code", code);
  own(error, "path", path);
  return error;
}

function callError(path, message) {
  return misuse("invalidType", path, message);
}

function messageOf(thrown) {
  if (thrown !== null && (typeof thrown === "object" || typeof thrown === "function")) {
    try {
      const message = thrown.message;
      if (typeof message === "string") return message;
    } catch {
      // as if it had none
    }
    return "an exception";
  }
  return typeof thrown === "string" ? thrown : "an exception";
}

function threw(depth, thrown) {
  return callError(pathAt(depth), `reading the argument threw: ${messageOf(thrown)}`);
}

function value(v, depth) {
  if (++values > maxValues) throw new Limit(LIMIT_VALUES);
  switch (typeof v) {
    case "undefined":
      room(1);
      out[pos++] = ARG_NULL;
      return;
    case "boolean":
      room(1);
      out[pos++] = v ? ARG_TRUE : ARG_FALSE;
      return;
    case "number":
      room(9);
      if ((v | 0) === v) {
        out[pos++] = ARG_INT;
        view.setInt32(pos, v, true);
        pos += 4;
      } else {
        out[pos++] = ARG_FLOAT;
        view.setFloat64(pos, v, true);
        pos += 8;
      }
      return;
    case "string":
      // UTF-8 takes at least one byte per UTF-16 unit: over the limit without encoding it.
      if (bytes + v.length > maxBytes) throw new Limit(LIMIT_BYTES);
      room(1);
      out[pos++] = ARG_STR;
      bytes += text(v);
      if (bytes > maxBytes) throw new Limit(LIMIT_BYTES);
      return;
    case "object":
      if (v === null) {
        room(1);
        out[pos++] = ARG_NULL;
        return;
      }
      break;
    default:
      // A function, a symbol or a BigInt: not JSON, as JSON.stringify would say.
      throw callError(pathAt(depth), `a ${typeof v} is not a JSON value`);
  }
  if (depth >= maxDepth) throw new Limit(LIMIT_DEPTH);
  let isArray;
  try {
    isArray = Array.isArray(v);
  } catch (e) {
    throw threw(depth, e);
  }
  if (isArray) {
    let length;
    try {
      length = v.length;
    } catch (e) {
      throw threw(depth, e);
    }
    if (typeof length !== "number") length = 0;
    // Every element is a value: a limit applies before the walk, not after millions of steps.
    if (values + length > maxValues) throw new Limit(LIMIT_VALUES);
    room(5);
    out[pos++] = ARG_ARRAY;
    const at = pos;
    pos += 4;
    let i = 0;
    for (; i < length; i++) {
      let item;
      try {
        item = v[i];
      } catch (e) {
        throw threw(depth, e);
      }
      trail[depth] = i;
      value(item, depth + 1);
    }
    u32At(at, i);
    return;
  }
  // A typed array reads as an object of its elements (as JSON.stringify shows it): count them
  // before listing their keys, which for ten million elements alone takes seconds.
  if (ArrayBuffer.isView(v) && typeof v.length === "number" && values + v.length > maxValues) {
    throw new Limit(LIMIT_VALUES);
  }
  let keys;
  try {
    keys = Object.keys(v);
  } catch (e) {
    throw threw(depth, e);
  }
  room(5);
  out[pos++] = ARG_OBJECT;
  const at = pos;
  pos += 4;
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    let item;
    try {
      item = v[key];
    } catch (e) {
      throw threw(depth, e);
    }
    if (item === undefined) continue;
    bytes += text(key);
    trail[depth] = key;
    value(item, depth + 1);
    count++;
  }
  u32At(at, count);
}

// Calls of readValue under way: a getter of the argument may call the engine again (a UI model
// whose getter consults it). The inner call gets its own scratch and counters, and the outer
// call's are put back when it returns, so neither reads the other's bytes.
let active = 0;

// The misuse errors the Rust side throws (`code`, `path`, `message`).
export { misuse as callError };

export function readValue(input, path, valueLimit, byteLimit, depthLimit) {
  const outer =
    active > 0
      ? { out, view, pos, values, bytes, maxValues, maxBytes, maxDepth, root, trail }
      : null;
  if (outer !== null) {
    out = new Uint8Array(4096);
    view = new DataView(out.buffer);
    trail = Object.create(null);
  }
  active++;
  pos = 0;
  values = 0;
  bytes = 0;
  maxValues = valueLimit;
  maxBytes = byteLimit;
  maxDepth = depthLimit;
  root = path;
  let result;
  try {
    value(input, 0);
    // Taken before the scratch is let go: wasm-bindgen copies these bytes into the module.
    result = out.subarray(0, pos);
  } catch (e) {
    if (e instanceof Limit) result = Uint8Array.of(ARG_LIMIT, e.which);
    else throw e;
  } finally {
    active--;
    if (outer !== null) {
      ({ out, view, pos, values, bytes, maxValues, maxBytes, maxDepth, root, trail } = outer);
    } else if (out.length > 1 << 20) {
      // Do not keep a large buffer alive after a large argument (its bytes are in `result`,
      // which the caller copies before anything else runs).
      out = new Uint8Array(4096);
      view = new DataView(out.buffer);
    }
  }
  return result;
}

// ---------------------------------------------------------------- answers

let words = null;
let at = 0;
let strings = "";
let memory = null;
// Keys and enum names by address in the module's memory: static, decoded once.
const statics = new Map();
const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

function staticString(address, length) {
  // Cached by address (a small integer: a fast Map key). Only ASCII strings are kept, so a hit
  // (same address, and UTF-16 length = byte length) is the same bytes; others are decoded.
  const cached = statics.get(address);
  if (cached !== undefined && cached.length === length) return cached;
  const s = decoder.decode(new Uint8Array(memory.buffer, address, length));
  if (s.length === length) statics.set(address, s);
  return s;
}

// An own, writable, enumerable data property, whatever Object.prototype or Array.prototype hold
// (a read-only or accessor property there would otherwise take or refuse a plain assignment):
// plain assignment where nothing of that name is inherited (the fast, usual case), defined
// where something is (and for `__proto__`).
function put(target, key, item) {
  if (key in target) own(target, key, item);
  else target[key] = item;
}

function build() {
  switch (words[at++]) {
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case INT:
      return words[at++] | 0;
    case FLOAT:
      f64Words[0] = words[at++];
      f64Words[1] = words[at++];
      return f64[0];
    case STR: {
      const start = words[at++];
      return strings.slice(start, words[at++]);
    }
    case STATIC: {
      const address = words[at++];
      return staticString(address, words[at++]);
    }
    case ARRAY: {
      const n = words[at++];
      const array = new Array(n);
      for (let i = 0; i < n; i++) put(array, i, build());
      return array;
    }
    case OBJECT: {
      const n = words[at++];
      const object = {};
      for (let i = 0; i < n; i++) {
        let key = build();
        if (typeof key !== "string") key = String(key);
        put(object, key, build());
      }
      return object;
    }
    default:
      throw new Error("the answer could not be read back");
  }
}

export function buildAnswer(wasmMemory, wordsAt, wordCount, stringsAt, stringBytes) {
  // Nothing here runs the caller's code, but keep an outer build's place all the same.
  const outer = words === null ? null : { words, at, strings, memory };
  memory = wasmMemory;
  const buffer = wasmMemory.buffer;
  words = new Uint32Array(buffer, wordsAt, wordCount);
  strings = stringBytes === 0 ? "" : decoder.decode(new Uint8Array(buffer, stringsAt, stringBytes));
  at = 0;
  try {
    return build();
  } finally {
    if (outer === null) {
      words = null;
      strings = "";
      memory = null;
    } else {
      ({ words, at, strings, memory } = outer);
    }
  }
}
