/**
 * Gate stage: admission rules → verdict (admit / reject / inconclusive), with
 * the primary rule's stated operating characteristic.
 * @module
 */
export * from "./gate.ts";
export * from "./threshold_rule.ts";
export * from "./oc_curve.ts";
export * from "./candidates.ts";
