/**
 * Read-only helpers over the metric rows: which interval a row is judged by,
 * whether it excludes zero (the report's one significance rule), and which
 * rows are the gate's primary metric and guardrails. They pick and compare
 * values already computed upstream; nothing is estimated here.
 *
 * **The significance rule.** A row is significant when its interval excludes
 * 0: the lift's interval (`liftCiBca`, the gate's interval) when the row has a
 * lift, else the interval of Δ (the control's value is 0, so there is no
 * lift). At 0 the two agree by construction: the lift's interval is the set of
 * τ where the interval of `test − (1+τ)·control` contains 0, so it contains
 * τ = 0 exactly when the interval of Δ contains 0. The verdict, the cards, the
 * tables and the charts all call {@linkcode significance}.
 *
 * @module
 */
import type { Interval, ReportInput, ReportMetricRow } from "./types.ts";

/** Segments in display order. */
export const SEGMENTS = ["overall", "warm", "cold"] as const;

/** The sign of an interval that excludes zero: `1` above, `-1` below, `0` otherwise (or missing). */
export type Direction = -1 | 0 | 1;

/**
 * An interval with JSON's `null` (or NaN) bounds read as infinite: −∞ in
 * first place, +∞ in second; `null` stays `null`.
 *
 * @example
 * ```ts
 * import { bounds } from "./_rows.ts";
 * const b = bounds([0.5, null] as never)!;
 * if (b[0] !== 0.5 || b[1] !== Infinity || bounds(null) !== null) throw new Error();
 * if (bounds([null, null] as never)!.join() !== "-Infinity,Infinity") throw new Error();
 * ```
 */
export function bounds(ci: Interval | null | undefined): Interval | null {
  if (!ci) return null;
  const read = (x: unknown, missing: number) =>
    typeof x === "number" && !Number.isNaN(x) ? x : missing;
  return [read(ci[0], -Infinity), read(ci[1], Infinity)];
}

/**
 * `1` when `ci` lies above 0, `-1` below, else `0` (also when missing).
 *
 * @example
 * ```ts
 * import { direction } from "./_rows.ts";
 * if (direction([0.1, 0.3]) !== 1 || direction([-0.3, -0.1]) !== -1 || direction([-0.1, 0.1]) !== 0 || direction(null) !== 0) throw new Error();
 * if (direction([0.2, Infinity]) !== 1 || direction([0, 0.3]) !== 0) throw new Error();
 * ```
 */
export function direction(ci: Interval | null | undefined): Direction {
  const b = bounds(ci);
  if (!b) return 0;
  if (b[0] > 0) return 1;
  if (b[1] < 0) return -1;
  return 0;
}

/**
 * The interval of Δ: BCa, else percentile.
 *
 * @example
 * ```ts
 * import { deltaCi } from "./_rows.ts";
 * const row = { ciBca: null, ciPercentile: [0.1, 0.2] } as unknown as Parameters<typeof deltaCi>[0];
 * if (deltaCi(row)?.[0] !== 0.1) throw new Error();
 * ```
 */
export function deltaCi(row: ReportMetricRow): Interval | null {
  return bounds(row.ciBca ?? row.ciPercentile);
}

/** True when the row has a finite lift (its control value is not 0). */
export function hasLift(row: ReportMetricRow): boolean {
  return typeof row.lift === "number" && Number.isFinite(row.lift);
}

/** The interval of the lift: the gate's (BCa by test inversion), else percentile; null without a lift. */
export function liftCi(row: ReportMetricRow): Interval | null {
  return hasLift(row) ? bounds(row.liftCiBca ?? row.liftCiPercentile) : null;
}

/** The interval a row is judged by, and on which scale. */
export interface RowInterval {
  scale: "lift" | "delta";
  ci: Interval;
}

/**
 * The row's interval: of the lift when it has one, else of Δ; null when the
 * row has neither (no bootstrap).
 *
 * @example
 * ```ts
 * import { rowInterval } from "./_rows.ts";
 * const row = { lift: null, liftCiBca: null, liftCiPercentile: null, ciBca: [0.001, 0.004], ciPercentile: null };
 * if (rowInterval(row as never)?.scale !== "delta") throw new Error();
 * const lifted = { ...row, lift: 0.2, liftCiBca: [0.05, null] };
 * if (rowInterval(lifted as never)?.ci[1] !== Infinity) throw new Error();
 * ```
 */
export function rowInterval(row: ReportMetricRow): RowInterval | null {
  const lift = liftCi(row);
  if (lift) return { scale: "lift", ci: lift };
  const delta = deltaCi(row);
  return delta ? { scale: "delta", ci: delta } : null;
}

/**
 * The report's one significance rule: the direction of the row's interval
 * (see the module doc). `0` = not significant.
 *
 * @example
 * ```ts
 * import { significance } from "./_rows.ts";
 * const base = { ciBca: [-0.001, 0.01], ciPercentile: null, liftCiPercentile: null };
 * if (significance({ ...base, lift: 0.1, liftCiBca: [0.01, 0.3] } as never) !== 1) throw new Error();
 * if (significance({ ...base, lift: 0.1, liftCiBca: [-0.1, 0.3] } as never) !== 0) throw new Error();
 * if (significance({ ...base, lift: null, liftCiBca: null, ciBca: [0.001, 0.01] } as never) !== 1) throw new Error();
 * ```
 */
export function significance(row: ReportMetricRow): Direction {
  return direction(rowInterval(row)?.ci);
}

/**
 * A metric name without its segment prefix (`ColdRecall@10` → `Recall@10`).
 *
 * @example
 * ```ts
 * import { baseMetric } from "./_rows.ts";
 * if (baseMetric("ColdRecall@10") !== "Recall@10" || baseMetric("WarmNDCG@10") !== "NDCG@10" || baseMetric("Coldness") !== "Coldness") throw new Error();
 * ```
 */
export function baseMetric(metric: string): string {
  return metric.replace(/^(?:Warm|Cold)(?=[A-Z])/, "");
}

/**
 * The gate's primary metric: as configured, else the OC's, else the
 * bootstrapped one, else the first gated row's, else the first row's.
 *
 * @example
 * ```ts
 * import { primaryMetric } from "./_rows.ts";
 * const metrics = [{ metric: "HitRate@10", gated: false }, { metric: "ColdNDCG@10", gated: true }];
 * if (primaryMetric({ metrics, bootstrap: null } as never) !== "ColdNDCG@10") throw new Error();
 * const gate = { primary: { metric: "HitRate@10" } };
 * if (primaryMetric({ metrics, bootstrap: null, gate } as never) !== "HitRate@10") throw new Error();
 * ```
 */
export function primaryMetric(
  input: Pick<ReportInput, "metrics" | "bootstrap" | "gate" | "oc">,
): string | null {
  return input.gate?.primary.metric ?? input.oc?.metric ?? input.bootstrap?.metric ??
    input.metrics.find((r) => r.gated)?.metric ?? input.metrics[0]?.metric ?? null;
}

/** The row of a metric name (names are unique across segments: `ColdNDCG@10`). */
export function rowOf(input: Pick<ReportInput, "metrics">, metric: string): ReportMetricRow | null {
  return input.metrics.find((r) => r.metric === metric) ?? null;
}

/** The guardrails' rows with their thresholds (rows missing from the input are skipped). */
export function guardrailRows(
  input: Pick<ReportInput, "metrics" | "gate">,
): { row: ReportMetricRow; threshold: number }[] {
  return (input.gate?.guardrails ?? []).flatMap((g) => {
    const row = rowOf(input, g.metric);
    return row ? [{ row, threshold: g.threshold }] : [];
  });
}

/** A row's label in cross-segment charts: the metric, with the segment when the name lacks it. */
export function rowLabel(row: ReportMetricRow): string {
  if (row.segment === "overall" || baseMetric(row.metric) !== row.metric) return row.metric;
  return `${row.metric} (${row.segment})`;
}
