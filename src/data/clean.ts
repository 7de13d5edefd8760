/**
 * PROTOCOL §1 cleaning, in order, each step counted:
 * 1. drop rows with an empty `user_id`/`item_id` or an unparseable timestamp;
 * 2. non-numeric rating → 0, numeric → clipped to [0, 5] and rounded;
 * 3. duplicates of (user, item) keep the latest by timestamp (ties: last in file order).
 *
 * Step 3 runs after dense ids are assigned and the rows are sorted
 * (`dataset.ts`, `dedupeSorted`): the last row of each (user, item) in
 * (ts, file position) order is kept.
 *
 * @module
 */
import type { Engine } from "../engine/mod.ts";
import type { DataReport } from "./types.ts";

/** Counts of the cleaning steps (the data report's fields of the same names). */
export type CleanStats = Pick<
  DataReport,
  | "droppedEmptyId"
  | "droppedBadTimestamp"
  | "ratingNonNumeric"
  | "ratingClipped"
  | "ratingRounded"
  | "duplicatesRemoved"
  | "rowsKept"
>;

/**
 * Steps 1–2: counts over the view `raw`, and the view `step(rn, user_id,
 * item_id, ts, rating, is_read)` of the rows kept (a view, so that 35M-row
 * sources are not held twice in memory). `rowsStep` is the number of rows of
 * `step` (before step 3).
 */
export async function cleanRaw(
  db: Engine,
): Promise<Omit<CleanStats, "duplicatesRemoved" | "rowsKept"> & { rowsStep: number }> {
  const s = (await db.row<Record<string, bigint>>(`SELECT
      count(*) FILTER (ok AND (coalesce(user_id, '') = '' OR coalesce(item_id, '') = ''))::BIGINT AS empty_id,
      count(*) FILTER (ok AND user_id <> '' AND item_id <> '' AND (ts IS NULL OR NOT isfinite(ts)))::BIGINT AS bad_ts,
      count(*) FILTER (keep AND (r IS NULL OR NOT isfinite(r)))::BIGINT AS non_numeric,
      count(*) FILTER (keep AND isfinite(r) AND (r < 0 OR r > 5))::BIGINT AS clipped,
      count(*) FILTER (keep AND isfinite(r) AND least(greatest(r, 0), 5) <> round(least(greatest(r, 0), 5)))::BIGINT AS rounded,
      count(*) FILTER (keep)::BIGINT AS kept
    FROM (SELECT *, ${KEEP} AS keep FROM raw)`))!;
  await db.run(`CREATE OR REPLACE VIEW step AS SELECT rn, user_id, item_id, ts,
      (CASE WHEN r IS NULL OR NOT isfinite(r) THEN 0 ELSE round(least(greatest(r, 0), 5)) END)::UTINYINT AS rating,
      is_read
    FROM raw WHERE ${KEEP}`);
  return {
    droppedEmptyId: Number(s.empty_id),
    droppedBadTimestamp: Number(s.bad_ts),
    ratingNonNumeric: Number(s.non_numeric),
    ratingClipped: Number(s.clipped),
    ratingRounded: Number(s.rounded),
    rowsStep: Number(s.kept),
  };
}

const KEEP = "ok AND user_id <> '' AND item_id <> '' AND isfinite(ts)";
