/**
 * Private: the bootstrap's hot loop. One resample of n rows is drawn as per-row
 * multinomial counts (n uniform draws, see `Rng.multinomial`), and every column's resampled sum is
 * the dot product `Σ_i count_i · column_i`, added in row order: the same counts serve every
 * metric of the run, and the data is read sequentially, never gathered.
 *
 * The dot products run in WebAssembly (`sums.wat`) on batches of
 * {@linkcode BATCH_RESAMPLES} resamples: their counts are drawn one after the other (the same
 * draws as one at a time), then the columns, copied once into rows of four, are read block of
 * users by block for the whole batch. On the 35M-row benchmark's jobs (166,726 users, 20
 * columns, both workers busy) that is 0.8 ms a resample against 2.3–2.9 ms for a JS pass per
 * resample, which streamed the 27 MB of columns from memory each time (on a VM whose L3 helps
 * little). Each term is rounded and added in row order as a JS loop would: the sums are the same
 * to the bit (`tests/stats/resample_test.ts`).
 *
 * @module
 */
import { drawArray, type Rng } from "../rng/mod.ts";
import { embeddedModule } from "../wasm.ts";
import { SUMS_WASM_BASE64 } from "./_sums_wasm.ts";

/** Resamples whose counts are drawn before the columns are read (a multiple of 4, the kernel's pass). */
export const BATCH_RESAMPLES = 16;

/** Users per kernel call: a group's rows (32 B each) and a batch's counts of them stay in L1. */
const BLOCK_USERS = 256;

/** Above this many bytes of kernel memory (rows, counts, sums), the sums run in plain JS. */
const MAX_KERNEL_BYTES = 2 ** 30;

/**
 * Resampled column sums: `out[b · K + k] = Σ_i count_b(i) · columns[k][i]`, where
 * `count_b` are the multinomial counts of resample b (n draws with replacement
 * from n rows). All columns must have the same length n ≥ 1. `maxKernelBytes`
 * (for tests): above it, the plain JS loop.
 */
export function resampledSums(
  columns: readonly Float64Array[],
  resamples: number,
  rng: Rng,
  maxKernelBytes: number = MAX_KERNEL_BYTES,
): Float64Array {
  const k = columns.length;
  const n = columns[0].length;
  const groups = Math.ceil(k / 4);
  const batch = Math.min(BATCH_RESAMPLES, Math.ceil(resamples / 4) * 4);
  const rowsBytes = 32 * groups * n, countsBytes = 4 * batch * n, sumsBytes = 32 * groups * batch;
  const bytes = rowsBytes + countsBytes + sumsBytes;
  if (bytes > maxKernelBytes) return plainSums(columns, resamples, rng);
  const { memory, sums } = bytes <= SMALL_KERNEL_BYTES
    ? (small ??= sumsKernel(SMALL_KERNEL_BYTES))
    : sumsKernel(bytes);
  // rows of four columns: group g's row i holds columns 4g .. 4g+3 of row i, zeroed past the
  // last column (a kept memory would hold an earlier call's values there; their sums are not read)
  const rows = new Float64Array(memory.buffer, 0, rowsBytes / 8);
  for (let c = 0; c < 4 * groups; c++) {
    const x = c < k ? columns[c] : null;
    const base = (c >> 2) * n * 4 + (c & 3);
    for (let i = 0; i < n; i++) rows[base + 4 * i] = x ? x[i] : 0;
  }
  const counts = new Int32Array(memory.buffer, rowsBytes, batch * n);
  const acc = new Float64Array(memory.buffer, rowsBytes + countsBytes, sumsBytes / 8);
  const draws = drawArray(n);
  const out = new Float64Array(resamples * k);
  for (let first = 0; first < resamples; first += batch) {
    const size = Math.min(batch, resamples - first);
    for (let r = 0; r < size; r++) {
      draws.fill(0);
      rng.multinomial(draws, n);
      counts.set(draws, r * n);
    }
    counts.fill(0, size * n); // a last, short batch: the kernel's spare resamples count nothing
    acc.fill(0);
    const quads = Math.ceil(size / 4) * 4;
    for (let i0 = 0; i0 < n; i0 += BLOCK_USERS) {
      sums(
        n,
        i0,
        Math.min(n, i0 + BLOCK_USERS),
        groups,
        quads,
        0,
        rowsBytes,
        rowsBytes + countsBytes,
      );
    }
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < k; c++) out[(first + r) * k + c] = acc[r * groups * 4 + c];
    }
  }
  return out;
}

/** Kernel memory kept for small calls (tests, simulations: thousands of bootstraps of a few users). */
const SMALL_KERNEL_BYTES = 2 ** 20;
let small: SumsKernel | undefined;

interface SumsKernel {
  memory: WebAssembly.Memory;
  sums: (...args: number[]) => void;
}

/** A `sums.wat` instance on a memory of at least `bytes`. */
function sumsKernel(bytes: number): SumsKernel {
  const pages = Math.ceil(bytes / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const { exports } = new WebAssembly.Instance(embeddedModule(SUMS_WASM_BASE64), {
    env: { memory },
  });
  return { memory, sums: exports.sums as SumsKernel["sums"] };
}

/** The same sums in JS, one column after the other (for kernels too large for WebAssembly memory). */
function plainSums(columns: readonly Float64Array[], resamples: number, rng: Rng): Float64Array {
  const k = columns.length;
  const n = columns[0].length;
  const out = new Float64Array(resamples * k);
  const counts = drawArray(n);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    rng.multinomial(counts, n);
    for (let c = 0; c < k; c++) {
      const x = columns[c];
      let s = 0;
      for (let i = 0; i < n; i++) s += counts[i] * x[i];
      out[b * k + c] = s;
    }
  }
  return out;
}
