// The list-page measurement, the same in Node (benches/node/run.mjs) and in headless Chromium
// (benches/list/page.html): `n` subscriptions (www/lib/subscriptions.js) each prepared, their
// buttons from `p.actionStates(now)`, and from `p.availableActions(now)` for comparison, over
// `rounds` renders. Milliseconds, medians: `first` (prepare and the states), `again` (the states
// of prepared subscriptions), `full` (the available actions in full), and the buttons counted.
// `repeat` renders are timed together and their time divided (a short list's render is near the
// step of Chromium's clock, 0.1 ms); the handles of `first`'s renders are freed after its timing.
import { subscriptions, buttons, states } from "../../www/lib/subscriptions.js";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function measureList(prepare, n, now, rounds, repeat = 1) {
  const subs = subscriptions(n, now);
  const first = [], again = [], full = [];
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    const made = [];
    const t1 = performance.now();
    for (let k = 0; k < repeat; k++) {
      const prepared = subs.map((s) => prepare(s.facts).result);
      count = states(prepared, now).count;
      made.push(prepared);
    }
    const t2 = performance.now();
    const ps = made[0];
    for (const prepared of made.slice(1)) for (const p of prepared) p.free();
    const t3 = performance.now();
    for (let k = 0; k < repeat; k++) buttons(ps, now);
    const t4 = performance.now();
    for (let k = 0; k < repeat; k++) states(ps, now);
    const t5 = performance.now();
    for (const p of ps) p.free();
    first.push((t2 - t1) / repeat);
    full.push((t4 - t3) / repeat);
    again.push((t5 - t4) / repeat);
  }
  return { first: median(first), again: median(again), full: median(full), buttons: count };
}
