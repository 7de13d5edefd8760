/**
 * Param handling shared by the registry and composite models: defaults,
 * unknown-name rejection with "did you mean", and typed readers that throw a
 * {@linkcode ScenarioError} naming the param's scenario path.
 *
 * @module
 */
import { ScenarioError } from "../errors.ts";
import { didYouMean } from "../did_you_mean.ts";

/** Param table of a factory: name → default and one doc line. */
export type ParamSpec = Record<string, { default: unknown; doc: string }>;

/**
 * Fills defaults from `spec` and rejects names it does not know, naming
 * `${path}.${name}`.
 *
 * @example
 * ```ts
 * import { resolveParams } from "./_params.ts";
 * const p = resolveParams({ k: { default: 3, doc: "" } }, {}, "x.params", "demo");
 * if (p.k !== 3) throw new Error("default not filled");
 * ```
 */
export function resolveParams(
  spec: ParamSpec,
  given: Record<string, unknown> | undefined,
  path: string,
  owner: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec)) out[name] = structuredClone(p.default);
  for (const [name, v] of Object.entries(given ?? {})) {
    if (!(name in spec)) {
      const known = Object.keys(spec);
      throw new ScenarioError(
        `unknown param "${name}" for recommender "${owner}"${didYouMean(name, known)}`,
        {
          path: `${path}.${name}`,
          hint: known.length
            ? `params of ${owner}: ${known.join(", ")}`
            : `${owner} takes no params`,
        },
      );
    }
    out[name] = v;
  }
  return out;
}

/** Typed reads of resolved params; each failure is a ScenarioError at `${path}.${name}`. */
export class ParamReader {
  constructor(readonly params: Record<string, unknown>, readonly path: string) {}

  #fail(name: string, want: string, value: unknown = this.params[name]): never {
    throw new ScenarioError(`param "${name}" must be ${want}, got ${JSON.stringify(value)}`, {
      path: `${this.path}.${name}`,
    });
  }

  /** A finite number in [min, max] (an integer when `int`). */
  num(name: string, opts: { min?: number; max?: number; int?: boolean } = {}): number {
    const v = this.params[name];
    const { min = -Infinity, max = Infinity, int = false } = opts;
    const want = `${int ? "an integer" : "a number"}${min > -Infinity ? ` >= ${min}` : ""}${
      max < Infinity ? ` <= ${max}` : ""
    }`;
    if (
      typeof v !== "number" || !Number.isFinite(v) || v < min || v > max ||
      (int && !Number.isInteger(v))
    ) {
      this.#fail(name, want);
    }
    return v;
  }

  /** Like {@linkcode num}, but `null` is allowed (and returned). */
  numOrNull(name: string, opts: { min?: number; max?: number; int?: boolean } = {}): number | null {
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
    const v = this.params[name] ?? {};
    if (typeof v !== "object" || Array.isArray(v)) this.#fail(name, "an object of numbers");
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
      if (typeof x !== "number" || !Number.isFinite(x)) this.#fail(`${name}.${key}`, "a number", x);
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
