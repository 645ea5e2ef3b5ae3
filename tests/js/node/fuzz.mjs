// Property-based fuzzing of the JS side of the package (fast-check): the JS value handed to
// `evaluate`, `availableActions` or `timeline` is read "as JSON.stringify would" (src/boundary.js),
// so the package must answer what the native engine answers for the text `JSON.stringify(value)`.
//
// The contract checked, for every generated value:
//   - if JSON.stringify gives a text, the call returns (never throws), and the answer, as JSON, is
//     byte-identical to the native answer for that text (`evaluate_json`, `available_actions_json`,
//     `timeline_json`, streamed through one `examples/evaluate --lines*` process per entry point);
//   - if JSON.stringify throws for a cycle, the call answers `failure` with one `tooLarge` error;
//   - if JSON.stringify throws anything else (a BigInt, a getter, proxy trap, `toJSON` or
//     `valueOf` that throws) or gives no text at all (`undefined`, a function or a symbol at the
//     top level), the call throws an Error with own string properties `code` and `path`, and
//     `path` names the place of the problem, the object holding it or a place inside it;
//   - if JSON.stringify throws a RangeError (a text longer than a string can be), the call answers
//     `failure` with one `tooLarge` error;
//   - a call of the engine made while it reads the argument (from a getter, a `toJSON` or a proxy
//     trap: re-entrancy) answers what a plain call answers, even when it throws, and so does the
//     outer call;
//   - after each batch, a known-good request (tests/fixtures/wasm-smoke.json) still answers its
//     success, from both modules (the module is not dead: no `RuntimeError: unreachable`).
//
// Values are fixture requests (tests/fixtures/*.json, each case's base with its RFC 7396 patch)
// mutated at random paths, plus whole-argument replacements; `CLASSES` below lists each class of
// mutation. A case is a printable recipe (class, entry point, request, mutations) that is built
// into a fresh value for each use: once for the call, once for JSON.stringify (a getter may mutate
// what it is read from), and again whenever fast-check replays or shrinks it.
//
// Needs the package installed in tests/js (as scripts/test-wasm.sh does it) and the native example:
//   cargo build --release --example evaluate
//   node tests/js/node/fuzz.mjs
// Environment:
//   FUZZ_JS_RUNS=N        about N cases (default below: about 60 s on 2 cores)
//   FUZZ_JS_SEED=S        the seed (default fixed, printed either way)
//   FUZZ_JS_PATH=P        with the seed, replay the failing run fast-check printed
//   FUZZ_JS_CLASSES=a,b   only these classes; `-a,-b` every default class but these; `+a` adds a
//                         class that is off by default
//   FUZZ_JS_SURVEY=1      do not stop at the first disagreement: count them by class and kind (and
//                         by kind of mutation, for a case of one mutation) and print the smallest
//                         of each (no shrinking); still exits non-zero
//   FUZZ_JS_NATIVE=path   the native example binary (default target/release/examples/evaluate)
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fixtureRequests } from "./fixtures.mjs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { evaluate } from "subscription-rules";
import { availableActions, evaluate as fullEvaluate, timeline } from "subscription-rules/full";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = `${ROOT}tests/fixtures/`;

// ---------------------------------------------------------------- settings

const DEFAULT_RUNS = 400_000;
const DEFAULT_SEED = 20_260_101;
// Cases per fast-check run: one run is a batch, streamed to the native engine in one write. Batch
// lengths are 1..BATCH; fast-check shrinks a failing batch (toward the failing case, which the
// report names and shows).
const BATCH = 400;
const MEAN_BATCH = 185; // the mean length fast-check generates for 1..400 with size "max"

const RUNS = Number(process.env.FUZZ_JS_RUNS ?? DEFAULT_RUNS);
const SEED = Number(process.env.FUZZ_JS_SEED ?? DEFAULT_SEED);
const REPLAY_PATH = process.env.FUZZ_JS_PATH;
const SURVEY = process.env.FUZZ_JS_SURVEY === "1";
const NATIVE = process.env.FUZZ_JS_NATIVE ?? `${ROOT}target/release/examples/evaluate`;

// ---------------------------------------------------------------- fixtures

/** Every path of a JSON value (arrays of keys and indices), the root excluded. */
function pathsOf(value, prefix = [], out = []) {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, item] of entries) {
      const path = [...prefix, key];
      out.push(path);
      pathsOf(item, path, out);
    }
  }
  return out;
}

/** A path as the engine renders it: `subscription.addOns[0].id`. */
function renderPath(path) {
  let out = "";
  for (const step of path) out = typeof step === "number" ? `${out}[${step}]` : out === "" ? step : `${out}.${step}`;
  return out;
}

function base(name, value) {
  return { name, text: JSON.stringify(value), paths: pathsOf(value) };
}

const requests = []; // for evaluate
const queries = []; // for availableActions and timeline: the request's facts, `actions: [action]`
const subtrees = new Set(); // every value of every request, as JSON text
const stringSet = new Set(); // every string and key of every request
const numberSet = new Set(); // every number of every request
const seen = new Set();
for (const { file, index: i, request } of fixtureRequests()) {
  const text = JSON.stringify(request);
  if (seen.has(text)) continue;
  seen.add(text);
  requests.push(base(`${file}#${i}`, request));
  if ("subscription" in request) {
    const { action, ...query } = request;
    if (action !== undefined) query.actions = [action];
    queries.push(base(`${file}#${i} as a query`, query));
  }
  (function collect(v) {
    subtrees.add(JSON.stringify(v));
    if (typeof v === "string") stringSet.add(v);
    else if (typeof v === "number") numberSet.add(v);
    else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        if (!Array.isArray(v)) stringSet.add(k);
        collect(item);
      }
    }
  })(request);
}
const SUBTREES = [...subtrees];
const STRINGS = [...stringSet];
const NUMBERS = [...numberSet];

const smoke = JSON.parse(readFileSync(`${FIXTURES}wasm-smoke.json`, "utf8")).bases.newCommerceMonthlyBilledAnnual;

// ---------------------------------------------------------------- the native engine

/** One `examples/evaluate --lines*` process: texts in, one answer line each, in order. */
class Native {
  constructor(mode) {
    this.child = spawn(NATIVE, [mode], { stdio: ["pipe", "pipe", "inherit"] });
    this.pending = []; // { n, lines, resolve, reject }, oldest first
    this.rest = "";
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk) => this.take(chunk));
    const fail = (why) => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`native ${mode}: ${why}`));
    };
    this.child.on("error", (e) => fail(e.message));
    this.child.stdin.on("error", (e) => fail(e.message));
    this.child.on("exit", (code, signal) => fail(`exited (${code ?? signal})`));
  }

  /** The native answers for `texts` (JSON texts: none holds a raw newline). */
  answer(texts) {
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ n: texts.length, lines: [], resolve, reject });
      this.child.stdin.write(`${texts.join("\n")}\n`);
    });
  }

  take(chunk) {
    const lines = (this.rest + chunk).split("\n");
    this.rest = lines.pop();
    for (const line of lines) {
      const head = this.pending[0];
      if (head === undefined) throw new Error(`native: an answer nobody asked for: ${line.slice(0, 200)}`);
      head.lines.push(line);
      if (head.lines.length === head.n) {
        this.pending.shift();
        head.resolve(head.lines);
      }
    }
  }

  close() {
    return new Promise((resolve) => {
      this.child.removeAllListeners("exit");
      this.child.on("exit", resolve);
      this.child.stdin.end();
    });
  }
}

const natives = {};
const native = (mode) => (natives[mode] ??= new Native(mode));

// ---------------------------------------------------------------- entry points

// Each entry point: the function, the native mode that answers the same text, and its bases.
const ENTRIES = {
  evaluate: { call: evaluate, mode: "--lines", bases: requests },
  fullEvaluate: { call: fullEvaluate, mode: "--lines", bases: requests },
  availableActions: { call: availableActions, mode: "--lines-actions", bases: queries },
  timeline: { call: timeline, mode: "--lines-timeline", bases: queries },
};

// What a re-entrant call (made by a getter, `toJSON` or proxy trap of the outer argument) decides:
// fixture requests, and arguments the call throws for or refuses, so that an inner call that
// fails unwinds inside the outer one. Each with what a plain call answers (the fixture requests'
// answers are checked against the native engine before the run).
const INNER = [
  ...requests.slice(0, 6).map((r) => () => JSON.parse(r.text)),
  () => undefined,
  () => ({ ...JSON.parse(requests[0].text), big: 1n }),
  () => {
    const cyclic = JSON.parse(requests[0].text);
    cyclic.subscription.self = cyclic;
    return cyclic;
  },
  () => Object.defineProperty(JSON.parse(requests[0].text), "actor", { enumerable: true, get: thrower("error") }),
];
const INNER_CALLS = ["evaluate", "fullEvaluate", "availableActions"];

/** An outcome as text: the answer as JSON, or what was thrown (code, path and message). */
function outcomeOf(call) {
  try {
    return JSON.stringify(call());
  } catch (e) {
    return describeThrown(e);
  }
}

const innerExpected = INNER.map((make) =>
  Object.fromEntries(INNER_CALLS.map((call) => [call, outcomeOf(() => ENTRIES[call].call(make()))])),
);

// ---------------------------------------------------------------- building a value from its recipe

// A spec describes one JS value or property by a tag `$` and printable fields: fast-check prints
// the recipe of a failing case, and `make` builds a fresh value from it each time. The value of a
// `value` spec is fast-check's own and shared by every build: nothing may change it (a spec that
// adds properties starts from the request's own copy, `original`, or from a new object).

function thrown(spec) {
  switch (spec) {
    case "error":
      return new Error("thrown by the fuzzer");
    case "typeError":
      return new TypeError("thrown by the fuzzer");
    case "string":
      return "a thrown string";
    case "number":
      return 42;
    case "null":
      return null;
    case "undefined":
      return undefined;
    case "object":
      return { not: "an Error" };
    case "messageThrows":
      // An error whose `message` getter throws in turn.
      return Object.defineProperty(new Error(), "message", {
        get() {
          throw new Error("message getter");
        },
      });
    default:
      throw new Error(`unknown throw spec ${spec}`);
  }
}

function thrower(spec) {
  return () => {
    throw thrown(spec);
  };
}

/** The value of a property or array element: the item at `key` of `holder` (from `env`). */
function make(spec, env) {
  switch (spec.$) {
    case "value":
      return spec.v;
    case "original":
      return env.original;
    case "subtree":
      return JSON.parse(SUBTREES[spec.i % SUBTREES.length]);
    case "date":
      return new Date(spec.t);
    case "dateOfOriginal":
      return new Date(env.original);
    case "boxed":
      return Object(make(spec.of, env));
    case "boxedHook": {
      // A boxed primitive with its own valueOf, toString or Symbol.toPrimitive: JSON.stringify
      // reads a Number object with ToNumber and a String object with ToString, which call them.
      const boxed = Object(make(spec.of, env));
      const hook = spec.hook === "toPrimitive" ? Symbol.toPrimitive : spec.hook;
      const result = spec.throws === undefined ? make(spec.returns, env) : undefined;
      boxed[hook] = spec.throws === undefined ? () => result : thrower(spec.throws);
      return boxed;
    }
    case "toJSON": {
      // `returns` is a spec, or "key" (the key JSON.stringify passes) or "this.v".
      const result = typeof spec.returns === "object" ? make(spec.returns, env) : undefined;
      const fn =
        spec.returns === "key"
          ? (key) => `key ${typeof key} ${key}`
          : spec.returns === "this.v"
            ? function () {
                return this.v;
              }
            : () => result;
      return withToJSON(spec.on, fn, spec.returns === "this.v" ? make(spec.v, env) : undefined);
    }
    case "toJSONThrows":
      return withToJSON(spec.on, thrower(spec.throws));
    case "dateProxy":
      // Date.prototype.toJSON, called on a proxy of a Date, throws (the proxy is not a Date).
      return new Proxy(new Date(0), {});
    case "proxy": {
      const target = make(spec.of, env);
      if (target === null || (typeof target !== "object" && typeof target !== "function")) return target;
      return new Proxy(target, spec.handler === "reflect" ? reflectHandler() : {});
    }
    case "throwingProxy": {
      let target = make(spec.of, env);
      if (target === null || typeof target !== "object") target = { value: target };
      if (spec.trap === "revoked") {
        const { proxy, revoke } = Proxy.revocable(target, {});
        revoke();
        return proxy;
      }
      const handler = reflectHandler();
      if (spec.trap === "get") handler.get = thrower(spec.throws);
      else if (spec.trap === "getToJSON" || spec.trap === "getLength") {
        const name = spec.trap === "getToJSON" ? "toJSON" : "length";
        handler.get = (t, key, receiver) => {
          if (key === name) throw thrown(spec.throws);
          return Reflect.get(t, key, receiver);
        };
      } else handler[spec.trap] = thrower(spec.throws);
      return new Proxy(target, handler);
    }
    case "nullProto":
      return nullProto(make(spec.of, env));
    case "inherited": {
      // Enumerable properties on the prototype (neither JSON.stringify nor the walker reads them).
      const proto = { inheritedA: make(spec.value, env), now: "2000-01-01T00:00:00Z" };
      Object.defineProperty(proto, "inheritedGetter", { enumerable: true, get: thrower("error") });
      const own = make(spec.of, env);
      return own !== null && typeof own === "object" && !Array.isArray(own) ? Object.assign(Object.create(proto), own) : own;
    }
    case "hidden": {
      // A non-enumerable own property holding what would otherwise throw or be read.
      const own = make(spec.of, env);
      if (own === null || typeof own !== "object") return own;
      if (spec.value === "throwingGetter") Object.defineProperty(own, spec.key, { enumerable: false, get: thrower("error") });
      else Object.defineProperty(own, spec.key, { enumerable: false, value: hiddenValue(spec.value, env) });
      return own;
    }
    case "symbolKeyed": {
      const own = make(spec.of, env);
      if (own === null || typeof own !== "object") return own;
      const key =
        spec.well === "toPrimitive" ? Symbol.toPrimitive : spec.well === "iterator" ? Symbol.iterator : Symbol(spec.key);
      if (spec.value === "throwingGetter") Object.defineProperty(own, key, { enumerable: true, get: thrower("error") });
      else own[key] = hiddenValue(spec.value, env);
      return own;
    }
    case "withExtra": {
      // Extra non-index properties on an array (JSON.stringify writes only the elements).
      const own = make(spec.of, env);
      if (Array.isArray(own)) own[spec.key] = make(spec.value, env);
      return own;
    }
    case "array":
      return spec.items.map((item) => make(item, env));
    case "object":
      return {};
    case "holes": {
      // `length` holes (a sparse array), or a copy of the original array with holes punched in.
      const own = Array.isArray(env.original) ? [...env.original] : [];
      own.length = Math.max(own.length, spec.length);
      for (const i of spec.punch) delete own[i % Math.max(own.length, 1)];
      return own;
    }
    case "cycle": {
      const ancestor = env.ancestors[Math.max(0, env.ancestors.length - 1 - spec.up)];
      switch (spec.via) {
        case "direct":
          return ancestor;
        case "array":
          return [1, ancestor];
        case "object":
          return { a: ancestor };
        case "toJSON":
          return { toJSON: () => ancestor };
        case "proxy":
          return new Proxy(ancestor, {});
        default:
          throw new Error(`unknown cycle ${spec.via}`);
      }
    }
    case "bigint": {
      const n = BigInt(spec.n);
      switch (spec.form) {
        case "plain":
          return n;
        case "boxed":
          return Object(n);
        case "array":
          return [1, n];
        case "object":
          return { a: n };
        case "typed":
          return BigInt64Array.of(n);
        case "toJSON":
          return { toJSON: () => n };
        default:
          throw new Error(`unknown bigint form ${spec.form}`);
      }
    }
    case "deep": {
      // Nested so that the innermost container is `levels` deep counting the request itself
      // (the request is level 1; the package reads 64 levels).
      let v = make(spec.leaf, env);
      const count = Math.max(1, spec.levels - env.depth);
      for (let i = 0; i < count; i++) {
        const asArray = spec.shape === "array" || (spec.shape === "mixed" && i % 2 === 0);
        v = asArray ? [v] : { [spec.key]: v };
      }
      return v;
    }
    case "big":
      // Near the reader's limits: 200,000 values, 1 MiB of text (src/wasm.rs, core/src/input/limits.rs).
      switch (spec.kind) {
        case "zeros":
          return new Array(spec.n).fill(0);
        case "holes":
          return new Array(spec.n);
        case "numbers":
          return new Array(spec.n).fill(1234567);
        case "strings":
          return new Array(spec.n).fill("abcdefgh");
        case "string":
          return "x".repeat(spec.n);
        case "keys":
          return Object.fromEntries(Array.from({ length: spec.n }, (_, i) => [`k${i}`, 0]));
        default:
          throw new Error(`unknown big value ${spec.kind}`);
      }
    case "getter":
    case "mutatingGetter":
    case "reentrantGetter":
    case "throwingGetter":
      // A property spec where a value is needed (the top level): its value.
      return spec.$ === "throwingGetter" ? thrower(spec.throws) : make(spec.returns, env);
    default:
      throw new Error(`unknown spec ${spec.$}`);
  }
}

/** What a hidden or symbol-keyed property holds: something JSON.stringify would choke on. */
function hiddenValue(what, env) {
  switch (what) {
    case "bigint":
      return 1n;
    case "cycle":
      return env.ancestors[0];
    case "function":
      return () => 1;
    default:
      return "hidden";
  }
}

function withToJSON(on, fn, v) {
  switch (on) {
    case "object":
      return { toJSON: fn, v, other: 1 };
    case "array":
      return Object.assign([1, 2], { toJSON: fn, v });
    case "function":
      return Object.assign(function f() {}, { toJSON: fn, v });
    case "date":
      return Object.assign(new Date(0), { toJSON: fn, v });
    case "boxed":
      return Object.assign(new Number(1), { toJSON: fn, v });
    case "proto":
      // Inherited: Get finds `toJSON` on the prototype.
      return Object.assign(Object.create({ toJSON: fn }), { v, own: 1 });
    default:
      throw new Error(`unknown toJSON holder ${on}`);
  }
}

/** A forwarding handler with every trap JSON.stringify uses, spelt out. */
function reflectHandler() {
  return {
    get: (t, k, r) => Reflect.get(t, k, r),
    ownKeys: (t) => Reflect.ownKeys(t),
    getOwnPropertyDescriptor: (t, k) => Reflect.getOwnPropertyDescriptor(t, k),
    has: (t, k) => Reflect.has(t, k),
    getPrototypeOf: (t) => Reflect.getPrototypeOf(t),
  };
}

/** A copy with every plain object (deeply) made prototype-less, arrays included. */
function nullProto(v) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return Object.setPrototypeOf(Array.prototype.map.call(v, nullProto), null);
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out = Object.create(null);
  for (const [k, item] of Object.entries(v)) out[k] = nullProto(item);
  return out;
}

/** Set `holder[key]` as the spec says: a plain value, or an accessor. */
function place(spec, env) {
  const { holder, key, ctx } = env;
  const define = (descriptor) => Object.defineProperty(holder, key, { enumerable: true, configurable: true, ...descriptor });
  switch (spec.$) {
    case "getter": {
      const value = make(spec.returns, env);
      define({ enumerable: spec.enumerable, get: () => value });
      return;
    }
    case "mutatingGetter": {
      const value = make(spec.returns, env);
      const effect = make(spec.value, env);
      define({
        get() {
          mutate(spec.target === "root" ? env.ancestors[0] : holder, spec, effect);
          return value;
        },
      });
      return;
    }
    case "reentrantGetter": {
      // The engine called again while the outer call reads this property: from its getter, from
      // the `toJSON` of its value or from every `get` trap of a proxy of its value. Then the
      // property gives its value, or throws (the outer call throws while an inner one is done).
      const value = make(spec.returns, env);
      const reenter = () => {
        const i = spec.i % INNER.length;
        const inner = outcomeOf(() => ENTRIES[spec.call].call(INNER[i]()));
        if (inner !== innerExpected[i][spec.call]) {
          ctx.problems.push(`the re-entrant ${spec.call} of inner argument ${i} answered ${inner.slice(0, 300)}`);
        }
        if (spec.then === "throws") throw new Error("thrown after a re-entrant call");
      };
      if (spec.via === "getter") {
        define({
          get() {
            reenter();
            return value;
          },
        });
      } else if (spec.via === "toJSON") {
        define({
          value: {
            toJSON() {
              reenter();
              return value;
            },
          },
        });
      } else {
        const target = value !== null && typeof value === "object" ? value : { value };
        define({
          value: new Proxy(target, {
            get(t, k, r) {
              reenter();
              return Reflect.get(t, k, r);
            },
          }),
        });
      }
      return;
    }
    case "throwingGetter":
      define({ get: thrower(spec.throws) });
      return;
    default: {
      const value = make(spec, env);
      // Defined, not assigned: a key `__proto__` is an own property, as JSON.parse makes it.
      if (Array.isArray(holder) && key === "length") return;
      define({ value, writable: true });
    }
  }
}

/**
 * A mutating getter's effect on `target` (its holder or the request), as it is read: a key
 * deleted or set (an earlier one, the getter's own or a later one), a key added, or an array
 * shortened or lengthened. Set and added keys are defined: the getter's own key has no setter.
 */
function mutate(target, spec, value) {
  const keys = Object.keys(target);
  const key = keys.length === 0 ? "added" : keys[spec.pick % keys.length];
  const set = (k) => Object.defineProperty(target, k, { value, writable: true, enumerable: true, configurable: true });
  switch (spec.op) {
    case "delete":
      delete target[key];
      return;
    case "set":
      set(key);
      return;
    case "add":
      set(`added${spec.pick}`);
      return;
    case "length":
      // An array holder shrinks or grows under the reader; an object loses its last key.
      if (Array.isArray(target)) target.length = spec.pick % 4;
      else delete target[keys[keys.length - 1]];
      return;
    default:
      throw new Error(`unknown mutation ${spec.op}`);
  }
}

/**
 * Build a case's value: its request (a fresh copy), then each mutation in order. A mutation's path
 * is taken among the request's paths; where an earlier mutation replaced a container on it, the
 * mutation is skipped (it would otherwise land inside a generated value).
 */
function build(c) {
  const b = baseOf(c);
  const holder = { value: JSON.parse(b.text) };
  const own = new WeakSet();
  (function mark(v) {
    if (v !== null && typeof v === "object") {
      own.add(v);
      for (const item of Object.values(v)) mark(item);
    }
  })(holder.value);
  const ctx = { problems: [] };
  const paths = [];
  // The request's value at a path, for an `original` spec: where an earlier mutation put a value of
  // its own there (shared with the recipe), the value from a fresh copy of the request instead.
  let pristine = null;
  const originalAt = (path, current) => {
    if (current === null || (typeof current !== "object" && typeof current !== "function") || own.has(current)) return current;
    pristine ??= JSON.parse(b.text);
    return path.reduce((v, step) => (v !== null && typeof v === "object" ? v[step] : undefined), pristine);
  };
  for (const m of c.mutations) {
    if (m.op === "root") {
      const env = { holder, key: "value", ancestors: [], original: holder.value, depth: 0, ctx };
      holder.value = make(m.spec, env);
      paths.push([]);
      continue;
    }
    let path = b.paths.length === 0 ? [] : b.paths[m.at % b.paths.length];
    const ancestors = [holder.value];
    let ok = own.has(holder.value);
    for (const step of path.slice(0, -1)) {
      const next = ok ? dataAt(ancestors.at(-1), step) : undefined;
      ok = own.has(next);
      ancestors.push(next);
    }
    if (!ok || path.length === 0) continue;
    let key = path.at(-1);
    let target = ancestors.at(-1);
    if (m.op === "add") {
      // Add a key to the container at the path, or to its holder where the path is a scalar.
      const container = dataAt(target, key);
      // An index key of an array is an index step (rendered `[0]`, as error paths are).
      const step = (holder) => (Array.isArray(holder) && /^(0|[1-9]\d*)$/.test(m.key) ? Number(m.key) : m.key);
      if (own.has(container)) {
        ancestors.push(container);
        target = container;
        path = [...path, step(container)];
      } else path = [...path.slice(0, -1), step(target)];
      key = m.key;
    }
    paths.push(path);
    const env = { holder: target, key, ancestors, original: originalAt(path, dataAt(target, key)), depth: path.length, ctx };
    try {
      place(m.spec, env);
    } catch {
      // A key an array refuses (`length` with a getter): the mutation is skipped.
    }
  }
  return { value: holder.value, problems: ctx.problems, paths };
}

/** An own data property's value, without running an accessor an earlier mutation put there. */
const dataAt = (target, key) => Object.getOwnPropertyDescriptor(target, key)?.value;

const baseOf = (c) => {
  const bases = ENTRIES[c.entry].bases;
  return bases[c.base % bases.length];
};

// ---------------------------------------------------------------- arbitraries

const lone = fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF");
// Strings of any UTF-16 units, lone surrogates included.
const anyString = fc.string({
  unit: fc.oneof(
    { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 8 },
    { arbitrary: lone, weight: 1 },
  ),
  maxLength: 12,
});
const specialStrings = fc.constantFrom(
  "\uD800",
  "\uDFFF",
  "\uDFFF\uD800",
  "a\uD800b",
  "sub-1\uDC00",
  "\uFEFF",
  "\uFEFFsub-1",
  "🦀",
  "👩‍👩‍👧‍👦",
  "e\u0301",
  "\0",
  "a\0b",
  "\u2028\u2029",
  "\n\r\t",
  '"\\',
  "",
  " ",
  "x".repeat(256),
  "x".repeat(257),
  "x".repeat(300),
  "🦀".repeat(256),
  "🦀".repeat(257),
  "ü".repeat(257),
  "年".repeat(300),
  "NaN",
  "10",
  "1e21",
  "null",
  "true",
  "2021-07-17T09:00:00Z",
  "2021-07-17T09:00:00.000Z",
  "2021-07-17T09:00:00+00:00",
  "2021-07-17T09:00:00",
  "2021-02-30T00:00:00Z",
  "+275760-09-13T00:00:00.000Z",
  "10.08",
  "-0.01",
  "1e2",
);
const fixtureString = fc.nat().map((i) => STRINGS[i % STRINGS.length]);
const stringValues = fc.oneof(specialStrings, fixtureString, anyString, fc.string({ minLength: 250, maxLength: 300 }));

const specialNumbers = fc.constantFrom(
  0,
  -0,
  NaN,
  Infinity,
  -Infinity,
  1,
  -1,
  10,
  10.5,
  0.1,
  0.1 + 0.2,
  1e21,
  1e-7,
  5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.EPSILON,
  1e300,
  1e16,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 32 - 1,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  2 ** 64,
  1_000_000,
  1_000_001,
  1e9,
  1e9 + 0.01,
);
const numberValues = fc.oneof(
  specialNumbers,
  fc.nat().map((i) => NUMBERS[i % NUMBERS.length]),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  // whole numbers of every magnitude (a float `10.0` is the number 10 in JS)
  fc.integer({ min: -1074, max: 1023 }).map((e) => 2 ** e),
  fc.integer({ min: 0, max: 308 }).map((e) => 10 ** e),
);

const scalars = fc.oneof(numberValues, stringValues, fc.boolean(), fc.constant(null), fc.constant(undefined));
// Any JS value fast-check makes (no BigInt): boxed values, Maps, Sets, Dates, typed arrays, sparse
// arrays, prototype-less objects.
const anything = fc.anything({
  maxDepth: 2,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  values: [scalars],
});
const jsonish = fc.oneof({ arbitrary: scalars, weight: 4 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });

const value = (arb) => arb.map((v) => ({ $: "value", v }));
const original = fc.constant({ $: "original" });
const subtree = fc.nat().map((i) => ({ $: "subtree", i }));
// A plain replacement: mostly JSON-like, sometimes the original or another request's value.
const plainSpec = fc.oneof(
  { arbitrary: value(jsonish), weight: 3 },
  { arbitrary: original, weight: 2 },
  { arbitrary: subtree, weight: 2 },
);
const throwSpec = fc.constantFrom("error", "typeError", "string", "number", "null", "undefined", "object", "messageThrows");
const functions = fc.constantFrom(
  () => 1,
  function named() {},
  async () => 1,
  function* gen() {},
  class K {},
  Math.max,
  Object.assign(() => 1, { extra: "own property" }),
  (() => 1).bind(null),
);
const symbols = fc.constantFrom(Symbol("x"), Symbol(), Symbol.for("registered"), Symbol.iterator);

const typedArrays = fc.oneof(
  fc
    .array(numberValues, { maxLength: 6 })
    .chain((xs) =>
      fc.constantFrom(
        Uint8Array.from(xs),
        Int16Array.from(xs),
        Int32Array.from(xs),
        Uint32Array.from(xs),
        Float32Array.from(xs),
        Float64Array.from(xs),
        Uint8ClampedArray.from(xs),
      ),
    ),
  fc.constantFrom(new ArrayBuffer(8), new DataView(new ArrayBuffer(4)), new Uint8Array(0), new Float64Array([NaN, -0, Infinity])),
);
const maps = fc.oneof(
  fc.array(fc.tuple(scalars, scalars), { maxLength: 4 }).map((e) => new Map(e)),
  fc.array(scalars, { maxLength: 4 }).map((e) => new Set(e)),
  fc.constantFrom(new WeakMap(), new WeakSet(), Object.assign(new Map([["a", 1]]), { own: "enumerable" })),
);
const dates = fc.oneof(
  fc.constant({ $: "dateOfOriginal" }),
  fc.constantFrom(NaN, 0, -1, 1626512400000, 1626512400123, 8.64e15, -8.64e15, 8.64e15 + 1).map((t) => ({ $: "date", t })),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => ({ $: "date", t })),
);
const toJSONHolder = fc.constantFrom("object", "array", "function", "date", "boxed", "proto");
/** An object (`on`: what holds the method) with a `toJSON` returning a spec, its key or `this.v`. */
const toJSONSpec = (on) =>
  fc.record({
    $: fc.constant("toJSON"),
    on,
    returns: fc.oneof(
      original,
      plainSpec,
      value(fc.constantFrom(undefined, () => 1, Symbol("s"), NaN)),
      fc.constant("key"),
      fc.constant("this.v"),
    ),
    v: plainSpec,
  });
const keys = fc.oneof(
  // Lone surrogates and U+FFFD: keys that differ in JS and are one key once mended (U+FFFD).
  fc.constantFrom(
    "__proto__",
    "toJSON",
    "constructor",
    "prototype",
    "",
    "0",
    "1",
    "-1",
    "01",
    "4294967295",
    "length",
    "now",
    "a.b",
    "[0]",
    "\uD800",
    "\uDC00",
    "\uFFFD",
    "𝒳",
    "colour",
  ),
  anyString,
);
// Nesting: levels 58–72, mostly at the 64/65 boundary.
const levels = fc.oneof(fc.integer({ min: 58, max: 72 }), fc.constantFrom(63, 64, 65, 66));

const replace = (spec) => fc.record({ op: fc.constant("replace"), at: fc.nat(), spec });
const add = (spec) => fc.record({ op: fc.constant("add"), at: fc.nat(), key: keys, spec });
const atRoot = (spec) => fc.record({ op: fc.constant("root"), spec });

// The classes. Each: its mutation (a case has 1..max of them, 3 unless said; one for the classes
// where JSON.stringify throws) and its weight among the classes. OFF_BY_DEFAULT below, and the
// environment's FUZZ_JS_CLASSES, say which run.
const CLASSES = {
  // Requests as the fixtures have them.
  fixtures: { weight: 2, mutation: null },
  // Values from the fixtures (strings, numbers, whole subtrees) moved around: mostly valid requests.
  swaps: {
    weight: 4,
    mutation: replace(fc.oneof(subtree, value(fixtureString), value(fc.nat().map((i) => NUMBERS[i % NUMBERS.length])))),
  },
  numbers: { weight: 4, mutation: replace(value(numberValues)) },
  strings: { weight: 4, mutation: replace(value(stringValues)) },
  scalars: { weight: 2, mutation: replace(value(fc.constantFrom(true, false, null, undefined))) },
  arrays: {
    weight: 3,
    mutation: replace(
      fc.oneof(
        value(fc.sparseArray(scalars, { maxLength: 6 })),
        fc.record({ $: fc.constant("holes"), length: fc.nat({ max: 6 }), punch: fc.array(fc.nat(), { maxLength: 2 }) }),
        value(fc.array(fc.oneof(scalars, functions, symbols), { maxLength: 5 })),
        fc.record({ $: fc.constant("array"), items: fc.array(plainSpec, { maxLength: 3 }) }),
        fc.record({
          $: fc.constant("withExtra"),
          of: fc.oneof(original, fc.record({ $: fc.constant("array"), items: fc.array(value(scalars), { maxLength: 3 }) })),
          key: keys,
          value: plainSpec,
        }),
        value(fc.nat({ max: 8 }).map((n) => new Array(n))),
      ),
    ),
  },
  typedArrays: { weight: 2, mutation: replace(value(typedArrays)) },
  mapSet: { weight: 2, mutation: replace(value(maps)) },
  dates: { weight: 3, mutation: replace(dates) },
  toJSON: { weight: 3, mutation: replace(toJSONSpec(fc.constantFrom("object", "array", "date", "boxed", "proto"))) },
  // A function with a `toJSON`: JSON.stringify calls it (a function is an object), and writes its result.
  functionToJSON: { weight: 2, mutation: replace(toJSONSpec(fc.constant("function"))) },
  boxed: {
    weight: 3,
    mutation: replace(
      fc.oneof(
        fc.record({ $: fc.constant("boxed"), of: fc.oneof(original, value(fc.oneof(numberValues, stringValues, fc.boolean()))) }),
        // A Symbol object (built from the spec: fast-check cannot print one) and a String with own keys.
        fc.constant({ $: "boxed", of: { $: "value", v: Symbol("boxed") } }),
        value(fc.constant(Object.assign(new String("ab"), { extra: 1 }))),
      ),
    ),
  },
  // Boxed primitives with their own valueOf, toString or Symbol.toPrimitive (JSON.stringify
  // converts a Number object with ToNumber, a String object with ToString: they call these).
  boxedHooks: {
    weight: 2,
    mutation: replace(
      fc.record({
        $: fc.constant("boxedHook"),
        of: fc.oneof(original, value(fc.oneof(numberValues, stringValues, fc.boolean()))),
        hook: fc.constantFrom("valueOf", "toString", "toPrimitive"),
        returns: fc.oneof(original, value(fc.oneof(numberValues, stringValues))),
      }),
    ),
  },
  functionsSymbols: {
    weight: 3,
    mutation: fc.oneof(
      replace(value(fc.oneof(functions, symbols))),
      add(value(fc.oneof(functions, symbols))),
      replace(value(fc.array(fc.oneof(functions, symbols, scalars), { minLength: 1, maxLength: 4 }))),
    ),
  },
  symbolKeys: {
    weight: 2,
    mutation: replace(
      fc.record({
        $: fc.constant("symbolKeyed"),
        of: fc.oneof(original, fc.constant({ $: "object" })),
        key: fc.string({ maxLength: 4 }),
        well: fc.constantFrom("", "toPrimitive", "iterator"),
        value: fc.constantFrom("bigint", "cycle", "function", "throwingGetter", "plain"),
      }),
    ),
  },
  hiddenProps: {
    weight: 2,
    mutation: replace(
      fc.oneof(
        fc.record({
          $: fc.constant("hidden"),
          of: original,
          key: keys,
          value: fc.constantFrom("bigint", "cycle", "function", "throwingGetter", "plain"),
        }),
        fc.record({ $: fc.constant("inherited"), of: original, value: plainSpec }),
        fc.record({ $: fc.constant("getter"), enumerable: fc.constant(false), returns: value(fc.constant(1n)) }),
      ),
    ),
  },
  getters: {
    weight: 3,
    mutation: fc.oneof(
      replace(
        fc.record({
          $: fc.constant("getter"),
          enumerable: fc.constant(true),
          returns: fc.oneof(original, plainSpec, value(anything)),
        }),
      ),
      add(fc.record({ $: fc.constant("getter"), enumerable: fc.constant(true), returns: plainSpec })),
    ),
  },
  mutatingGetters: {
    weight: 3,
    mutation: replace(
      fc.record({
        $: fc.constant("mutatingGetter"),
        returns: fc.oneof(original, plainSpec),
        target: fc.constantFrom("holder", "root"),
        op: fc.constantFrom("delete", "set", "add", "length"),
        pick: fc.nat({ max: 20 }),
        value: plainSpec,
      }),
    ),
  },
  reentrantGetters: {
    weight: 2,
    mutation: replace(
      fc.record({
        $: fc.constant("reentrantGetter"),
        returns: fc.oneof(original, plainSpec),
        call: fc.constantFrom(...INNER_CALLS),
        i: fc.nat(),
        via: fc.constantFrom("getter", "toJSON", "proxy"),
        then: fc.oneof({ arbitrary: fc.constant("returns"), weight: 4 }, { arbitrary: fc.constant("throws"), weight: 1 }),
      }),
    ),
  },
  proxies: {
    weight: 3,
    mutation: fc.oneof(
      replace(
        fc.record({
          $: fc.constant("proxy"),
          of: fc.oneof(original, plainSpec, value(anything)),
          handler: fc.constantFrom("empty", "reflect"),
        }),
      ),
      atRoot(fc.record({ $: fc.constant("proxy"), of: original, handler: fc.constantFrom("empty", "reflect") })),
    ),
  },
  nullProto: {
    weight: 2,
    mutation: fc.oneof(
      replace(fc.record({ $: fc.constant("nullProto"), of: fc.oneof(original, subtree) })),
      atRoot(fc.record({ $: fc.constant("nullProto"), of: original })),
    ),
  },
  extraFields: { weight: 3, mutation: add(fc.oneof(plainSpec, value(anything))) },
  deep: {
    weight: 2,
    mutation: fc.oneof(
      replace(
        fc.record({
          $: fc.constant("deep"),
          levels,
          shape: fc.constantFrom("array", "object", "mixed"),
          key: keys,
          leaf: fc.oneof(original, plainSpec),
        }),
      ),
      add(
        fc.record({
          $: fc.constant("deep"),
          levels,
          shape: fc.constantFrom("array", "object", "mixed"),
          key: keys,
          leaf: plainSpec,
        }),
      ),
      atRoot(
        fc.record({
          $: fc.constant("deep"),
          levels,
          shape: fc.constantFrom("array", "object", "mixed"),
          key: keys,
          leaf: original,
        }),
      ),
    ),
    max: 1,
  },
  // The whole argument replaced: undefined, a function or a symbol must throw; the rest is read.
  topLevel: {
    weight: 2,
    mutation: atRoot(
      fc.oneof(
        value(fc.oneof(scalars, functions, symbols, typedArrays, maps, anything)),
        dates,
        fc.record({
          $: fc.constant("toJSON"),
          on: fc.constantFrom("object", "array", "date", "proto"),
          returns: fc.oneof(original, plainSpec),
          v: plainSpec,
        }),
        fc.record({ $: fc.constant("boxed"), of: value(fc.oneof(numberValues, stringValues, fc.boolean())) }),
        fc.record({ $: fc.constant("array"), items: fc.array(fc.oneof(original, plainSpec), { maxLength: 2 }) }),
      ),
    ),
    max: 1,
  },
  // Several classes at once.
  mixed: { weight: 3, mutation: null, max: 4 },
  // Values near the limits (about 1 MB of text each: slow, off by default).
  limits: {
    weight: 1,
    mutation: add(
      fc.oneof(
        fc.record({
          $: fc.constant("big"),
          kind: fc.constantFrom("zeros", "keys", "holes"),
          n: fc.integer({ min: 199_940, max: 200_005 }),
        }),
        fc.record({ $: fc.constant("big"), kind: fc.constant("numbers"), n: fc.integer({ min: 125_000, max: 135_000 }) }),
        fc.record({ $: fc.constant("big"), kind: fc.constant("strings"), n: fc.integer({ min: 90_000, max: 100_000 }) }),
        fc.record({ $: fc.constant("big"), kind: fc.constant("string"), n: fc.integer({ min: 1_047_900, max: 1_048_600 }) }),
      ),
    ),
    max: 1,
  },
  // JSON.stringify throws for these: the call must throw a misuse error, or answer tooLarge for a cycle.
  bigint: {
    weight: 2,
    mutation: replace(
      fc.record({
        $: fc.constant("bigint"),
        n: fc.oneof(fc.constantFrom("0", "1", "-1", "9007199254740993"), fc.bigInt().map(String)),
        form: fc.constantFrom("plain", "boxed", "array", "object", "typed", "toJSON"),
      }),
    ),
    max: 1,
  },
  throwingGetters: {
    weight: 2,
    mutation: fc.oneof(
      replace(fc.record({ $: fc.constant("throwingGetter"), throws: throwSpec })),
      add(fc.record({ $: fc.constant("throwingGetter"), throws: throwSpec })),
    ),
    max: 1,
  },
  throwingProxies: {
    weight: 2,
    mutation: replace(
      fc.record({
        $: fc.constant("throwingProxy"),
        of: fc.oneof(original, subtree),
        trap: fc.constantFrom("get", "getToJSON", "getLength", "ownKeys", "getOwnPropertyDescriptor", "revoked"),
        throws: throwSpec,
      }),
    ),
    max: 1,
  },
  throwingHooks: {
    weight: 2,
    mutation: replace(
      fc.oneof(
        fc.record({ $: fc.constant("toJSONThrows"), on: toJSONHolder, throws: throwSpec }),
        fc.record({
          $: fc.constant("boxedHook"),
          of: value(fc.oneof(fc.integer(), fc.string({ maxLength: 3 }))),
          hook: fc.constantFrom("valueOf", "toString", "toPrimitive"),
          throws: throwSpec,
        }),
        fc.constant({ $: "dateProxy" }),
      ),
    ),
    max: 1,
  },
  cycles: {
    weight: 2,
    mutation: replace(
      fc.record({
        $: fc.constant("cycle"),
        up: fc.nat({ max: 6 }),
        via: fc.constantFrom("direct", "array", "object", "toJSON", "proxy"),
      }),
    ),
    max: 1,
  },
};
// The classes whose mutations a `mixed` case draws from (those where JSON.stringify gives a text).
const MIXABLE = [
  "swaps",
  "numbers",
  "strings",
  "scalars",
  "arrays",
  "typedArrays",
  "mapSet",
  "dates",
  "toJSON",
  "functionToJSON",
  "boxed",
  "boxedHooks",
  "functionsSymbols",
  "symbolKeys",
  "hiddenProps",
  "getters",
  "mutatingGetters",
  "reentrantGetters",
  "extraFields",
];
// Off by default (`FUZZ_JS_CLASSES=+limits` adds it).
const OFF_BY_DEFAULT = new Set(["limits"]);

function enabledClasses() {
  const all = Object.keys(CLASSES);
  const spec = process.env.FUZZ_JS_CLASSES;
  let on = all.filter((c) => !OFF_BY_DEFAULT.has(c));
  if (spec) {
    const items = spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const only = items.filter((s) => !/^[-+]/.test(s));
    if (only.length > 0) on = only;
    for (const s of items) {
      if (s.startsWith("-")) on = on.filter((c) => c !== s.slice(1));
      if (s.startsWith("+") && !on.includes(s.slice(1))) on.push(s.slice(1));
    }
  }
  for (const c of on) {
    if (!(c in CLASSES)) {
      console.error(`fuzz.mjs: FUZZ_JS_CLASSES names no class ${c} (classes: ${all.join(", ")})`);
      process.exit(2);
    }
  }
  return on;
}

const ENABLED = enabledClasses();

const entryArb = fc.oneof(
  { arbitrary: fc.constant("evaluate"), weight: 6 },
  { arbitrary: fc.constant("fullEvaluate"), weight: 1 },
  { arbitrary: fc.constant("availableActions"), weight: 1 },
  { arbitrary: fc.constant("timeline"), weight: 1 },
);

function caseArb(cls) {
  const def = CLASSES[cls];
  let mutations;
  if (cls === "fixtures") mutations = fc.constant([]);
  else if (cls === "mixed") {
    const from = MIXABLE.filter((c) => ENABLED.includes(c));
    mutations = fc.array(fc.oneof(...(from.length ? from : ["numbers"]).map((c) => CLASSES[c].mutation)), {
      minLength: 2,
      maxLength: def.max,
    });
  } else mutations = fc.array(def.mutation, { minLength: 1, maxLength: def.max ?? 3 });
  return fc.record({ cls: fc.constant(cls), entry: entryArb, base: fc.nat(), mutations });
}

const anyCase = fc.oneof(...ENABLED.map((cls) => ({ arbitrary: caseArb(cls), weight: CLASSES[cls].weight })));

// ---------------------------------------------------------------- one case

/** Call the package on a fresh build, and JSON.stringify another. */
function execute(c) {
  const forCall = build(c);
  let answer;
  let threw;
  let didThrow = false;
  try {
    answer = ENTRIES[c.entry].call(forCall.value);
  } catch (e) {
    didThrow = true;
    threw = e;
  }
  const forText = build(c);
  let text;
  let stringifyThrew;
  let stringifyDidThrow = false;
  try {
    text = JSON.stringify(forText.value);
  } catch (e) {
    stringifyDidThrow = true;
    stringifyThrew = e;
  }
  return {
    c,
    answer,
    threw,
    didThrow,
    text,
    stringifyThrew,
    stringifyDidThrow,
    problems: [...forCall.problems, ...forText.problems],
    paths: forCall.paths,
  };
}

const isMisuse = (e) =>
  e instanceof Error &&
  !(e instanceof WebAssembly.RuntimeError) &&
  typeof Object.getOwnPropertyDescriptor(e, "code")?.value === "string" &&
  typeof Object.getOwnPropertyDescriptor(e, "path")?.value === "string";

/**
 * A misuse error's path names the place of a mutation (`path`): the place itself, the object that
 * holds it (a getter that throws is reported at its holder) or a place inside it (a BigInt in an
 * array put there).
 */
function names(errorPath, path) {
  const at = renderPath(path);
  const inside = at === "" || errorPath.startsWith(`${at}.`) || errorPath.startsWith(`${at}[`);
  return errorPath === at || inside || (path.length > 0 && errorPath === renderPath(path.slice(0, -1)));
}

/** A thrown value as text, whatever it is (an error's `message` getter may throw in turn). */
function safeString(x) {
  try {
    return typeof x === "symbol" ? x.toString() : String(x);
  } catch {
    return "(a value that cannot be shown)";
  }
}

function describeThrown(e) {
  if (!(e instanceof Error)) return `threw a non-Error: ${safeString(e)}`;
  const code = Object.getOwnPropertyDescriptor(e, "code")?.value;
  const path = Object.getOwnPropertyDescriptor(e, "path")?.value;
  return `threw ${safeString(e)} (code ${safeString(JSON.stringify(code))}, path ${safeString(JSON.stringify(path))})`;
}

/** Null when the case holds the contract; otherwise `{ kind, detail }`. */
function judge(run, nativeAnswer) {
  const got = run.didThrow ? describeThrown(run.threw) : JSON.stringify(run.answer);
  if (run.didThrow && run.threw instanceof WebAssembly.RuntimeError) return { kind: "trap", detail: got };
  if (run.problems.length > 0) return { kind: "reentrant", detail: run.problems.join("; ") };
  if (run.stringifyDidThrow) {
    const why = `JSON.stringify threw ${safeString(run.stringifyThrew)}`;
    // A cycle, or a text too long for a JS string (a sparse array of length 2^32 - 1): the
    // package must answer tooLarge.
    const cycle = run.stringifyThrew instanceof TypeError && /circular/i.test(safeString(run.stringifyThrew));
    if (cycle || run.stringifyThrew instanceof RangeError) {
      const e = run.answer?.errors;
      if (run.didThrow || run.answer?.type !== "failure" || e.length !== 1 || e[0].code !== "tooLarge") {
        return {
          kind: `${cycle ? "cycle" : "too large for JSON.stringify"}: not answered tooLarge`,
          detail: `${why}; the package ${got}`,
        };
      }
      return null;
    }
    if (!run.didThrow) return { kind: "returned where JSON.stringify throws", detail: `${why}; the package answered ${got}` };
    if (!isMisuse(run.threw)) return { kind: "threw without code and path", detail: `${why}; the package ${got}` };
    if (!run.paths.some((p) => names(run.threw.path, p))) {
      return {
        kind: "misuse path names another place",
        detail: `${why}; the package ${got}; mutated ${run.paths.map(renderPath).join(", ")}`,
      };
    }
    return null;
  }
  if (run.text === undefined) {
    if (run.didThrow && isMisuse(run.threw)) return null;
    return { kind: "JSON.stringify gives no text, yet no misuse error", detail: `the package ${got}` };
  }
  if (run.didThrow) return { kind: "threw where JSON.stringify gives a text", detail: `the package ${got}` };
  // Over more than one limit, the readers may name different ones (the text reader measures the
  // whole text first; the JS reader meets the limits in the order it walks): the same answer,
  // `tooLarge` at the root, with the message of the limit each met (README, "One reading of JSON").
  if (got !== nativeAnswer && bothTooLarge(got, nativeAnswer)) return null;
  if (got !== nativeAnswer)
    return {
      kind: `answer differs from native${numbersOnly(got, nativeAnswer)}`,
      detail: `wasm:   ${got}\nnative: ${nativeAnswer}`,
    };
  return null;
}

/**
 * Where two answers differ only in numbers quoted in messages (`1e21`), say how: the same number
 * written otherwise, or another number (the text read as a different double). Sorts the survey.
 */
function numbersOnly(a, b) {
  const quoted = /`(-?[0-9][0-9.e+-]*)`/g;
  const na = [...a.matchAll(quoted)].map((m) => m[1]);
  const nb = [...b.matchAll(quoted)].map((m) => m[1]);
  if (a.replace(quoted, "`#`") !== b.replace(quoted, "`#`") || na.length !== nb.length) return "";
  const pairs = na.map((x, i) => [x, nb[i]]).filter(([x, y]) => x !== y);
  return pairs.every(([x, y]) => Number(x) === Number(y))
    ? " (only a number written otherwise)"
    : " (only a number read as another double)";
}

/** The outcome of a case that holds the contract, for the counts. */
const outcome = (run) =>
  run.stringifyDidThrow ? (run.didThrow ? "misuse" : "tooLarge") : run.text === undefined ? "misuse" : "compared";

/** The kinds of mutation of a case (`toJSON on function`, `boxedHook toPrimitive`…), for the survey. */
/** Both answers are one `tooLarge` error at the root. */
function bothTooLarge(a, b) {
  const one = (text) => {
    try {
      const answer = JSON.parse(text);
      return answer.type === "failure" && answer.errors.length === 1 && answer.errors[0].code === "tooLarge" && answer.errors[0].path === "";
    } catch {
      return false;
    }
  };
  return one(a) && one(b);
}

function tags(c) {
  const of = (spec) =>
    [spec.$, spec.on, spec.hook, spec.trap, spec.form, spec.via, spec.kind].filter((x) => x !== undefined).join(" ");
  return [...new Set(c.mutations.map((m) => of(m.spec)))].sort().join(", ");
}

function report(run, verdict, nativeAnswer) {
  const b = baseOf(run.c);
  const clip = (s, n = 1500) => (s === undefined ? "(none)" : s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const at = run.paths.map((p) => JSON.stringify(renderPath(p))).join(", ") || "(nothing)";
  return [
    `${verdict.kind} [class ${run.c.cls}, ${run.c.entry}, ${b.name}, mutated at ${at}]`,
    `recipe: ${fc.stringify(run.c)}`,
    `JSON.stringify: ${run.stringifyDidThrow ? `threw ${safeString(run.stringifyThrew)}` : clip(run.text)}`,
    clip(verdict.detail, 4000),
    verdict.kind.startsWith("answer differs from native") ? "" : `native: ${clip(nativeAnswer)}`,
  ]
    .filter(Boolean)
    .join("\n");
}

// ---------------------------------------------------------------- the run

const stats = {}; // class -> { cases, compared, misuse, tooLarge, disagreements }
const survey = new Map(); // "class: kind" -> { count, smallest report }
let executions = 0;
let batches = 0;
let shrinking = false;
let shrinkExecutions = 0;

const smokeText = JSON.stringify(smoke);
const smokeExpected = {
  evaluate: JSON.stringify(evaluate(JSON.parse(smokeText))),
  fullEvaluate: JSON.stringify(fullEvaluate(JSON.parse(smokeText))),
};

/** The known-good call still answers its success from both modules. */
function stillAlive() {
  for (const entry of ["evaluate", "fullEvaluate"]) {
    let got;
    try {
      got = JSON.stringify(ENTRIES[entry].call(JSON.parse(smokeText)));
    } catch (e) {
      got = describeThrown(e);
    }
    if (got !== smokeExpected[entry]) return `after the batch, the known-good ${entry} call answered ${got.slice(0, 500)}`;
  }
  return null;
}

async function property(cases) {
  const runs = cases.map(execute);
  // Stream every text to its native engine at once, then compare.
  const byMode = {};
  runs.forEach((run, i) => {
    if (typeof run.text !== "string") return;
    if (run.text.includes("\n")) throw new Error("a JSON text with a raw newline");
    (byMode[ENTRIES[run.c.entry].mode] ??= []).push(i);
  });
  const answers = new Array(runs.length);
  await Promise.all(
    Object.entries(byMode).map(async ([mode, indices]) => {
      const lines = await native(mode).answer(indices.map((i) => runs[i].text));
      indices.forEach((i, k) => (answers[i] = lines[k]));
    }),
  );
  let failure = null;
  runs.forEach((run, i) => {
    const verdict = judge(run, answers[i]);
    if (shrinking) {
      shrinkExecutions++;
    } else {
      executions++;
      const s = (stats[run.c.cls] ??= { cases: 0, compared: 0, misuse: 0, tooLarge: 0, disagreements: 0 });
      s.cases++;
      if (verdict === null) s[outcome(run)]++;
      else s.disagreements++;
    }
    if (verdict === null) return;
    const text = report(run, verdict, answers[i]);
    if (SURVEY) {
      const key = `${run.c.cls}: ${verdict.kind}${run.c.mutations.length === 1 ? ` [${tags(run.c)}]` : ""}`;
      const seen = survey.get(key);
      const size = fc.stringify(run.c).length + (run.text?.length ?? 0);
      if (!seen) survey.set(key, { count: 1, size, text });
      else {
        seen.count++;
        if (size < seen.size) Object.assign(seen, { size, text });
      }
    } else failure ??= text;
  });
  if (!shrinking) batches++;
  const dead = stillAlive();
  if (dead !== null) {
    // A dead module stays dead: no shrinking, the batch is the evidence (a trap is also reported
    // for the case that hit it, above, when the call threw a RuntimeError).
    summary();
    console.error(`\nFAILED (seed ${SEED}): ${dead}\nthe ${cases.length} cases of the batch:`);
    for (const c of cases) console.error(fc.stringify(c));
    if (failure !== null) console.error(`\nthe first disagreement of the batch:\n${failure}`);
    process.exit(1);
  }
  if (failure !== null) {
    shrinking = true;
    throw new Error(failure);
  }
}

let started = 0;

/** Print the executions per class and the time; returns the count of disagreements. */
function summary() {
  const seconds = (performance.now() - started) / 1000;
  const pad = (s, n) => String(s).padStart(n);
  console.log(
    `\n  ${"class".padEnd(18)}${pad("cases", 9)}${pad("compared", 10)}${pad("misuse", 8)}${pad("tooLarge", 10)}${pad("disagree", 10)}`,
  );
  let disagreements = 0;
  for (const c of Object.keys(CLASSES).filter((name) => stats[name])) {
    const s = stats[c];
    disagreements += s.disagreements;
    console.log(
      `  ${c.padEnd(18)}${pad(s.cases, 9)}${pad(s.compared, 10)}${pad(s.misuse, 8)}${pad(s.tooLarge, 10)}${pad(s.disagreements, 10)}`,
    );
  }
  console.log(
    `\n  ${executions} executions in ${batches} batches, ${seconds.toFixed(1)} s (${Math.round(executions / seconds)}/s)` +
      `${shrinkExecutions ? `, then ${shrinkExecutions} while shrinking` : ""}; disagreements: ${disagreements}`,
  );
  return disagreements;
}

async function main() {
  if (!existsSync(NATIVE)) {
    console.error(`fuzz.mjs: no native engine at ${NATIVE}; build it: cargo build --release --example evaluate`);
    process.exit(2);
  }
  // The inner arguments of re-entrant calls, called plainly: the fixture requests answer what
  // native answers, the others throw a misuse error or answer tooLarge.
  const texts = INNER.map((make) => {
    try {
      return JSON.stringify(make());
    } catch {
      return undefined;
    }
  });
  const fixtures = texts.filter((t) => typeof t === "string");
  const innerNative = {
    "--lines": await native("--lines").answer(fixtures),
    "--lines-actions": await native("--lines-actions").answer(fixtures),
  };
  INNER.forEach((_, i) => {
    for (const call of INNER_CALLS) {
      const got = innerExpected[i][call];
      const want = typeof texts[i] === "string" ? innerNative[ENTRIES[call].mode][i] : null;
      const ok = want !== null ? got === want : /^threw .*code "/.test(got) || /"code":"tooLarge"/.test(got);
      if (!ok) {
        console.error(
          `fuzz.mjs: ${call} of inner argument ${i} (before any mutation) answered ${got}${want ? `\nnative: ${want}` : ""}`,
        );
        process.exit(1);
      }
    }
  });

  const numRuns = Math.max(1, Math.ceil(RUNS / MEAN_BATCH));
  console.log(
    `fuzz.mjs: seed ${SEED}${REPLAY_PATH ? ` path ${REPLAY_PATH}` : ""}, about ${RUNS} cases (${numRuns} batches of 1..${BATCH})` +
      `${SURVEY ? ", survey mode" : ""}\n  ${requests.length} requests and ${queries.length} queries from tests/fixtures; classes: ${ENABLED.join(", ")}`,
  );
  started = performance.now();
  let error = null;
  try {
    await fc.assert(fc.asyncProperty(fc.array(anyCase, { minLength: 1, maxLength: BATCH, size: "max" }), property), {
      seed: SEED,
      numRuns,
      path: REPLAY_PATH,
      endOnFailure: false,
    });
  } catch (e) {
    error = e;
  }
  await Promise.all(Object.values(natives).map((n) => n.close()));
  const disagreements = summary();
  if (SURVEY && survey.size > 0) {
    console.log(`\n${survey.size} kinds of disagreement (class: kind, count, the smallest example):`);
    for (const [key, { count, text }] of [...survey].sort()) console.log(`\n== ${key} (${count})\n${text}`);
  }
  if (error !== null) {
    console.error(`\nFAILED (seed ${SEED}): ${error.message}`);
    if (error.cause !== undefined)
      console.error(`\n${error.cause instanceof Error ? error.cause.message : safeString(error.cause)}`);
    else if (!/Property failed/.test(error.message)) console.error(error.stack);
    const path = /path: "([^"]+)"/.exec(error.message)?.[1] ?? "<the path above>";
    console.error(`\nreplay: FUZZ_JS_SEED=${SEED} FUZZ_JS_PATH=${path} node tests/js/node/fuzz.mjs`);
    process.exit(1);
  }
  if (disagreements > 0 || survey.size > 0) process.exit(1);
  console.log("fuzz.mjs: no disagreement");
}

await main();
