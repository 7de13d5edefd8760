/**
 * `per_user.parquet`: every eval user's metric values per arm, for notebooks.
 *
 * @module
 */
import { SEGMENTS } from "../../metrics/mod.ts";
import { ARMS, type RunResult } from "../run.ts";
import type { OutputFormat } from "./types.ts";
import { writeArmsParquet } from "./_candidates.ts";

/**
 * Per-user values for notebooks: one row per (arm, eval user) with `user_id`,
 * `arm` and every metric (NULL where the user is not in the metric's segment).
 */
export function perUserColumns(
  result: RunResult,
): Record<string, Float64Array | string[]> {
  const rows = ARMS.reduce((n, name) => n + result.arms[name].rows.length, 0);
  const userId: string[] = new Array(rows);
  const arm: string[] = new Array(rows);
  const cols: Record<string, Float64Array | string[]> = { user_id: userId, arm };
  const metricNames = SEGMENTS.flatMap((g) =>
    Object.keys(result.arms.control.evaluation.segments[g].perUser)
  );
  for (const m of metricNames) cols[m] = new Float64Array(rows).fill(NaN);
  let base = 0;
  for (const name of ARMS) {
    const a = result.arms[name];
    a.rows.forEach((row, j) => {
      userId[base + j] = result.dataset.userIds[result.holdout.evalUsers[row]];
      arm[base + j] = name;
    });
    for (const g of SEGMENTS) {
      const seg = a.evaluation.segments[g];
      for (const [m, values] of Object.entries(seg.perUser)) {
        const col = cols[m] as Float64Array;
        const at = seg.rows;
        for (let q = 0; q < at.length; q++) col[base + at[q]] = values[q];
      }
    }
    base += a.rows.length;
  }
  return cols;
}

/** The format, as registered (written by the engine). */
export const perUserParquet: OutputFormat = {
  name: "per_user.parquet",
  doc:
    "Per (arm, eval user): user_id, arm and every metric (NULL outside its segment or where it has no value); key–value metadata: version, scenario hash, data fingerprint.",
  write: (ctx, path) => writeArmsParquet(ctx, path, perUserColumns),
};
