/**
 * Read-only helpers over the metric rows: which interval to show, whether it
 * excludes zero, and which metrics are primary. They pick and compare values
 * already computed upstream; nothing is estimated here.
 *
 * @module
 */
import type { Interval, ReportInput, ReportMetricRow } from "./types.ts";

/** Segments in display order. */
export const SEGMENTS = ["overall", "warm", "cold"] as const;

/** The sign of an interval that excludes zero: `1` above, `-1` below, `0` otherwise (or missing). */
export type Direction = -1 | 0 | 1;

/**
 * `1` when `ci` lies above 0, `-1` below, else `0`.
 *
 * @example
 * ```ts
 * import { direction } from "./_rows.ts";
 * if (direction([0.1, 0.3]) !== 1 || direction([-0.3, -0.1]) !== -1 || direction([-0.1, 0.1]) !== 0 || direction(null) !== 0) throw new Error();
 * ```
 */
export function direction(ci: Interval | null | undefined): Direction {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 0;
  if (ci[0] > 0) return 1;
  if (ci[1] < 0) return -1;
  return 0;
}

/**
 * The interval of the difference used for colouring: BCa, else percentile.
 *
 * @example
 * ```ts
 * import { deltaCi } from "./_rows.ts";
 * const row = { ciBca: null, ciPercentile: [0.1, 0.2] } as unknown as Parameters<typeof deltaCi>[0];
 * if (deltaCi(row)?.[0] !== 0.1) throw new Error();
 * ```
 */
export function deltaCi(row: ReportMetricRow): Interval | null {
  return row.ciBca ?? row.ciPercentile;
}

/** The interval of the lift shown in the forest plot: BCa, else percentile. */
export function liftCi(row: ReportMetricRow): Interval | null {
  return row.liftCiBca ?? row.liftCiPercentile;
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
 * Base names of the primary metrics (at most `max`): the gated ones, else the
 * bootstrapped one, else the first row's.
 *
 * @example
 * ```ts
 * import { primaryMetrics } from "./_rows.ts";
 * const input = { bootstrap: null, metrics: [{ metric: "HitRate@10", gated: false }, { metric: "ColdNDCG@10", gated: true }] };
 * if (primaryMetrics(input as never).join() !== "NDCG@10") throw new Error();
 * ```
 */
export function primaryMetrics(
  input: Pick<ReportInput, "metrics" | "bootstrap">,
  max = 3,
): string[] {
  const gated = [...new Set(input.metrics.filter((r) => r.gated).map((r) => baseMetric(r.metric)))];
  if (gated.length > 0) return gated.slice(0, max);
  if (input.bootstrap) return [baseMetric(input.bootstrap.metric)];
  return input.metrics.length > 0 ? [baseMetric(input.metrics[0].metric)] : [];
}

/** A row's label in cross-segment charts: the metric, with the segment when the name lacks it. */
export function rowLabel(row: ReportMetricRow): string {
  if (row.segment === "overall" || baseMetric(row.metric) !== row.metric) return row.metric;
  return `${row.metric} (${row.segment})`;
}
