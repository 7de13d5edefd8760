/**
 * Interval bars drawn in HTML (GrowthBook-style, inside a table row or card):
 * the axis they share, and one bar with its zero line, optional threshold
 * line, point estimate and interval, coloured by the significance tone.
 * Positions only: the values drawn were computed upstream.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import type { Tone } from "./_row_text.ts";
import type { Interval } from "./types.ts";

/**
 * A lift axis (lift units: 0.1 = +10%). `log`: positions are linear in
 * log(1 + lift), the ratio test / control, so +100% and −50% lie equally far
 * from 0 and lifts of very different sizes stay readable.
 */
export interface LiftAxis {
  log: boolean;
  min: number;
  max: number;
}

/** Ratio span (largest / smallest 1 + lift) above which an axis is logarithmic. */
const LOG_ABOVE = 8;
/** Lowest lift a log axis reaches (−99%: the ratio must stay above 0). */
const LOG_FLOOR = -0.99;
/** An axis reaches at most this many times the median row's reach, so one outlier cannot squash the rest. */
const OUTLIER = 4;

/** How far a lift lies from 0 in log ratio: |log(1 + x)| (floored at −99%). */
function reach(x: number): number {
  return Math.abs(Math.log(1 + Math.max(x, LOG_FLOOR)));
}

/**
 * The axis showing 0 and every row's finite values (one array per row: its
 * lift, interval bounds, threshold): linear with 8% padding, or logarithmic in
 * 1 + lift when the values span more than a factor 8 in ratio. With three rows
 * or more, values more than 4 times as far from 0 as the median row's
 * farthest (in log ratio) do not widen the axis: they and infinite bounds run
 * to the edge, where the bar shows an arrow.
 *
 * @example
 * ```ts
 * import { liftAxis } from "./_cibar.ts";
 * const small = liftAxis([[0.05, 0.23, 0.136]]);
 * if (small.log || Math.abs(small.min + 0.0184) > 1e-12 || Math.abs(small.max - 0.2484) > 1e-12) throw new Error(JSON.stringify(small));
 * const wide = liftAxis([[5.28, 24.6, Infinity], [345.9], [-0.87]]);
 * if (!wide.log || wide.min > -0.87 || wide.max < 345.9) throw new Error(JSON.stringify(wide));
 * // five accuracy rows near +15% and a coverage row at +8,853%: the coverage row is cut off
 * const mixed = liftAxis([[0.05, 0.23], [0.06, 0.28], [0.03, 0.22], [0.02, 0.18], [0.02, 0.21], [85.4, 92.8]]);
 * if (mixed.log || mixed.max > 0.32 || mixed.max < 0.28) throw new Error(JSON.stringify(mixed));
 * ```
 */
export function liftAxis(rows: readonly (readonly number[])[]): LiftAxis {
  const groups = rows.map((r) => r.filter(Number.isFinite)).filter((r) => r.length > 0);
  const reaches = groups.map((g) => Math.max(...g.map(reach))).sort((a, b) => a - b);
  const cap = reaches.length >= 3
    ? Math.max(OUTLIER * reaches[Math.floor(reaches.length / 2)], reach(0.05))
    : Infinity;
  const xs = [0, ...groups.flat().filter((x) => reach(x) <= cap)];
  const lo = Math.min(...xs), hi = Math.max(...xs);
  const floor = Math.max(lo, LOG_FLOOR);
  if ((1 + hi) / (1 + floor) > LOG_ABOVE) {
    return { log: true, min: (1 + floor) / 1.25 - 1, max: (1 + hi) * 1.25 - 1 };
  }
  const pad = (hi - lo) * 0.08 || 0.01;
  return { log: false, min: lo - pad, max: hi + pad };
}

/**
 * A symmetric linear axis around 0 for one interval of Δ (rows with no lift).
 *
 * @example
 * ```ts
 * import { deltaAxis } from "./_cibar.ts";
 * const a = deltaAxis([0.001, 0.004]);
 * if (a.log || a.min !== -a.max || a.max < 0.004) throw new Error();
 * ```
 */
export function deltaAxis(ci: Interval): LiftAxis {
  const m = Math.max(...ci.filter(Number.isFinite).map(Math.abs), 1e-12) * 1.15;
  return { log: false, min: -m, max: m };
}

/**
 * Position of `x` on the axis, from 0 (left edge) to 1 (right edge), clamped;
 * ±∞ go to the edges.
 *
 * @example
 * ```ts
 * import { axisPos } from "./_cibar.ts";
 * const lin = { log: false, min: -1, max: 1 };
 * if (axisPos(lin, 0) !== 0.5 || axisPos(lin, 5) !== 1 || axisPos(lin, -Infinity) !== 0) throw new Error();
 * const log = { log: true, min: 0.5 - 1, max: 2 - 1 };
 * if (Math.abs(axisPos(log, 0) - 0.5) > 1e-12) throw new Error("ratio 1 is halfway between 0.5 and 2");
 * ```
 */
export function axisPos(axis: LiftAxis, x: number): number {
  if (Number.isNaN(x)) return 0.5;
  const f = (v: number) => (axis.log ? Math.log(Math.max(1 + v, 1e-12)) : v);
  const at = (f(x) - f(axis.min)) / (f(axis.max) - f(axis.min));
  return Math.min(1, Math.max(0, Number.isFinite(at) ? at : x > 0 ? 1 : 0));
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** What one bar draws. */
export interface Bar {
  ci: Interval;
  point: number | null;
  axis: LiftAxis;
  /** Colour: the row's significance tone. */
  tone: Tone;
  /** A dashed line: the gate's threshold for this metric. */
  threshold?: number;
  /** Accessible description, e.g. "lift +13.6%, 95% interval [+5.2%, +23.0%]". */
  label: string;
}

/**
 * One interval bar. A side with no limit (±∞), or beyond the axis, ends in
 * an arrow at the edge; an estimate beyond the axis is not drawn.
 *
 * @example
 * ```ts
 * import { ciBar } from "./_cibar.ts";
 * const axis = { log: false, min: -0.1, max: 0.3 };
 * const out = ciBar({ ci: [0.05, Infinity], point: 0.13, axis, tone: "good", threshold: 0.02, label: "x" }).value;
 * if (!out.includes('class="span good open-hi" style="left:37.50%;width:62.50%"') || !out.includes('class="zero" style="left:25.00%"')) throw new Error(out);
 * ```
 */
export function ciBar(bar: Bar): SafeHtml {
  const { ci, axis } = bar;
  const lo = axisPos(axis, ci[0]), hi = axisPos(axis, ci[1]);
  const cls = [
    "span",
    bar.tone,
    ci[0] >= axis.min ? "" : "open-lo",
    ci[1] <= axis.max ? "" : "open-hi",
  ].filter((c) => c !== "").join(" ");
  const tau = bar.threshold !== undefined && bar.threshold !== 0
    ? markup`<span class="tau" style="left:${pct(axisPos(axis, bar.threshold))}"></span>`
    : null;
  const inside = (x: number) => x >= axis.min && x <= axis.max;
  const point = bar.point !== null && inside(bar.point)
    ? markup`<span class="pt" style="left:${pct(axisPos(axis, bar.point))}"></span>`
    : null;
  return markup`<span class="cibar" role="img" aria-label="${bar.label}"><span class="zero" style="left:${
    pct(axisPos(axis, 0))
  }"></span>${tau}<span class="${cls}" style="left:${pct(lo)};width:${
    pct(Math.max(hi - lo, 0.005))
  }"></span>${point}</span>`;
}
