/**
 * `hybrid`: the design's pipeline. Candidates from item2item + content +
 * trending + newest → linear pre-rank → linear final ranker (weights from the
 * scenario, or fitted by logistic regression on a validation slice of train
 * when `fit: true`) → post-processing (no seen, unavailable or duplicate
 * items; at most `maxPerAuthor` per author) → top-k, filled from the fallback
 * order when short. Formulas in `_hybrid_rank.ts`; every item gets an
 * explanation (`explain`).
 *
 * @example
 * ```ts
 * import { HybridRecommender } from "./hybrid.ts";
 * import { resolveHybridParams } from "./hybrid_params.ts";
 * import type { TrainData } from "./types.ts";
 * const rows = { user: Int32Array.of(0, 0, 1), item: Int32Array.of(0, 1, 0), ts: Float64Array.of(1, 2, 1),
 *   rating: new Uint8Array(3), isRead: new Uint8Array(3) };
 * const data: TrainData = { nUsers: 2, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 2, 3),
 *   weight: new Float32Array(3).fill(1), userIds: ["a", "b"], itemIds: ["x", "y", "z"], items: null,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 9 };
 * const m = new HybridRecommender(resolveHybridParams({}), 1);
 * m.fit(data);
 * // user 1 read item 0; item 1 co-occurs with it (CF), item 2 only comes from the fallback
 * const lists = await m.recommend(Int32Array.of(1), 2);
 * if (lists.items.join() !== "1,2") throw new Error(lists.items.join());
 * if (m.explain(1, lists.items)[0] !== 'readers of "x" also read') throw new Error();
 * ```
 * @module
 */
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { Item2ItemRecommender } from "./item2item.ts";
import { ContentRecommender } from "./content.ts";
import { ListBuilder } from "./_lists.ts";
import { popularityCounts, rankOrder } from "./popular.ts";
import { newestOrder } from "./newest.ts";
import { fallbackOrder, itemLabel } from "./_fallback.ts";
import { HYBRID_PARAMS, type HybridParams, resolveHybridParams } from "./hybrid_params.ts";
import {
  type FeatureName,
  FEATURES,
  GroupIndex,
  logScaled,
  newnessOf,
  PRE_FEATURES,
  type Weights,
} from "./_hybrid_parts.ts";

import { HybridRanker, type RankConfig, type RankParts } from "./_hybrid_rank.ts";
import { fitWeights } from "./_hybrid_weights.ts";

/** What fitting did, recorded in the model state and the run report. */
export interface FitReport {
  /** "fitted", or why the scenario weights were kept. */
  status: "fitted" | "no validation users" | "one class only";
  /** Validation cut `T'` (seconds since epoch). */
  cut: number;
  users: number;
  rows: number;
  positives: number;
  /** Intercept of the regression. */
  intercept: number;
}

/** The hybrid recommender. */
export class HybridRecommender implements Recommender {
  readonly type = "hybrid";
  /** Final weights in use (fitted when `fit: true`). */
  weights!: Weights<FeatureName>;
  /** What fitting did (null when `fit: false`). */
  fitReport: FitReport | null = null;
  /** Ids in `unavailable` that are not in the data. */
  unknownUnavailable = 0;
  #parts!: RankParts;
  #ranker!: HybridRanker;

  constructor(readonly params: HybridParams, readonly seed: number) {}

  fit(data: TrainData): void {
    let weights = this.params.weights;
    if (this.params.fit) {
      const fitted = fitWeights(
        data,
        this.params,
        this.seed,
        (d) => this.#ranker0(d, this.params.weights),
      );
      this.fitReport = fitted.report;
      if (fitted.weights) weights = fitted.weights;
    }
    const cf = new Item2ItemRecommender({ ...this.params.item2item, fallback: null });
    const content = new ContentRecommender({ ...this.params.content, fallback: null });
    cf.fit(data);
    content.fit(data);
    this.#init(data, cf, content, weights);
  }

  /** A ranker over sub-models fitted on `data` (used on the validation slice). */
  #ranker0(data: TrainData, weights: Weights<FeatureName>): HybridRanker {
    const cf = new Item2ItemRecommender({ ...this.params.item2item, fallback: null });
    const content = new ContentRecommender({ ...this.params.content, fallback: null });
    cf.fit(data);
    content.fit(data);
    return new HybridRanker(this.#makeParts(data, cf, content), this.#config(weights));
  }

  #init(
    data: TrainData,
    cf: Item2ItemRecommender,
    content: ContentRecommender,
    weights: Weights<FeatureName>,
  ): void {
    this.weights = weights;
    this.#parts = this.#makeParts(data, cf, content);
    this.#ranker = new HybridRanker(this.#parts, this.#config(weights));
  }

  #makeParts(data: TrainData, cf: Item2ItemRecommender, content: ContentRecommender): RankParts {
    const p = this.params;
    const all = popularityCounts(data);
    const recent = popularityCounts(data, p.trendingDays);
    const trendingOrder = rankOrder(recent, data.catalog, all);
    const newest = newestOrder(data);
    const lists = new ListBuilder(data);
    lists.blocked = this.#blocked(data);
    return {
      data,
      cf,
      content,
      features: {
        popularity: logScaled(all),
        trending: logScaled(recent),
        newness: newnessOf(newest, data.nItems),
      },
      trendingOrder,
      newestOrder: newest,
      fallback: p.fallback === "trending"
        ? trendingOrder
        : p.fallback === "newest"
        ? newest
        : fallbackOrder(data, "popular")!,
      authors: GroupIndex.build(data.items?.authors ?? null, data.nItems),
      series: GroupIndex.build(data.items?.series ?? null, data.nItems),
      lists,
    };
  }

  /** 1 for items in `unavailable` or flagged unavailable in the metadata. */
  #blocked(data: TrainData): Uint8Array {
    const blocked = new Uint8Array(data.nItems);
    if (data.items) {
      for (let i = 0; i < data.nItems; i++) {
        blocked[i] = data.items.available[i] ? 0 : 1;
      }
    }
    if (this.params.unavailable.length) {
      const pos = new Map(data.itemIds.map((id, i) => [id, i]));
      this.unknownUnavailable = 0;
      for (const id of this.params.unavailable) {
        const i = pos.get(id);
        if (i === undefined) this.unknownUnavailable++;
        else blocked[i] = 1;
      }
    }
    return blocked;
  }

  #config(weights: Weights<FeatureName>): RankConfig {
    const p = this.params;
    return {
      cfCandidates: p.cfCandidates,
      contentCandidates: p.contentCandidates,
      trendingCandidates: p.trendingCandidates,
      newestCandidates: p.newestCandidates,
      preRank: p.preRank,
      finalSize: p.finalSize,
      preWeights: Float64Array.from(PRE_FEATURES, (f) => p.preRankWeights[f]),
      weights: Float64Array.from(FEATURES, (f) => weights[f]),
      maxPerAuthor: p.maxPerAuthor,
    };
  }

  recommend(users: Int32Array, k: number): Promise<RecLists> {
    const items = new Int32Array(users.length * k).fill(-1);
    for (let j = 0; j < users.length; j++) this.#ranker.rank(users[j], k, items, j * k);
    return Promise.resolve({ k, users, items });
  }

  /**
   * One reason per item, the first that holds: same series as a history item,
   * same author, "readers of … also read" (item2item), "similar to …"
   * (content), "popular now" (in the trending window), else "new arrival".
   */
  explain(user: number, items: Int32Array): string[] {
    const { data, authors, series, cf, content, features } = this.#parts;
    authors.mark(data, user);
    series.mark(data, user);
    return Array.from(items, (i) => {
      if (i < 0) return "";
      let src = series.match(i);
      if (src >= 0) return `same series as ${itemLabel(data, src)}`;
      if ((src = authors.match(i)) >= 0) return `same author as ${itemLabel(data, src)}`;
      if ((src = cf.bestSource(user, i)) >= 0) {
        return `readers of ${itemLabel(data, src)} also read`;
      }
      if ((src = content.bestSource(user, i)) >= 0) return `similar to ${itemLabel(data, src)}`;
      return features.trending[i] > 0 ? "popular now" : "new arrival";
    });
  }

  exportState(): ModelState {
    const arrays: ModelState["arrays"] = {};
    const cf = this.#parts.cf.exportState(), content = this.#parts.content.exportState();
    for (const [name, a] of Object.entries(cf.arrays)) arrays[`cf.${name}`] = a;
    for (const [name, a] of Object.entries(content.arrays)) arrays[`content.${name}`] = a;
    return {
      arrays,
      json: { weights: this.weights, fitReport: this.fitReport, content: content.json },
    };
  }

  importState(data: TrainData, state: ModelState): void {
    const sub = (prefix: string) =>
      Object.fromEntries(
        Object.entries(state.arrays).filter(([n]) => n.startsWith(prefix)).map((
          [n, a],
        ) => [n.slice(prefix.length), a]),
      );
    const cf = new Item2ItemRecommender({ ...this.params.item2item, fallback: null });
    const content = new ContentRecommender({ ...this.params.content, fallback: null });
    cf.importState(data, { arrays: sub("cf."), json: {} });
    content.importState(data, {
      arrays: sub("content."),
      json: state.json.content as Record<string, unknown>,
    });
    this.fitReport = (state.json.fitReport ?? null) as FitReport | null;
    this.#init(data, cf, content, state.json.weights as Weights<FeatureName>);
  }
}

/** Registry entry of `hybrid`. */
export const hybridFactory: RecommenderFactory = {
  type: "hybrid",
  description:
    "Candidates (item2item + content + trending + newest) → linear pre-rank → linear/LR ranker → diversity cap.",
  params: HYBRID_PARAMS,
  create: (params, ctx) =>
    new HybridRecommender(
      resolveHybridParams(params, `${ctx.path ?? "recommender"}.params`),
      ctx.seed,
    ),
};
