/**
 * Split stage: temporal split instant, k-core, warm/cold, eval users and
 * relevant sets (PROTOCOL §2–3).
 * @module
 */
export * from "./temporal.ts";
export * from "./kcore.ts";
export * from "./holdout.ts";
