/**
 * Private: the bootstrap's hot loop. One resample of n rows is drawn as per-row
 * multinomial counts (n uniform draws, see `Rng.multinomial`), and every column's resampled sum is
 * the dot product `Σ_i count_i · column_i`: the same counts serve every metric of
 * the run, and the data is read sequentially (4 columns per pass), never gathered.
 *
 * @module
 */
import { drawArray, type Rng } from "../rng/mod.ts";

/**
 * Resampled column sums: `out[b · K + k] = Σ_i count_b(i) · columns[k][i]`, where
 * `count_b` are the multinomial counts of resample b (n draws with replacement
 * from n rows). All columns must have the same length n ≥ 1.
 */
export function resampledSums(
  columns: readonly Float64Array[],
  resamples: number,
  rng: Rng,
): Float64Array {
  const k = columns.length;
  const n = columns[0].length;
  const out = new Float64Array(resamples * k);
  const counts = drawArray(n);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    rng.multinomial(counts, n);
    for (let c = 0; c < k; c += 4) {
      const rest = k - c;
      if (rest >= 4) {
        dot4(counts, columns[c], columns[c + 1], columns[c + 2], columns[c + 3], out, b * k + c);
      } else if (rest === 3) {
        dot3(counts, columns[c], columns[c + 1], columns[c + 2], out, b * k + c);
      } else if (rest === 2) dot2(counts, columns[c], columns[c + 1], out, b * k + c);
      else out[b * k + c] = dot1(counts, columns[c]);
    }
  }
  return out;
}

// Separate monomorphic kernels: one accumulator per column, so every column's sum is the same
// sequential Σ_i count_i · x_i whichever kernel computes it (a metric's replicates do not depend
// on the other metrics of the run); several columns per pass keep the floating-point adders
// busy (V8 does not vectorise), and counts are read once per 4 columns.

function dot4(
  w: Int32Array,
  c0: Float64Array,
  c1: Float64Array,
  c2: Float64Array,
  c3: Float64Array,
  out: Float64Array,
  o: number,
): void {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    a0 += x * c0[i];
    a1 += x * c1[i];
    a2 += x * c2[i];
    a3 += x * c3[i];
  }
  out[o] = a0;
  out[o + 1] = a1;
  out[o + 2] = a2;
  out[o + 3] = a3;
}

function dot3(
  w: Int32Array,
  c0: Float64Array,
  c1: Float64Array,
  c2: Float64Array,
  out: Float64Array,
  o: number,
): void {
  let a0 = 0, a1 = 0, a2 = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    a0 += x * c0[i];
    a1 += x * c1[i];
    a2 += x * c2[i];
  }
  out[o] = a0;
  out[o + 1] = a1;
  out[o + 2] = a2;
}

function dot2(
  w: Int32Array,
  c0: Float64Array,
  c1: Float64Array,
  out: Float64Array,
  o: number,
): void {
  let a0 = 0, a1 = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    a0 += x * c0[i];
    a1 += x * c1[i];
  }
  out[o] = a0;
  out[o + 1] = a1;
}

function dot1(w: Int32Array, c0: Float64Array): number {
  let a0 = 0;
  for (let i = 0; i < w.length; i++) a0 += w[i] * c0[i];
  return a0;
}
