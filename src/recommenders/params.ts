/**
 * Recommender params, declared once per type: each param's default, its doc
 * line (`abreplay list`) and the values it takes. From the declaration come
 * the defaults ({@linkcode defaultParams}), the validation of a scenario's
 * params with every problem at once ({@linkcode paramProblems}), the typed,
 * resolved params a factory gets ({@linkcode resolveParams}, in declaration
 * order) and the scenario's JSON Schema ({@linkcode paramsJsonSchema}).
 * Messages name the param's scenario path and come from one reader
 * ({@linkcode ParamReader}).
 *
 * @module
 */
import { ScenarioError } from "../errors.ts";
import { didYouMean } from "../did_you_mean.ts";

/** Bounds of a number param. */
export interface NumberBounds {
  /** Smallest value allowed. */
  min?: number;
  /** Largest value allowed. */
  max?: number;
  /** Values must be above this. */
  exclusiveMin?: number;
  /** Whole numbers only. */
  int?: boolean;
}

/** What values a param takes. */
export type ParamKind =
  | ({ kind: "number"; nullable?: boolean } & NumberBounds)
  | { kind: "choice"; choices: readonly (string | null)[] }
  | { kind: "boolean" }
  | { kind: "string"; nullable?: boolean }
  /** An absolute `http://` or `https://` address. */
  | { kind: "url" }
  | { kind: "strings" }
  /** An object of numbers with the default's keys (e.g. feature weights). */
  | { kind: "numbers" }
  /** An object of non-empty strings with the default's keys (e.g. column names). */
  | { kind: "names" }
  /** A sub-model's params (e.g. `hybrid`'s `item2item`), resolved by its own table. */
  | { kind: "params"; of: ParamTable; owner: string };

/**
 * One param: its default and doc line, and (`kind`) what values it takes.
 * Without a kind the factory reads and checks the value itself.
 */
export type ParamSpec = { default: unknown; doc: string } & (ParamKind | { kind?: undefined });

/** A recommender type's params, name → spec, in the order they are resolved. */
export type ParamTable = Record<string, ParamSpec>;

/** One problem with a scenario's params: its path and what is wrong. */
export interface ParamProblem {
  /** Scenario path, e.g. `test.params.neighbours`. */
  path: string;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

/**
 * Every param's default (a copy), in table order.
 *
 * @example
 * ```ts
 * import { defaultParams } from "./params.ts";
 * const d = defaultParams({ k: { kind: "number", default: 3, doc: "" }, w: { kind: "numbers", default: { a: 1 }, doc: "" } });
 * if (JSON.stringify(d) !== '{"k":3,"w":{"a":1}}') throw new Error(JSON.stringify(d));
 * ```
 */
export function defaultParams(table: ParamTable): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(table).map(([name, p]) => [name, structuredClone(p.default)]),
  );
}

/**
 * The params `given` for `owner`, resolved by `table`: defaults filled,
 * unknown names rejected (with "did you mean"), every declared kind checked,
 * sub-model params resolved by their own tables; in table order. Throws a
 * {@linkcode ScenarioError} naming `${path}.${name}`.
 *
 * @example
 * ```ts
 * import { resolveParams } from "./params.ts";
 * const table = { k: { kind: "number", int: true, min: 1, default: 3, doc: "" } } as const;
 * if (resolveParams(table, {}, "x.params", "demo").k !== 3) throw new Error("default not filled");
 * const e = (() => { try { resolveParams(table, { k: 0 }, "x.params", "demo"); } catch (e) { return e as Error; } })();
 * if (e?.message !== 'x.params.k: param "k" must be an integer >= 1, got 0') throw new Error(e?.message);
 * ```
 */
export function resolveParams(
  table: ParamTable,
  given: Record<string, unknown> | undefined,
  path: string,
  owner: string,
): Record<string, unknown> {
  const problem = paramProblems(table, given, path, owner)[0];
  if (problem) {
    throw new ScenarioError(problem.message, { path: problem.path, hint: problem.hint });
  }
  const out = defaultParams(table);
  for (const [name, v] of Object.entries(given ?? {})) out[name] = v;
  const r = new ParamReader(out, path);
  for (const [name, p] of Object.entries(table)) {
    if (p.kind === "numbers") out[name] = r.numTable(name, p.default as Record<string, number>);
    if (p.kind === "names") out[name] = r.strTable(name, p.default as Record<string, string>);
    if (p.kind === "params") {
      out[name] = resolveParams(p.of, r.obj(name), `${path}.${name}`, p.owner);
    }
  }
  return out;
}

/**
 * Every problem of the params `given` for `owner` (none: they resolve):
 * unknown names, and values (given or default) outside their declared kinds,
 * sub-model params included; a param whose default is null without being
 * nullable must be given.
 *
 * @example
 * ```ts
 * import { paramProblems } from "./params.ts";
 * const table = { n: { kind: "number", min: 0, default: 1, doc: "" }, by: { kind: "choice", choices: ["a", "b"], default: "a", doc: "" } } as const;
 * const p = paramProblems(table, { n: -1, by: "c", nn: 2 }, "test.params", "demo");
 * if (p.map((x) => x.path).join() !== "test.params.nn,test.params.n,test.params.by") throw new Error(JSON.stringify(p));
 * ```
 */
export function paramProblems(
  table: ParamTable,
  given: Record<string, unknown> | undefined,
  path: string,
  owner: string,
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const known = Object.keys(table);
  for (const name of Object.keys(given ?? {})) {
    if (name in table) continue;
    problems.push({
      path: `${path}.${name}`,
      message: `unknown param "${name}" for recommender "${owner}"${didYouMean(name, known)}`,
      hint: known.length ? `params of ${owner}: ${known.join(", ")}` : `${owner} takes no params`,
    });
  }
  const values = { ...defaultParams(table), ...given };
  const r = new ParamReader(values, path);
  for (const [name, p] of Object.entries(table)) {
    if (!p.kind) continue; // defaults are checked too: a null default of a non-nullable kind is required
    try {
      if (p.kind === "params") {
        problems.push(...paramProblems(p.of, r.obj(name), `${path}.${name}`, p.owner));
      } else readKind(r, name, p);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems.push({
        path: e.location.path ?? `${path}.${name}`,
        message: e.detail,
        hint: e.location.hint,
      });
    }
  }
  return problems;
}

/** Reads param `name` by its declared kind (a failure throws a located ScenarioError). */
function readKind(r: ParamReader, name: string, p: ParamSpec): unknown {
  switch (p.kind) {
    case "number":
      return p.nullable ? r.numOrNull(name, p) : r.num(name, p);
    case "choice":
      return r.oneOf(name, p.choices);
    case "boolean":
      return r.bool(name);
    case "string":
      return r.str(name, p.nullable);
    case "url":
      return r.url(name);
    case "strings":
      return r.strList(name);
    case "numbers":
      return r.numTable(name, p.default as Record<string, number>);
    case "names":
      return r.strTable(name, p.default as Record<string, string>);
    case "params":
      return r.obj(name);
    default:
      return r.params[name];
  }
}

/**
 * JSON Schema (draft 2020-12) of a params object, for editors: each param's
 * doc, default and declared kind (a param without a kind takes any value).
 *
 * @example
 * ```ts
 * import { paramsJsonSchema } from "./params.ts";
 * const j = paramsJsonSchema({ n: { kind: "number", int: true, min: 1, default: 5, doc: "Count." } });
 * const n = (j.properties as Record<string, Record<string, unknown>>).n;
 * if (n.type !== "integer" || n.minimum !== 1 || n.default !== 5 || j.additionalProperties !== false) throw new Error();
 * ```
 */
export function paramsJsonSchema(table: ParamTable): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(table)) {
    properties[name] = { description: p.doc, default: p.default, ...kindSchema(p) };
  }
  return { type: "object", properties, additionalProperties: false };
}

function kindSchema(p: ParamSpec): Record<string, unknown> {
  const orNull = (s: Record<string, unknown>, nullable?: boolean) =>
    nullable ? { anyOf: [s, { type: "null" }] } : s;
  switch (p.kind) {
    case "number":
      return orNull({
        type: p.int ? "integer" : "number",
        ...(p.min !== undefined ? { minimum: p.min } : {}),
        ...(p.exclusiveMin !== undefined ? { exclusiveMinimum: p.exclusiveMin } : {}),
        ...(p.max !== undefined ? { maximum: p.max } : {}),
      }, p.nullable);
    case "choice":
      return { enum: [...p.choices] };
    case "boolean":
      return { type: "boolean" };
    case "string":
      return orNull({ type: "string", minLength: 1 }, p.nullable);
    case "url":
      return { type: "string", format: "uri", pattern: "^https?://" };
    case "strings":
      return { type: "array", items: { type: "string" } };
    case "numbers":
    case "names":
      return {
        type: "object",
        properties: Object.fromEntries(
          Object.keys(p.default as object).map((
            k,
          ) => [k, p.kind === "numbers" ? { type: "number" } : { type: "string", minLength: 1 }]),
        ),
        additionalProperties: false,
      };
    case "params":
      return paramsJsonSchema(p.of);
    default:
      return {};
  }
}

/** Typed reads of resolved params; each failure is a ScenarioError at `${path}.${name}`. */
export class ParamReader {
  /** Reads `params`, whose scenario path is `path` (e.g. `control.params`). */
  constructor(readonly params: Record<string, unknown>, readonly path: string) {}

  #fail(name: string, want: string, value: unknown = this.params[name]): never {
    throw new ScenarioError(`param "${name}" must be ${want}, got ${JSON.stringify(value)}`, {
      path: `${this.path}.${name}`,
    });
  }

  /** A finite number in [min, max] (above `exclusiveMin`; an integer when `int`). */
  num(name: string, opts: NumberBounds = {}): number {
    const v = this.params[name];
    const { min = -Infinity, max = Infinity, exclusiveMin = -Infinity, int = false } = opts;
    const want = `${int ? "an integer" : "a number"}${min > -Infinity ? ` >= ${min}` : ""}${
      exclusiveMin > -Infinity ? ` > ${exclusiveMin}` : ""
    }${max < Infinity ? ` <= ${max}` : ""}`;
    if (
      typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || v <= exclusiveMin ||
      (int && !Number.isInteger(v))
    ) {
      this.#fail(name, want);
    }
    return v;
  }

  /** Like {@linkcode num}, but `null` is allowed (and returned). */
  numOrNull(name: string, opts: NumberBounds = {}): number | null {
    return this.params[name] === null ? null : this.num(name, opts);
  }

  /** One of `choices`. */
  oneOf<T extends string | null>(name: string, choices: readonly T[]): T {
    const v = this.params[name] as T;
    if (!choices.includes(v)) {
      this.#fail(
        name,
        `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`,
      );
    }
    return v;
  }

  /** A boolean. */
  bool(name: string): boolean {
    const v = this.params[name];
    if (typeof v !== "boolean") this.#fail(name, "true or false");
    return v;
  }

  /** A string, or null when `nullable`. */
  str(name: string, nullable = false): string {
    const v = this.params[name];
    if (nullable && v === null) return v as unknown as string;
    if (typeof v !== "string" || v === "") this.#fail(name, "a non-empty string");
    return v;
  }

  /** An absolute `http://` or `https://` address (a path prefix allowed, no query or fragment). */
  url(name: string): string {
    const v = this.params[name];
    let ok = false;
    try {
      const u = new URL(v as string);
      ok = typeof v === "string" && (u.protocol === "http:" || u.protocol === "https:") &&
        !u.search && !u.hash;
    } catch { /* not a URL */ }
    if (!ok) this.#fail(name, 'an http:// or https:// address such as "http://127.0.0.1:8080"');
    return v as string;
  }

  /** An array of strings. */
  strList(name: string): string[] {
    const v = this.params[name];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
      this.#fail(name, "a list of strings");
    }
    return v as string[];
  }

  /** A table of numbers with known keys, defaults filled from `defaults`. */
  numTable<K extends string>(name: string, defaults: Record<K, number>): Record<K, number> {
    return this.#table(
      name,
      defaults,
      "a number",
      (x): x is number => typeof x === "number" && Number.isFinite(x),
    );
  }

  /** A table of non-empty strings with known keys, defaults filled from `defaults`. */
  strTable<K extends string>(name: string, defaults: Record<K, string>): Record<K, string> {
    return this.#table(
      name,
      defaults,
      "a non-empty string",
      (x): x is string => typeof x === "string" && x !== "",
    );
  }

  #table<K extends string, T>(
    name: string,
    defaults: Record<K, T>,
    want: string,
    ok: (x: unknown) => x is T,
  ): Record<K, T> {
    const v = this.params[name] ?? {};
    if (typeof v !== "object" || Array.isArray(v)) {
      this.#fail(name, `an object of ${want.replace(/^an? /, "")}s`);
    }
    const out = { ...defaults };
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
      if (!(key in defaults)) {
        throw new ScenarioError(
          `unknown key "${key}" in param "${name}"${didYouMean(key, Object.keys(defaults))}`,
          {
            path: `${this.path}.${name}.${key}`,
            hint: `keys: ${Object.keys(defaults).join(", ")}`,
          },
        );
      }
      if (!ok(x)) this.#fail(`${name}.${key}`, want, x);
      out[key as K] = x;
    }
    return out;
  }

  /** A nested param object (e.g. a sub-model's params), `{}` when null. */
  obj(name: string): Record<string, unknown> {
    const v = this.params[name] ?? {};
    if (typeof v !== "object" || Array.isArray(v)) this.#fail(name, "an object");
    return v as Record<string, unknown>;
  }
}
