/**
 * Recommenders: the shared interface, the registry, every model, and
 * save/load of fitted models.
 *
 * - Baselines: `random`, `popular`, `trending`, `newest`.
 * - Collaborative: `item2item` (cosine / Jaccard / damped neighbours).
 * - Content: `content` (TF-IDF over metadata; reaches cold items).
 * - Pipeline: `hybrid` (candidates → pre-rank → linear / LR ranker → diversity cap).
 * - Replay: `precomputed` (lists from a file), `http` (a running service's answers).
 *
 * @module
 */
export * from "./types.ts";
export * from "./registry.ts";
export * from "./random.ts";
export * from "./popular.ts";
export * from "./newest.ts";
export * from "./item2item.ts";
export * from "./content.ts";
export * from "./hybrid.ts";
export * from "./precomputed.ts";
export * from "./http.ts";
export * from "./persist.ts";
export * from "./fingerprint.ts";
export * from "./worker_arm.ts";
export { SeenMarker, topKInto } from "./topk.ts";
export * from "./params.ts";
export * from "./hybrid_params.ts";
