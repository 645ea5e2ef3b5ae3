// The JS half of the wasm boundary (src/transfer.rs has the Rust half and the formats).
//
// readValue(value, memory, pathAt, pathLength, valueLimit, byteLimit, depthLimit): the argument
//   (whose path is the UTF-8 at pathAt in the module's memory), read as JSON.stringify
//   reads it (`toJSON` called, so a Date is its ISO string; boxed primitives unwrapped; a
//   property whose value is `undefined`, a function or a symbol is absent, and such an array
//   item is null; NaN and ±Infinity are null, on the Rust side), into bytes for the Rust reader.
//   Thrown as an Error with `code` and `path`, where JSON.stringify throws or gives no text: a
//   BigInt, a getter, proxy trap or `toJSON` that throws, and a top-level function or symbol.
//   A cycle is a limit (depth), as is a value too large; a limit reached is answered as the
//   two bytes [ARG_LIMIT, which].
// buildAnswer(memory, words, wordCount, strings, stringBytes): the answer the Rust side wrote,
//   rebuilt as plain objects and arrays (the answers' common objects as object literals, once
//   each of their keys is checked: "objects of a known shape" below).
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
const ARG_FLOAT = 3; // Argument byte: a number beyond `i32`: its `f64`'s 8 little-endian bytes, then its text as JSON.stringify writes it (byte length, 4 bytes, and the ASCII).
const ARG_STR = 4; // Argument byte: a string; its byte length (4 bytes) and UTF-8 bytes follow.
const ARG_ARRAY = 5; // Argument byte: an array; its count (4 bytes), then the items follow.
const ARG_OBJECT = 6; // Argument byte: an object; its count (4 bytes), then key and value of each entry follow (a key as a string's length and bytes, or as KEY_KNOWN plus its place in WIRE_KEYS).
const ARG_INT = 7; // Argument byte: an integer within `i32`; its 4 little-endian bytes follow.
const ARG_LIMIT = 255; // Argument byte: a limit stopped the walk; the whole argument is this byte and the limit's.
const KEY_KNOWN = 2147483648; // Argument key: this plus the key's place in WIRE_KEYS (4 bytes), in place of its length and bytes.
const ITEM_THREW = 4294967295; // Batch item length: reading the item threw (what it threw is kept for `thrownItem`); the last item of its chunk.
const LIMIT_VALUES = 1; // Limit: more values than a request may have.
const LIMIT_BYTES = 2; // Limit: more bytes of text than a request may have.
const LIMIT_DEPTH = 3; // Limit: nested deeper than the reader reads.
// The keys a walk writes by their place (KEY_KNOWN): every property name of the inputs' JSON
// Schemas (schema/*.schema.json), sorted; the module asks for them once (`wireKeys`).
const WIRE_KEYS = [
  "accountOpenedAt", "action", "actions", "actor", "addOnFor", "addOns", "addedAt", "autoRenew",
  "availableCountries", "availableInCsp", "billingCountry", "billingFrequency", "billingStartedAt",
  "billingType", "category", "change", "changeId", "channel", "commerceModel", "cotermDate",
  "cotermDateChanges", "currency", "customer", "defaultMinQuantity", "edition", "enabled",
  "exclusivePartners", "filters", "freeTrial", "general", "id", "kind", "licensesAssigned",
  "locale", "marketplaceAnnualCancelDays", "marketplaceManagement", "marketplaceMonthlyCancelHours",
  "maxQuantity", "minQuantity", "name", "newCommerceCancelDays", "newCommerceFullRefundHours",
  "now", "offer", "offerId", "offers", "onePerCustomer", "orderedAt", "partnerId", "partnerKind",
  "policy", "productType", "publisher", "publisherActionRequired", "quantity", "reason",
  "resellerId", "retentionCapDays", "retentionDays", "roles", "rounding", "scheduledChanges",
  "seatAdditions", "seatReduction", "seatReductionDays", "segment", "segments", "setupConfirmed",
  "sku", "skuDowngrades", "status", "subscription", "subscriptionId", "subscriptions",
  "supportedCountries", "suspendedAt", "target", "targetSku", "term", "termEnd", "termStart",
  "timing", "trialDays", "trialEndsAt", "type", "unitPrice", "upgradePaths", "upgradeTargetChecks",
  "upgradedFrom", "upgradesFinal", "windowStart", "windowsRestartAtRenewal",
];
// ---- end of wire tags ----

// Each known key's place, by the key (a null-prototype object: no key is looked up on a
// prototype, `__proto__` included); and the list as the module reads it, the keys joined by
// commas (by `+`, not `join`, which a page may have replaced).
const keyPlaces = Object.create(null);
let WIRE_KEYS_TEXT = "";
for (let i = 0; i < WIRE_KEYS.length; i++) {
  keyPlaces[WIRE_KEYS[i]] = i;
  WIRE_KEYS_TEXT += i === 0 ? WIRE_KEYS[i] : "," + WIRE_KEYS[i];
}

// Whether the walk writes known keys by their place: once the module has asked for them (the
// full module, at its first read; the validation module, whose budget has no room for the
// table, never asks). A key by its place costs the walk a lookup instead of writing its
// characters one by one: 0.34 µs against 0.80 for a request's 21 keys.
let keysKnown = false;
export function wireKeys() {
  keysKnown = true;
  return WIRE_KEYS_TEXT;
}

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
// The path of the argument itself, by address and length in the module's memory: decoded only
// when an error names a path (`rootPath`).
let rootMemory = null;
let rootAt = 0;
let rootLength = 0;
// Or, for a batch's item (`readItems`), its index: the path is `[i]`.
let rootIndex = -1;
// Or, for a lazy call's arguments (`walkCall`), the path itself.
let rootName = null;
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

/**
 * Write a string's length and UTF-8 bytes (a lone surrogate as U+FFFD, as TextEncoder writes it).
 * Returns the bytes of the string in JSON text as JSON.stringify writes it: the quotes, the
 * escapes (`\"`, `\\`, `\n`, `\u0001`, and `\ud800` for a lone surrogate) and UTF-8. The request's
 * size limit counts these, so that it is the text reader's limit on the same request.
 */
function text(s) {
  const n = s.length;
  room(4 + 3 * n);
  const at = pos;
  pos += 4;
  let extra = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) {
      pos = at + 4;
      const written = encoder.encodeInto(s, out.subarray(pos)).written;
      pos += written;
      u32At(at, written);
      return 2 + written + extra + escapes(s, i);
    }
    if (c < 32 || c === 34 || c === 92) extra += escapeOf(c);
    out[pos++] = c;
  }
  u32At(at, n);
  return 2 + n + extra;
}

// What JSON.stringify's escape of an ASCII character adds to its one byte.
function escapeOf(c) {
  if (c === 34 || c === 92 || c === 8 || c === 9 || c === 10 || c === 12 || c === 13) return 1;
  return c < 32 ? 5 : 0;
}

// The bytes JSON.stringify's escapes add to s[from..] beyond its UTF-8: ASCII escapes, and each
// lone surrogate written `\udXXX` (6 bytes) where its UTF-8 is U+FFFD (3).
function escapes(s, from) {
  let extra = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      extra += escapeOf(c);
    } else if (c >= 0xd800 && c < 0xe000) {
      if (c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else extra += 3;
    }
  }
  return extra;
}

// Bytes of a whole number in JSON text, without making its string.
function digits(v) {
  let n = v < 0 ? 2 : 1;
  for (let a = Math.abs(v); a >= 10; a = Math.floor(a / 10)) n++;
  return n;
}

// Count `n` bytes of the request's JSON text.
function spend(n) {
  bytes += n;
  if (bytes > maxBytes) throw new Limit(LIMIT_BYTES);
}

function rootPath() {
  if (rootIndex >= 0) return `[${rootIndex}]`;
  if (rootName !== null) return rootName;
  return rootLength === 0 ? "" : decoder.decode(new Uint8Array(rootMemory.buffer, rootAt, rootLength));
}

function pathAt(depth) {
  let path = rootPath();
  for (let i = 0; i < depth; i++) {
    const step = trail[i];
    path = typeof step === "number" ? `${path}[${step}]` : path === "" ? step : `${path}.${step}`;
  }
  return path;
}

// A misused call's error carries this brand (not enumerable), so `isCallError` (the package's
// helpers.js) recognises it whichever copy of the package made it.
const CALL_ERROR = Symbol.for("subscription-rules.CallError");

function misuse(code, path, message) {
  const error = new Error(message);
  Object.defineProperty(error, "name", { value: "CallError", writable: true, enumerable: false, configurable: true });
  Object.defineProperty(error, CALL_ERROR, { value: true, enumerable: false });
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

// What JSON.stringify writes for a value under `key` of its holder: `toJSON` called where the
// value (an object or a BigInt) has one, a boxed primitive (`new Number(1)`) unwrapped.
// `undefined` stands for "nothing": a property so valued is left out, an array item is `null`
// (also for a function or a symbol, which JSON.stringify leaves out the same way).
function resolve(v, key, depth) {
  if (v === null || (typeof v !== "object" && typeof v !== "function" && typeof v !== "bigint")) {
    return typeof v === "symbol" ? undefined : v;
  }
  let toJSON;
  try {
    toJSON = v.toJSON;
  } catch (e) {
    throw threw(depth, e);
  }
  if (typeof toJSON === "function") {
    try {
      v = toJSON.call(v, key);
    } catch (e) {
      throw threw(depth, e);
    }
  }
  if (typeof v === "function" || typeof v === "symbol") return undefined;
  if (v !== null && typeof v === "object") {
    let proto;
    try {
      proto = Object.getPrototypeOf(v);
    } catch (e) {
      throw threw(depth, e);
    }
    // Not a plain object or array: perhaps a boxed primitive (its internal slot, whatever its
    // prototype says; the usual objects skip these checks).
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
      try {
        v = unbox(v);
      } catch (e) {
        throw threw(depth, e);
      }
    }
  }
  return v;
}

// A boxed primitive as JSON.stringify reads it: a Number object through ToNumber and a String
// object through ToString (so their `valueOf`, `toString` and `Symbol.toPrimitive` run, and may
// throw), a Boolean or BigInt object its own value. Anything else as it is.
function unbox(v) {
  if (isA(Number.prototype.valueOf, v)) return Number(v);
  if (isA(String.prototype.valueOf, v)) return String(v);
  if (isA(Boolean.prototype.valueOf, v)) return Boolean.prototype.valueOf.call(v);
  if (isA(BigInt.prototype.valueOf, v)) return BigInt.prototype.valueOf.call(v);
  return v;
}

// Whether `v` has the internal slot that `valueOf` (of Number, String, …) reads.
function isA(valueOf, v) {
  try {
    valueOf.call(v);
    return true;
  } catch {
    return false;
  }
}

function value(v, depth) {
  if (++values > maxValues) throw new Limit(LIMIT_VALUES);
  switch (typeof v) {
    case "undefined":
      spend(4);
      room(1);
      out[pos++] = ARG_NULL;
      return;
    case "boolean":
      spend(v ? 4 : 5);
      room(1);
      out[pos++] = v ? ARG_TRUE : ARG_FALSE;
      return;
    case "number":
      room(9);
      if ((v | 0) === v) {
        spend(digits(v));
        out[pos++] = ARG_INT;
        view.setInt32(pos, v, true);
        pos += 4;
      } else if (Number.isFinite(v)) {
        // With its text as JSON.stringify writes it (ASCII): the module formats no number.
        const s = String(v);
        spend(s.length);
        room(13 + s.length);
        out[pos++] = ARG_FLOAT;
        view.setFloat64(pos, v, true);
        view.setUint32(pos + 8, s.length, true);
        pos += 12;
        for (let i = 0; i < s.length; i++) out[pos++] = s.charCodeAt(i);
      } else {
        // NaN and ±Infinity are written `null`.
        spend(4);
        out[pos++] = ARG_NULL;
      }
      return;
    case "string":
      // A string takes at least one byte per UTF-16 unit, and its quotes: over the limit
      // without encoding it.
      if (bytes + v.length + 2 > maxBytes) throw new Limit(LIMIT_BYTES);
      room(1);
      out[pos++] = ARG_STR;
      spend(text(v));
      return;
    case "object":
      if (v === null) {
        spend(4);
        room(1);
        out[pos++] = ARG_NULL;
        return;
      }
      break;
    default:
      // A BigInt: JSON.stringify throws for it too.
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
    // ToLength, as JSON.stringify reads it (a proxy may answer anything).
    length = typeof length === "number" ? Math.min(Math.max(Math.trunc(length) || 0, 0), 2 ** 53 - 1) : 0;
    // Every element is a value: a limit applies before the walk, not after millions of steps.
    if (values + length > maxValues) throw new Limit(LIMIT_VALUES);
    room(5);
    out[pos++] = ARG_ARRAY;
    const at = pos;
    pos += 4;
    // The brackets and the commas between the items.
    spend(length > 0 ? length + 1 : 2);
    let i = 0;
    for (; i < length; i++) {
      trail[depth] = i;
      let item;
      try {
        item = v[i];
      } catch (e) {
        throw threw(depth + 1, e);
      }
      value(resolve(item, String(i), depth + 1), depth + 1);
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
    trail[depth] = key;
    let item;
    try {
      item = v[key];
    } catch (e) {
      throw threw(depth + 1, e);
    }
    item = resolve(item, key, depth + 1);
    if (item === undefined) continue;
    // The key, its colon, and the comma before it or the opening brace. A known key (a plain
    // name: its quotes and one byte a character) by its place.
    const place = keysKnown ? keyPlaces[key] : undefined;
    if (place === undefined) {
      spend(text(key) + 2);
    } else {
      room(4);
      u32At(pos, KEY_KNOWN + place);
      pos += 4;
      spend(key.length + 4);
    }
    value(item, depth + 1);
    count++;
  }
  // The closing brace (and the opening one of an empty object).
  spend(count > 0 ? 1 : 2);
  u32At(at, count);
}

// Calls of readValue under way: a getter of the argument may call the engine again (a UI model
// whose getter consults it). The inner call gets its own scratch and counters, and the outer
// call's are put back when it returns, so neither reads the other's bytes.
let active = 0;

// The misuse errors the Rust side throws (`code`, `path`, `message`).
export { misuse as callError };

// A walk begins, within these limits: an outer one's place kept if this one runs within it (a
// getter calling the engine), with scratch of its own.
function enter(valueLimit, byteLimit, depthLimit) {
  const outer =
    active > 0
      ? { out, view, pos, values, bytes, maxValues, maxBytes, maxDepth, rootMemory, rootAt, rootLength, rootIndex, rootName, trail }
      : null;
  if (outer !== null) {
    out = new Uint8Array(4096);
    view = new DataView(out.buffer);
    trail = Object.create(null);
  }
  active++;
  pos = 0;
  maxValues = valueLimit;
  maxBytes = byteLimit;
  maxDepth = depthLimit;
  // The root's path: the argument itself (""), until the caller names it. A walk within
  // another's (a getter calling the engine) names its own.
  rootMemory = null;
  rootLength = 0;
  rootIndex = -1;
  rootName = null;
  return outer;
}

// A walk ends: the outer one's place put back.
function leave(outer) {
  active--;
  if (outer !== null) {
    ({ out, view, pos, values, bytes, maxValues, maxBytes, maxDepth, rootMemory, rootAt, rootLength, rootIndex, rootName, trail } = outer);
  } else if (out.length > 1 << 20) {
    // Do not keep a large buffer alive after a large argument (its bytes are in the result,
    // which the caller copies before anything else runs).
    out = new Uint8Array(4096);
    view = new DataView(out.buffer);
  }
}

// One argument walked at `pos`, within its own limits: its bytes, or a limit's two in their place.
function walk(input, root) {
  const start = pos;
  values = 0;
  bytes = 0;
  try {
    const resolved = resolve(input, "", 0);
    if (resolved === undefined && root) {
      // JSON.stringify gives no text for it.
      throw callError("", `a ${typeof input} is not a JSON value`);
    }
    value(resolved, 0);
  } catch (e) {
    if (!(e instanceof Limit)) throw e;
    pos = start;
    room(2);
    out[pos++] = ARG_LIMIT;
    out[pos++] = e.which;
  }
}

export function readValue(input, memory, pathAt, pathLength, valueLimit, byteLimit, depthLimit) {
  const outer = enter(valueLimit, byteLimit, depthLimit);
  rootMemory = memory;
  rootAt = pathAt;
  rootLength = pathLength;
  try {
    walk(input, pathLength === 0);
    // Taken before the scratch is let go: wasm-bindgen copies these bytes into the module.
    return out.subarray(0, pos);
  } finally {
    leave(outer);
  }
}

// What reading a batch's item threw, kept for `thrownItem`.
let thrown;

// A batch's items from `from` (before `end`), each read as `readValue` reads an argument at the
// path `[i]` (within its own limits), one after the other into one chunk: each its byte length
// (4 bytes) and its bytes. The chunk ends once it holds `chunk` bytes, or once the items' bytes
// pass `left` (what the batch may still read: the batch stops at that item, and no later item is
// read), or at `end`. What reading an item throws ends the chunk as ITEM_THREW, and is kept for
// `thrownItem`: the items before it are answered first, as if read one at a time.
export function readItems(items, from, end, valueLimit, byteLimit, depthLimit, chunk, left) {
  const outer = enter(valueLimit, byteLimit, depthLimit);
  let spent = 0;
  try {
    for (let i = from; i < end && pos < chunk && spent <= left; i++) {
      rootIndex = i;
      room(4);
      const at = pos;
      pos += 4;
      try {
        let item;
        try {
          item = items[i];
        } catch (e) {
          throw threw(0, e);
        }
        walk(item, false);
      } catch (e) {
        thrown = e;
        pos = at + 4;
        u32At(at, ITEM_THREW);
        break;
      }
      u32At(at, pos - at - 4);
      spent += pos - at - 4;
    }
    return out.subarray(0, pos);
  } finally {
    leave(outer);
  }
}

export function thrownItem() {
  const e = thrown;
  thrown = undefined;
  return e;
}

// ---------------------------------------------------------------- answers

let words = null;
let at = 0;
// Objects of a known shape made as literals (`shapeOf`); off only to test the generic path
// (`useShapes`).
let shapes = true;
// Objects whose builder gave up and left them to the generic path (`shapeMisses`, for the test).
let misses = 0;
let strings = "";
let memory = null;
// Which build is under way (see `Static`).
let generation = 0;
// Array indices below this are inherited from no prototype, in this build; `indexStop` once an
// index is (its arrays then take `own` from it on).
let cleanIndices = 0;
let indexStop = false;
const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

// A key or enum name of the module's memory, decoded once, and whether Object.prototype has
// something of that name (an accessor or a read-only property, which would take or refuse a
// plain assignment). That is asked once per key per build, not at every object: nothing in a
// build runs the caller's code, so the answer holds for the whole build, and the next build asks
// again. Class fields are defined, never assigned, whatever Object.prototype holds.
class Static {
  s = "";
  generation = 0;
  inherited = false;
  // The builder of the answers' objects that start with this key (`shapeOf`), or null.
  shape = null;
  // Its index in KEY_NAMES, or -1 (`keyIndexAt`).
  k = -1;
  constructor(s) {
    this.s = s;
    this.shape = shapeOf(s);
    for (let k = 0; k < KEY_NAMES.length; k++) {
      if (KEY_NAMES[k] === s) {
        this.k = k;
        break;
      }
    }
  }
}

// Statics by address, in an open-addressed table (a Map's lookups made a rebuild 8 % costlier).
// Only ASCII strings are kept, so a hit (same address, and UTF-16 length = byte length) is the
// same bytes; others are decoded. A module's statics are a few hundred, so the table is never
// near full; should a probe find no free slot, the string is decoded and not kept.
const SLOT_BITS = 12;
const SLOTS = 1 << SLOT_BITS;
const PROBES = 32;
// Address 0 marks a free slot: the module's data never starts there (its low memory is unused).
const slotAddresses = new Uint32Array(SLOTS);
// Read only where its address is set, and set with `own`: never through Array.prototype.
const slotStatics = new Array(SLOTS);

const decodeStatic = (address, length) => new Static(decoder.decode(new Uint8Array(memory.buffer, address, length)));

function staticAt(address, length) {
  if (address !== 0) {
    let slot = Math.imul(address, 0x9e3779b1) >>> (32 - SLOT_BITS);
    for (let probe = 0; probe < PROBES; probe++, slot = (slot + 1) & (SLOTS - 1)) {
      const held = slotAddresses[slot];
      if (held === 0) {
        const fresh = decodeStatic(address, length);
        if (fresh.s.length === length) {
          slotAddresses[slot] = address;
          own(slotStatics, slot, fresh);
        }
        return fresh;
      }
      // Two statics may start at one address (one a prefix of the other): each has its slot.
      if (held === address) {
        const cached = slotStatics[slot];
        if (cached.s.length === length) return cached;
      }
    }
  }
  return decodeStatic(address, length);
}

// An own, writable, enumerable data property, whatever Object.prototype or Array.prototype hold
// (a read-only or accessor property there would otherwise take or refuse a plain assignment):
// plain assignment where nothing of that name is inherited (the fast, usual case), defined
// where something is (and for `__proto__`). For keys not known in advance (a static key and
// an array index are checked once per build: `Static`, `cleanIndices`).
function put(target, key, item) {
  if (key in target) own(target, key, item);
  else target[key] = item;
}

// ---- objects of a known shape
//
// The answers' common objects are made as object literals: a decision, its reasons, effects,
// money lines and their working, deadlines, refund options and alternative; an action and an
// action's state; a timeline, its points and changes; an input error; the envelope. (The rare
// rest, such as an upgrade's effects, by the generic path.) V8 makes a literal's object with all
// its properties at once, where the generic path below adds each property to a new object by a
// store that sees every shape. Each builder checks every key of the tape against the one it
// expects, in order, and the count of entries; at the first difference it answers `undefined` and
// the object is built again by the generic path from its start (`at` rewound). So an object is
// made the same either way: the same own, enumerable, writable data properties in the same order
// (a literal defines its properties, as `own` does, whatever Object.prototype holds). A test holds
// the two paths to each other on every fixture's answers (tests/js/node/shapes.mjs).

// The keys the shapes expect, and the address in the module's memory each was last found at:
// a static at that address with that length is that key (the module's statics do not change).
const KEY_NAMES = [
  "type",
  "result",
  "errors",
  "outcome",
  "message",
  "apiCode",
  "at",
  "rule",
  "verdict",
  "enabled",
  "rules",
  "reason",
  "changesAt",
  "effectiveAt",
  "reasons",
  "alternative",
  "effects",
  "money",
  "deadlines",
  "evaluatedAt",
  "edition",
  "editionChoice",
  "policyFingerprint",
  "name",
  "quantity",
  "expiresAt",
  "changeId",
  "from",
  "to",
  "changeIds",
  "addOnIds",
  "endsAt",
  "subscriptionId",
  "amount",
  "currency",
  "working",
  "unitPrice",
  "periodStart",
  "periodEnd",
  "periodDays",
  "remainingDays",
  "perUnit",
  "rounding",
  "minorUnits",
  "formula",
  "decision",
  "change",
  "verdictAfter",
  "rulesAfter",
  "label",
  "past",
  "code",
  "path",
  "actions",
  "now",
  "points",
  "changes",
  "kind",
];
const K_TYPE = 0;
const K_RESULT = 1;
const K_ERRORS = 2;
const K_OUTCOME = 3;
const K_MESSAGE = 4;
const K_API_CODE = 5;
const K_AT = 6;
const K_RULE = 7;
const K_VERDICT = 8;
const K_ENABLED = 9;
const K_RULES = 10;
const K_REASON = 11;
const K_CHANGES_AT = 12;
const K_EFFECTIVE_AT = 13;
const K_REASONS = 14;
const K_ALTERNATIVE = 15;
const K_EFFECTS = 16;
const K_MONEY = 17;
const K_DEADLINES = 18;
const K_EVALUATED_AT = 19;
const K_EDITION = 20;
const K_EDITION_CHOICE = 21;
const K_POLICY_FINGERPRINT = 22;
const K_NAME = 23;
const K_QUANTITY = 24;
const K_EXPIRES_AT = 25;
const K_CHANGE_ID = 26;
const K_FROM = 27;
const K_TO = 28;
const K_CHANGE_IDS = 29;
const K_ADD_ON_IDS = 30;
const K_ENDS_AT = 31;
const K_SUBSCRIPTION_ID = 32;
const K_AMOUNT = 33;
const K_CURRENCY = 34;
const K_WORKING = 35;
const K_UNIT_PRICE = 36;
const K_PERIOD_START = 37;
const K_PERIOD_END = 38;
const K_PERIOD_DAYS = 39;
const K_REMAINING_DAYS = 40;
const K_PER_UNIT = 41;
const K_ROUNDING = 42;
const K_MINOR_UNITS = 43;
const K_FORMULA = 44;
const K_DECISION = 45;
const K_CHANGE = 46;
const K_VERDICT_AFTER = 47;
const K_RULES_AFTER = 48;
const K_LABEL = 49;
const K_PAST = 50;
const K_CODE = 51;
const K_PATH = 52;
const K_ACTIONS = 53;
const K_NOW = 54;
const K_POINTS = 55;
const K_CHANGES = 56;
const K_KIND = 57;
const keyAddresses = new Uint32Array(KEY_NAMES.length);

// Whether the key at `pos` of the tape is the static KEY_NAMES[k].
function keyAt(pos, k) {
  if (words[pos] !== STATIC) return false;
  const address = words[pos + 1];
  const name = KEY_NAMES[k];
  if (words[pos + 2] !== name.length) return false;
  if (address !== keyAddresses[k]) {
    if (staticAt(address, name.length).s !== name) return false;
    keyAddresses[k] = address;
  }
  return true;
}

// Consume the next entry's key if it is the static KEY_NAMES[k].
function key(k) {
  if (!keyAt(at, k)) return false;
  at += 3;
  return true;
}

// The KEY_NAMES index of the key at `pos` of the tape, or -1 (for a choice among several keys).
function keyIndexAt(pos) {
  return words[pos] === STATIC ? staticAt(words[pos + 1], words[pos + 2]).k : -1;
}

// The KEY_NAMES index of the second key of the object whose first key is at `at`, where the first
// value is a string (three words), or -1.
function secondKey() {
  const value = words[at + 3];
  return value === STATIC || value === STR ? keyIndexAt(at + 6) : -1;
}

// The builder of the objects whose first key is `s`, or null. A switch: no lookup that
// something put on a prototype could answer.
function shapeOf(s) {
  switch (s) {
    case "type":
      return typeFirst;
    case "action":
      return actionFirst;
    case "rule":
      return ruleFirst;
    case "kind":
      return kindFirst;
    case "quantity":
      return quantityFirst;
    case "at":
      return atFirst;
    case "code":
      return codeFirst;
    case "subscriptionId":
      return subscriptionFirst;
    case "verdict":
      return verdictFirst;
    default:
      return null;
  }
}

// The answer's envelope {type, result} or {type, errors}; an action without fields {type} or
// with one ({type, quantity}, …); a refund option {type, expiresAt}.
function typeFirst(n) {
  if (n === 1) {
    at += 3;
    return { type: build() };
  }
  if (n !== 2) return undefined;
  const second = secondKey();
  if (second === -1) return undefined;
  at += 3;
  const type = build();
  at += 3;
  const value = build();
  switch (second) {
    case K_RESULT:
      return { type, result: value };
    case K_ERRORS:
      return { type, errors: value };
    case K_QUANTITY:
      return { type, quantity: value };
    case K_NAME:
      return { type, name: value };
    case K_ENABLED:
      return { type, enabled: value };
    case K_REASON:
      return { type, reason: value };
    case K_EXPIRES_AT:
      return { type, expiresAt: value };
    case K_CHANGE_ID:
      return { type, changeId: value };
    case K_CHANGE:
      return { type, change: value };
    default:
      return undefined;
  }
}

// A reason {rule, outcome, message, apiCode?}, or an effect (`effect`).
function ruleFirst(n) {
  const second = secondKey();
  if (second === K_TYPE) return effect(n);
  if ((n !== 3 && n !== 4) || second !== K_OUTCOME) return undefined;
  at += 3;
  const rule = build();
  at += 3;
  const outcome = build();
  if (!key(K_MESSAGE)) return undefined;
  const message = build();
  if (n === 3) return { rule, outcome, message };
  if (!key(K_API_CODE)) return undefined;
  return { rule, outcome, message, apiCode: build() };
}

// An effect: {rule, type} and the fields of its type, for the types with up to three fields of
// these names (the others by the generic path).
function effect(n) {
  if (n < 2 || n > 5) return undefined;
  at += 3;
  const rule = build();
  at += 3;
  const type = build();
  if (n === 2) return { rule, type };
  if (n === 3) {
    const third = keyIndexAt(at);
    if (third === -1) return undefined;
    at += 3;
    const value = build();
    switch (third) {
      case K_AT:
        return { rule, type, at: value };
      case K_CHANGE_IDS:
        return { rule, type, changeIds: value };
      case K_ADD_ON_IDS:
        return { rule, type, addOnIds: value };
      case K_ENDS_AT:
        return { rule, type, endsAt: value };
      case K_NAME:
        return { rule, type, name: value };
      default:
        return undefined;
    }
  }
  if (n === 5 && key(K_SUBSCRIPTION_ID)) {
    const subscriptionId = build();
    if (!key(K_FROM)) return undefined;
    const from = build();
    if (!key(K_TO)) return undefined;
    return { rule, type, subscriptionId, from, to: build() };
  }
  if (!key(K_FROM)) return undefined;
  const from = build();
  if (!key(K_TO)) return undefined;
  const to = build();
  if (n === 4) return { rule, type, from, to };
  if (!key(K_AT)) return undefined;
  return { rule, type, from, to, at: build() };
}

// A deadline {kind, at, rule}, or a money line {kind, rule, amount, currency, working} or in
// short {kind, rule, amount, currency}.
function kindFirst(n) {
  const second = secondKey();
  if (n === 3 && second === K_AT) {
    at += 3;
    const kind = build();
    at += 3;
    const when = build();
    if (!key(K_RULE)) return undefined;
    return { kind, at: when, rule: build() };
  }
  if (n === 2 && second === K_QUANTITY) {
    at += 3;
    const kind = build();
    at += 3;
    return { kind, quantity: build() };
  }
  if ((n !== 5 && n !== 4) || second !== K_RULE) return undefined;
  at += 3;
  const kind = build();
  at += 3;
  const rule = build();
  if (!key(K_AMOUNT)) return undefined;
  const amount = build();
  if (!key(K_CURRENCY)) return undefined;
  const currency = build();
  if (n === 4) return { kind, rule, amount, currency };
  if (!key(K_WORKING)) return undefined;
  return { kind, rule, amount, currency, working: build() };
}

// A decision in short (`evaluateManyCompact`): {verdict, effectiveAt?, rules, alternative?, money}.
function verdictFirst(n) {
  at += 3;
  const verdict = build();
  const hasEffectiveAt = key(K_EFFECTIVE_AT);
  const effectiveAt = hasEffectiveAt ? build() : null;
  if (!key(K_RULES)) return undefined;
  const rules = build();
  const hasAlternative = key(K_ALTERNATIVE);
  const alternative = hasAlternative ? build() : null;
  if (!key(K_MONEY)) return undefined;
  const money = build();
  if (n !== 3 + (hasEffectiveAt ? 1 : 0) + (hasAlternative ? 1 : 0)) return undefined;
  return hasEffectiveAt
    ? hasAlternative
      ? { verdict, effectiveAt, rules, alternative, money }
      : { verdict, effectiveAt, rules, money }
    : hasAlternative
      ? { verdict, rules, alternative, money }
      : { verdict, rules, money };
}

// A money line's working: {quantity, unitPrice, rounding, minorUnits, formula, rules}, or with
// periodStart, periodEnd, periodDays, remainingDays and perUnit after unitPrice (prorated).
function quantityFirst(n) {
  if (n !== 6 && n !== 10 && n !== 11) return undefined;
  at += 3;
  const quantity = build();
  if (!key(K_UNIT_PRICE)) return undefined;
  const unitPrice = build();
  if (n === 6) {
    if (!key(K_ROUNDING)) return undefined;
    const rounding = build();
    if (!key(K_MINOR_UNITS)) return undefined;
    const minorUnits = build();
    if (!key(K_FORMULA)) return undefined;
    const formula = build();
    if (!key(K_RULES)) return undefined;
    return { quantity, unitPrice, rounding, minorUnits, formula, rules: build() };
  }
  if (!key(K_PERIOD_START)) return undefined;
  const periodStart = build();
  if (!key(K_PERIOD_END)) return undefined;
  const periodEnd = build();
  if (!key(K_PERIOD_DAYS)) return undefined;
  const periodDays = build();
  if (!key(K_REMAINING_DAYS)) return undefined;
  const remainingDays = build();
  const withPerUnit = n === 11;
  if (withPerUnit && !key(K_PER_UNIT)) return undefined;
  const perUnit = withPerUnit ? build() : null;
  if (!key(K_ROUNDING)) return undefined;
  const rounding = build();
  if (!key(K_MINOR_UNITS)) return undefined;
  const minorUnits = build();
  if (!key(K_FORMULA)) return undefined;
  const formula = build();
  if (!key(K_RULES)) return undefined;
  const rules = build();
  return withPerUnit
    ? { quantity, unitPrice, periodStart, periodEnd, periodDays, remainingDays, perUnit, rounding, minorUnits, formula, rules }
    : { quantity, unitPrice, periodStart, periodEnd, periodDays, remainingDays, rounding, minorUnits, formula, rules };
}

// A timeline's point: {at, kind, rule, label, past}.
function atFirst(n) {
  if (n !== 5) return undefined;
  at += 3;
  const when = build();
  if (!key(K_KIND)) return undefined;
  const kind = build();
  if (!key(K_RULE)) return undefined;
  const rule = build();
  if (!key(K_LABEL)) return undefined;
  const label = build();
  if (!key(K_PAST)) return undefined;
  return { at: when, kind, rule, label, past: build() };
}

// An input error: {code, path, message, rule?}.
function codeFirst(n) {
  if (n !== 3 && n !== 4) return undefined;
  at += 3;
  const code = build();
  if (!key(K_PATH)) return undefined;
  const path = build();
  if (!key(K_MESSAGE)) return undefined;
  const message = build();
  if (n === 3) return { code, path, message };
  if (!key(K_RULE)) return undefined;
  return { code, path, message, rule: build() };
}

// The states of a subscription's actions {subscriptionId, actions}, or its timeline
// {subscriptionId, now, points, changes}.
function subscriptionFirst(n) {
  if (n !== 2 && n !== 4) return undefined;
  at += 3;
  const subscriptionId = build();
  if (n === 2) {
    if (!key(K_ACTIONS)) return undefined;
    return { subscriptionId, actions: build() };
  }
  if (!key(K_NOW)) return undefined;
  const now = build();
  if (!key(K_POINTS)) return undefined;
  const points = build();
  if (!key(K_CHANGES)) return undefined;
  return { subscriptionId, now, points, changes: build() };
}

// An action's state {action, verdict, enabled, rules, reason, changesAt?}, or a decision.
function actionFirst(n) {
  if (n === 3) return alternative();
  if (n === 2) {
    at += 3;
    const action = build();
    if (!key(K_DECISION)) return undefined;
    return { action, decision: build() };
  }
  if (n < 5) return undefined;
  at += 3;
  const action = build();
  if (!key(K_VERDICT)) return undefined;
  const verdict = build();
  if (n === 5 && key(K_CHANGES_AT)) {
    const changesAt = build();
    if (!key(K_VERDICT_AFTER)) return undefined;
    const verdictAfter = build();
    if (!key(K_RULES_AFTER)) return undefined;
    return { action, verdict, changesAt, verdictAfter, rulesAfter: build() };
  }
  if (!key(K_ENABLED)) return decision(n, action, verdict);
  if (n > 6) return undefined;
  const enabled = build();
  if (!key(K_RULES)) return undefined;
  const rules = build();
  if (!key(K_REASON)) return undefined;
  const reason = build();
  if (n === 5) return { action, verdict, enabled, rules, reason };
  if (!key(K_CHANGES_AT)) return undefined;
  return { action, verdict, enabled, rules, reason, changesAt: build() };
}

// An alternative: {action, rule, message}.
function alternative() {
  at += 3;
  const action = build();
  if (!key(K_RULE)) return undefined;
  const rule = build();
  if (!key(K_MESSAGE)) return undefined;
  return { action, rule, message: build() };
}

// A decision after its action and verdict: effectiveAt?, reasons, alternative?, effects, money,
// deadlines, evaluatedAt, edition, editionChoice, policyFingerprint, then its optional fields as
// the generic path adds them.
function decision(n, action, verdict) {
  const hasEffectiveAt = key(K_EFFECTIVE_AT);
  const effectiveAt = hasEffectiveAt ? build() : null;
  if (!key(K_REASONS)) return undefined;
  const reasons = build();
  const hasAlternative = key(K_ALTERNATIVE);
  const alternative = hasAlternative ? build() : null;
  if (!key(K_EFFECTS)) return undefined;
  const effects = build();
  if (!key(K_MONEY)) return undefined;
  const money = build();
  if (!key(K_DEADLINES)) return undefined;
  const deadlines = build();
  if (!key(K_EVALUATED_AT)) return undefined;
  const evaluatedAt = build();
  if (!key(K_EDITION)) return undefined;
  const edition = build();
  if (!key(K_EDITION_CHOICE)) return undefined;
  const editionChoice = build();
  if (!key(K_POLICY_FINGERPRINT)) return undefined;
  const policyFingerprint = build();
  const made = 10 + (hasEffectiveAt ? 1 : 0) + (hasAlternative ? 1 : 0);
  if (n < made) return undefined;
  const object = hasEffectiveAt
    ? hasAlternative
      ? { action, verdict, effectiveAt, reasons, alternative, effects, money, deadlines, evaluatedAt, edition, editionChoice, policyFingerprint }
      : { action, verdict, effectiveAt, reasons, effects, money, deadlines, evaluatedAt, edition, editionChoice, policyFingerprint }
    : hasAlternative
      ? { action, verdict, reasons, alternative, effects, money, deadlines, evaluatedAt, edition, editionChoice, policyFingerprint }
      : { action, verdict, reasons, effects, money, deadlines, evaluatedAt, edition, editionChoice, policyFingerprint };
  entries(object, n - made);
  return object;
}

// `count` entries of the tape added to `object`, whatever their keys.
function entries(object, count) {
  for (let i = 0; i < count; i++) {
    if (words[at] === STATIC) {
      const key = staticAt(words[at + 1], words[at + 2]);
      at += 3;
      if (key.generation !== generation) {
        key.generation = generation;
        key.inherited = key.s in Object.prototype;
      }
      const item = build();
      if (key.inherited) own(object, key.s, item);
      else object[key.s] = item;
    } else {
      let key = build();
      if (typeof key !== "string") key = String(key);
      put(object, key, build());
    }
  }
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
      return staticAt(address, words[at++]).s;
    }
    case ARRAY: {
      const n = words[at++];
      const array = new Array(n);
      // `i in Array.prototype` also asks Object.prototype.
      while (cleanIndices < n && !indexStop) {
        if (cleanIndices in Array.prototype) indexStop = true;
        else cleanIndices++;
      }
      for (let i = 0; i < n; i++) {
        const item = build();
        if (i < cleanIndices) array[i] = item;
        else own(array, i, item);
      }
      return array;
    }
    case OBJECT: {
      const n = words[at++];
      if (shapes && n !== 0 && words[at] === STATIC) {
        const shape = staticAt(words[at + 1], words[at + 2]).shape;
        if (shape !== null) {
          const start = at;
          const made = shape(n);
          if (made !== undefined) return made;
          misses++;
          at = start;
        }
      }
      const object = {};
      entries(object, n);
      return object;
    }
    default:
      throw new Error("the answer could not be read back");
  }
}

// For tests (tests/js/node/shapes.mjs): the objects of a known shape made by the generic path
// (`false`) or as literals (`true`, the default).
export function useShapes(on) {
  shapes = on === true;
  misses = 0;
}

// For the same test: how many objects since `useShapes` started as a known shape and were then
// made by the generic path (a key or count the builder does not expect).
export function shapeMisses() {
  return misses;
}

// The answer on the tape rebuilt; or, given a batch's `list`, the tape's `count` answers rebuilt
// and added to it, in order (one crossing for many answers: `each_item` in src/wasm.rs).
export function buildAnswer(wasmMemory, wordsAt, wordCount, stringsAt, stringBytes, list, count) {
  // Nothing here runs the caller's code, but keep an outer build's place all the same.
  const outer = words === null ? null : { words, at, strings, memory, cleanIndices, indexStop };
  memory = wasmMemory;
  const buffer = wasmMemory.buffer;
  words = new Uint32Array(buffer, wordsAt, wordCount);
  strings = stringBytes === 0 ? "" : decoder.decode(new Uint8Array(buffer, stringsAt, stringBytes));
  at = 0;
  generation++;
  cleanIndices = 0;
  indexStop = false;
  try {
    if (list == null) return build();
    for (let i = 0; i < count; i++) list[list.length] = build();
    return undefined;
  } finally {
    if (outer === null) {
      words = null;
      strings = "";
      memory = null;
    } else {
      ({ words, at, strings, memory, cleanIndices, indexStop } = outer);
    }
  }
}

// ---------------------------------------------------------------- prepared calls

// Called by `prepare` with each handle it makes: the class's prototype gets `evaluate` (a method
// written here, where the walk is), once; and the limits of the walk of a call's arguments.
let preparedPrototype = null;
let callLimits = [0, 0, 0];
export function preparedMethods(handle, valueLimit, byteLimit, depthLimit) {
  const prototype = Object.getPrototypeOf(handle);
  if (prototype === preparedPrototype) return;
  preparedPrototype = prototype;
  callLimits = [valueLimit, byteLimit, depthLimit];
  Object.defineProperty(prototype, "evaluate", { value: evaluatePrepared, writable: true, enumerable: false, configurable: true });
}

// `p.evaluate(action, now)`: the call walked here (`walkCall`) and decided by the module from its
// bytes in one crossing (`p.evaluateWalked`).
function evaluatePrepared(action, now) {
  return this.evaluateWalked(walkCall(now, action, false));
}

// ---------------------------------------------------------------- lazy decisions (full module)

// The first `n` bytes of the scratch, copied for a lazy decision to keep. Beyond 64 bytes, into a
// slab of 16 KiB shared by the walks kept after it (a view each), since allocating a buffer for
// each copy took 0.8 µs (of 8 µs, for a one-shot request's 537 bytes); a slab lives as long as
// any decision kept in it.
const SLAB = 16 << 10;
let slab = new Uint8Array(0);
let slabAt = 0;
function kept(n) {
  // V8 keeps a typed array of up to 64 bytes in its object, with no buffer to allocate.
  if (n <= 64) return out.slice(0, n);
  if (slabAt + n > slab.length) {
    slab = new Uint8Array(Math.max(SLAB, n));
    slabAt = 0;
  }
  slab.set(out.subarray(0, n), slabAt);
  const copy = slab.subarray(slabAt, slabAt + n);
  slabAt += n;
  return copy;
}

// A prepared call's `now` and `action`, each walked as readValue walks an argument at that path
// (within its own limits; what throws is thrown with its path), into one copy: `now`'s byte
// length (4 bytes), its bytes, the action's. The Rust side reads them (`walked_call`); a lazy
// decision keeps them (`keep`: a copy of its own) to decide the same call again in full; an
// eager call's are copied into the module at once. One crossing with bytes in, instead of a
// string and a walk called back from the module (`p.evaluate` took 0.94 the time so, in the
// validation module, which is 217 bytes smaller for it).
function walkCall(now, action, keep) {
  const outer = enter(callLimits[0], callLimits[1], callLimits[2]);
  try {
    room(4);
    pos = 4;
    rootName = "now";
    walk(now, false);
    u32At(0, pos - 4);
    rootName = "action";
    walk(action, false);
    // Not kept: taken before the scratch is let go (wasm-bindgen copies these bytes at once).
    return keep ? kept(pos) : out.subarray(0, pos);
  } finally {
    rootName = null;
    leave(outer);
  }
}

// `p.evaluateLazy(action, now)`: the action decided in short (`p.evaluateVerdict`: its verdict
// and rule IDs as one number, or the answer of `evaluateInShort`), its result a LazyDecision,
// which decides the action again in full the first time anything else is read. It decides what
// the walk read then (the bytes kept), not what the action object holds by then. A `now` other
// than text or a number (a Date, which can change) is decided in full at once.
function evaluateLazyPrepared(action, now) {
  if (typeof now !== "string" && typeof now !== "number") {
    const answer = this.evaluate(action, now);
    if (answer.type === "success") answer.result = LazyDecision.decided(answer.result);
    return answer;
  }
  const walked = walkCall(now, action, true);
  return lazyOf(this, walked, undefined, this.evaluateVerdict(walked));
}

// `p.evaluateManyLazy(actions, now)`: `p.evaluateMany`, each action decided in short
// (`p.evaluateVerdicts`: the actions walked as `readItems` walks a batch, in one crossing), each
// success a LazyDecision that decides its action again in full at its first read of anything
// else. Another `now` than text or a number, or anything but an array: all as `p.evaluateMany`
// answers it, each decision lazy but made in full at once.
function evaluateManyLazy(actions, now) {
  // The array's length, read once, as `p.evaluateMany` reads it (a proxy's may be anything).
  let n = -1;
  if ((typeof now === "string" || typeof now === "number") && Array.isArray(actions)) {
    let length;
    try {
      length = actions.length;
    } catch (e) {
      throw misuse("invalidType", "", `reading the argument threw: ${messageOf(e)}`);
    }
    n = typeof length === "number" && length > 0 ? Math.floor(length) : 0;
  }
  if (n < 0 || n > lazyLimits[3]) {
    const answer = this.evaluateMany(actions, now);
    if (answer.type === "success") {
      const items = answer.result;
      for (let i = 0; i < items.length; i++) if (items[i].type === "success") items[i].result = LazyDecision.decided(items[i].result);
    }
    return answer;
  }
  // `now` first (a bad one fails the call before any action is read), then every action.
  const nowWalk = walkCall(now, undefined, true);
  const length = nowWalk[0] | (nowWalk[1] << 8) | (nowWalk[2] << 16) | (nowWalk[3] << 24);
  const walkedNow = nowWalk.subarray(0, 4 + length);
  const nowBytes = nowWalk.subarray(4, 4 + length);
  const failed = this.evaluateVerdicts(nowBytes, noItems);
  if (!(failed instanceof Float64Array)) return failed;
  const items = readItems(actions, 0, n, lazyLimits[0], lazyLimits[1], lazyLimits[2], Infinity, lazyLimits[4]).slice();
  const numbers = this.evaluateVerdicts(nowBytes, items);
  if (!(numbers instanceof Float64Array)) return numbers;
  const answers = listNew();
  for (let i = 0, at = 0; i < n; i++) {
    const size = items[at] | (items[at + 1] << 8) | (items[at + 2] << 16) | (items[at + 3] << 24);
    const action = items.subarray(at + 4, at + 4 + size);
    at += 4 + size;
    const number = numbers[i];
    answers[i] = number === number ? lazyOf(this, action, walkedNow, number) : lazyOf(this, action, walkedNow, this.evaluateVerdict(joined(walkedNow, action)));
  }
  return success(listDone(answers));
}

const noItems = new Uint8Array(0);

// A lazy call's walk, from `now`'s (its length and bytes, as `walkCall` writes them) and the
// action's.
function joined(now, action) {
  const walked = new Uint8Array(now.length + action.length);
  walked.set(now);
  walked.set(action, now.length);
  return walked;
}

// The answer of a lazy call: its verdict and rules given as one number (`packed` in
// src/wasm.rs), or as the answer in short; `decider`, `walked` and `now` decide it again in full.
function lazyOf(decider, walked, now, answer) {
  if (typeof answer === "number") {
    // The verdict's place (3 bits), then each rule's place plus one (7 bits each; 0 ends them).
    let count = 0;
    for (let rest = Math.floor(answer / 8); rest > 0; rest = Math.floor(rest / 128)) lazyPlaces[count++] = (rest % 128) - 1;
    return { type: "success", result: new LazyDecision(decider, walked, now, lazyVerdicts[answer % 8], ruleList(count)) };
  }
  if (answer.type === "success") {
    const { verdict, rules } = answer.result;
    answer.result = new LazyDecision(decider, walked, now, verdict, rules);
  }
  return answer;
}

// `evaluateLazy(request)` (one-shot, full module): `evaluate`, answered lazily. The request is
// walked here as `evaluate`'s is and kept (a copy), and decided in short by the module in one
// crossing (`LazyRequests.evaluateVerdict`): a LazyDecision that decides the same bytes again in
// full (`LazyRequests.evaluateWalked`) at the first read of anything else. Written here, not in
// the module, as `p.evaluate` is: the call into the module with the request, the walk called
// back from it and the answer handed back cost more than a sixth of the call.
let LazyRequestsClass = null;
let lazyRequestsDecider = null;
export function evaluateLazy(request) {
  if (lazyRequestsDecider === null) {
    if (LazyRequestsClass === null) throw new Error("evaluateLazy is in subscription-rules/full, and needs its module loaded");
    lazyRequestsDecider = new LazyRequestsClass();
  }
  if (request === undefined) throw misuse("invalidType", "", "expected a request object, found `undefined`");
  const outer = enter(lazyLimits[0], lazyLimits[1], lazyLimits[2]);
  let walked;
  try {
    walk(request, true);
    walked = kept(pos);
  } finally {
    leave(outer);
  }
  return lazyOf(lazyRequestsDecider, walked, undefined, lazyRequestsDecider.evaluateVerdict(walked));
}

// The package's full entry gives the boundary the class that decides one-shot lazy decisions
// (`scripts/build-wasm.sh` appends the call to the module's glue).
export function registerLazyRequests(cls) {
  LazyRequestsClass = cls;
}

// A packed verdict's rules: their places (a typed array: no index of it is looked up on a
// prototype), then an array literal (whose elements are defined, whatever Array.prototype has).
const lazyPlaces = new Uint8Array(8);
function ruleList(count) {
  const r = lazyRules;
  const p = lazyPlaces;
  switch (count) {
    case 0: return [];
    case 1: return [r[p[0]]];
    case 2: return [r[p[0]], r[p[1]]];
    case 3: return [r[p[0]], r[p[1]], r[p[2]]];
    case 4: return [r[p[0]], r[p[1]], r[p[2]], r[p[3]]];
    case 5: return [r[p[0]], r[p[1]], r[p[2]], r[p[3]], r[p[4]]];
    case 6: return [r[p[0]], r[p[1]], r[p[2]], r[p[3]], r[p[4]], r[p[5]]];
    default: return [r[p[0]], r[p[1]], r[p[2]], r[p[3]], r[p[4]], r[p[5]], r[p[6]]];
  }
}

// `p.availableActionsLazy(now)`: each action with its verdict and rules (`p.actionVerdicts`),
// its decision a LazyDecision that decides that action alone in full (`p.availableDecision`) at
// its first read of anything else. Another `now` than text or a number: all in full at once.
function availableActionsLazy(now) {
  if (typeof now !== "string" && typeof now !== "number") {
    const answer = this.availableActions(now);
    if (answer.type === "success") {
      const actions = answer.result.actions;
      for (let i = 0; i < actions.length; i++) actions[i].decision = LazyDecision.decided(actions[i].decision);
    }
    return answer;
  }
  const answer = this.actionVerdicts(now);
  if (answer.type !== "success") return answer;
  const { subscriptionId, actions } = answer.result;
  const lazy = actions.map((entry, i) => ({ action: entry.action, decision: new LazyDecision(this, i, now, entry.verdict, entry.rules) }));
  return { type: "success", result: { subscriptionId, actions: lazy } };
}

// Called by `prepare` in the full module with each handle it makes: the class's prototype gets
// `evaluateLazy` (a method written here, where the boundary's walk is), once; and the names a
// packed verdict stands for and the limits of an argument's walk, `[verdicts, rule IDs,
// [values, bytes, depth, items, batch bytes]]`, given with the first handle.
let lazyPrototype = null;
let lazyVerdicts = [];
let lazyRules = [];
let lazyLimits = [0, 0, 0];
export function lazyNames(names) {
  if (names === null) return;
  lazyVerdicts = names[0];
  lazyRules = names[1];
  lazyLimits = names[2];
}
export function lazyMethods(handle, names) {
  if (names !== null) lazyNames(names);
  const prototype = Object.getPrototypeOf(handle);
  if (prototype === lazyPrototype) return;
  lazyPrototype = prototype;
  Object.defineProperty(prototype, "evaluateLazy", { value: evaluateLazyPrepared, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(prototype, "availableActionsLazy", { value: availableActionsLazy, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(prototype, "evaluateManyLazy", { value: evaluateManyLazy, writable: true, enumerable: false, configurable: true });
}

// A decision made as it is read: its verdict and rule IDs at once, the whole decision
// (`evaluateWalked`) at the first read of anything else, once. Private fields and the class's
// own getters: nothing Object.prototype is given reaches them.
class LazyDecision {
  #prepared;
  // What decides it again in full: the call's walked bytes (`evaluateWalked`), or the action's
  // place in the list of available actions at `now` (`availableDecision`); null once decided.
  #walked;
  #now;
  #full;
  #verdict;
  #rules;

  // A verdict and rules, and what decides them again in full.
  constructor(prepared, walked, now, verdict, rules) {
    this.#prepared = prepared;
    this.#walked = walked;
    this.#now = now;
    this.#full = null;
    this.#verdict = verdict;
    this.#rules = rules;
  }

  // A decision made in full already.
  static decided(full) {
    const rules = full.reasons.map((reason) => reason.rule).filter((rule, i, all) => all.indexOf(rule) === i);
    const lazy = new LazyDecision(null, null, undefined, full.verdict, rules);
    lazy.#full = full;
    return lazy;
  }

  get verdict() {
    return this.#verdict;
  }
  get rules() {
    return this.#rules;
  }
  get action() {
    return this.#decision().action;
  }
  get effectiveAt() {
    return this.#decision().effectiveAt;
  }
  get reasons() {
    return this.#decision().reasons;
  }
  get alternative() {
    return this.#decision().alternative;
  }
  get effects() {
    return this.#decision().effects;
  }
  get money() {
    return this.#decision().money;
  }
  get deadlines() {
    return this.#decision().deadlines;
  }
  get evaluatedAt() {
    return this.#decision().evaluatedAt;
  }
  get edition() {
    return this.#decision().edition;
  }
  get editionChoice() {
    return this.#decision().editionChoice;
  }
  get policyFingerprint() {
    return this.#decision().policyFingerprint;
  }
  get refundOptions() {
    return this.#decision().refundOptions;
  }
  get cancellationAllowedUntilDate() {
    return this.#decision().cancellationAllowedUntilDate;
  }
  get refundableQuantity() {
    return this.#decision().refundableQuantity;
  }
  toJSON() {
    return this.#decision();
  }
  // Node's console.log and util.inspect: the decision (made now if it was not), or what came
  // with it once its prepared subscription is freed.
  [Symbol.for("nodejs.util.inspect.custom")]() {
    if (this.#full === null && this.#prepared.__wbg_ptr === 0) return { verdict: this.#verdict, rules: this.#rules };
    return this.#decision();
  }

  #decision() {
    if (this.#full === null) {
      const prepared = this.#prepared;
      // wasm-bindgen's handle of a freed object (`free()`) has no address left.
      if (prepared.__wbg_ptr === 0) {
        throw misuse("invalidValue", "", "the prepared subscription was freed before this lazy decision's details were read");
      }
      const walked = this.#walked;
      const now = this.#now;
      const answer =
        typeof walked === "number"
          ? prepared.availableDecision(walked, now)
          : prepared.evaluateWalked(now === undefined ? walked : joined(now, walked));
      // The same action at the same instant as the verdict's, which succeeded.
      if (answer.type !== "success" || answer.result === null) {
        throw misuse("invalidValue", "", "the lazy decision could not be decided again");
      }
      this.#full = answer.result;
      this.#prepared = null;
      this.#walked = null;
      this.#now = undefined;
    }
    return this.#full;
  }
}

// A batch's list of answers: an array without a prototype while it is filled, so that an element
// stored past its end meets no setter that Array.prototype or Object.prototype may have been
// given, and stays a fast store (defining each element was ~1 µs a batch item); it gets
// Array.prototype back when done, before anything else can see it.
const ArrayPrototype = Array.prototype;
const setPrototypeOf = Object.setPrototypeOf;
export function listNew() {
  const list = [];
  setPrototypeOf(list, null);
  return list;
}

export function listDone(list) {
  setPrototypeOf(list, ArrayPrototype);
  return list;
}

export function success(result) {
  const answer = {};
  own(answer, "type", "success");
  own(answer, "result", result);
  return answer;
}

// ---------------------------------------------------------------- JSON text (evaluateJson)

// parseText(text, maxBytes, maxValues, maxDepth): JSON text read as the core's text reader reads
// it (core/src/input/text.rs), with JSON.parse doing the parsing. Answers [kind, data]:
//   [0, value]      the value, to be read as any argument is
//   [1, message]    not JSON (JSON.parse's message), or a number beyond the double range
//   [2, bytes]      more UTF-8 bytes than maxBytes (their count)
//   [3] / [4]       more values than maxValues / a container maxDepth deep
//   [5, paths]      the paths of the keys repeated in one object, in the order read
// What a JS value cannot show is found by a scan of the (valid) text: repeated keys, and the
// limits, which the text reader applies while parsing (and so reports before repeated keys).
export function parseText(text, maxBytes, maxValues, maxDepth) {
  // UTF-8 takes at least one byte per UTF-16 unit; count exactly only near the limit.
  if (text.length > maxBytes / 3) {
    const n = utf8Length(text);
    if (n > maxBytes) return [2, n];
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return [1, messageOf(e)];
  }
  const found = scanText(text, maxValues, maxDepth);
  return found === null ? [0, value] : found;
}

function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // a lone surrogate is U+FFFD, as TextEncoder writes it
  }
  return n;
}

// A lone surrogate in a key reads as U+FFFD, as the text reader mends it.
const wellFormed = (s) =>
  typeof s.toWellFormed === "function" ? s.toWellFormed() : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

// Valid JSON text (JSON.parse accepted it), scanned for what the value does not show.
function scanText(text, maxValues, maxDepth) {
  let i = 0;
  let count = 0;
  const repeated = [];
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const string = () => {
    const start = i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      i += c === 92 ? 2 : 1;
    }
    i++;
    return text.slice(start, i);
  };
  const STOP_VALUES = [3];
  const STOP_DEPTH = [4];
  const walk = (depth, path) => {
    if (++count > maxValues) throw STOP_VALUES;
    space();
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (depth >= maxDepth) throw STOP_DEPTH;
      i++;
      space();
      const close = c === 123 ? 125 : 93;
      if (text.charCodeAt(i) === close) {
        i++;
        return;
      }
      const keys = c === 123 ? new Set() : null;
      for (let index = 0; ; index++) {
        if (keys === null) {
          walk(depth + 1, `${path}[${index}]`);
        } else {
          space();
          const key = wellFormed(JSON.parse(string()));
          space();
          i++; // the colon
          const at = path === "" ? key : `${path}.${key}`;
          walk(depth + 1, at);
          // After its value, as the text reader notes it; a key holding U+FFFD is an unknown
          // field, never reported as repeated (core/src/input/text.rs).
          if (!key.includes("\ufffd")) {
            if (keys.has(key)) repeated.push(at);
            else keys.add(key);
          }
        }
        space();
        if (text.charCodeAt(i++) === close) return;
      }
    }
    if (c === 34) {
      string();
      return;
    }
    const start = i;
    while (i < text.length && !",]} \t\n\r".includes(text[i])) i++;
    // true, false, null or a number; one beyond the double range is not read (serde_json refuses it).
    const token = text.slice(start, i);
    if (c !== 116 && c !== 102 && c !== 110 && !Number.isFinite(Number(token))) {
      throw [1, `number out of range: ${token}`];
    }
  };
  try {
    walk(0, "");
  } catch (stop) {
    if (Array.isArray(stop)) return stop;
    throw stop;
  }
  return repeated.length > 0 ? [5, repeated] : null;
}
