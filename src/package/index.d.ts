export * from "./web/subscription_rules.js";
export { default } from "./web/subscription_rules.js";
