/**
 * Binomial tail probabilities and the Clopper–Pearson ("exact") interval of a
 * proportion: for x successes in n trials at two-sided level 1 − a, the lower
 * bound p_L solves `P(X ≥ x | p_L) = a/2` (0 when x = 0) and the upper bound
 * p_U solves `P(X ≤ x | p_U) = a/2` (1 when x = n) — the interval
 * `scipy.stats.binomtest(x, n).proportion_ci(method="exact")` gives.
 *
 * @module
 */
import { logGamma } from "./_gamma.ts";

/**
 * `P(X ≤ k)` for X ~ Binomial(n, p), summed over log-space terms.
 *
 * @example
 * ```ts
 * import { binomialCdf } from "./binomial.ts";
 * // P(X ≤ 1) for n = 3, p = 0.5: (1 + 3) / 8
 * if (Math.abs(binomialCdf(1, 3, 0.5) - 0.5) > 1e-15) throw new Error();
 * ```
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const lp = Math.log(p), lq = Math.log1p(-p), lnf = logGamma(n + 1);
  let s = 0;
  for (let i = 0; i <= k; i++) {
    s += Math.exp(lnf - logGamma(i + 1) - logGamma(n - i + 1) + i * lp + (n - i) * lq);
  }
  return Math.min(1, s);
}

/**
 * Clopper–Pearson interval of x successes in n trials (bisection to 1e-12).
 *
 * @example
 * ```ts
 * import { clopperPearson } from "./binomial.ts";
 * // scipy.stats.binomtest(5, 200).proportion_ci(method="exact"): (0.0081661662, 0.0573743511)
 * const [lo, hi] = clopperPearson(5, 200);
 * if (Math.abs(lo - 0.0081661662) > 1e-9 || Math.abs(hi - 0.0573743511) > 1e-9) throw new Error(`${lo} ${hi}`);
 * ```
 */
export function clopperPearson(x: number, n: number, confidence = 0.95): [number, number] {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) {
    throw new RangeError(`x must be an integer in [0, ${n}], got ${x}`);
  }
  const a = (1 - confidence) / 2;
  // P(X ≥ x | p) rises with p; P(X ≤ x | p) falls with p.
  const lo = x === 0 ? 0 : solve((p) => 1 - binomialCdf(x - 1, n, p) - a, true);
  const hi = x === n ? 1 : solve((p) => binomialCdf(x, n, p) - a, false);
  return [lo, hi];
}

function solve(f: (p: number) => number, increasing: boolean): number {
  let lo = 0, hi = 1;
  for (let it = 0; it < 100 && hi - lo > 1e-13; it++) {
    const mid = (lo + hi) / 2;
    if ((f(mid) < 0) === increasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
