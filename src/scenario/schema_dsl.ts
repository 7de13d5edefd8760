/**
 * A tiny schema language: one source of truth that validates scenario files
 * (collecting every problem with its JSON path, what was expected, what was
 * found, and a "did you mean"), fills defaults (`defaults.ts`), and emits a
 * JSON Schema for editors (`json_schema.ts`).
 *
 * @module
 */
import { didYouMean } from "../did_you_mean.ts";
import { joinPath } from "./_path.ts";

/** An extra check of a value; `root` is the whole document. Returns a problem or undefined. */
export type Check<T> = (value: T, root: any) => { message: string; hint?: string } | undefined;

/** A schema node. Every node carries a one-line `doc`. */
export type Schema =
  | {
    kind: "string";
    doc: string;
    default?: string;
    enum?: string[];
    /** Regex the value must match (also emitted to JSON Schema). */
    pattern?: string;
    /** What a matching value looks like, for messages. */
    patternDoc?: string;
    /** Replaces the `pattern` test (the pattern is still emitted for editors). */
    check?: Check<string>;
  }
  | {
    kind: "number";
    doc: string;
    default?: number;
    min?: number;
    max?: number;
    exclusiveMin?: number;
    exclusiveMax?: number;
    integer?: boolean;
    /** Also accept a non-empty list of distinct such numbers (e.g. `eval.k: [5, 10, 20]`). */
    orList?: boolean;
  }
  | { kind: "boolean"; doc: string; default?: boolean }
  | {
    kind: "array";
    doc: string;
    items: Schema;
    default?: unknown[];
    minItems?: number;
    maxItems?: number;
  }
  | {
    kind: "object";
    doc: string;
    props: Record<string, Schema>;
    required?: string[];
    /** Unknown keys are allowed. */
    open?: boolean;
    /** An optional choice (e.g. `data.generate`): not created just to hold its defaults. */
    alternative?: boolean;
    /** Exactly one of these keys must be present. */
    exactlyOne?: string[];
    /** At least one of these keys must be present. */
    anyOf?: string[];
    /** Pairs of keys that must not both be present; a default is not filled in when its partner is given. */
    exclusive?: [string, string][];
    /** Also accept a list of at least `minItems` such objects (e.g. `test: [{...}, {...}]`). */
    orList?: { minItems: number; doc: string };
  }
  | { kind: "map"; doc: string; values: Schema }
  | { kind: "any"; doc: string; default?: unknown }
  | { kind: "nullable"; doc: string; of: Schema; default?: null };

/** One validation problem: where, what, and what to do. */
export interface Problem {
  /** JSON path, "" for the root. */
  path: string;
  /** What is wrong: expected, found, and a "did you mean" where one is close. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Line in the file, when known better than the line of `path` (e.g. a duplicate key). */
  line?: number;
}

/**
 * JSON type name of a value, as used in messages.
 *
 * @example
 * ```ts
 * import { typeName } from "./schema_dsl.ts";
 * if (typeName([1]) !== "array" || typeName(null) !== "null" || typeName(2) !== "number") throw new Error();
 * ```
 */
export const typeName = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v;

/**
 * A short rendering of a found value (JSON, cut at 40 characters).
 *
 * @example
 * ```ts
 * import { show } from "./schema_dsl.ts";
 * if (show("abc") !== '"abc"' || show("x".repeat(50)).length !== 40) throw new Error();
 * ```
 */
export const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + "..." : s;
};

const quoted = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(", ");

/**
 * Validates `value` against `schema`, appending every problem to `out`.
 *
 * @example
 * ```ts
 * import { type Problem, validate } from "./schema_dsl.ts";
 * const out: Problem[] = [];
 * validate({ kind: "object", doc: "", props: { seed: { kind: "number", doc: "", integer: true } } }, { sede: 1.5 }, "", out);
 * if (!out[0].message.includes('unknown key "sede" (did you mean "seed"?)')) throw new Error(out[0].message);
 * ```
 */
export function validate(
  schema: Schema,
  value: unknown,
  path: string,
  out: Problem[],
  root: unknown = value,
): void {
  const bad = (expected: string): void =>
    void out.push({
      path,
      message: `expected ${expected}, found ${typeName(value)} ${show(value)}`,
    });
  switch (schema.kind) {
    case "any":
      return;
    case "nullable":
      if (value !== null) validate(schema.of, value, path, out, root);
      return;
    case "string":
      return validateString(schema, value, path, out, root, bad);
    case "number":
      if (schema.orList && Array.isArray(value)) {
        return validateNumberList(schema, value, path, out);
      }
      return validateNumber(schema, value, path, out, bad);
    case "boolean":
      if (typeof value !== "boolean") bad("true or false");
      return;
    case "array": {
      if (!Array.isArray(value)) return bad("an array");
      const { minItems: lo, maxItems: hi } = schema;
      if ((lo !== undefined && value.length < lo) || (hi !== undefined && value.length > hi)) {
        const want = lo === hi
          ? `${lo}`
          : hi === undefined
          ? `at least ${lo}`
          : lo === undefined
          ? `at most ${hi}`
          : `${lo} to ${hi}`;
        out.push({
          path,
          message: `expected ${want} item(s) (${schema.doc}), found ${value.length}`,
        });
      }
      value.forEach((v, i) => validate(schema.items, v, joinPath(path, i), out, root));
      return;
    }
    case "map":
      if (typeName(value) !== "object") return bad("an object");
      for (const [k, v] of Object.entries(value as object)) {
        validate(schema.values, v, joinPath(path, k), out, root);
      }
      return;
    case "object":
      if (schema.orList && Array.isArray(value)) {
        return validateObjectList(schema, value, path, out, root);
      }
      if (typeName(value) !== "object") {
        return bad(path ? "an object" : "an object (the scenario), not a list or a single value");
      }
      return validateObject(schema, value as Record<string, unknown>, path, out, root);
  }
}

type Of<K extends Schema["kind"]> = Extract<Schema, { kind: K }>;

function validateString(
  s: Of<"string">,
  value: unknown,
  path: string,
  out: Problem[],
  root: unknown,
  bad: (e: string) => void,
) {
  if (typeof value !== "string") return bad("a string");
  if (s.enum && !s.enum.includes(value)) {
    out.push({
      path,
      message: `expected one of ${quoted(s.enum)}, found "${value}"${didYouMean(value, s.enum)}`,
    });
  } else if (s.check) {
    const p = s.check(value, root);
    if (p) out.push({ path, ...p });
  } else if (s.pattern && !new RegExp(s.pattern).test(value)) {
    out.push({
      path,
      message: `expected ${s.patternDoc ?? `a string matching ${s.pattern}`}, found "${value}"`,
    });
  }
}

function validateNumber(
  s: Of<"number">,
  value: unknown,
  path: string,
  out: Problem[],
  bad: (e: string) => void,
) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return bad(s.integer ? "an integer" : "a number");
  }
  if (s.integer && !Number.isInteger(value)) return bad("an integer (a whole number)");
  const lim: string[] = [];
  if (s.min !== undefined && value < s.min) lim.push(`>= ${s.min}`);
  if (s.max !== undefined && value > s.max) lim.push(`<= ${s.max}`);
  if (s.exclusiveMin !== undefined && value <= s.exclusiveMin) lim.push(`> ${s.exclusiveMin}`);
  if (s.exclusiveMax !== undefined && value >= s.exclusiveMax) lim.push(`< ${s.exclusiveMax}`);
  if (lim.length) out.push({ path, message: `expected ${rangeText(s)}, found ${value}` });
}

/** A list where a number may be a list: non-empty, distinct, each a valid number. */
function validateNumberList(s: Of<"number">, value: unknown[], path: string, out: Problem[]) {
  if (value.length === 0) {
    out.push({ path, message: `expected ${rangeText(s)} or a non-empty list of them, found []` });
    return;
  }
  value.forEach((v, i) => {
    const at = joinPath(path, i);
    validateNumber(
      s,
      v,
      at,
      out,
      (e) => void out.push({ path: at, message: `expected ${e}, found ${typeName(v)} ${show(v)}` }),
    );
    if (value.indexOf(v) < i) {
      out.push({ path: at, message: `${show(v)} is listed twice`, hint: "list each value once" });
    }
  });
}

/** A list where an object may be a list: at least `orList.minItems` items, each a valid object. */
function validateObjectList(
  s: Of<"object">,
  value: unknown[],
  path: string,
  out: Problem[],
  root: unknown,
) {
  const min = s.orList!.minItems;
  if (value.length < min) {
    out.push({
      path,
      message: `expected one object or a list of at least ${min} (${s.orList!.doc}), found ${
        value.length === 0 ? "[]" : `a list of ${value.length}`
      }`,
      hint: value.length === 1
        ? "write the single item as an object, without the list brackets"
        : `give an object, or a list of ${min} or more`,
    });
  }
  value.forEach((v, i) => validate({ ...s, orList: undefined }, v, joinPath(path, i), out, root));
}

/** "a number > 0 and < 1", "an integer from 1 to 1000", ... */
function rangeText(s: Of<"number">): string {
  const what = s.integer ? "an integer" : "a number";
  if (s.min !== undefined && s.max !== undefined) return `${what} from ${s.min} to ${s.max}`;
  const parts: string[] = [];
  if (s.min !== undefined) parts.push(`>= ${s.min}`);
  if (s.exclusiveMin !== undefined) parts.push(`> ${s.exclusiveMin}`);
  if (s.max !== undefined) parts.push(`<= ${s.max}`);
  if (s.exclusiveMax !== undefined) parts.push(`< ${s.exclusiveMax}`);
  return `${what} ${parts.join(" and ")}`;
}

function validateObject(
  s: Of<"object">,
  o: Record<string, unknown>,
  path: string,
  out: Problem[],
  root: unknown,
) {
  const has = (k: string) => o[k] !== undefined;
  for (const r of s.required ?? []) {
    if (!has(r)) {
      out.push({
        path: joinPath(path, r),
        message: `missing required key "${r}" (${s.props[r].doc.replace(/\.$/, "")})`,
      });
    }
  }
  if (s.exactlyOne) {
    const given = s.exactlyOne.filter(has);
    if (given.length !== 1) {
      const found = given.length ? `found ${quoted(given)}` : "found none of them";
      out.push({
        path,
        message: `expected exactly one of ${quoted(s.exactlyOne)}, ${found}`,
        hint: s.doc,
      });
    }
  }
  if (s.anyOf && !s.anyOf.some(has)) {
    out.push({
      path,
      message: `expected at least one of ${quoted(s.anyOf)}, found none of them`,
      hint: s.doc,
    });
  }
  for (const [a, b] of s.exclusive ?? []) {
    if (has(a) && has(b)) {
      out.push({ path, message: `"${a}" and "${b}" exclude each other; give at most one` });
    }
  }
  const known = Object.keys(s.props);
  for (const [k, v] of Object.entries(o)) {
    if (k === "$schema" && path === "") continue;
    const p = joinPath(path, k);
    if (s.props[k]) validate(s.props[k], v, p, out, root);
    else if (!s.open) {
      const hint = known.length ? `use one of: ${known.join(", ")}` : "this section takes no keys";
      out.push({
        path: p,
        message: `unknown key "${k}"${didYouMean(k, known) || belongsIn(s, k)}`,
        hint,
      });
    }
  }
}

/** ` (did you mean "eval.k"? ...)` when `key` is a key of child sections. */
function belongsIn(s: Of<"object">, key: string): string {
  const homes = Object.entries(s.props).filter(([, c]) => c.kind === "object" && key in c.props)
    .map(([name]) => name);
  if (homes.length === 1) {
    return ` (did you mean "${homes[0]}.${key}"? it belongs in the "${homes[0]}" section)`;
  }
  return homes.length > 1 ? ` (it belongs in a section: ${homes.join(", ")})` : "";
}
