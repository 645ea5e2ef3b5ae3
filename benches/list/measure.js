// The list-page measurement, the same in Node (benches/node/run.mjs) and in headless Chromium
// (benches/list/page.html): `n` subscriptions (www/lib/subscriptions.js) each prepared, their
// buttons from `p.actionStates(now)`, and from `p.availableActions(now)` for comparison, over
// `rounds` renders. Milliseconds, medians: `first` (prepare and the states), `again` (the states
// of prepared subscriptions), `full` (the available actions in full), and the buttons counted.
import { subscriptions, buttons, states } from "../../www/lib/subscriptions.js";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function measureList(prepare, n, now, rounds) {
  const subs = subscriptions(n, now);
  const first = [], again = [], full = [];
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    const t1 = performance.now();
    const ps = subs.map((s) => prepare(s.facts).result);
    count = states(ps, now).count;
    const t2 = performance.now();
    buttons(ps, now);
    const t3 = performance.now();
    states(ps, now);
    const t4 = performance.now();
    for (const p of ps) p.free();
    first.push(t2 - t1);
    full.push(t3 - t2);
    again.push(t4 - t3);
  }
  return { first: median(first), again: median(again), full: median(full), buttons: count };
}
