/**
 * The recommender registry: type name → factory. Scenarios name a type and
 * params; `abreplay list` prints this table.
 *
 * @example
 * ```ts
 * import { createRecommender, listRecommenders } from "./registry.ts";
 * const types = listRecommenders().map((f) => f.type);
 * if (!types.includes("hybrid")) throw new Error(types.join());
 * const m = createRecommender({ type: "item2item", params: { neighbours: 20 } }, { seed: 1, baseDir: "." });
 * if (m.type !== "item2item") throw new Error();
 * ```
 * @module
 */
import { ScenarioError } from "../errors.ts";
import type { Recommender, RecommenderContext, RecommenderFactory } from "./types.ts";
import { resolveParams } from "./params.ts";
import { didYouMean } from "../did_you_mean.ts";
import { randomFactory } from "./random.ts";
import { popularFactory, trendingFactory } from "./popular.ts";
import { newestFactory } from "./newest.ts";
import { item2itemFactory } from "./item2item.ts";
import { contentFactory } from "./content.ts";
import { hybridFactory } from "./hybrid.ts";
import { precomputedFactory } from "./precomputed.ts";
import { httpFactory } from "./http.ts";

const FACTORIES: RecommenderFactory[] = [
  randomFactory,
  popularFactory,
  trendingFactory,
  newestFactory,
  item2itemFactory,
  contentFactory,
  hybridFactory,
  precomputedFactory,
  httpFactory,
];

/** Every registered recommender type. */
export function listRecommenders(): readonly RecommenderFactory[] {
  return FACTORIES;
}

/** Looks a factory up by type, or undefined. */
export function findRecommender(type: string): RecommenderFactory | undefined {
  return FACTORIES.find((f) => f.type === type);
}

/** A recommender spec as written in a scenario. */
export interface RecommenderSpec {
  /** A registered type, e.g. `item2item`. */
  type: string;
  /** Its params; the rest take their defaults. */
  params?: Record<string, unknown>;
}

/**
 * Creates a recommender from its spec, filling param defaults. Unknown types
 * and params, and invalid param values, throw a {@linkcode ScenarioError}
 * naming `path` (e.g. `control.params.neighbours`).
 */
export function createRecommender(
  spec: RecommenderSpec,
  ctx: RecommenderContext,
  path = "recommender",
): Recommender {
  const f = findRecommender(spec.type);
  if (!f) {
    const known = FACTORIES.map((x) => x.type);
    throw new ScenarioError(
      `unknown recommender type "${spec.type}"${didYouMean(spec.type, known)}`,
      {
        path: `${path}.type`,
        hint: `use one of: ${known.join(", ")}`,
      },
    );
  }
  const params = resolveParams(f.params, spec.params, `${path}.params`, f.type);
  return f.create(params, { ...ctx, path });
}
