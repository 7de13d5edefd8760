/**
 * Replay stage: which users each arm serves, serving with contract checks,
 * the train view models fit on.
 * @module
 */
export * from "./assign.ts";
export * from "./serve.ts";
export * from "./subset.ts";
export * from "./train_data.ts";
export * from "./interleave.ts";
