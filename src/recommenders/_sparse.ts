/**
 * Sparse matrices in CSR form over dense integer ids.
 *
 * @module
 */

/** Compressed sparse rows: row `r` holds `index[offsets[r] .. offsets[r+1])` with `value`s. */
export interface Csr {
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

/**
 * Builds a CSR from per-row lists. `rows[r]` are (index, value) pairs already
 * in the wanted order.
 *
 * @example
 * ```ts
 * import { csrFromLists } from "./_sparse.ts";
 * const m = csrFromLists([[[2, 0.5]], [], [[0, 1], [1, 2]]]);
 * if (m.offsets.join() !== "0,1,1,3" || m.index.join() !== "2,0,1") throw new Error();
 * ```
 */
export function csrFromLists(rows: [number, number][][]): Csr {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((row, r) => offsets[r + 1] = offsets[r] + row.length);
  const index = new Int32Array(offsets[rows.length]);
  const value = new Float32Array(index.length);
  rows.forEach((row, r) =>
    row.forEach(([i, v], q) => {
      index[offsets[r] + q] = i;
      value[offsets[r] + q] = v;
    })
  );
  return { offsets, index, value };
}

/**
 * Transpose of a CSR with `nCols` columns (rows ascending within a column).
 *
 * @example
 * ```ts
 * import { csrFromLists, transpose } from "./_sparse.ts";
 * const t = transpose(csrFromLists([[[1, 5]], [[0, 2], [1, 3]]]), 2);
 * if (t.offsets.join() !== "0,1,3" || t.index.join() !== "1,0,1" || t.value.join() !== "2,5,3") throw new Error();
 * ```
 */
export function transpose(m: Csr, nCols: number): Csr {
  const nRows = m.offsets.length - 1;
  const offsets = new Int32Array(nCols + 1);
  for (let p = 0; p < m.index.length; p++) offsets[m.index[p] + 1]++;
  for (let c = 0; c < nCols; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, nCols);
  const index = new Int32Array(m.index.length);
  const value = new Float32Array(m.index.length);
  for (let r = 0; r < nRows; r++) {
    for (let p = m.offsets[r]; p < m.offsets[r + 1]; p++) {
      const q = fill[m.index[p]]++;
      index[q] = r;
      value[q] = m.value[p];
    }
  }
  return { offsets, index, value };
}

/** The CSR's arrays under `prefix.` names, for {@linkcode ModelState}. */
export function csrArrays(prefix: string, m: Csr): Record<string, Int32Array | Float32Array> {
  return {
    [`${prefix}.offsets`]: m.offsets,
    [`${prefix}.index`]: m.index,
    [`${prefix}.value`]: m.value,
  };
}

/** Reads back {@linkcode csrArrays}. */
export function csrFrom(prefix: string, arrays: Record<string, unknown>): Csr {
  return {
    offsets: arrays[`${prefix}.offsets`] as Int32Array,
    index: arrays[`${prefix}.index`] as Int32Array,
    value: arrays[`${prefix}.value`] as Float32Array,
  };
}
