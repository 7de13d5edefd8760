/**
 * Serving an arm: ask a fitted recommender for the top-k lists of many users
 * in batches, then enforce the PROTOCOL §3 contract on what came back (at most
 * k distinct catalog items, none in the user's train history). Violations are
 * removed and counted, so a buggy model shows up in the run instead of
 * silently scoring.
 *
 * @module
 */
import {
  type RecLists,
  type Recommender,
  SeenMarker,
  type TrainData,
} from "../recommenders/mod.ts";

/** Lists served to `users` and what had to be removed from them. */
export interface ServedLists {
  /** List length. */
  k: number;
  /** The users served, in order. */
  users: Int32Array;
  /** `lists[j*k + p]`, -1 = empty slot; valid items first. */
  lists: Int32Array;
  /** Items removed from the lists, by reason: seen in train, repeated, not in the catalog, not an item. */
  violations: { seen: number; duplicate: number; notInCatalog: number; outOfRange: number };
  /** Users whose request threw (their list is empty). */
  failedUsers: number;
  /** Per user (aligned with `users`): 1 when the request failed. */
  failed: Uint8Array;
  /**
   * Latency of each request, ms (see {@linkcode serve}): a remote arm's call
   * is one request; an in-process arm's batch is that many one-user requests,
   * each timed as the batch's wall time divided by its users.
   */
  requestMs: Float64Array;
  /**
   * How many requests each latency in `requestMs` stands for: 1 for a remote
   * arm's call, the batch's users for an in-process batch.
   */
  requests: Int32Array;
  /** Total serving time, ms. */
  ms: number;
}

/**
 * Serves `users` from `rec` in batches, calling `onProgress(done, total)`.
 * Each batch is one awaited `rec.recommend(batch, k)`, timed by its wall time
 * around the await, whether the arm computes in this thread, on workers or
 * remotely; up to `rec.concurrency` batches are in flight at once. A batch
 * whose call throws counts its users as failed (empty lists: PROTOCOL §3
 * scores them 0, §6 counts them as not served).
 *
 * Latency per request, the same rule for every arm: an arm with a
 * `requestSize` (a remote service) gets batches of at most that many users,
 * and each call is one request whose latency is its wall time; any other arm
 * gets batches of `batchSize` (default 2048) for throughput, and each of a
 * batch's users is one request of latency `batch time / users` (what a
 * one-user request to that model costs).
 */
export async function serve(
  rec: Recommender,
  data: TrainData,
  users: Int32Array,
  k: number,
  options: {
    batchSize?: number;
    onProgress?: (done: number, total: number) => void;
    /** Simulated failures: users with `failHash(u) < simulateErrors` get an error (default 0). */
    simulateErrors?: number;
    /** Seed of the simulated-failure hash. */
    seed?: number;
  } = {},
): Promise<ServedLists> {
  const perCall = rec.requestSize !== undefined;
  const batchSize = rec.requestSize ?? options.batchSize ?? 2048;
  const lists = new Int32Array(users.length * k).fill(-1);
  const nBatches = Math.ceil(users.length / batchSize);
  const requestMs = new Float64Array(nBatches);
  const requests = new Int32Array(nBatches);
  const violations = { seen: 0, duplicate: 0, notInCatalog: 0, outOfRange: 0 };
  let failedUsers = 0;
  const failed = new Uint8Array(users.length);
  const seen = new SeenMarker(data);
  const dup = new Int32Array(data.nItems).fill(-1);
  const rate = options.simulateErrors ?? 0;
  const salt = options.seed ?? 0;
  const fails = (u: number) => rate > 0 && unitHash(u, salt) < rate;
  const batchOf = (b: number) =>
    users.subarray(b * batchSize, Math.min(users.length, (b + 1) * batchSize));
  let done = 0;
  /** Checks batch `b`'s lists (`got` = null when the request failed) into `lists`. */
  const accept = (b: number, got: RecLists | null, ms: number) => {
    const batch = batchOf(b);
    requestMs[b] = perCall ? ms : ms / batch.length;
    requests[b] = perCall ? 1 : batch.length;
    if (!got) {
      failedUsers += batch.length;
      failed.fill(1, b * batchSize, b * batchSize + batch.length);
    } else {
      const gotK = got.k;
      for (let j = 0; j < batch.length; j++) {
        const row = b * batchSize + j;
        if (fails(batch[j])) {
          failedUsers++;
          failed[row] = 1;
          continue;
        }
        seen.mark(batch[j]);
        let filled = 0;
        for (let p = 0; p < gotK && filled < k; p++) {
          const i = got.items[j * gotK + p];
          if (i === -1 || i === undefined) continue;
          if (!(i >= 0 && i < data.nItems)) violations.outOfRange++;
          else if (data.catalog[i] !== 1) violations.notInCatalog++;
          else if (seen.isSeen(i)) violations.seen++;
          else if (dup[i] === row) violations.duplicate++;
          else {
            dup[i] = row;
            lists[row * k + filled++] = i;
          }
        }
      }
    }
    done += batch.length;
    options.onProgress?.(done, users.length);
  };
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < nBatches) {
      const b = next++;
      const tb = performance.now();
      let got: RecLists | null;
      try {
        got = await rec.recommend(batchOf(b), k);
      } catch {
        got = null;
      }
      accept(b, got, performance.now() - tb);
    }
  };
  const lanes = Math.max(1, Math.min(rec.concurrency ?? 1, nBatches));
  await Promise.all(Array.from({ length: lanes }, lane));
  return {
    k,
    users,
    lists,
    violations,
    failedUsers,
    failed,
    requestMs,
    requests,
    ms: performance.now() - t0,
  };
}

/** A seeded hash of a user index to [0, 1) (murmur3 finaliser). */
function unitHash(u: number, seed: number): number {
  let h = Math.imul(u ^ seed ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
