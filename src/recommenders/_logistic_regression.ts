/**
 * L2-regularised logistic regression solved by Newton's method, for
 * `hybrid`'s weight fit.
 *
 * @module
 */

/**
 * Logistic regression `P(y = 1 | x) = σ(b + Σ_f β_f·x_f)` minimising the
 * negative log-likelihood + `l2/2·‖β‖²` (the intercept `b` is not penalised),
 * by Newton's method (IRLS) from zero; returns `[β_0..β_{F−1}, b]`.
 * `X` is row-major `n × F`.
 *
 * @example
 * ```ts
 * import { logisticRegression } from "./_logistic_regression.ts";
 * // y = 1 exactly when x = 1: the slope is positive
 * const beta = logisticRegression(Float64Array.of(0, 0, 1, 1), Uint8Array.of(0, 0, 1, 1), 1, 1);
 * if (!(beta[0] > 0 && beta[1] < 0)) throw new Error(String(beta));
 * ```
 */
export function logisticRegression(
  X: Float64Array,
  y: Uint8Array,
  F: number,
  l2: number,
  maxIter = 50,
): Float64Array {
  const n = y.length, D = F + 1;
  const beta = new Float64Array(D);
  const g = new Float64Array(D), H = new Float64Array(D * D), row = new Float64Array(D);
  for (let it = 0; it < maxIter; it++) {
    g.fill(0);
    H.fill(0);
    for (let r = 0; r < n; r++) {
      for (let f = 0; f < F; f++) row[f] = X[r * F + f];
      row[F] = 1;
      let z = 0;
      for (let f = 0; f < D; f++) z += beta[f] * row[f];
      const p = 1 / (1 + Math.exp(-z));
      const wgt = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < D; a++) {
        g[a] += (p - y[r]) * row[a];
        for (let b = 0; b <= a; b++) H[a * D + b] += wgt * row[a] * row[b];
      }
    }
    for (let a = 0; a < F; a++) {
      g[a] += l2 * beta[a];
      H[a * D + a] += l2;
    }
    H[F * D + F] += 1e-9;
    for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) H[b * D + a] = H[a * D + b];
    const step = solve(H, g, D);
    let change = 0;
    for (let f = 0; f < D; f++) {
      beta[f] -= step[f];
      change = Math.max(change, Math.abs(step[f]));
    }
    if (change < 1e-9) break;
  }
  return beta;
}

/** Solves `A x = b` (A symmetric positive definite, D×D) by Gaussian elimination with pivoting. */
function solve(A: Float64Array, b: Float64Array, D: number): Float64Array {
  const m = Float64Array.from(A), x = Float64Array.from(b);
  for (let c = 0; c < D; c++) {
    let piv = c;
    for (let r = c + 1; r < D; r++) if (Math.abs(m[r * D + c]) > Math.abs(m[piv * D + c])) piv = r;
    if (piv !== c) {
      for (let k = 0; k < D; k++) [m[c * D + k], m[piv * D + k]] = [m[piv * D + k], m[c * D + k]];
      [x[c], x[piv]] = [x[piv], x[c]];
    }
    const d = m[c * D + c] || 1e-12;
    for (let r = c + 1; r < D; r++) {
      const f = m[r * D + c] / d;
      if (f === 0) continue;
      for (let k = c; k < D; k++) m[r * D + k] -= f * m[c * D + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = D - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < D; k++) s -= m[c * D + k] * x[k];
    x[c] = s / (m[c * D + c] || 1e-12);
  }
  return x;
}
