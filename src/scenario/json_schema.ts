/**
 * JSON Schema (draft 2020-12) from the schema language, for editors: the
 * committed `scenarios/scenario.schema.json` is generated from
 * {@linkcode SCENARIO_SCHEMA} by `scripts/gen_schema.ts`, and a test checks
 * that it never drifts.
 *
 * @module
 */
import { defaultOf } from "./defaults.ts";
import type { Schema } from "./schema_dsl.ts";
import { SCENARIO_SCHEMA } from "./schema.ts";
import { listRecommenders, paramsJsonSchema } from "../recommenders/mod.ts";

/** `$id` of the scenario JSON Schema. */
export const SCENARIO_SCHEMA_ID = "urn:abreplay:scenario-schema:v1";

/**
 * JSON Schema of a schema node. Checks that need the whole document (e.g. a
 * gate metric's k equals `eval.k`) are not expressible and are left out.
 *
 * @example
 * ```ts
 * import { toJsonSchema } from "./json_schema.ts";
 * const j = toJsonSchema({ kind: "number", doc: "List length.", integer: true, min: 1, default: 10 });
 * if (j.type !== "integer" || j.minimum !== 1 || j.default !== 10) throw new Error(JSON.stringify(j));
 * ```
 */
export function toJsonSchema(s: Schema, root = true): Record<string, unknown> {
  const base: Record<string, unknown> = { description: s.doc };
  if (defaultOf(s) !== undefined) base.default = defaultOf(s);
  switch (s.kind) {
    case "any":
      return base;
    case "nullable":
      return { ...base, anyOf: [toJsonSchema(s.of, false), { type: "null" }] };
    case "string":
      return {
        ...base,
        type: "string",
        ...(s.enum ? { enum: s.enum } : {}),
        ...(s.pattern ? { pattern: s.pattern } : {}),
      };
    case "number": {
      const one = {
        type: s.integer ? "integer" : "number",
        ...(s.min !== undefined ? { minimum: s.min } : {}),
        ...(s.max !== undefined ? { maximum: s.max } : {}),
        ...(s.exclusiveMin !== undefined ? { exclusiveMinimum: s.exclusiveMin } : {}),
        ...(s.exclusiveMax !== undefined ? { exclusiveMaximum: s.exclusiveMax } : {}),
      };
      if (!s.orList) return { ...base, ...one };
      return {
        ...base,
        anyOf: [one, { type: "array", items: one, minItems: 1, uniqueItems: true }],
      };
    }
    case "boolean":
      return { ...base, type: "boolean" };
    case "array":
      return {
        ...base,
        type: "array",
        items: toJsonSchema(s.items, false),
        ...(s.minItems !== undefined ? { minItems: s.minItems } : {}),
        ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
      };
    case "map":
      return { ...base, type: "object", additionalProperties: toJsonSchema(s.values, false) };
    case "object": {
      if (!s.orList) return objectSchema(s, base, root);
      const { description: _d, ...one }: Record<string, unknown> = objectSchema(
        { ...s, orList: undefined },
        base,
        root,
      );
      return {
        ...base,
        anyOf: [one, { type: "array", items: one, minItems: s.orList.minItems }],
      };
    }
  }
}

function objectSchema(
  s: Extract<Schema, { kind: "object" }>,
  base: Record<string, unknown>,
  root: boolean,
) {
  const props = Object.fromEntries(
    Object.entries(s.props).map(([k, v]) => [k, toJsonSchema(v, false)]),
  );
  const all: Record<string, unknown>[] = [];
  if (s.exactlyOne) all.push({ oneOf: s.exactlyOne.map((k) => ({ required: [k] })) });
  if (s.anyOf) all.push({ anyOf: s.anyOf.map((k) => ({ required: [k] })) });
  for (const pair of s.exclusive ?? []) all.push({ not: { required: pair } });
  return {
    ...base,
    type: "object",
    properties: root
      ? {
        $schema: { type: "string", description: "Path of this JSON Schema, for editors." },
        ...props,
      }
      : props,
    ...(s.required?.length ? { required: s.required } : {}),
    additionalProperties: !!s.open,
    ...(all.length === 1 ? all[0] : all.length > 1 ? { allOf: all } : {}),
  };
}

/**
 * The complete scenario JSON Schema document (`$schema`, `$id`, `title`).
 *
 * @example
 * ```ts
 * import { scenarioJsonSchema } from "./json_schema.ts";
 * const doc = scenarioJsonSchema();
 * if (doc.$schema !== "https://json-schema.org/draft/2020-12/schema") throw new Error();
 * if (!(doc.required as string[]).includes("control")) throw new Error();
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const doc = toJsonSchema(SCENARIO_SCHEMA);
  const props = doc.properties as Record<string, Record<string, unknown>>;
  for (const arm of ["control", "test"]) props[arm] = withTypedParams(props[arm]);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: SCENARIO_SCHEMA_ID,
    title: "abreplay scenario",
    ...doc,
    // Each recommender type's params, from its param table (names, docs, defaults, values).
    $defs: Object.fromEntries(
      listRecommenders().map((f) => [`params-${f.type}`, paramsJsonSchema(f.params)]),
    ),
  };
}

/** An arm's JSON Schema (or the list form's) with, per registered recommender type, the schema of its params. */
function withTypedParams(arm: Record<string, unknown>): Record<string, unknown> {
  if (arm.type === undefined && Array.isArray(arm.anyOf)) {
    const [one, list] = arm.anyOf as Record<string, unknown>[];
    const typed = withTypedParams(one);
    return { ...arm, anyOf: [typed, { ...list, items: typed }] };
  }
  const byType = listRecommenders().map((f) => ({
    if: { properties: { type: { const: f.type } }, required: ["type"] },
    then: { properties: { params: { $ref: `#/$defs/params-${f.type}` } } },
  }));
  return { ...arm, allOf: [...((arm.allOf as unknown[]) ?? []), ...byType] };
}

/**
 * The text of `scenarios/scenario.schema.json`: 2-space JSON and a final newline.
 *
 * @example
 * ```ts
 * import { scenarioJsonSchemaText } from "./json_schema.ts";
 * const t = scenarioJsonSchemaText();
 * if (!t.endsWith("}\n") || JSON.parse(t).title !== "abreplay scenario") throw new Error();
 * ```
 */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}
