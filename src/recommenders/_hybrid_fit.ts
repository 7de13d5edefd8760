/**
 * Fitting the hybrid's final weights: a temporal validation slice of train and
 * an L2-regularised logistic regression solved by Newton's method.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import { mulberry32 } from "../rng/mod.ts";

/** Train cut at `T'` with the rows after it as validation targets. */
export interface ValidationSlice {
  /** TrainData of the rows with `ts < T'` (same id spaces and catalog, `splitTime = T'`). */
  sub: TrainData;
  /** Users with history before `T'` and a new item after it, ascending. */
  users: Int32Array;
  /** CSR over `users` of their validation items (not in their sub-train history). */
  offsets: Int32Array;
  items: Int32Array;
}

/**
 * Splits train at `T'` = the `ceil(q·n)`-th largest train timestamp (PROTOCOL
 * §2 applied to train itself), so about the last share `q` of train becomes
 * the validation slice.
 */
export function validationSlice(data: TrainData, q: number): ValidationSlice {
  const { train, userOffsets, nUsers } = data;
  const n = train.ts.length;
  const sorted = Float64Array.from(train.ts).sort();
  const cut = n === 0 ? 0 : sorted[Math.max(0, n - Math.max(1, Math.ceil(q * n)))];
  let nKeep = 0;
  for (let r = 0; r < n; r++) if (train.ts[r] < cut) nKeep++;
  const keep = new Int32Array(nKeep);
  const offsets = new Int32Array(nUsers + 1);
  const users: number[] = [], vOff = [0], vItems: number[] = [];
  const hist = new Int32Array(data.nItems).fill(-1);
  for (let u = 0, at = 0; u < nUsers; u++) {
    const before = at;
    for (let r = userOffsets[u]; r < userOffsets[u + 1]; r++) {
      if (train.ts[r] < cut) keep[at++] = r, hist[train.item[r]] = u;
    }
    offsets[u + 1] = at;
    if (at === before) continue;
    const start = vItems.length;
    for (let r = userOffsets[u]; r < userOffsets[u + 1]; r++) {
      if (train.ts[r] >= cut && hist[train.item[r]] !== u) vItems.push(train.item[r]);
    }
    if (vItems.length > start) users.push(u), vOff.push(vItems.length);
  }
  const pick = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((r, q) => out[q] = a[r]);
    return out;
  };
  const sub: TrainData = {
    ...data,
    train: {
      user: pick(train.user),
      item: pick(train.item),
      ts: pick(train.ts),
      rating: pick(train.rating),
      isRead: pick(train.isRead),
    },
    userOffsets: offsets,
    weight: pick(data.weight),
    splitTime: cut,
  };
  return {
    sub,
    users: Int32Array.from(users),
    offsets: Int32Array.from(vOff),
    items: Int32Array.from(vItems),
  };
}

/**
 * Up to `m` of `users`, drawn without replacement by a seeded Fisher–Yates
 * shuffle, returned ascending.
 *
 * @example
 * ```ts
 * import { sampleUsers } from "./_hybrid_fit.ts";
 * const a = sampleUsers(Int32Array.of(1, 2, 3, 4, 5), 3, 7);
 * if (a.length !== 3 || a.join() !== sampleUsers(Int32Array.of(1, 2, 3, 4, 5), 3, 7).join()) throw new Error();
 * ```
 */
export function sampleUsers(users: Int32Array, m: number, seed: number): Int32Array {
  if (users.length <= m) return users.slice();
  const a = users.slice();
  const rand = mulberry32(seed);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, m).sort();
}

/**
 * Logistic regression `P(y = 1 | x) = σ(b + Σ_f β_f·x_f)` minimising the
 * negative log-likelihood + `l2/2·‖β‖²` (the intercept `b` is not penalised),
 * by Newton's method (IRLS) from zero; returns `[β_0..β_{F−1}, b]`.
 * `X` is row-major `n × F`.
 *
 * @example
 * ```ts
 * import { logisticRegression } from "./_hybrid_fit.ts";
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
