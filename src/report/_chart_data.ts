/**
 * The data embedded for the page's charts: input values picked, rescaled to
 * percent where the chart shows percent, and rounded to 5 significant digits;
 * bootstrap replicates are binned here into a histogram, so no replicate list
 * is embedded.
 *
 * @module
 */
import { roundSig } from "./_format.ts";
import {
  baseMetric,
  deltaCi,
  type Direction,
  direction,
  liftCi,
  primaryMetrics,
  rowLabel,
  SEGMENTS,
} from "./_rows.ts";
import type { Interval, ReportInput } from "./types.ts";

/** One forest-plot row: lift and its interval in percent. */
export interface ForestRow {
  label: string;
  lift: number;
  lo: number;
  hi: number;
  dir: Direction;
}

/** Histogram bins of equal width starting at `x0`. */
export interface Histogram {
  x0: number;
  width: number;
  counts: number[];
}

/** Control and test values of one metric per segment. */
export interface SegmentBars {
  metric: string;
  labels: string[];
  control: (number | null)[];
  test: (number | null)[];
}

/** Everything the page script draws; `null` means the panel shows a note instead. */
export interface ChartData {
  arms: { control: string; test: string };
  /** One forest plot per segment, of the rows with a lift interval. */
  forest: { segment: string; rows: ForestRow[] }[] | null;
  /** One bar chart per primary metric. */
  segments: SegmentBars[] | null;
  srm: { expected: [number, number]; observed: [number, number] } | null;
  /** MDE in percent against users per arm. */
  power: {
    curve: [number, number][];
    n: number;
    mde: number;
    target: number;
    needed: number;
    log: boolean;
  } | null;
  bootstrap:
    | (Histogram & { metric: string; observed: number; ci: Interval | null; zero: boolean })
    | null;
  /** Shares of recommended slots in percent. */
  longTail: { buckets: string[]; control: number[]; test: number[] } | null;
  /** The gate's OC in percent: stated curves as [lift, P] and measured points with intervals. */
  oc: {
    admit: [number, number][];
    reject: [number, number][];
    threshold: number;
    measured: { lift: number; admit: number; admitLo: number; admitHi: number; reject: number }[];
  } | null;
}

const r5 = (x: number) => roundSig(x, 5);
const pct = (x: number) => roundSig(x * 100, 5);
const maybe = (x: number | null) => (x === null || !Number.isFinite(x) ? null : r5(x));

/**
 * Equal-width histogram of the finite values: `bins` bins (default
 * ⌈√n⌉ clamped to 10..50) over `[min, max]`; `null` when there is no finite value.
 *
 * @example
 * ```ts
 * import { histogram } from "./_chart_data.ts";
 * const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN], 5);
 * if (JSON.stringify(h) !== '{"x0":0,"width":2,"counts":[2,2,2,2,3]}') throw new Error(JSON.stringify(h));
 * if (histogram([3, 3], 4)?.counts.join() !== "2,0,0,0") throw new Error();
 * ```
 */
export function histogram(values: ArrayLike<number>, bins?: number): Histogram | null {
  let lo = Infinity, hi = -Infinity, n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (n === 0) return null;
  const k = bins ?? Math.min(50, Math.max(10, Math.ceil(Math.sqrt(n))));
  const width = hi > lo ? (hi - lo) / k : Math.max(Math.abs(lo) * 1e-3, 1e-9);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[Math.min(k - 1, Math.floor((v - lo) / width))]++;
  }
  return { x0: lo, width, counts };
}

function forest(input: ReportInput): ChartData["forest"] {
  const plots = SEGMENTS.map((segment) => ({
    segment,
    rows: input.metrics
      .filter((r) =>
        r.segment === segment && r.lift !== null && Number.isFinite(r.lift) && liftCi(r) !== null
      )
      .map((r): ForestRow => {
        const ci = liftCi(r)!;
        return {
          label: rowLabel(r),
          lift: pct(r.lift!),
          lo: pct(ci[0]),
          hi: pct(ci[1]),
          dir: direction(ci),
        };
      }),
  })).filter((p) => p.rows.length > 0);
  return plots.length > 0 ? plots : null;
}

function segments(input: ReportInput): ChartData["segments"] {
  const charts = primaryMetrics(input).map((metric): SegmentBars => {
    const rows = SEGMENTS.flatMap((s) =>
      input.metrics.filter((r) => r.segment === s && baseMetric(r.metric) === metric)
    );
    return {
      metric,
      labels: rows.map((r) => r.segment),
      control: rows.map((r) => maybe(r.control)),
      test: rows.map((r) => maybe(r.test)),
    };
  }).filter((c) => c.labels.length > 0);
  return charts.length > 0 ? charts : null;
}

function power(p: ReportInput["power"]): ChartData["power"] {
  if (!p) return null;
  const curve = p.curve.filter((c) => c.n > 0 && Number.isFinite(c.mdeRel)).map((
    c,
  ): [number, number] => [r5(c.n), pct(c.mdeRel)]);
  if (curve.length === 0) return null;
  const ns = curve.map((c) => c[0]);
  const log = Math.max(...ns) / Math.min(...ns) > 20;
  return {
    curve,
    n: r5(p.n),
    mde: pct(p.mdeRel),
    target: pct(p.targetMde),
    needed: r5(p.usersNeeded),
    log,
  };
}

function bootstrap(input: ReportInput): ChartData["bootstrap"] {
  const b = input.bootstrap;
  const h = b ? histogram(b.replicates) : null;
  if (!b || !h) return null;
  const row = input.metrics.find((r) => r.metric === b.metric && r.segment === "overall") ??
    input.metrics.find((r) => r.metric === b.metric);
  const ci = row ? deltaCi(row) : null;
  const span = h.width * h.counts.length;
  const zero = h.x0 - span / 4 <= 0 && 0 <= h.x0 + span * 1.25;
  return {
    metric: b.metric,
    x0: r5(h.x0),
    width: r5(h.width),
    counts: h.counts,
    observed: r5(b.observed),
    ci: ci ? [r5(ci[0]), r5(ci[1])] : null,
    zero,
  };
}

function longTail(lt: ReportInput["longTail"]): ChartData["longTail"] {
  if (!lt || lt.buckets.length === 0) return null;
  return { buckets: lt.buckets, control: lt.control.map(pct), test: lt.test.map(pct) };
}

function oc(o: ReportInput["oc"]): ChartData["oc"] {
  if (!o || o.stated.length === 0) return null;
  return {
    admit: o.stated.map((p): [number, number] => [pct(p.lift), pct(p.admit)]),
    reject: o.stated.map((p): [number, number] => [pct(p.lift), pct(p.reject)]),
    threshold: pct(o.threshold),
    measured: (o.measured ?? []).map((m) => ({
      lift: pct(m.lift),
      admit: pct(m.admit.rate),
      admitLo: pct(m.admit.ci[0]),
      admitHi: pct(m.admit.ci[1]),
      reject: pct(m.reject.rate),
    })),
  };
}

/** The chart data of a report input. */
export function chartData(input: ReportInput): ChartData {
  return {
    arms: { control: input.arms.control.label, test: input.arms.test.label },
    forest: forest(input),
    segments: segments(input),
    srm: input.srm ? { expected: input.srm.expected, observed: input.srm.observed } : null,
    power: power(input.power),
    bootstrap: bootstrap(input),
    longTail: longTail(input.longTail),
    oc: oc(input.oc),
  };
}
