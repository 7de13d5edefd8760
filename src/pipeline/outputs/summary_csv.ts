/**
 * `summary.csv`: the comparison as a table, for spreadsheets.
 *
 * @module
 */
import type { RunResult } from "../run.ts";
import type { OutputFormat } from "./types.ts";

/** `summary.csv`: one row per (segment, metric) with both arms and the difference. */
export function summaryCsv(result: RunResult): string {
  const head = "segment,metric,control,test,delta,lift,n_control,n_test";
  const rows = result.comparison.metrics.map((m) =>
    [m.segment, m.metric, m.control, m.test, m.delta, m.lift, m.nControl, m.nTest].map((v) =>
      typeof v === "number" && !Number.isFinite(v) ? "" : String(v)
    ).join(",")
  );
  return [head, ...rows].join("\n") + "\n";
}

/** The format, as registered. */
export const summaryCsvFormat: OutputFormat = {
  name: "summary.csv",
  doc: "One row per (segment, metric): both arms, the difference, the lift, users.",
  write: (ctx, path) => Deno.writeTextFile(path, summaryCsv(ctx.result)),
};
