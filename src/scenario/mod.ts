/**
 * Scenario stage: schema (one source of truth), parsing (JSON and YAML),
 * validation with every problem at once, defaults, and the JSON Schema.
 *
 * @example
 * ```ts
 * import { resolveScenario } from "./mod.ts";
 * const s = resolveScenario({ name: "x", data: { generate: {} }, control: { type: "random" }, test: { type: "popular" } }, "");
 * if (s.stats.B !== 2000 || s.mode.weights[0] !== 0.5) throw new Error("defaults");
 * ```
 * @module
 */
export * from "./types.ts";
export * from "./schema_dsl.ts";
export * from "./defaults.ts";
export * from "./schema.ts";
export * from "./json_schema.ts";
export * from "./metric_names.ts";
export * from "./parse.ts";
export * from "./load.ts";
