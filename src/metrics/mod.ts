/**
 * Metrics stage (PROTOCOL §4): pure functions over typed arrays; they know no
 * storage and no recommender.
 * @module
 */
export * from "./hits.ts";
export * from "./ranking.ts";
export * from "./coverage.ts";
export * from "./evaluate.ts";
export * from "./clicks.ts";
