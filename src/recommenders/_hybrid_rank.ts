/**
 * The per-user pipeline of `hybrid`:
 *
 * 1. candidates = ∪ of the top `cfCandidates` by item2item score, the top
 *    `contentCandidates` by content score, the first `trendingCandidates`
 *    trending and `newestCandidates` newest items (unseen, available, once);
 * 2. pre-rank: `pre(i) = Σ_f preWeight_f · x_f(i)` over the first five
 *    features, keep the top `preRank`;
 * 3. final rank: `s(i) = Σ_f weight_f · x_f(i)` over all features, keep the top
 *    `finalSize`;
 * 4. post-processing: drop seen / unavailable / duplicate items, at most
 *    `maxPerAuthor` items per author, cut to `k`; fill from the fallback order
 *    under the same rules when fewer than `k` remain.
 *
 * Features `x_f(i)` (all in [0, 1]): `cf` = item2item score / the user's max,
 * `content` = cosine to the profile, `popularity`, `trending`, `newness` (see
 * `_hybrid_parts.ts`), `sameAuthor` / `sameSeries` = 1 when `i` shares an
 * author / series with the user's train history. Ties: lower item index.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import type { Item2ItemRecommender } from "./item2item.ts";
import type { ContentRecommender } from "./content.ts";
import type { ListBuilder } from "./_lists.ts";
import { topKInto } from "./topk.ts";
import { type GroupIndex, type ItemFeatures, NF, NPRE } from "./_hybrid_parts.ts";

/** Sizes and weights of the pipeline. */
export interface RankConfig {
  cfCandidates: number;
  contentCandidates: number;
  trendingCandidates: number;
  newestCandidates: number;
  preRank: number;
  finalSize: number;
  /** Pre-rank weights in `PRE_FEATURES` order. */
  preWeights: Float64Array;
  /** Final weights in `FEATURES` order. */
  weights: Float64Array;
  /** At most this many list items per author; null = no cap. */
  maxPerAuthor: number | null;
}

/** The fitted parts the pipeline reads. */
export interface RankParts {
  data: TrainData;
  cf: Item2ItemRecommender;
  content: ContentRecommender;
  features: ItemFeatures;
  trendingOrder: Int32Array;
  newestOrder: Int32Array;
  fallback: Int32Array;
  authors: GroupIndex;
  series: GroupIndex;
  /** Seen / catalog / blocked / picked filter of the current list. */
  lists: ListBuilder;
}

/** Runs the pipeline for one user at a time, over reusable buffers. */
export class HybridRanker {
  readonly #cfScore: Float64Array;
  readonly #cfTouched: Int32Array;
  readonly #ctScore: Float64Array;
  readonly #ctTouched: Int32Array;
  readonly #candStamp: Int32Array;
  readonly #cand: Int32Array;
  readonly #tmp: Int32Array;
  readonly #pre: Float64Array;
  readonly #preOut: Int32Array;
  readonly #fin: Float64Array;
  readonly #finOut: Int32Array;
  readonly #x = new Float64Array(NF);
  #stamp = 0;
  #nCand = 0;
  #nCf = 0;
  #nCt = 0;
  #maxCf = 0;

  constructor(readonly parts: RankParts, readonly config: RankConfig) {
    const n = parts.data.nItems;
    const c = config;
    this.#cfScore = new Float64Array(n);
    this.#cfTouched = new Int32Array(n);
    this.#ctScore = new Float64Array(n);
    this.#ctTouched = new Int32Array(n);
    this.#candStamp = new Int32Array(n);
    this.#cand = new Int32Array(
      c.cfCandidates + c.contentCandidates + c.trendingCandidates + c.newestCandidates,
    );
    this.#tmp = new Int32Array(Math.max(c.cfCandidates, c.contentCandidates, 1));
    this.#pre = new Float64Array(n);
    this.#preOut = new Int32Array(c.preRank);
    this.#fin = new Float64Array(n);
    this.#finOut = new Int32Array(c.finalSize);
  }

  /**
   * Steps 1–2 for user `u`: returns the pre-ranked candidates (a view valid
   * until the next call). Call {@linkcode release} when done with the user.
   */
  preRanked(u: number): Int32Array {
    const { parts, config } = this;
    parts.lists.begin(u);
    parts.authors.mark(parts.data, u);
    parts.series.mark(parts.data, u);
    this.#nCf = parts.cf.scoreUser(u, this.#cfScore, this.#cfTouched);
    this.#nCt = parts.content.scoreUser(u, this.#ctScore, this.#ctTouched);
    this.#maxCf = 0;
    for (let t = 0; t < this.#nCf; t++) {
      this.#maxCf = Math.max(this.#maxCf, this.#cfScore[this.#cfTouched[t]]);
    }
    this.#stamp++;
    this.#nCand = 0;
    this.#addTop(this.#cfScore, this.#cfTouched, this.#nCf, config.cfCandidates);
    this.#addTop(this.#ctScore, this.#ctTouched, this.#nCt, config.contentCandidates);
    this.#addOrder(parts.trendingOrder, config.trendingCandidates);
    this.#addOrder(parts.newestOrder, config.newestCandidates);
    const x = this.#x, w = config.preWeights;
    for (let c = 0; c < this.#nCand; c++) {
      const i = this.#cand[c];
      this.features(i, x);
      let s = 0;
      for (let f = 0; f < NPRE; f++) s += w[f] * x[f];
      this.#pre[i] = s;
    }
    const n = topKInto(
      this.#pre,
      config.preRank,
      this.#preOut,
      0,
      () => false,
      this.#cand,
      this.#nCand,
    );
    return this.#preOut.subarray(0, n);
  }

  /** Feature vector of item `i` for the current user, into `out` (length NF). */
  features(i: number, out: Float64Array): void {
    const { features: f, authors, series } = this.parts;
    out[0] = this.#maxCf > 0 ? this.#cfScore[i] / this.#maxCf : 0;
    out[1] = this.#ctScore[i];
    out[2] = f.popularity[i];
    out[3] = f.trending[i];
    out[4] = f.newness[i];
    out[5] = authors.match(i) >= 0 ? 1 : 0;
    out[6] = series.match(i) >= 0 ? 1 : 0;
  }

  /** Zeroes the score buffers touched for the current user. */
  release(): void {
    for (let t = 0; t < this.#nCf; t++) this.#cfScore[this.#cfTouched[t]] = 0;
    for (let t = 0; t < this.#nCt; t++) this.#ctScore[this.#ctTouched[t]] = 0;
    this.#nCf = this.#nCt = 0;
  }

  /** Steps 1–4: writes `u`'s list into `out[offset .. offset+k)`; returns its length. */
  rank(u: number, k: number, out: Int32Array, offset: number): number {
    const { parts, config } = this;
    const pre = this.preRanked(u);
    const x = this.#x, w = config.weights;
    for (const i of pre) {
      this.features(i, x);
      let s = 0;
      for (let f = 0; f < NF; f++) s += w[f] * x[f];
      this.#fin[i] = s;
    }
    const nFin = topKInto(
      this.#fin,
      config.finalSize,
      this.#finOut,
      0,
      () => false,
      pre,
      pre.length,
    );
    parts.authors.resetCounts();
    let filled = this.#post(this.#finOut, nFin, k, out, offset, 0);
    if (filled < k) {
      filled = this.#post(parts.fallback, parts.fallback.length, k, out, offset, filled);
    }
    this.release();
    return filled;
  }

  #post(
    order: ArrayLike<number>,
    n: number,
    k: number,
    out: Int32Array,
    offset: number,
    filled: number,
  ): number {
    const { lists, authors } = this.parts;
    const cap = this.config.maxPerAuthor;
    for (let p = 0; p < n && filled < k; p++) {
      const i = order[p];
      if (!lists.ok(i) || (cap !== null && !authors.fits(i, cap))) continue;
      lists.take(i);
      authors.count(i);
      out[offset + filled++] = i;
    }
    return filled;
  }

  #addTop(score: Float64Array, touched: Int32Array, nTouched: number, want: number): void {
    if (want <= 0 || nTouched === 0) return;
    const lists = this.parts.lists;
    const got = topKInto(score, want, this.#tmp, 0, (i) => !lists.ok(i), touched, nTouched);
    for (let p = 0; p < got; p++) this.#add(this.#tmp[p]);
  }

  #addOrder(order: Int32Array, want: number): void {
    const lists = this.parts.lists;
    for (let p = 0, got = 0; p < order.length && got < want; p++) {
      if (!lists.ok(order[p])) continue;
      this.#add(order[p]);
      got++;
    }
  }

  #add(i: number): void {
    if (this.#candStamp[i] === this.#stamp) return;
    this.#candStamp[i] = this.#stamp;
    this.#cand[this.#nCand++] = i;
  }
}
