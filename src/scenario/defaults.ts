/**
 * Defaults of the schema language: filling every missing key that has a
 * default, so a resolved scenario records every value a run used.
 *
 * @module
 */
import { type Schema, typeName } from "./schema_dsl.ts";

/**
 * Fills defaults of missing keys, recursively. A missing object section with
 * defaults inside is created, unless it is marked `alternative`. A default is
 * skipped when an `exclusive` partner of its key is given.
 *
 * @example
 * ```ts
 * import { withDefaults } from "./defaults.ts";
 * const s = { kind: "object", doc: "", props: { eval: { kind: "object", doc: "", props: { k: { kind: "number", doc: "", default: 10 } } } } } as const;
 * const v = withDefaults(s, {}) as { eval: { k: number } };
 * if (v.eval.k !== 10) throw new Error("default");
 * ```
 */
export function withDefaults(schema: Schema, value: unknown): unknown {
  if (schema.kind === "object" && typeName(value) === "object") {
    const o = { ...(value as Record<string, unknown>) };
    const partnerGiven = (k: string) =>
      (schema.exclusive ?? []).some(([a, b]) =>
        (a === k && o[b] !== undefined) || (b === k && o[a] !== undefined)
      );
    for (const [k, s] of Object.entries(schema.props)) {
      if (o[k] === undefined && defaultOf(s) !== undefined && !partnerGiven(k)) {
        o[k] = structuredClone(defaultOf(s));
      }
      if (o[k] === undefined && s.kind === "object" && !s.alternative && hasDefaults(s)) o[k] = {};
      if (o[k] !== undefined) o[k] = withDefaults(s, o[k]);
    }
    return o;
  }
  if (schema.kind === "array" && Array.isArray(value)) {
    return value.map((v) => withDefaults(schema.items, v));
  }
  if (schema.kind === "object" && schema.orList && Array.isArray(value)) {
    return value.map((v) => withDefaults(schema, v));
  }
  if (schema.kind === "nullable" && value !== null) return withDefaults(schema.of, value);
  return value;
}

function hasDefaults(s: Schema): boolean {
  return s.kind === "object" &&
    Object.values(s.props).some((p) => defaultOf(p) !== undefined || hasDefaults(p));
}

/**
 * The declared default of a schema node, if any.
 *
 * @example
 * ```ts
 * import { defaultOf } from "./defaults.ts";
 * if (defaultOf({ kind: "boolean", doc: "", default: true }) !== true) throw new Error();
 * if (defaultOf({ kind: "map", doc: "", values: { kind: "any", doc: "" } }) !== undefined) throw new Error();
 * ```
 */
export function defaultOf(s: Schema): unknown {
  return "default" in s ? s.default : undefined;
}
