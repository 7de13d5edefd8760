/**
 * {@linkcode itemNeighbours} on several cores: the kernel's input lives in
 * SharedArrayBuffers (no copies per worker), item ranges of equal work (pair
 * visits) go to Web Workers running the same row kernel, and the rows are
 * concatenated in item order — so the result is identical to the
 * single-threaded one, byte for byte.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import type { Csr } from "./_sparse.ts";
import {
  itemNeighbours,
  type NeighbourInput,
  type NeighbourOptions,
  prepareNeighbours,
} from "./_item2item_sim.ts";
import { trace } from "../trace.ts";

/** Below this many pair visits (`Σ_u min(n_u, M)²`) the worker start-up is not worth it. */
const MIN_PARALLEL_VISITS = 5e7;

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
 * (default: the machine's cores, at most 8) when there are at least
 * `minVisits` pair visits (default 5·10⁷), else on the calling thread.
 */
export async function itemNeighboursParallel(
  data: TrainData,
  opts: NeighbourOptions,
  threads = Math.min(8, navigator.hardwareConcurrency || 1),
  minVisits = MIN_PARALLEL_VISITS,
): Promise<Csr> {
  trace("item2item: start");
  const visits = pairVisits(data.userOffsets, opts.maxUserHistory);
  if (threads <= 1 || visits < minVisits) return itemNeighbours(data, opts);
  // Workers load their module while this thread lays the input out.
  const workers = Array.from({ length: threads }, () => spawn());
  const prep = prepareNeighbours(data, opts);
  trace("item2item: prepare");
  const jobs = ranges(prep.work, threads);
  for (const idle of workers.slice(jobs.length)) idle.terminate();
  const parts = await Promise.all(
    jobs.map(([from, to], w) => run(workers[w], prep, opts, from, to)),
  );
  trace("item2item: workers");
  const offsets = new Int32Array(data.nItems + 1);
  let row = 0, nnz = 0;
  for (const p of parts) {
    for (let q = 1; q < p.offsets.length; q++) offsets[row + q] = nnz + p.offsets[q];
    row += p.offsets.length - 1;
    nnz += p.offsets[p.offsets.length - 1];
  }
  // Shared from the start: serving workers read the table without a copy.
  const index = new Int32Array(new SharedArrayBuffer(nnz * 4));
  const value = new Float32Array(new SharedArrayBuffer(nnz * 4));
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

function spawn(): Worker {
  return new Worker(new URL("./_item2item_worker.ts", import.meta.url).href, { type: "module" });
}

function run(
  worker: Worker,
  input: NeighbourInput,
  opts: NeighbourOptions,
  from: number,
  to: number,
): Promise<Csr> {
  return new Promise<Csr>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Csr | { error: string }>) => {
      worker.terminate();
      if ("error" in e.data) reject(new Error(`item2item worker: ${e.data.error}`));
      else resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`item2item worker: ${e.message}`));
    };
    worker.postMessage({ input, opts, from, to });
  });
}
