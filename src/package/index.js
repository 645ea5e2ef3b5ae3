// The entry for browsers and bundlers: the web build, instantiated when this module is first
// imported (top-level await), so `evaluate` is ready to call after
//   import { evaluate } from "subscription-rules";
// `init` (the default export) stays available and is idempotent: `await init()` resolves at once.
// To load the .wasm from elsewhere, import "subscription-rules/web" and call its init yourself.
import init from "./web/subscription_rules.js";

export * from "./web/subscription_rules.js";
export default init;

await init();
