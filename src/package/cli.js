#!/usr/bin/env node
// The package's command line: decide a request (or answer a query) from a file or standard input,
// with the WebAssembly engine of the full module. No Rust needed.
//
//   npx subscription-rules evaluate request.json            a decision
//   npx subscription-rules evaluate --actions query.json     every action with its decision
//   npx subscription-rules evaluate --timeline query.json    the dated points
//   npx subscription-rules evaluate --catalog query.json     offers with their eligibility
//   cat request.json | npx subscription-rules evaluate -     `-` reads standard input
//
// Prints the answer as JSON. Exit code: 0 allowed (allowedNow or scheduled; a query answered),
// 1 denied (denied or needsSupport), 2 bad input (a failure answer, text that is not JSON, an
// unreadable file, or a usage error).
import { readFileSync } from "node:fs";
import * as engine from "./full/node/subscription_rules.mjs";

const USAGE = "usage: subscription-rules evaluate [--actions | --timeline | --catalog] FILE|-";

function fail(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (command === "--help" || command === "-h") {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (command !== "evaluate") fail(command ? `unknown command \`${command}\`` : "no command");
const modes = { "--actions": engine.availableActions, "--timeline": engine.timeline, "--catalog": engine.filterCatalog };
let query = null;
const files = [];
for (const arg of rest) {
  if (arg in modes) {
    if (query) fail("one of --actions, --timeline, --catalog");
    query = modes[arg];
  } else if (arg.startsWith("--")) {
    fail(`unknown option \`${arg}\``);
  } else {
    files.push(arg);
  }
}
if (files.length !== 1) fail("one FILE, or - for standard input");

let text;
try {
  text = files[0] === "-" ? readFileSync(0, "utf8") : readFileSync(files[0], "utf8");
} catch (e) {
  fail(`cannot read ${files[0]}: ${e.message}`);
}

let answer;
if (query) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    answer = { type: "failure", errors: [{ code: "invalidJson", path: "", message: `not JSON: ${e.message}` }] };
  }
  answer ??= query(value);
} else {
  // The text itself, read as a server reads it (duplicate keys and limits included).
  answer = engine.evaluateJson(text);
}
process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
if (answer.type !== "success") process.exit(2);
if (!query && (answer.result.verdict === "denied" || answer.result.verdict === "needsSupport")) process.exit(1);
process.exit(0);
