/**
 * Params of `hybrid`: the documented table with defaults, the resolved type,
 * and validation (nested item2item / content params included).
 *
 * @module
 */
import { item2itemFactory, type Item2ItemParams, readItem2ItemParams } from "./item2item.ts";
import { contentFactory, type ContentParams, readContentParams } from "./content.ts";
import { ParamReader, type ParamSpec, resolveParams } from "./_params.ts";
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

/** Fills defaults and validates `hybrid` params (nested sub-model params included). */
export function resolveHybridParams(
  given: Record<string, unknown>,
  path = "recommender.params",
): HybridParams {
  const params = resolveParams(HYBRID_PARAMS, given, path, "hybrid");
  const r = new ParamReader(params, path);
  const i2i = resolveParams(
    item2itemFactory.params,
    r.obj("item2item"),
    `${path}.item2item`,
    "item2item",
  );
  const ct = resolveParams(contentFactory.params, r.obj("content"), `${path}.content`, "content");
  const count = (name: string, min = 0) => r.num(name, { min, int: true });
  return {
    item2item: readItem2ItemParams(i2i, `${path}.item2item`),
    content: readContentParams(ct, `${path}.content`),
    cfCandidates: count("cfCandidates"),
    contentCandidates: count("contentCandidates"),
    trendingCandidates: count("trendingCandidates"),
    newestCandidates: count("newestCandidates"),
    trendingDays: r.num("trendingDays", { min: 0 }),
    preRank: count("preRank", 1),
    finalSize: count("finalSize", 1),
    preRankWeights: r.numTable("preRankWeights", DEFAULT_PRE),
    weights: r.numTable("weights", DEFAULT_WEIGHTS),
    fit: r.bool("fit"),
    validationFraction: r.num("validationFraction", { min: Number.MIN_VALUE, max: 0.9 }),
    fitUsers: count("fitUsers", 1),
    l2: r.num("l2", { min: 0 }),
    maxPerAuthor: r.numOrNull("maxPerAuthor", { min: 1, int: true }),
    unavailable: r.strList("unavailable"),
    fallback: r.oneOf("fallback", ["popular", "trending", "newest"] as const),
  };
}

/** Param table of `hybrid` (name → default and doc). */
export const HYBRID_PARAMS: ParamSpec = {
  item2item: {
    default: {},
    doc: "Params of the item2item candidate source (its fallback is unused).",
  },
  content: {
    default: {},
    doc: "Params of the content candidate source (its fallback is unused).",
  },
  cfCandidates: { default: 1000, doc: "Candidates from item2item per user." },
  contentCandidates: { default: 600, doc: "Candidates from content per user." },
  trendingCandidates: { default: 300, doc: "Candidates from the trending order per user." },
  newestCandidates: { default: 100, doc: "Candidates from the newest order per user." },
  trendingDays: {
    default: 30,
    doc: "Window of the trending feature and source, in days before the split.",
  },
  preRank: { default: 300, doc: "Candidates kept by the cheap linear pre-rank." },
  finalSize: { default: 50, doc: "Items kept by the final ranker before post-processing." },
  preRankWeights: {
    default: DEFAULT_PRE,
    doc: "Pre-rank weights: cf, content, popularity, trending, newness.",
  },
  weights: {
    default: DEFAULT_WEIGHTS,
    doc: "Final weights: cf, content, popularity, trending, newness, sameAuthor, sameSeries.",
  },
  fit: {
    default: false,
    doc: "Fit the final weights by logistic regression on a validation slice of train.",
  },
  validationFraction: {
    default: 0.1,
    doc: "Share of train (latest rows) used as the validation slice.",
  },
  fitUsers: { default: 2000, doc: "Validation users sampled (seeded) for the fit." },
  l2: { default: 1, doc: "L2 penalty of the logistic regression." },
  maxPerAuthor: { default: 3, doc: "At most N items per author in a list (null = no cap)." },
  unavailable: {
    default: [],
    doc: "Item ids never to recommend (besides `available: false` metadata).",
  },
  fallback: { default: "trending", doc: 'Fills short lists: "popular", "trending" or "newest".' },
};
