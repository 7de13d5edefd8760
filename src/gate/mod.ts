/**
 * Gate stage: admission rules → verdict (admit / reject / inconclusive).
 * @module
 */
export * from "./gate.ts";
