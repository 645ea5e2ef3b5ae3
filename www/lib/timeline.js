// The timeline picture: an inline SVG of what `timeline(query)` answered — the term, the windows
// (full refund, cancellation, full credit, trial, retention), the renewal and the other dated
// points — with a marker for `now` that can be dragged, stepped with the keyboard (←/→ 1 hour,
// Shift 1 day, Alt 1 second) or moved to a point by clicking it. Every move calls `onMove(iso)`.
import { h, fill } from "./dom.js";

// The picture is drawn in screen pixels (the viewBox follows the width shown), so text stays 11 px
// and the handle 24 px on a phone as on a desktop.
let W = 960;
const LEFT = 12;
let RIGHT = W - 12;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant as the engine writes it: UTC, `Z`, whole seconds (milliseconds only when present). */
export function iso(ms) {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

// Windows drawn as bars: the point that closes them, and the point they open at.
const WINDOWS = [
  { closes: "fullRefundWindowCloses", opens: "termStart", label: "full refund", cls: "w-refund" },
  { closes: "cancelWindowCloses", opens: "termStart", label: "cancellation", cls: "w-cancel" },
  { closes: "fullCreditWindowCloses", opens: "ordered", label: "full credit", cls: "w-refund" },
  { closes: "trialEnds", opens: "ordered", label: "free trial", cls: "w-trial" },
  { closes: "dataDeletion", opens: "suspended", label: "retention (reactivate before)", cls: "w-retention" },
];

// "windows": the points before the term's end (and now), unless they span most of the term anyway.
const ZOOMS = { windows: null, all: null, "90d": 90 * DAY, "14d": 14 * DAY, "3d": 3 * DAY };
const TERM_END_KINDS = new Set(["renewal", "termEnds", "scheduledChange"]);

export function createTimeline({ root, onMove }) {
  let last = null; // { points, changes, now }
  let domain = null; // [startMs, endMs], kept while the points stay and `now` stays inside it
  let domainKey = ""; // the points the domain was computed for
  let zoom = "windows";
  let dragging = false;

  const svg = h("svg", { id: "timeline-svg", viewBox: `0 0 ${W} 200`, role: "img", "aria-label": "timeline of the subscription" });
  const zoomSelect = h("select", { id: "zoom", title: "time span shown", onchange: () => { zoom = zoomSelect.value; draw(); } },
    Object.keys(ZOOMS).map((z) => h("option", { value: z }, { windows: "the windows", all: "whole life" }[z] ?? `${z} around now`)));
  const step = (ms, label, title) => h("button", { type: "button", class: "step", title, dataset: { step: ms }, onclick: () => move(nowMs() + ms) }, label);
  const controls = h("div", { class: "timeline-controls" },
    step(-DAY, "−1 d", "now − 1 day"), step(-HOUR, "−1 h", "now − 1 hour"), step(-1000, "−1 s", "now − 1 second"),
    h("output", { id: "now-readout" }),
    step(1000, "+1 s", "now + 1 second"), step(HOUR, "+1 h", "now + 1 hour"), step(DAY, "+1 d", "now + 1 day"),
    h("label", {}, " zoom ", zoomSelect));
  const changes = h("ul", { id: "changes", class: "changes" });
  const note = h("p", { class: "muted", id: "timeline-note" });
  fill(root, controls, svg, note, changes);

  // Dragging: press anywhere on the picture but a point (a click there moves `now` to it), then
  // move. The listeners are on the <svg>, which stays while its content is redrawn on every move.
  svg.addEventListener("pointerdown", (e) => {
    if (!last?.points.length || e.target.closest(".point")) return;
    dragging = true;
    svg.setPointerCapture(e.pointerId);
    move(timeAt(e.clientX));
    svg.querySelector("#now-marker")?.focus();
  });
  svg.addEventListener("pointermove", (e) => dragging && move(timeAt(e.clientX)));
  // Redrawn when the width shown changes (a rotated phone, a resized window).
  let drawnWidth = 0;
  new ResizeObserver(() => {
    const width = Math.round(svg.getBoundingClientRect().width);
    if (last?.points?.length && width > 0 && width !== drawnWidth) {
      drawnWidth = width;
      draw();
    }
  }).observe(svg);
  const stop = () => {
    dragging = false;
    draw();
  };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  const nowMs = () => Date.parse(last?.now);

  function move(ms) {
    if (!Number.isFinite(ms)) return;
    onMove(iso(ms));
  }

  function computeDomain(points, now) {
    const span = ZOOMS[zoom];
    if (span) return [now - span / 2, now + span / 2];
    const fit = (times, padding) => {
      const lo = Math.min(...times);
      const hi = Math.max(...times);
      const pad = Math.max((hi - lo) * padding, HOUR);
      return [lo - pad, hi + pad];
    };
    const all = fit([...points.map((p) => p.ms), now], 0.04);
    if (zoom === "all") return all;
    const early = fit([...points.filter((p) => !TERM_END_KINDS.has(p.kind)).map((p) => p.ms), now], 0.12);
    return early[1] - early[0] < (all[1] - all[0]) * 0.5 ? early : all;
  }

  /** Draw the last timeline answered. */
  function draw() {
    W = Math.max(300, Math.round(svg.getBoundingClientRect().width || root.getBoundingClientRect().width || 960));
    RIGHT = W - 12;
    if (!last) return;
    const now = nowMs();
    const points = last.points.map((p) => ({ ...p, ms: Date.parse(p.at) }));
    const key = `${zoom} ${points.map((p) => p.kind + p.at).join()}`;
    const inside = domain && key === domainKey && now >= domain[0] + (domain[1] - domain[0]) * 0.02 && now <= domain[1] - (domain[1] - domain[0]) * 0.02;
    if (!inside && !(dragging && key === domainKey)) {
      domain = computeDomain(points, now);
      domainKey = key;
    }
    const [t0, t1] = domain;
    const x = (ms) => LEFT + ((ms - t0) / (t1 - t0)) * (RIGHT - LEFT);
    const clampX = (ms) => Math.min(RIGHT, Math.max(LEFT, x(ms)));
    const at = (kind) => points.find((p) => p.kind === kind)?.ms;

    // Lanes: the term, then one per window that this subscription has.
    const bars = [];
    const termEnd = at("renewal") ?? at("termEnds");
    if (at("termStart") != null && termEnd != null) bars.push({ from: at("termStart"), to: termEnd, label: "current term", cls: "w-term" });
    for (const w of WINDOWS) {
      const to = at(w.closes);
      const from = at(w.opens) ?? at("termStart");
      if (to != null && from != null) bars.push({ from, to, label: w.label, cls: w.cls });
    }
    const laneH = 18;
    const barsTop = 26;
    const pointsTop = barsTop + bars.length * (laneH + 4) + 8;

    // Point labels in rows, so that they do not overlap; near the right edge, left of the point.
    const rows = [];
    const placed = points.filter((p) => p.ms >= t0 && p.ms <= t1).map((p) => {
      const px = x(p.ms);
      const width = p.label.length * 5.6 + 10;
      const leftward = px + width > RIGHT;
      const span = leftward ? [px - width, px] : [px, px + width];
      let row = rows.findIndex((taken) => taken.every(([a, b]) => span[1] < a || span[0] > b));
      if (row === -1) row = rows.push([]) - 1;
      rows[row].push(span);
      return { ...p, px, row, leftward };
    });
    const outside = points.filter((p) => p.ms < t0 || p.ms > t1);
    note.textContent = outside.length ? `Outside the view: ${outside.map((p) => `${p.label} ${p.at.slice(0, 10)}`).join(" · ")}` : "";
    const height = pointsTop + Math.max(rows.length, 1) * 16 + 10;
    svg.setAttribute("viewBox", `0 0 ${W} ${height}`);

    fill(svg,
      axis(t0, t1, x, height),
      bars.map((b, i) => {
        const x0 = clampX(b.from);
        const x1 = clampX(b.to);
        const y = barsTop + i * (laneH + 4);
        return h("g", { class: `bar ${b.cls}` },
          h("rect", { x: x0, y, width: Math.max(x1 - x0, 1), height: laneH, rx: 3 }),
          h("text", { x: Math.max(x0, LEFT) + 4, y: y + 13 }, b.label),
          h("title", {}, `${b.label}: ${iso(b.from)} – ${iso(b.to)}`));
      }),
      placed.map((p) => h("g", { class: `point ${p.past ? "past" : ""}`, dataset: { kind: p.kind, at: p.at }, onclick: () => move(p.ms) },
        h("line", { x1: p.px, x2: p.px, y1: barsTop - 4, y2: pointsTop + p.row * 16 + 2 }),
        h("circle", { cx: p.px, cy: pointsTop + p.row * 16 + 2, r: 3.5 }),
        h("text", { x: p.leftward ? p.px - 6 : p.px + 6, y: pointsTop + p.row * 16 + 6, "text-anchor": p.leftward ? "end" : "start" }, p.label),
        h("title", {}, `${p.at} · ${p.kind} (${p.rule}) — click to move now here`))),
      nowMarker(x(now), height));
    fill(controls.querySelector("#now-readout"), `now ${last.now}`);
  }

  function axis(t0, t1, x, height) {
    const span = t1 - t0;
    // At most one label per 80 px (14 on a desktop's width, 4 on a phone's).
    const most = Math.min(14, Math.max(2, Math.floor(W / 80)));
    const unit = [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 91 * DAY].find((u) => span / u <= most) ?? 365 * DAY;
    const ticks = [];
    for (let t = Math.ceil(t0 / unit) * unit; t <= t1; t += unit) ticks.push(t);
    return h("g", { class: "axis" },
      h("line", { x1: LEFT, x2: RIGHT, y1: 18, y2: 18 }),
      ticks.map((t) => h("g", {},
        h("line", { x1: x(t), x2: x(t), y1: 14, y2: height - 4, class: "grid" }),
        h("text", { x: x(t) + 2, y: 11 }, unit < DAY ? iso(t).slice(5, 16).replace("T", " ") : iso(t).slice(0, 10)))));
  }

  function nowMarker(px, height) {
    const [t0, t1] = domain;
    const marker = h("g", {
      id: "now-marker", class: "now", tabindex: 0, role: "slider", "aria-label": "now (the evaluation instant)",
      "aria-orientation": "horizontal", "aria-valuemin": t0, "aria-valuemax": t1, "aria-valuenow": nowMs(), "aria-valuetext": last.now,
      "aria-keyshortcuts": "ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Alt+ArrowLeft Alt+ArrowRight PageUp PageDown Home End",
    },
      h("line", { x1: px, x2: px, y1: 14, y2: height - 2 }),
      // A 24 px square to grab (a finger's width), centred on the line.
      h("rect", { class: "handle", x: px - 12, y: 0, width: 24, height: 24, rx: 4 }),
      h("title", {}, `now ${last.now} — drag, or ←/→ (Shift: 1 day, Alt: 1 s), PageUp/PageDown 1 day, Home/End the view's ends`));
    marker.addEventListener("keydown", (e) => {
      const step = { ArrowLeft: -1, ArrowRight: 1, PageDown: -1, PageUp: 1 }[e.key];
      if (e.key === "Home" || e.key === "End") {
        e.preventDefault();
        move(e.key === "Home" ? t0 : t1);
        return;
      }
      if (!step) return;
      e.preventDefault();
      const unit = e.key.startsWith("Page") || e.shiftKey ? DAY : e.altKey ? 1000 : HOUR;
      move(nowMs() + step * unit);
    });
    return marker;
  }

  /** The instant under a screen x: whole minutes, or a point's instant when within 5 px of it. */
  function timeAt(clientX) {
    const box = svg.getBoundingClientRect();
    const vx = ((clientX - box.left) / box.width) * W;
    const [t0, t1] = domain;
    const ms = t0 + ((Math.min(RIGHT, Math.max(LEFT, vx)) - LEFT) / (RIGHT - LEFT)) * (t1 - t0);
    const pxPerMs = (box.width / W) * ((RIGHT - LEFT) / (t1 - t0));
    const near = last.points.map((p) => Date.parse(p.at)).find((p) => Math.abs(p - ms) * pxPerMs < 5);
    return near ?? Math.round(ms / 60_000) * 60_000;
  }

  /** Show a timeline answer (or why there is none). The marker keeps focus across redraws. */
  function render(answer, requestNow) {
    const hadFocus = document.activeElement?.id === "now-marker";
    if (answer?.type === "success") {
      last = answer.result;
      svg.classList.remove("empty");
      draw();
      fill(changes, last.changes.map((c) =>
        h("li", {}, h("code", {}, c.action), ` ${c.verdict} → `, h("b", {}, c.verdictAfter), ` at ${c.changesAt} (${c.rulesAfter.join(", ")}) `,
          h("button", { type: "button", class: "small", title: "move now to 1 s before the change", onclick: () => move(Date.parse(c.changesAt) - 1000) }, "1 s before"),
          h("button", { type: "button", class: "small", title: "move now to the change", onclick: () => move(Date.parse(c.changesAt)) }, "at"))));
    } else {
      last = { points: [], changes: [], now: requestNow };
      fill(svg);
      svg.classList.add("empty");
      fill(changes);
      note.textContent = answer ? `No timeline: ${answer.errors.map((e) => `${e.path || "request"}: ${e.code}`).join("; ")}` : "No timeline without a subscription.";
      fill(controls.querySelector("#now-readout"), `now ${requestNow ?? "—"}`);
    }
    if (hadFocus) svg.querySelector("#now-marker")?.focus();
  }

  return { render };
}
