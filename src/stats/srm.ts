/**
 * Sample ratio mismatch (SRM) check (PROTOCOL §6): Pearson's chi-square
 * goodness-of-fit of the users actually served per arm against the configured
 * weights. A flagged SRM means the arms' populations differ for a reason other
 * than chance (assignment bug, one arm failing to serve), so their metrics are
 * not comparable.
 *
 * @module
 */
import { chiSquareSf } from "./distributions.ts";

/** Options of {@link srmTest}. */
export interface SrmOptions {
  /** Flag when the p-value is below this level. @default 0.001 */
  srmAlpha?: number;
}

/** Result of {@link srmTest}. */
export interface SrmResult {
  /** Pearson statistic `Σ (O_i − E_i)² / E_i`. */
  chi2: number;
  /** Degrees of freedom: arms with a positive weight − 1. */
  df: number;
  /** Upper-tail p-value `P(χ²_df > chi2)`. */
  p: number;
  /** `p < srmAlpha`. */
  flagged: boolean;
  /** Expected users per arm, `E_i = N · w_i / Σw`. */
  expected: number[];
}

/**
 * Pearson chi-square goodness-of-fit of served users per arm against the
 * weights (normalised by their sum, so coverage does not matter). An arm with
 * weight 0 must have served no one (otherwise chi2 = ∞, p = 0). No users at
 * all, or a single arm, gives chi2 = 0, p = 1.
 *
 * @param observed users served per arm (non-negative integers)
 * @param weights configured arm weights, same length
 *
 * @example
 * ```ts
 * import { srmTest } from "./srm.ts";
 * // 4,500 / 5,500 on a 50/50 split: chi2 = 2·500²/5000 = 100, p = 1.52e-23 (scipy.stats.chisquare)
 * const r = srmTest([4500, 5500], [0.5, 0.5]);
 * if (r.chi2 !== 100 || !r.flagged || Math.abs(r.p / 1.5239706048320995e-23 - 1) > 1e-9) throw new Error(`${r.p}`);
 * if (srmTest([5000, 5000], [0.5, 0.5]).flagged) throw new Error();
 * ```
 */
export function srmTest(
  observed: readonly number[],
  weights: readonly number[],
  options: SrmOptions = {},
): SrmResult {
  const { srmAlpha = 0.001 } = options;
  if (!(srmAlpha > 0 && srmAlpha < 1)) {
    throw new RangeError(`srmAlpha must be in (0, 1), got ${srmAlpha}`);
  }
  if (observed.length !== weights.length) {
    throw new RangeError(`observed has ${observed.length} arms, weights has ${weights.length}`);
  }
  let total = 0, wSum = 0;
  observed.forEach((o, i) => {
    if (!(Number.isInteger(o) && o >= 0)) {
      throw new RangeError(`observed[${i}] must be a count ≥ 0, got ${o}`);
    }
    total += o;
  });
  weights.forEach((w, i) => {
    if (!(w >= 0 && Number.isFinite(w))) {
      throw new RangeError(`weights[${i}] must be ≥ 0, got ${w}`);
    }
    wSum += w;
  });
  if (!(wSum > 0)) throw new RangeError("weights must not all be 0");
  const expected = weights.map((w) => (total * w) / wSum);
  let chi2 = 0, df = -1;
  observed.forEach((o, i) => {
    if (weights[i] > 0) {
      df++;
      chi2 += (o - expected[i]) ** 2 / expected[i];
    } else if (o > 0) chi2 = Infinity;
  });
  df = Math.max(df, 0);
  if (chi2 === Infinity) return { chi2, df, p: 0, flagged: true, expected };
  if (total === 0 || df === 0) return { chi2: 0, df, p: 1, flagged: false, expected };
  const p = chiSquareSf(chi2, df);
  return { chi2, df, p, flagged: p < srmAlpha, expected };
}
