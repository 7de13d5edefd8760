/**
 * `per_user.parquet`: every eval user's metric values per arm, for notebooks.
 *
 * @module
 */
import { Engine, writeParquet } from "../../engine/mod.ts";
import { SEGMENTS } from "../../metrics/mod.ts";
import { ARMS, type RunResult } from "../run.ts";
import type { OutputFormat } from "./types.ts";
import { runMetadata } from "./portable.ts";
import { armRows } from "./_candidates.ts";

/**
 * Per-user values for notebooks: one row per (arm, eval user) with `user_id`,
 * `arm` and every metric (NULL where the user is not in the metric's segment).
 */
export function perUserColumns(result: RunResult): Record<string, number[] | string[]> {
  const cols: Record<string, number[] | string[]> = {
    user_id: [] as string[],
    arm: [] as string[],
  };
  const metricNames = SEGMENTS.flatMap((g) =>
    Object.keys(result.arms.control.evaluation.segments[g].perUser)
  );
  for (const m of metricNames) cols[m] = [];
  for (const name of ARMS) {
    const a = result.arms[name];
    const base = (cols.user_id as string[]).length;
    a.rows.forEach((row) => {
      (cols.user_id as string[]).push(result.dataset.userIds[result.holdout.evalUsers[row]]);
      (cols.arm as string[]).push(name);
      for (const m of metricNames) (cols[m] as number[]).push(NaN);
    });
    for (const g of SEGMENTS) {
      const seg = a.evaluation.segments[g];
      for (const [m, values] of Object.entries(seg.perUser)) {
        const col = cols[m] as number[];
        seg.rows.forEach((j, q) => (col[base + j] = values[q]));
      }
    }
  }
  return cols;
}

/** The format, as registered (written by the engine). */
export const perUserParquet: OutputFormat = {
  name: "per_user.parquet",
  doc:
    "Per (arm, eval user): user_id, arm and every metric (NULL outside its segment or where it has no value); key–value metadata: version, scenario hash, data fingerprint.",
  async write(ctx, path) {
    const db = await Engine.open({ threads: 1 }); // one small file: no thread pool to start
    try {
      const cols = ctx.candidates
        ? armRows(ctx.candidates, perUserColumns) as Record<string, number[] | string[]>
        : perUserColumns(ctx.result);
      await writeParquet(db, path, cols, {
        metadata: runMetadata(ctx.result),
      });
    } finally {
      db.close();
    }
  },
};
