// The bootstrap's resampled sums (src/stats/_resample.ts) equal a plain computation bit for bit:
// each resample's counts drawn one after the other from the same generator, and each column's
// sum Σ_i count_i · x_i added in row order — with the counts drawn in WebAssembly (up to 2^21
// rows) or in JS (above), the sums in WebAssembly (groups of four columns, batches of resamples,
// blocks of users, each with its remainders) or in plain JS (a kernel too large for its memory).
import { assert, assertEquals } from "../_assert.ts";
import { BATCH_RESAMPLES, resampledSums } from "../../src/stats/_resample.ts";
import { Rng } from "../../src/rng/mod.ts";

function plainSums(columns: Float64Array[], resamples: number, seed: number): Float64Array {
  const rng = new Rng(seed), n = columns[0].length, k = columns.length;
  const out = new Float64Array(resamples * k);
  for (let b = 0; b < resamples; b++) {
    const counts = new Int32Array(n);
    for (let i = 0; i < n; i++) counts[rng.int(n)]++;
    columns.forEach((x, c) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += counts[i] * x[i];
      out[b * k + c] = s;
    });
  }
  return out;
}

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assertEquals(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) {
    assert(Object.is(a[i], b[i]), `${what}: [${i}] ${a[i]} vs ${b[i]}`);
  }
}

Deno.test("resampled sums equal a plain computation bit for bit: 1 to 5 columns, any B", () => {
  const rand = new Rng(8);
  // values whose sums round: mixed signs and magnitudes, exact zeros, a NaN column
  const value = () => rand.next() < 0.4 ? 0 : (rand.next() - 0.3) * 10 ** (rand.int(12) - 6);
  for (
    const [n, k, resamples] of [[1, 1, 3], [7, 3, 8], [2049, 5, 13], [5000, 4, 17], [300, 2, 1]]
  ) {
    const columns = Array.from({ length: k }, () => Float64Array.from({ length: n }, value));
    if (k > 2) columns[2][n - 1] = NaN;
    sameBits(
      resampledSums(columns, resamples, new Rng(n)),
      plainSums(columns, resamples, n),
      `n=${n} k=${k} B=${resamples}`,
    );
  }
});

Deno.test("above 2^21 rows (draws in JS) the sums equal the plain computation", () => {
  const n = 2 ** 21 + 3;
  const x = Float64Array.from({ length: n }, (_, i) => (i % 7) - 2.5);
  sameBits(resampledSums([x], 2, new Rng(3)), plainSums([x], 2, 3), "n = 2^21 + 3");
});

Deno.test("resampled sums: every remainder of groups, batches and user blocks, and the JS fallback", () => {
  const rand = new Rng(21);
  const value = () => rand.next() < 0.3 ? 0 : (rand.next() - 0.5) * 10 ** (rand.int(16) - 8);
  const b = BATCH_RESAMPLES;
  for (
    const [n, k, resamples] of [
      [255, 4, b],
      [256, 8, b + 1],
      [257, 9, 2 * b - 1],
      [513, 20, 2 * b + 3],
      [1000, 7, 5],
      [2, 13, 2],
    ]
  ) {
    const columns = Array.from({ length: k }, () => Float64Array.from({ length: n }, value));
    const plain = plainSums(columns, resamples, k * n);
    sameBits(
      resampledSums(columns, resamples, new Rng(k * n)),
      plain,
      `n=${n} k=${k} B=${resamples}`,
    );
    sameBits(resampledSums(columns, resamples, new Rng(k * n), 0), plain, `JS, n=${n} k=${k}`);
  }
});
