/**
 * Per-user list building shared by every model: the current user's seen items,
 * the items already placed in the list (dedupe), catalog membership, and
 * filling from a fixed order (fallbacks). All stamps, no allocation per user.
 *
 * @module
 */
import type { RecLists, TrainData } from "./types.ts";
import { SeenMarker, topKInto } from "./topk.ts";

/** Builds one user's list at a time; `begin(u)` starts a new user. */
export class ListBuilder {
  readonly #seen: SeenMarker;
  readonly #picked: Int32Array;
  readonly #catalog: Uint8Array;
  #stamp = 0;
  /** Extra exclusion per item (e.g. unavailable list), 1 = never recommend. */
  blocked: Uint8Array | null = null;

  constructor(data: TrainData) {
    this.#seen = new SeenMarker(data);
    this.#picked = new Int32Array(data.nItems);
    this.#catalog = data.catalog;
  }

  /** Makes `u` the current user (seen items marked, list emptied). */
  begin(u: number): void {
    this.#seen.mark(u);
    this.#stamp++;
  }

  /** True when `i` may still be added: catalog, not seen, not blocked, not yet in the list. */
  ok(i: number): boolean {
    return this.#catalog[i] === 1 && !this.#seen.isSeen(i) && this.#picked[i] !== this.#stamp &&
      !(this.blocked !== null && this.blocked[i] === 1);
  }

  /** Marks `i` as placed in the current list. */
  take(i: number): void {
    this.#picked[i] = this.#stamp;
  }

  /**
   * Writes the best `k - filled` allowed items by `score` over `candidates`
   * into `out[offset + filled ..]`; returns the new fill count.
   */
  topK(
    score: ArrayLike<number>,
    candidates: ArrayLike<number>,
    nCandidates: number,
    k: number,
    out: Int32Array,
    offset: number,
    filled: number,
  ): number {
    const want = k - filled;
    if (want <= 0) return filled;
    const got = topKInto(
      score,
      want,
      out,
      offset + filled,
      (i) => !this.ok(i),
      candidates,
      nCandidates,
    );
    for (let p = 0; p < got; p++) this.take(out[offset + filled + p]);
    return filled + got;
  }

  /** Appends allowed items from `order` until `k` are placed; returns the new fill count. */
  fillFrom(
    order: ArrayLike<number>,
    k: number,
    out: Int32Array,
    offset: number,
    filled: number,
  ): number {
    for (let p = 0; p < order.length && filled < k; p++) {
      const i = order[p];
      if (!this.ok(i)) continue;
      this.take(i);
      out[offset + filled++] = i;
    }
    return filled;
  }

  /** Lists for `users` that follow one global `order` (popular, newest, ...). */
  fromOrder(order: ArrayLike<number>, users: Int32Array, k: number): RecLists {
    const items = new Int32Array(users.length * k).fill(-1);
    for (let j = 0; j < users.length; j++) {
      this.begin(users[j]);
      this.fillFrom(order, k, items, j * k, 0);
    }
    return { k, users, items };
  }

  /**
   * Lists for `users` from per-user sparse scores: `scoreUser(u)` writes scores
   * into `score` at the `n` items it lists in `touched` and returns `n`; the
   * top k allowed items are taken, `score` is reset, and `fallback` (an item
   * order) fills what is left.
   */
  fromScores(
    users: Int32Array,
    k: number,
    score: Float64Array | Float32Array,
    touched: Int32Array,
    scoreUser: (u: number) => number,
    fallback: ArrayLike<number> | null,
  ): RecLists {
    const items = new Int32Array(users.length * k).fill(-1);
    for (let j = 0; j < users.length; j++) {
      this.begin(users[j]);
      const n = scoreUser(users[j]);
      let filled = this.topK(score, touched, n, k, items, j * k, 0);
      for (let t = 0; t < n; t++) score[touched[t]] = 0;
      if (fallback) filled = this.fillFrom(fallback, k, items, j * k, filled);
    }
    return { k, users, items };
  }
}

/**
 * Recency decay of the `h`-th most recent history row (`h = 0` newest):
 * `d(h) = 0.5^(h / halfLife)`, or 1 when `halfLife` is null.
 *
 * @example
 * ```ts
 * import { recencyDecay } from "./_lists.ts";
 * if (recencyDecay(10, 10) !== 0.5 || recencyDecay(3, null) !== 1) throw new Error();
 * ```
 */
export function recencyDecay(h: number, halfLife: number | null): number {
  return halfLife === null ? 1 : Math.pow(0.5, h / halfLife);
}
