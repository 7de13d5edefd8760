/**
 * Reading and validating scenario files (JSON or YAML): every problem at
 * once, each with its file and line, JSON path, what was expected, what was
 * found, and a "did you mean" where one is close.
 *
 * @module
 */
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { dataDir } from "../datasets/mod.ts";
import { type FileRef, refFile } from "./_datasets.ts";
import { MultiError, ScenarioError } from "../errors.ts";
import { parentPath } from "./_path.ts";
import { readGrowthBook } from "./_growthbook.ts";
import { parseText } from "./parse.ts";
import { defaultPrimaryMetric, mainCutoff } from "./metric_names.ts";
import { withDefaults } from "./defaults.ts";
import { type Problem, validate } from "./schema_dsl.ts";
import { SCENARIO_SCHEMA } from "./schema.ts";
import type { ArmSpec, Scenario } from "./types.ts";
import { defaultCandidateName, semanticChecks } from "./_semantics.ts";

/** Options of {@linkcode resolveScenario}. */
export interface ResolveOptions {
  /** Check that `data.path`, `data.books.path` and arm `model` folders exist. @default true */
  checkFiles?: boolean;
  /** Line of each JSON path in the file, to locate problems (from `parseText`). */
  lines?: Map<string, number>;
  /** Problems found while parsing (e.g. duplicate keys), reported with the others. */
  problems?: Problem[];
  /** Data folder for `dataset` names. @default `--data-dir` → $ABREPLAY_DATA_DIR → data/datasets/ */
  dataDir?: string;
}

/** Options of {@linkcode loadScenario} and {@linkcode parseScenario}. */
export type LoadScenarioOptions = Pick<ResolveOptions, "dataDir" | "checkFiles">;

/** Reads, validates and resolves a scenario file (`.json`, `.yaml`, `.yml`). Throws located errors. */
export async function loadScenario(
  file: string,
  options: LoadScenarioOptions = {},
): Promise<Scenario> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    const dir = e instanceof Deno.errors.IsADirectory ||
      (await Deno.stat(file).then((s) => s.isDirectory, () => false));
    throw new ScenarioError(
      dir ? "is a folder, not a scenario file" : "scenario file not found or unreadable",
      {
        file,
        hint: "check the path you passed",
      },
    );
  }
  return parseScenario(text, resolve(file), options);
}

/**
 * Parses and validates scenario text, JSON or YAML by `file`'s extension;
 * `file` also locates errors and anchors relative paths.
 *
 * @example
 * ```ts
 * import { parseScenario } from "./load.ts";
 * const yaml = "name: demo\ndata: { generate: { users: 100 } }\ncontrol: { type: random }\ntest: { type: popular }\n";
 * const s = parseScenario(yaml, "/tmp/demo.yaml");
 * if (s.eval.k !== 10 || s.gate.primary.metric !== "NDCG@10" || s.data.generate?.users !== 100) throw new Error();
 * ```
 */
export function parseScenario(
  text: string,
  file: string,
  options: LoadScenarioOptions = {},
): Scenario {
  const parsed = parseText(text, file);
  return resolveScenario(parsed.value, file, {
    ...options,
    lines: parsed.lines,
    problems: parsed.problems,
  });
}

/**
 * Validates a parsed scenario object and resolves defaults and paths.
 * Throws a {@linkcode ScenarioError} for one problem, a
 * {@linkcode MultiError} listing all of them for several.
 *
 * @example
 * ```ts
 * import { resolveScenario } from "./load.ts";
 * try {
 *   resolveScenario({ name: "x", data: { generate: {} }, control: { type: "populr" }, test: { type: "popular" }, eval: { k: 0 } }, "s.json");
 *   throw new Error("no error");
 * } catch (e) {
 *   const m = (e as Error).message;
 *   if (!m.includes("2 problems") || !m.includes('did you mean "popular"') || !m.includes("eval.k")) throw e;
 * }
 * ```
 */
export function resolveScenario(
  raw: unknown,
  file: string,
  options: ResolveOptions = {},
): Scenario {
  const base = file ? dirname(file) : ".";
  const problems: Problem[] = [...(options.problems ?? [])];
  validate(SCENARIO_SCHEMA, raw, "", problems);
  const dir = dataDir(options.dataDir);
  semanticChecks(
    raw,
    { base: resolve(base), checkFiles: options.checkFiles, dataDir: dir },
    problems,
  );
  const growthbook = readGrowthBook(raw, resolve(base), problems);
  if (problems.length > 0) throw problemsError(problems, file, options.lines);
  const s = withDefaults(SCENARIO_SCHEMA, raw) as Scenario;
  delete (s as { $schema?: string }).$schema;
  s.file = file;
  s.output ??= {};
  s.gate.primary.metric ??= defaultPrimaryMetric(mainCutoff(s.eval.k));
  if (growthbook) {
    s.mode = {
      ...s.mode,
      salt: growthbook.seed,
      weights: growthbook.weights,
      coverage: growthbook.coverage,
      growthbook,
    };
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const at = (ref: FileRef) => refFile(ref, resolve(base), dir)!;
  if (s.data.path || s.data.dataset) s.data.path = at(s.data);
  const books = s.data.books;
  if (books) {
    books.path = at(books);
    if (books.authors) books.authors.path = at(books.authors);
    if (books.series) books.series.path = at(books.series);
  }
  if (s.engine?.tempDirectory) s.engine.tempDirectory = abs(s.engine.tempDirectory);
  if (Array.isArray(s.test)) {
    const list = s.test as ArmSpec[];
    s.candidates = list.map((a, i) => ({ ...a, name: a.name ?? defaultCandidateName(i) }));
    s.test = s.candidates[0];
    // one weight per arm; equal unless given
    const given = (raw as { mode?: { weights?: unknown } }).mode?.weights;
    if (given === undefined) s.mode.weights = Array(list.length + 1).fill(1 / (list.length + 1));
  }
  for (const arm of [s.control, ...(s.candidates ?? [s.test])]) {
    arm.params ??= {};
    if (arm.model) arm.model = abs(arm.model);
  }
  return s;
}

/** The error for a non-empty problem list, problems in file order. */
function problemsError(
  problems: Problem[],
  file: string,
  lines?: Map<string, number>,
): ScenarioError | MultiError {
  const lineOf = (path: string): number | undefined => {
    for (let p: string | undefined = path; p !== undefined; p = parentPath(p)) {
      const l = lines?.get(p);
      if (l !== undefined) return l;
    }
    return undefined;
  };
  const located = problems.map((p) => ({ ...p, line: p.line ?? lineOf(p.path) }));
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const at = (p: typeof located[number], f: string) => ({
    file: f || undefined,
    line: p.line,
    path: p.path || "(root)",
    hint: p.hint,
  });
  if (located.length === 1) return new ScenarioError(located[0].message, at(located[0], file));
  const short = file ? basename(file) : "";
  const errors = located.map((p) => new ScenarioError(p.message, at(p, short)));
  return new MultiError(
    `${file || "scenario"}: ${errors.length} problems (all listed; fix them together)`,
    errors,
  );
}
