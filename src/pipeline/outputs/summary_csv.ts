/**
 * `summary.csv`: the comparison as a table, for spreadsheets.
 *
 * @module
 */
import type { MetricComparison } from "../../compare/mod.ts";
import type { RunResult } from "../run.ts";
import type { OutputFormat } from "./types.ts";

/** The columns after the values: each from a row of the comparison. */
const INTERVAL_COLUMNS: [string, (m: MetricComparison) => number | null | undefined][] = [
  ["delta_ci_low", (m) => m.ciBca?.[0]],
  ["delta_ci_high", (m) => m.ciBca?.[1]],
  ["lift_ci_low", (m) => m.liftCiBca?.[0]],
  ["lift_ci_high", (m) => m.liftCiBca?.[1]],
  ["p_value", (m) => m.pValue],
  ["p_holm", (m) => m.pValueHolm],
  ["control_ci_low", (m) => m.armIntervals?.control[0]],
  ["control_ci_high", (m) => m.armIntervals?.control[1]],
  ["test_ci_low", (m) => m.armIntervals?.test[0]],
  ["test_ci_high", (m) => m.armIntervals?.test[1]],
];

/**
 * `summary.csv`: one row per (segment, metric) with both arms, the
 * difference, the lift and the users; then the BCa intervals of Δ and of the
 * lift, the p-value and its Holm adjustment (gated metrics only), and each
 * arm's percentile interval. An empty cell has no value (e.g. no lift when
 * control is 0, an unbounded lift interval, Holm on an ungated metric).
 */
export function summaryCsv(result: RunResult): string {
  const head = ["segment,metric,control,test,delta,lift,n_control,n_test"]
    .concat(INTERVAL_COLUMNS.map(([name]) => name)).join(",");
  const cell = (v: unknown) =>
    v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))
      ? ""
      : String(v);
  const rows = result.comparison.metrics.map((m) =>
    [
      ...[m.segment, m.metric, m.control, m.test, m.delta, m.lift, m.nControl, m.nTest],
      ...INTERVAL_COLUMNS.map(([, f]) => f(m)),
    ].map(cell).join(",")
  );
  return [head, ...rows].join("\n") + "\n";
}

/**
 * `summary.csv` of a run with several candidates: a first column `candidate`,
 * then each candidate's rows of its own comparison with control.
 *
 * @example
 * ```ts ignore
 * const csv = candidatesSummaryCsv(candidates); // "candidate,segment,metric,control,test,…"
 * ```
 */
export function candidatesSummaryCsv(candidates: { name: string; result: RunResult }[]): string {
  const [head] = summaryCsv(candidates[0].result).split("\n");
  const rows = candidates.flatMap((c) =>
    summaryCsv(c.result).trimEnd().split("\n").slice(1).map((row) => `${c.name},${row}`)
  );
  return [`candidate,${head}`, ...rows].join("\n") + "\n";
}

/** The format, as registered. */
export const summaryCsvFormat: OutputFormat = {
  name: "summary.csv",
  doc:
    "One row per (segment, metric): both arms, the difference, the lift, users, the BCa intervals of Δ and lift, p and Holm-adjusted p, each arm's interval.",
  write: (ctx, path) =>
    Deno.writeTextFile(
      path,
      ctx.candidates ? candidatesSummaryCsv(ctx.candidates) : summaryCsv(ctx.result),
    ),
};
