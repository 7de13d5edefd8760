/**
 * PROTOCOL §1 cleaning, in order, each step counted:
 * 1. drop rows with an empty `user_id`/`item_id` or an unparseable timestamp;
 * 2. non-numeric rating → 0, numeric → clipped to [0, 5] and rounded;
 * 3. duplicates of (user, item) keep the latest by timestamp (ties: last in file order).
 *
 * Timestamps are parsed as Goodreads `Wed Mar 29 00:12:52 -0700 2017`, ISO-8601
 * (UTC when no offset is given) or Unix seconds.
 *
 * @module
 */
import type { Engine } from "../engine/mod.ts";

/** Counts of the cleaning steps. */
export interface CleanStats {
  droppedEmptyId: number;
  droppedBadTimestamp: number;
  ratingNonNumeric: number;
  ratingClipped: number;
  ratingRounded: number;
  duplicatesRemoved: number;
  rowsKept: number;
}

/** SQL expression parsing a timestamp string to Unix seconds (DOUBLE), NULL when unparseable. */
export const TIMESTAMP_SQL = (x: string) =>
  `coalesce(epoch(try_strptime(${x}, '%a %b %d %H:%M:%S %z %Y')),
     epoch(try_cast(${x} AS TIMESTAMPTZ)), try_cast(${x} AS DOUBLE))`;

/** Cleans table `raw` into table `clean(user_id, item_id, ts, rating, is_read, rn)`. */
export async function cleanRaw(db: Engine): Promise<CleanStats> {
  await db.run(`CREATE OR REPLACE TEMP TABLE step1 AS SELECT rn,
      trim(coalesce(user_id, '')) AS user_id, trim(coalesce(item_id, '')) AS item_id,
      ${TIMESTAMP_SQL("trim(ts_raw)")} AS ts,
      try_cast(trim(rating_raw) AS DOUBLE) AS r,
      CASE WHEN lower(trim(coalesce(is_read_raw, ''))) IN ('true', '1', 't', 'yes', 'y') THEN 1 ELSE 0 END
        ::UTINYINT AS is_read
    FROM raw`);
  await db.run("DROP TABLE raw");
  const s1 = await db.row<Record<string, number>>(`SELECT
      count(*) FILTER (user_id = '' OR item_id = '')::INTEGER AS empty_id,
      count(*) FILTER (user_id <> '' AND item_id <> '' AND (ts IS NULL OR NOT isfinite(ts)))::INTEGER AS bad_ts
    FROM step1`);
  await db.run(`CREATE OR REPLACE TEMP TABLE step2 AS SELECT rn, user_id, item_id, ts, is_read, r,
      CASE WHEN r IS NULL OR NOT isfinite(r) THEN NULL ELSE least(greatest(r, 0), 5) END AS rc
    FROM step1 WHERE user_id <> '' AND item_id <> '' AND ts IS NOT NULL AND isfinite(ts)`);
  await db.run("DROP TABLE step1");
  const s2 = await db.row<Record<string, number>>(`SELECT
      count(*) FILTER (rc IS NULL)::INTEGER AS non_numeric,
      count(*) FILTER (rc IS NOT NULL AND rc <> r)::INTEGER AS clipped,
      count(*) FILTER (rc IS NOT NULL AND rc <> round(rc))::INTEGER AS rounded
    FROM step2`);
  await db.run(`CREATE OR REPLACE TEMP TABLE clean AS SELECT user_id, item_id, ts,
      coalesce(round(rc), 0)::UTINYINT AS rating, is_read, rn
    FROM step2
    QUALIFY row_number() OVER (PARTITION BY user_id, item_id ORDER BY ts DESC, rn DESC) = 1`);
  const n2 = await db.row<{ a: number; b: number }>(
    "SELECT (SELECT count(*) FROM step2)::INTEGER AS a, (SELECT count(*) FROM clean)::INTEGER AS b",
  );
  await db.run("DROP TABLE step2");
  return {
    droppedEmptyId: s1!.empty_id,
    droppedBadTimestamp: s1!.bad_ts,
    ratingNonNumeric: s2!.non_numeric,
    ratingClipped: s2!.clipped,
    ratingRounded: s2!.rounded,
    duplicatesRemoved: n2!.a - n2!.b,
    rowsKept: n2!.b,
  };
}
