/**
 * Metrics stage (PROTOCOL §4 and §4.1): pure functions over typed arrays;
 * they know no storage and no recommender.
 * @module
 */
export * from "./hits.ts";
export * from "./ranking.ts";
export * from "./coverage.ts";
export * from "./item_stats.ts";
export * from "./ips.ts";
export * from "./popularity.ts";
export * from "./diversity.ts";
export * from "./concentration.ts";
export * from "./evaluate.ts";
export * from "./clicks.ts";
