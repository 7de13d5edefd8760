/**
 * {@linkcode itemNeighbours} on several cores: the kernel's input lives in
 * SharedArrayBuffers (no copies per worker), item ranges of equal work (pair
 * visits, several per worker) go as tasks to the project's worker pool (`src/parallel`) running
 * the same row kernel, and the rows are concatenated in item order — so the
 * result is identical to the single-threaded one, byte for byte.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import type { Csr } from "./_sparse.ts";
import { itemNeighbours, layoutOptions, type NeighbourOptions } from "./_item2item_sim.ts";
import { layoutNeighboursParallel, type PackResult } from "./_item2item_layout.ts";
import { defaultThreads, task, WorkerPool } from "../parallel/mod.ts";
import { trace } from "../trace.ts";
import { bigSharedArray } from "../big_buffer.ts";

/** Below this many pair visits (`Σ_u min(n_u, M)²`) the worker start-up is not worth it. */
const MIN_PARALLEL_VISITS = 5e7;

/**
 * Item ranges per worker: several smaller ranges, handed out as workers
 * free up, keep every worker busy to the end even when one of them gets
 * less of the machine (equal-work ranges are equal only on a quiet machine).
 */
const RANGES_PER_THREAD = 8;

/** Item ranges `[from, to)` of about equal work. */
function ranges(work: Float64Array, parts: number): [number, number][] {
  let total = 0;
  for (const w of work) total += w;
  const out: [number, number][] = [];
  let from = 0, acc = 0;
  for (let i = 0; i < work.length && out.length < parts - 1; i++) {
    acc += work[i];
    if (acc >= (total * (out.length + 1)) / parts) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  out.push([from, work.length]);
  return out;
}

/**
 * Top-N neighbours like {@linkcode itemNeighbours}, on up to `threads` workers
 * (default: the machine's cores) when there are at least
 * `minVisits` pair visits (default 5·10⁷), else on the calling thread.
 */
export async function itemNeighboursParallel(
  data: TrainData,
  opts: NeighbourOptions,
  threads = defaultThreads(),
  minVisits = MIN_PARALLEL_VISITS,
): Promise<Csr> {
  trace("item2item: start");
  const visits = pairVisits(data.userOffsets, opts.maxUserHistory);
  if (threads <= 1 || visits < minVisits) return itemNeighbours(data, opts);
  // The pool's workers start while this thread lays the input out.
  const pool = new WorkerPool(threads);
  let parts: Csr[];
  try {
    // The layout's packing passes run on the pool too (by user range).
    const layout = new URL("./_item2item_layout.ts", import.meta.url);
    const prep = await layoutNeighboursParallel(
      data,
      layoutOptions(opts),
      threads,
      (args) => Promise.all(args.map((a) => pool.run<PackResult>(task(layout, "packUsers", a)))),
    );
    trace("item2item: prepare");
    const kernel = new URL("./_item2item_sim.ts", import.meta.url);
    parts = await Promise.all(
      ranges(prep.work, threads * RANGES_PER_THREAD).map(([from, to]) =>
        pool.run<Csr>(task(kernel, "neighbourRange", prep, opts, from, to))
      ),
    );
  } finally {
    pool.close();
  }
  trace("item2item: workers");
  const offsets = new Int32Array(data.nItems + 1);
  let row = 0, nnz = 0;
  for (const p of parts) {
    for (let q = 1; q < p.offsets.length; q++) offsets[row + q] = nnz + p.offsets[q];
    row += p.offsets.length - 1;
    nnz += p.offsets[p.offsets.length - 1];
  }
  // Shared from the start: serving workers read the table without a copy.
  const index = bigSharedArray(Int32Array, nnz);
  const value = bigSharedArray(Float32Array, nnz);
  let at = 0;
  for (const p of parts) {
    index.set(p.index, at);
    value.set(p.value, at);
    at += p.index.length;
  }
  trace("item2item: concatenate");
  return { offsets, index, value };
}

/**
 * Pair visits of the kernel, `Σ_u min(n_u, M)²` (known before the layout).
 *
 * @example
 * ```ts
 * import { pairVisits } from "./_item2item_parallel.ts";
 * if (pairVisits(Int32Array.of(0, 3, 4, 9), 2) !== 4 + 1 + 4) throw new Error();
 * ```
 */
export function pairVisits(userOffsets: Int32Array, maxUserHistory: number): number {
  let visits = 0;
  for (let u = 0; u + 1 < userOffsets.length; u++) {
    const m = Math.min(userOffsets[u + 1] - userOffsets[u], maxUserHistory);
    visits += m * m;
  }
  return visits;
}
