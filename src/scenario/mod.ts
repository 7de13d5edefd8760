/**
 * Scenario stage: schema (one source of truth), validation, defaults.
 * @module
 */
export * from "./types.ts";
export * from "./schema_dsl.ts";
export * from "./schema.ts";
export * from "./load.ts";
