/**
 * The statistics of a comparison (PROTOCOL §5–6): control vs test per metric
 * and segment, each metric's registered tests on its bootstrap or coverage
 * half-samples, the tests over the gated family, SRM, power and serving
 * health. Adding a test: see `registry.ts`.
 *
 * @module
 */
export { compareArms, mergeRefined } from "./compare.ts";
export { definedPair } from "./defined.ts";
export { FAMILY_TESTS, METRIC_TESTS, type MetricTestFields } from "./registry.ts";
export { coverageContrast, coverageName } from "./coverage.ts";
export { powerAnalysis } from "./power.ts";
export { srmCheck } from "./srm.ts";
export { armHealth } from "./health.ts";
export { type InterleavingResult, interleavingTest } from "./interleaving.ts";
export type * from "./types.ts";
export type { DeltaIntervalFields } from "./tests/delta_interval.ts";
export type { LiftIntervalFields } from "./tests/lift_interval.ts";
export type { PValueFields } from "./tests/p_value.ts";
export type { HolmFields } from "./tests/holm.ts";
export type { ArmIntervalFields } from "./tests/arm_intervals.ts";
export type { CupedFields } from "./tests/cuped.ts";
