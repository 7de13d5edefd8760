/**
 * `mode.growthbook`: a GrowthBook experiment definition, inline or in a JSON
 * file, read into the fields that decide who is in which arm — `key`, `seed`
 * (the key when absent), `hashAttribute` ("id"), `hashVersion` (1 when
 * absent, as in the SDK), `weights` (equal), `coverage` (1) and `namespace`.
 *
 * Where the SDK quietly repairs a definition (weights of the wrong length or
 * not adding up to 1 → equal weights, coverage clamped), or puts nobody in
 * the experiment (inactive, draft, an unknown hash version), this is a
 * problem of the scenario instead: the simulation never runs an experiment
 * other than the one written. Keys that change assignment in ways the
 * simulation does not reproduce (`ranges`, `filters`, `condition`, `force`,
 * …) are refused; informational keys (`name`, `meta`, `phase`, …) are ignored.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { didYouMean } from "../did_you_mean.ts";
import type { Problem } from "./schema_dsl.ts";
import type { GrowthBookExperiment } from "./types.ts";

const SIMULATED = [
  "key",
  "seed",
  "hashAttribute",
  "hashVersion",
  "weights",
  "coverage",
  "namespace",
  "variations",
  "active",
  "status",
];
const IGNORED = [
  "name",
  "meta",
  "phase",
  "tracks",
  "bucketVersion",
  "minBucketVersion",
  "disableStickyBucketing",
  "persistQueryString",
];
const NOT_SIMULATED = [
  "ranges",
  "filters",
  "condition",
  "parentConditions",
  "force",
  "include",
  "url",
  "groups",
  "fallbackAttribute",
];

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Reads `mode.growthbook` of raw scenario `raw` (relative file paths against
 * `base`), pushing every problem to `out`. Returns the resolved experiment,
 * or undefined when there is none or it has problems.
 */
export function readGrowthBook(
  raw: unknown,
  base: string,
  out: Problem[],
): GrowthBookExperiment | undefined {
  const mode = isObj(raw) && isObj(raw.mode) ? raw.mode : undefined;
  if (!mode || mode.growthbook === undefined) return undefined;
  const before = out.length;
  const path = "mode.growthbook";
  if (mode.type !== "ab") {
    out.push({
      path: "mode.type",
      message: `a GrowthBook experiment needs mode.type "ab", found ${JSON.stringify(mode.type)}`,
      hint: 'set mode.type to "ab", or remove mode.growthbook',
    });
  }
  for (const k of ["salt", "weights", "coverage"]) {
    if (k in mode) {
      out.push({
        path: `mode.${k}`,
        message: `mode.${k} is set by the GrowthBook experiment (mode.growthbook); give it there`,
        hint: `remove mode.${k}${
          k === "salt" ? " (the experiment's seed, or its key, is the salt)" : ""
        }`,
      });
    }
  }
  let def: unknown = mode.growthbook;
  let file: string | undefined;
  const written = typeof def === "string" ? def : undefined;
  if (typeof def === "string") {
    file = isAbsolute(def) ? def : resolve(base, def);
    def = readDefinition(file, path, out);
    if (def === undefined) return undefined;
  }
  if (!isObj(def)) {
    out.push({
      path,
      message: `expected a GrowthBook experiment (an object) or the path of its JSON file, found ${
        JSON.stringify(def)
      }`,
      hint: '{ "key": "my-experiment", "hashVersion": 2, "weights": [0.5, 0.5] }',
    });
    return undefined;
  }
  const at = (k: string) => file ? `${path} (${file}: ${k})` : `${path}.${k}`;
  const bad = (k: string, want: string) =>
    out.push({ path: at(k), message: `${k} must be ${want}, found ${JSON.stringify(def[k])}` });
  checkKeys(def, at, out);
  if (typeof def.key !== "string" || def.key === "") bad("key", "a non-empty string");
  if (def.seed !== undefined && typeof def.seed !== "string") bad("seed", "a string");
  if (
    def.hashAttribute !== undefined && (typeof def.hashAttribute !== "string" || !def.hashAttribute)
  ) bad("hashAttribute", "a non-empty string");
  if (def.hashVersion !== undefined && def.hashVersion !== 1 && def.hashVersion !== 2) {
    bad("hashVersion", "1 or 2 (GrowthBook puts nobody in an experiment of another version)");
  }
  if (
    def.variations !== undefined && (!Array.isArray(def.variations) || def.variations.length !== 2)
  ) {
    bad("variations", "2 variations (control, test)");
  }
  const w = def.weights;
  if (w !== undefined) {
    if (!Array.isArray(w) || w.length !== 2 || !w.every((x) => num(x) && x >= 0)) {
      bad("weights", "2 weights ≥ 0 [control, test]");
    } else if (w[0] + w[1] < 0.99 || w[0] + w[1] > 1.01) {
      bad(
        "weights",
        "2 weights adding up to 1 (±0.01; GrowthBook would use equal weights instead)",
      );
    }
  }
  if (def.coverage !== undefined && !(num(def.coverage) && def.coverage > 0 && def.coverage <= 1)) {
    bad("coverage", "a number in (0, 1]");
  }
  const ns = def.namespace;
  if (
    ns !== undefined &&
    !(Array.isArray(ns) && ns.length === 3 && typeof ns[0] === "string" && num(ns[1]) &&
      num(ns[2]) && 0 <= ns[1] && ns[1] < ns[2] && ns[2] <= 1)
  ) bad("namespace", '[id, start, end] with 0 ≤ start < end ≤ 1, e.g. ["ns", 0, 0.5]');
  if (def.active === false) bad("active", "true (an inactive experiment takes no users)");
  if (def.status === "draft") bad("status", 'not "draft" (a draft experiment takes no users)');
  if (out.length > before) return undefined;
  return {
    key: def.key as string,
    seed: (def.seed as string | undefined) || (def.key as string),
    hashAttribute: (def.hashAttribute as string | undefined) ?? "id",
    hashVersion: (def.hashVersion as 1 | 2 | undefined) ?? 1,
    weights: (w as number[] | undefined) ?? [0.5, 0.5],
    coverage: (def.coverage as number | undefined) ?? 1,
    ...(ns ? { namespace: ns as [string, number, number] } : {}),
    ...(written ? { file: written } : {}),
  };
}

/** Unknown keys (with a "did you mean") and keys whose effect is not simulated. */
function checkKeys(
  def: Record<string, unknown>,
  at: (k: string) => string,
  out: Problem[],
): void {
  for (const k of Object.keys(def)) {
    if (SIMULATED.includes(k) || IGNORED.includes(k)) continue;
    if (NOT_SIMULATED.includes(k)) {
      out.push({
        path: at(k),
        message: `"${k}" changes who is in the experiment in a way abreplay does not simulate`,
        hint: `remove it; simulated: ${SIMULATED.slice(0, 7).join(", ")}`,
      });
    } else {
      out.push({
        path: at(k),
        message: `unknown key "${k}" in the GrowthBook experiment${
          didYouMean(k, [...SIMULATED, ...IGNORED])
        }`,
        hint: `keys: ${SIMULATED.join(", ")} (and ${IGNORED.join(", ")}, ignored)`,
      });
    }
  }
}

/** The JSON of a definition file, or undefined with a problem. */
function readDefinition(file: string, path: string, out: Problem[]): unknown {
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch {
    out.push({
      path,
      message: `${file}: GrowthBook experiment file not found or unreadable`,
      hint: "relative paths resolve against the scenario's folder",
    });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    out.push({
      path,
      message: `${file}: not valid JSON (${(e as Error).message})`,
      hint: "the file holds one GrowthBook experiment object",
    });
    return undefined;
  }
}
