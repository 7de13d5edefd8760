/**
 * Holm's step-down correction for a family of p-values (Holm 1979).
 *
 * @module
 */

/**
 * Holm-adjusted p-values, in the input order: with p sorted ascending,
 * `p̃_(j) = max_{i ≤ j} min(1, (m − i + 1) · p_(i))` for m p-values.
 * Reject hypothesis j at level α when `p̃_j < α`; controls the family-wise
 * error rate. Adjusted values are monotone in p and capped at 1. Ties keep
 * their input order (stable sort), which does not change the result.
 *
 * @throws {RangeError} naming the first p-value that is not in [0, 1]
 *
 * @example
 * ```ts
 * import { holm } from "./holm.ts";
 * // sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005, 3·0.01, 2·0.03, max(0.06, 1·0.04)
 * const adj = holm([0.01, 0.04, 0.03, 0.005]);
 * const want = [0.03, 0.06, 0.06, 0.02];
 * if (!want.every((w, i) => Math.abs(adj[i] - w) < 1e-15)) throw new Error(adj.join());
 * ```
 */
export function holm(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] must be in [0, 1], got ${p}`);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Float64Array(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
    adjusted[idx] = running;
  });
  return adjusted;
}
