/**
 * PROTOCOL §1 cleaning, in order, each step counted:
 * 1. drop rows with an empty `user_id`/`item_id` or an unparseable timestamp;
 * 2. non-numeric rating → 0, numeric → clipped to [0, 5] and rounded;
 * 3. duplicates of (user, item) keep the latest by timestamp (ties: last in file order).
 *
 * While the engine's rows arrive, each gets one byte of step-2 facts
 * ({@linkcode cleanFlags}); ids become dense codes (`id_codes.ts`, an empty
 * id is code −1) and an unparseable timestamp NaN. Steps 1 and 3 and all
 * the counts then run in one pass over the rows, user by user
 * (`sort_rows.ts`, `cleanSegments`).
 *
 * @module
 */
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

/** Bits of the cleaning byte: the rating after step 2 (0–5) is `flags & RATING`. */
export const FLAG = { RATING: 7, READ: 8, NON_NUMERIC: 16, CLIPPED: 32, ROUNDED: 64 } as const;

/**
 * The cleaning byte of a row from its raw rating `r` (NaN when missing or
 * non-numeric) and `isRead` (0/1): step 2's rating in bits 0–2 (a
 * non-numeric rating becomes 0; else clipped to [0, 5] and rounded half
 * up, which on [0, 5] is SQL's half away from zero), `isRead` in bit 3, and
 * whether step 2 found the rating non-numeric, clipped it or rounded it.
 *
 * @example
 * ```ts
 * import { cleanFlags, FLAG } from "./clean.ts";
 * if (cleanFlags(7, 1) !== (5 | FLAG.READ | FLAG.CLIPPED)) throw new Error();
 * if (cleanFlags(3.5, 0) !== (4 | FLAG.ROUNDED) || cleanFlags(NaN, 0) !== FLAG.NON_NUMERIC) throw new Error();
 * ```
 */
export function cleanFlags(r: number, isRead: number): number {
  const read = isRead ? FLAG.READ : 0;
  if (!Number.isFinite(r)) return FLAG.NON_NUMERIC | read;
  const c = r < 0 ? 0 : r > 5 ? 5 : r;
  const rounded = Math.round(c);
  return rounded | read | (c !== r ? FLAG.CLIPPED : 0) | (rounded !== c ? FLAG.ROUNDED : 0);
}

/** SQL of a `raw` row's rating for {@linkcode cleanFlags}: NaN when missing or non-numeric. */
export const CLEAN_RATING_SQL = "coalesce(r, 'NaN'::DOUBLE)";

/** SQL of the timestamp of a `raw` row: Unix seconds, NaN when missing or unparseable. */
export const CLEAN_TS_SQL = "coalesce(ts, 'NaN'::DOUBLE)";
