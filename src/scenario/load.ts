/**
 * Reading and validating scenario files: every problem at once, each with its
 * JSON path, what was expected and what was found.
 *
 * @module
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { MultiError, ScenarioError } from "../errors.ts";
import { didYouMean, findRecommender, listRecommenders } from "../recommenders/registry.ts";
import { type Problem, validate, withDefaults } from "./schema_dsl.ts";
import { SCENARIO_SCHEMA } from "./schema.ts";
import type { Scenario } from "./types.ts";

/** Reads, validates and resolves a scenario file. Throws located errors. */
export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    throw new ScenarioError("scenario file not found or unreadable", { file, hint: "check the path you passed" });
  }
  return parseScenario(text, resolve(file));
}

/** Parses and validates scenario text; `file` locates errors and relative paths. */
export function parseScenario(text: string, file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : undefined;
    throw new ScenarioError(`invalid JSON: ${msg.replace(/\s*\(line.*$/, "")}`, { file, line, hint: "fix the JSON syntax" });
  }
  return resolveScenario(raw, file);
}

/** Validates a parsed scenario object and resolves defaults and paths. */
export function resolveScenario(raw: unknown, file: string): Scenario {
  const problems: Problem[] = [];
  validate(SCENARIO_SCHEMA, raw, "", problems);
  if (problems.length === 0) semanticChecks(raw as Record<string, any>, problems);
  if (problems.length > 0) {
    const errors = problems.map((p) => new ScenarioError(p.message, { path: p.path || "(root)" }));
    if (errors.length === 1) throw new ScenarioError(problems[0].message, { file, path: problems[0].path || "(root)" });
    throw new MultiError(`${file}: ${errors.length} problems in the scenario`, errors);
  }
  const s = withDefaults(SCENARIO_SCHEMA, raw) as Scenario;
  s.file = file;
  s.output ??= {};
  s.gate ??= {};
  const base = dirname(file);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  if (s.data.path) s.data.path = abs(s.data.path);
  if (s.data.books) s.data.books.path = abs(s.data.books.path);
  for (const arm of [s.control, s.test]) {
    arm.params ??= {};
    if (arm.model) arm.model = abs(arm.model);
  }
  return s;
}

function semanticChecks(s: Record<string, any>, out: Problem[]): void {
  const d = s.data;
  if (!d.path && !d.generate) out.push({ path: "data", message: 'expected "path" (a data file) or "generate" (built-in generator)' });
  if (d.path && d.generate) out.push({ path: "data", message: 'give either "path" or "generate", not both' });
  for (const arm of ["control", "test"]) {
    const a = s[arm];
    if (!a.type && !a.model) out.push({ path: `${arm}.type`, message: "missing recommender type" });
    if (!a.type) continue;
    const f = findRecommender(a.type);
    if (!f) {
      const known = listRecommenders().map((x) => x.type);
      out.push({ path: `${arm}.type`, message: `unknown recommender type "${a.type}"${didYouMean(a.type, known)}; known: ${known.join(", ")}` });
      continue;
    }
    for (const p of Object.keys(a.params ?? {})) {
      if (!(p in f.params)) {
        const known = Object.keys(f.params);
        out.push({
          path: `${arm}.params.${p}`,
          message: `unknown param "${p}" for ${a.type}${didYouMean(p, known)}; ${known.length ? `params: ${known.join(", ")}` : "it takes none"}`,
        });
      }
    }
  }
  const w = s.mode?.weights;
  if (Array.isArray(w)) {
    if (w.length !== 2) out.push({ path: "mode.weights", message: `expected 2 weights [control, test], found ${w.length}` });
    const sum = w.reduce((a: number, b: number) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) out.push({ path: "mode.weights", message: `weights must sum to 1, found sum ${sum}` });
  }
  if (s.split?.date !== undefined && Number.isNaN(Date.parse(s.split.date))) {
    out.push({ path: "split.date", message: `expected an ISO-8601 date like "2017-01-01", found "${s.split.date}"` });
  }
}
