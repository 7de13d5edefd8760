/**
 * A tiny schema language: one source of truth that both validates scenario
 * files (collecting every error with its JSON path, expected and found, and a
 * "did you mean") and emits a JSON Schema for editors.
 *
 * @module
 */
import { didYouMean } from "../recommenders/registry.ts";

/** A schema node. */
export type Schema =
  | { kind: "string"; doc: string; default?: string; enum?: string[]; pattern?: string; patternDoc?: string }
  | { kind: "number"; doc: string; default?: number; min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number; integer?: boolean }
  | { kind: "boolean"; doc: string; default?: boolean }
  | { kind: "array"; doc: string; items: Schema; default?: unknown[]; minItems?: number }
  | { kind: "object"; doc: string; props: Record<string, Schema>; required?: string[]; open?: boolean; alternative?: boolean }
  | { kind: "map"; doc: string; values: Schema }
  | { kind: "any"; doc: string; default?: unknown }
  | { kind: "nullable"; doc: string; of: Schema; default?: null };

/** One validation problem. */
export interface Problem {
  path: string;
  message: string;
}

const typeName = (v: unknown) => v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + "..." : s;
};

/** Validates `value` against `schema`, appending every problem to `out`. */
export function validate(schema: Schema, value: unknown, path: string, out: Problem[]): void {
  const bad = (expected: string): void => void out.push({ path, message: `expected ${expected}, found ${typeName(value)} ${show(value)}` });
  switch (schema.kind) {
    case "any":
      return;
    case "nullable":
      if (value !== null) validate(schema.of, value, path, out);
      return;
    case "string":
      if (typeof value !== "string") return bad("a string");
      if (schema.enum && !schema.enum.includes(value)) {
        out.push({ path, message: `expected one of ${schema.enum.map((e) => `"${e}"`).join(", ")}, found "${value}"${didYouMean(value, schema.enum)}` });
      } else if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
        out.push({ path, message: `expected ${schema.patternDoc ?? `a string matching ${schema.pattern}`}, found "${value}"` });
      }
      return;
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return bad(schema.integer ? "an integer" : "a number");
      if (schema.integer && !Number.isInteger(value)) return bad("an integer");
      const lim: string[] = [];
      if (schema.min !== undefined && value < schema.min) lim.push(`>= ${schema.min}`);
      if (schema.max !== undefined && value > schema.max) lim.push(`<= ${schema.max}`);
      if (schema.exclusiveMin !== undefined && value <= schema.exclusiveMin) lim.push(`> ${schema.exclusiveMin}`);
      if (schema.exclusiveMax !== undefined && value >= schema.exclusiveMax) lim.push(`< ${schema.exclusiveMax}`);
      if (lim.length) out.push({ path, message: `expected a number ${lim.join(" and ")}, found ${value}` });
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") bad("true or false");
      return;
    case "array":
      if (!Array.isArray(value)) return bad("an array");
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        out.push({ path, message: `expected at least ${schema.minItems} item(s), found ${value.length}` });
      }
      value.forEach((v, i) => validate(schema.items, v, `${path}[${i}]`, out));
      return;
    case "map":
      if (typeName(value) !== "object") return bad("an object");
      for (const [k, v] of Object.entries(value as object)) validate(schema.values, v, join(path, k), out);
      return;
    case "object": {
      if (typeName(value) !== "object") return bad("an object");
      const o = value as Record<string, unknown>;
      const known = Object.keys(schema.props);
      for (const r of schema.required ?? []) {
        if (!(r in o)) out.push({ path: join(path, r), message: `missing required key "${r}" (${schema.props[r].doc})` });
      }
      for (const [k, v] of Object.entries(o)) {
        if (k === "$schema") continue;
        const s = schema.props[k];
        if (s) validate(s, v, join(path, k), out);
        else if (!schema.open) {
          out.push({ path: join(path, k), message: `unknown key "${k}"${didYouMean(k, known)}; allowed: ${known.join(", ")}` });
        }
      }
      return;
    }
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Fills defaults of missing keys, recursively. A missing object section with
 * defaults inside is created, unless it is marked `alternative` (an optional
 * choice such as `data.generate`).
 */
export function withDefaults(schema: Schema, value: unknown): unknown {
  if (schema.kind === "object" && typeName(value) === "object") {
    const o = { ...(value as Record<string, unknown>) };
    for (const [k, s] of Object.entries(schema.props)) {
      if (o[k] === undefined && "default" in s && s.default !== undefined) o[k] = structuredClone(s.default);
      if (o[k] === undefined && s.kind === "object" && !s.alternative && hasDefaults(s)) o[k] = {};
      if (o[k] !== undefined) o[k] = withDefaults(s, o[k]);
    }
    return o;
  }
  if (schema.kind === "nullable" && value !== null) return withDefaults(schema.of, value);
  return value;
}

function hasDefaults(s: Schema): boolean {
  return s.kind === "object" && Object.values(s.props).some((p) => ("default" in p && p.default !== undefined) || hasDefaults(p));
}

/** JSON Schema (draft 2020-12) of a schema node. */
export function toJsonSchema(s: Schema): Record<string, unknown> {
  const base: Record<string, unknown> = { description: s.doc };
  if ("default" in s && s.default !== undefined) base.default = s.default;
  switch (s.kind) {
    case "any":
      return base;
    case "nullable":
      return { ...base, anyOf: [toJsonSchema(s.of), { type: "null" }] };
    case "string":
      return { ...base, type: "string", ...(s.enum ? { enum: s.enum } : {}), ...(s.pattern ? { pattern: s.pattern } : {}) };
    case "number":
      return {
        ...base,
        type: s.integer ? "integer" : "number",
        ...(s.min !== undefined ? { minimum: s.min } : {}),
        ...(s.max !== undefined ? { maximum: s.max } : {}),
        ...(s.exclusiveMin !== undefined ? { exclusiveMinimum: s.exclusiveMin } : {}),
        ...(s.exclusiveMax !== undefined ? { exclusiveMaximum: s.exclusiveMax } : {}),
      };
    case "boolean":
      return { ...base, type: "boolean" };
    case "array":
      return { ...base, type: "array", items: toJsonSchema(s.items), ...(s.minItems ? { minItems: s.minItems } : {}) };
    case "map":
      return { ...base, type: "object", additionalProperties: toJsonSchema(s.values) };
    case "object":
      return {
        ...base,
        type: "object",
        properties: { $schema: { type: "string" }, ...Object.fromEntries(Object.entries(s.props).map(([k, v]) => [k, toJsonSchema(v)])) },
        ...(s.required?.length ? { required: s.required } : {}),
        additionalProperties: !!s.open,
      };
  }
}
