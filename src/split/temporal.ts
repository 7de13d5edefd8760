/**
 * The global temporal split instant (PROTOCOL §2).
 *
 * @module
 */
import { nthSmallest } from "../stats/mod.ts";
import { ScenarioError } from "../errors.ts";

/** Split options as in a scenario's `split` section. */
export interface SplitOptions {
  /** Split instant as an ISO-8601 date/time (UTC when no offset). */
  date?: string;
  /** Fraction `q` in (0, 1): `T` = the `ceil(q·n)`-th largest timestamp. @default 0.2 */
  holdoutFraction?: number;
  /** Optional k-core applied before splitting. @default off */
  kCore?: number;
}

/**
 * `T` from `holdoutFraction = q`: the `ceil(q·n)`-th largest of the `n`
 * timestamps, so that at least a fraction `q` of rows have `ts >= T`.
 *
 * @example
 * ```ts
 * import { splitInstantFromFraction } from "./temporal.ts";
 * // n = 5, q = 0.3 → ceil(1.5) = 2nd largest = 40
 * const T = splitInstantFromFraction(new Float64Array([10, 50, 20, 40, 30]), 0.3);
 * if (T !== 40) throw new Error(String(T));
 * ```
 */
export function splitInstantFromFraction(ts: Float64Array, q: number): number {
  if (!(q > 0 && q < 1)) {
    throw new ScenarioError(`holdoutFraction must be in (0, 1), found ${q}`, {
      path: "split.holdoutFraction",
      hint: "use e.g. 0.2",
    });
  }
  const n = ts.length;
  if (n === 0) throw new ScenarioError("no interactions left to split", { path: "split" });
  const m = Math.ceil(q * n);
  return rankSelect(ts, n - m);
}

/**
 * The `r`-th smallest value (0-based) of `a`, without reordering or copying
 * `a`: a 65,536-bucket histogram over [min, max] finds the bucket holding rank
 * `r` (the bucket index is a monotone function of the value, so buckets are
 * ordered), and a quickselect runs on that bucket's values only. Two passes
 * over 35M timestamps instead of a 280 MB copy.
 *
 * @example
 * ```ts
 * import { rankSelect } from "./temporal.ts";
 * const a = new Float64Array([5, 1, 4, 2, 3, 3]);
 * if (rankSelect(a, 0) !== 1 || rankSelect(a, 3) !== 3 || rankSelect(a, 5) !== 5) throw new Error();
 * if (a.join() !== "5,1,4,2,3,3") throw new Error("a is untouched");
 * ```
 */
export function rankSelect(a: Float64Array, r: number): number {
  const n = a.length;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return min;
  const B = 65536;
  const scale = B / (max - min);
  const bucket = (v: number) => Math.min(B - 1, Math.floor((v - min) * scale));
  const count = new Float64Array(B);
  for (let i = 0; i < n; i++) count[bucket(a[i])]++;
  let b = 0, below = 0;
  while (below + count[b] <= r) below += count[b++];
  const inBucket = new Float64Array(count[b]);
  let j = 0;
  for (let i = 0; i < n; i++) if (bucket(a[i]) === b) inBucket[j++] = a[i];
  return nthSmallest(inBucket, r - below);
}

/** Parses `split.date` to Unix seconds. */
export function parseSplitDate(date: string): number {
  const hasZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(date);
  const iso = /^\d{4}-\d\d-\d\d$/.test(date) ? `${date}T00:00:00Z` : hasZone ? date : `${date}Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new ScenarioError(`split.date "${date}" is not an ISO-8601 date`, {
      path: "split.date",
      hint: 'write e.g. "2017-01-01" or "2017-01-01T12:00:00Z"',
    });
  }
  return ms / 1000;
}

/** Resolves `T` from the options: `date` wins, else `holdoutFraction` (default 0.2). */
export function splitInstant(ts: Float64Array, options: SplitOptions): number {
  if (options.date !== undefined) return parseSplitDate(options.date);
  return splitInstantFromFraction(ts, options.holdoutFraction ?? 0.2);
}
