/**
 * Params of `hybrid`: the table (defaults, docs, values) and the resolved type.
 *
 * @module
 */
import { item2itemFactory, type Item2ItemParams, readItem2ItemParams } from "./item2item.ts";
import { CONTENT_PARAMS, type ContentParams } from "./content.ts";
import { type ParamSpec, type ParamTable, resolveParams } from "./params.ts";
import type { FeatureName, PRE_FEATURES, Weights } from "./_hybrid_parts.ts";

/** Resolved params of `hybrid` (see the factory for docs and defaults). */
export interface HybridParams {
  item2item: Item2ItemParams;
  content: ContentParams;
  cfCandidates: number;
  contentCandidates: number;
  trendingCandidates: number;
  newestCandidates: number;
  trendingDays: number;
  preRank: number;
  finalSize: number;
  preRankWeights: Weights<typeof PRE_FEATURES[number]>;
  weights: Weights<FeatureName>;
  fit: boolean;
  validationFraction: number;
  fitUsers: number;
  l2: number;
  maxPerAuthor: number | null;
  unavailable: string[];
  fallback: "popular" | "trending" | "newest";
}

const DEFAULT_PRE = { cf: 1, content: 0.5, popularity: 0.1, trending: 0.2, newness: 0.05 };
const DEFAULT_WEIGHTS = { ...DEFAULT_PRE, content: 1, sameAuthor: 0.3, sameSeries: 0.5 };

/**
 * Fills defaults and validates `hybrid` params (nested sub-model params
 * included), in {@linkcode HYBRID_PARAMS} order.
 *
 * @example
 * ```ts
 * import { resolveHybridParams } from "./hybrid_params.ts";
 * const p = resolveHybridParams({ maxPerAuthor: 2, item2item: { neighbours: 20 } });
 * if (p.maxPerAuthor !== 2 || p.item2item.neighbours !== 20 || p.cfCandidates !== 1000) throw new Error();
 * ```
 */
export function resolveHybridParams(
  given: Record<string, unknown>,
  path = "recommender.params",
): HybridParams {
  const p = resolveParams(HYBRID_PARAMS, given, path, "hybrid");
  // item2item declares no kinds yet: its own reader checks its values.
  p.item2item = readItem2ItemParams(p.item2item as Record<string, unknown>, `${path}.item2item`);
  return p as unknown as HybridParams;
}

const count = (min: number, def: number, doc: string): ParamSpec => ({
  kind: "number",
  int: true,
  min,
  default: def,
  doc,
});

/** Param table of `hybrid`: defaults, docs and the values each takes. */
export const HYBRID_PARAMS: ParamTable = {
  item2item: {
    kind: "params",
    of: item2itemFactory.params,
    owner: "item2item",
    default: {},
    doc: "Params of the item2item candidate source (its fallback is unused).",
  },
  content: {
    kind: "params",
    of: CONTENT_PARAMS,
    owner: "content",
    default: {},
    doc: "Params of the content candidate source (its fallback is unused).",
  },
  cfCandidates: count(0, 1000, "Candidates from item2item per user."),
  contentCandidates: count(0, 600, "Candidates from content per user."),
  trendingCandidates: count(0, 300, "Candidates from the trending order per user."),
  newestCandidates: count(0, 100, "Candidates from the newest order per user."),
  trendingDays: {
    kind: "number",
    min: 0,
    default: 30,
    doc: "Window of the trending feature and source, in days before the split.",
  },
  preRank: count(1, 300, "Candidates kept by the cheap linear pre-rank."),
  finalSize: count(1, 50, "Items kept by the final ranker before post-processing."),
  preRankWeights: {
    kind: "numbers",
    default: DEFAULT_PRE,
    doc: "Pre-rank weights: cf, content, popularity, trending, newness.",
  },
  weights: {
    kind: "numbers",
    default: DEFAULT_WEIGHTS,
    doc: "Final weights: cf, content, popularity, trending, newness, sameAuthor, sameSeries.",
  },
  fit: {
    kind: "boolean",
    default: false,
    doc: "Fit the final weights by logistic regression on a validation slice of train.",
  },
  validationFraction: {
    kind: "number",
    exclusiveMin: 0,
    max: 0.9,
    default: 0.1,
    doc: "Share of train (latest rows) used as the validation slice.",
  },
  fitUsers: count(1, 2000, "Validation users sampled (seeded) for the fit."),
  l2: { kind: "number", min: 0, default: 1, doc: "L2 penalty of the logistic regression." },
  maxPerAuthor: {
    kind: "number",
    int: true,
    min: 1,
    nullable: true,
    default: 3,
    doc: "At most N items per author in a list (null = no cap).",
  },
  unavailable: {
    kind: "strings",
    default: [],
    doc: "Item ids never to recommend (besides `available: false` metadata).",
  },
  fallback: {
    kind: "choice",
    choices: ["popular", "trending", "newest"],
    default: "trending",
    doc: 'Fills short lists: "popular", "trending" or "newest".',
  },
};
