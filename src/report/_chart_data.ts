/**
 * The data embedded for the page's charts: input values picked, rescaled to
 * percent where the chart shows percent, rounded to 5 significant digits, and
 * their value labels formatted here with the same formatters as the tables;
 * bootstrap replicates are binned here into a histogram, so no replicate list
 * is embedded. Axis ranges are chosen here so that every value is on the
 * chart (a display choice: nothing is estimated).
 *
 * @module
 */
import { fmtFixed, fmtInt, fmtPct, fmtSigned, roundSig } from "./_format.ts";
import { liftAxis } from "./_cibar.ts";
import {
  baseMetric,
  deltaCi,
  hasLift,
  primaryMetric,
  rowInterval,
  rowLabel,
  SEGMENTS,
} from "./_rows.ts";
import { fmtThreshold, rowDecimals, rowText, type Tone, tone } from "./_row_text.ts";
import type { Interval, ReportInput } from "./types.ts";

/** One forest-plot row: lift and its interval in percent (`null`: no limit on that side). */
export interface ForestRow {
  metric: string;
  /** Category label lines: the metric, then its lift. */
  label: string[];
  lift: number;
  lo: number | null;
  hi: number | null;
  tone: Tone;
  /** The interval as the tables print it. */
  ci: string;
}

/** Histogram bins of equal width starting at `x0`. */
export interface Histogram {
  x0: number;
  width: number;
  counts: number[];
}

/** One segment's control and test values of a metric, with their labels. */
export interface SegmentBars {
  segment: string;
  metric: string;
  values: [number, number];
  labels: [string, string];
}

/** Everything the page script draws; `null` means the panel shows a note instead. */
export interface ChartData {
  arms: { control: string; test: string };
  /**
   * One forest plot per segment that has rows with a lift, on one lift axis
   * (percent; `log`: logarithmic in 1 + lift); `noLift` names the segment's
   * metrics whose control value is 0.
   */
  forest:
    | {
      segment: string;
      axis: { log: boolean; min: number; max: number };
      rows: ForestRow[];
      noLift: string[];
    }[]
    | null;
  /** The primary metric per segment, one chart each (each on its own scale). */
  segments: SegmentBars[] | null;
  srm: { expected: [number, number]; observed: [number, number]; labels: string[] } | null;
  /** MDE in percent against users per arm, on log–log axes that include the target and needed n. */
  power: {
    curve: [number, number][];
    n: number;
    mde: number;
    target: number;
    needed: number;
    x: [number, number];
    y: [number, number];
    labels: { now: string; needed: string };
  } | null;
  bootstrap:
    | (Histogram & {
      metric: string;
      observed: number;
      ci: Interval | null;
      zero: boolean;
      labels: { observed: string; ci: string };
    })
    | null;
  /** Shares of recommended slots in percent. */
  longTail: { buckets: string[]; control: number[]; test: number[] } | null;
  /** The gate's OC in percent: stated curves as [lift, P] and measured points with intervals. */
  oc: {
    admit: [number, number][];
    reject: [number, number][];
    threshold: number;
    /** The threshold as the verdict prints it. */
    thresholdLabel: string;
    measured: { lift: number; admit: number; admitLo: number; admitHi: number; reject: number }[];
  } | null;
}

const r5 = (x: number) => roundSig(x, 5);
const pct = (x: number) => roundSig(x * 100, 5);
const pctOrNull = (x: number) => (Number.isFinite(x) ? pct(x) : null);

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
  const plots = SEGMENTS.map((segment) => {
    const rows = input.metrics.filter((r) => r.segment === segment);
    const lifted = rows.filter((r) => rowInterval(r)?.scale === "lift");
    const axis = liftAxis(lifted.map((r) => [r.lift!, ...rowInterval(r)!.ci]));
    return {
      segment,
      axis: { log: axis.log, min: pct(axis.min), max: pct(axis.max) },
      rows: lifted.map((r): ForestRow => {
        const t = rowText(input, r);
        const ci = rowInterval(r)!.ci;
        return {
          metric: r.metric,
          label: [rowLabel(r), t.change],
          lift: pct(r.lift!),
          lo: pctOrNull(ci[0]),
          hi: pctOrNull(ci[1]),
          tone: tone(r.metric, t.dir),
          ci: t.interval,
        };
      }),
      noLift: rows.filter((r) => !hasLift(r)).map((r) => r.metric),
    };
  }).filter((p) => p.rows.length > 0 || p.noLift.length > 0);
  return plots.some((p) => p.rows.length > 0) ? plots : null;
}

function segments(input: ReportInput): ChartData["segments"] {
  const name = primaryMetric(input);
  if (!name) return null;
  const base = baseMetric(name);
  const charts = SEGMENTS.flatMap((segment): SegmentBars[] => {
    const row = input.metrics.find((r) => r.segment === segment && baseMetric(r.metric) === base);
    if (!row || row.control === null || row.test === null) return [];
    const dec = rowDecimals(input, row);
    return [{
      segment,
      metric: row.metric,
      values: [r5(row.control), r5(row.test)],
      labels: [fmtFixed(row.control, dec), fmtFixed(row.test, dec)],
    }];
  });
  return charts.length > 0 ? charts : null;
}

function power(input: ReportInput): ChartData["power"] {
  const p = input.power;
  if (!p) return null;
  const curve = p.curve.filter((c) => c.n > 0 && Number.isFinite(c.mdeRel) && c.mdeRel > 0).map((
    c,
  ): [number, number] => [r5(c.n), pct(c.mdeRel)]);
  if (curve.length === 0 || !(p.targetMde > 0)) return null;
  const xs = [...curve.map((c) => c[0]), p.n, p.usersNeeded].filter((x) => x > 0);
  const ys = [...curve.map((c) => c[1]), pct(p.mdeRel), pct(p.targetMde)].filter((y) => y > 0);
  const perArm = input.mode.type === "ab" ? " per arm" : "";
  return {
    curve,
    n: r5(p.n),
    mde: pct(p.mdeRel),
    target: pct(p.targetMde),
    needed: r5(p.usersNeeded),
    x: [r5(Math.min(...xs) / 1.5), r5(Math.max(...xs) * 1.5)],
    y: [r5(Math.min(...ys) / 1.5), r5(Math.max(...ys) * 1.5)],
    labels: {
      now: `now: ${fmtInt(p.n)} users${perArm} → MDE ${fmtPct(p.mdeRel)}`,
      needed: `target ${fmtPct(p.targetMde)} → ${fmtInt(p.usersNeeded)} users${perArm}`,
    },
  };
}

function bootstrap(input: ReportInput): ChartData["bootstrap"] {
  const b = input.bootstrap;
  const h = b ? histogram(b.replicates) : null;
  if (!b || !h) return null;
  const row = input.metrics.find((r) => r.metric === b.metric);
  const ci = row ? deltaCi(row) : null;
  const finiteCi = ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : null;
  const span = h.width * h.counts.length;
  const zero = h.x0 - span / 4 <= 0 && 0 <= h.x0 + span * 1.25;
  const dec = row ? rowDecimals(input, row) : 4;
  const fmt = (x: number) => fmtFixed(x, dec, true);
  return {
    metric: b.metric,
    x0: r5(h.x0),
    width: r5(h.width),
    counts: h.counts,
    observed: r5(b.observed),
    ci: finiteCi ? [r5(finiteCi[0]), r5(finiteCi[1])] : null,
    zero,
    labels: {
      observed: `observed Δ ${fmtSigned(b.observed)}`,
      ci: finiteCi ? `interval [${fmt(finiteCi[0])}, ${fmt(finiteCi[1])}]` : "",
    },
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
    thresholdLabel: `threshold ${fmtThreshold(o.threshold)}`,
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
  const srm = input.srm;
  return {
    arms: { control: input.arms.control.label, test: input.arms.test.label },
    forest: forest(input),
    segments: segments(input),
    srm: srm
      ? { expected: srm.expected, observed: srm.observed, labels: srm.observed.map(fmtInt) }
      : null,
    power: power(input),
    bootstrap: bootstrap(input),
    longTail: longTail(input.longTail),
    oc: oc(input.oc),
  };
}
