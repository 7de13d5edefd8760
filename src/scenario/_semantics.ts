/**
 * Checks the schema cannot express: registered recommender types and their
 * params (names and values, by each type's param table), weights summing to 1, generator years, duplicate guardrails, and
 * that the files and folders a scenario names exist. Runs on documents that
 * may also have schema problems, so every input is type-guarded and nothing
 * is reported twice.
 *
 * @module
 */
import { isAbsolute, join, resolve } from "node:path";
import { didYouMean } from "../did_you_mean.ts";
import {
  API_MAX_LIMIT,
  findRecommender,
  listRecommenders,
  paramProblems,
} from "../recommenders/mod.ts";
import type { Problem } from "./schema_dsl.ts";
import { fetchHint, FILE_REFS, refAt, refFile } from "./_datasets.ts";
import { findDataset } from "../datasets/mod.ts";
import { DEFAULT_K, defaultPrimaryMetric, isSelected } from "./metric_names.ts";
import { metricBase } from "../metrics/mod.ts";
import { evalMetrics } from "./_schema_gate.ts";

/** Options of {@linkcode semanticChecks}. */
export interface SemanticOptions {
  /** Folder that relative paths resolve against (the scenario's). */
  base: string;
  /** Check that data, books and model paths exist. @default true */
  checkFiles?: boolean;
  /** Data folder that `dataset` names resolve in. */
  dataDir: string;
}

const isObj = (v: unknown): v is Record<string, any> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The name of the candidate at `index` (0-based) of a `test` list that gives none.
 *
 * @example
 * ```ts
 * import { defaultCandidateName } from "./_semantics.ts";
 * if (defaultCandidateName(1) !== "test2") throw new Error();
 * ```
 */
export const defaultCandidateName = (index: number): string => `test${index + 1}`;

/** The arms of raw scenario `s` with their paths: control, then test or each `test[i]`. */
function armsOf(s: Record<string, any>): [string, Record<string, any>][] {
  const tests: [string, unknown][] = Array.isArray(s.test)
    ? s.test.map((a: unknown, i: number) => [`test[${i}]`, a])
    : [["test", s.test]];
  return ([["control", s.control], ...tests] as [string, unknown][])
    .filter((e): e is [string, Record<string, any>] => isObj(e[1]));
}

/**
 * `mode.weights` (and `simulateWeights`): one weight per arm — 2, or 1 + the
 * candidates of a list — and the weights sum to 1.
 */
function checkWeights(s: Record<string, any>, out: Problem[]): void {
  const arms = Array.isArray(s.test) && s.test.length >= 2 ? 1 + s.test.length : 2;
  const what = arms === 2 ? "[control, test]" : `[control, ${arms - 1} candidates]`;
  for (const key of ["weights", "simulateWeights"]) {
    const w = s.mode?.[key];
    if (!Array.isArray(w) || w.length < 2 || !w.every((x) => typeof x === "number")) continue;
    if (w.length !== arms) {
      out.push({
        path: `mode.${key}`,
        message: `expected ${arms} weights ${what}, found ${w.length}`,
        hint: arms === 2
          ? "e.g. [0.5, 0.5] or [0.9, 0.1]"
          : `give one weight per arm, control first`,
      });
      continue;
    }
    const sum = w.reduce((a: number, b: number) => a + b, 0);
    if (key === "weights" && Math.abs(sum - 1) > 1e-9) {
      out.push({
        path: "mode.weights",
        message: `weights must sum to 1, found ${w.join(" + ")} = ${sum}`,
        hint: arms === 2 ? "e.g. [0.5, 0.5] or [0.9, 0.1]" : `e.g. equal weights 1/${arms}`,
      });
    }
  }
}

/**
 * A list of candidates: distinct names (given or default), and only the
 * designs that run per candidate (paired mode; see the README, "Several
 * candidates").
 */
function checkCandidates(s: Record<string, any>, out: Problem[]): void {
  if (!Array.isArray(s.test) || s.test.length < 2) return;
  const seen = new Map<string, number>();
  s.test.forEach((a: unknown, i: number) => {
    if (!isObj(a)) return;
    const name = typeof a.name === "string" ? a.name : defaultCandidateName(i);
    const first = seen.get(name);
    if (first !== undefined) {
      out.push({
        path: typeof a.name === "string" ? `test[${i}].name` : `test[${i}]`,
        message: `candidate name "${name}" is already used by test[${first}]${
          typeof a.name === "string" ? "" : ` (the default name of test[${i}])`
        }`,
        hint: `give test[${i}] a distinct "name" (candidates are told apart by it in every output)`,
      });
    } else seen.set(name, i);
  });
  if (s.mode?.growthbook !== undefined) {
    out.push({
      path: "mode.growthbook",
      message: `a GrowthBook experiment definition has two variations (control, test), ` +
        `but the scenario lists ${s.test.length} candidates`,
      hint: "give mode.salt and mode.weights (one per arm) instead, or one candidate",
    });
  }
}

/** Appends every semantic problem of raw scenario `s` to `out`. */
export function semanticChecks(s: unknown, opts: SemanticOptions, out: Problem[]): void {
  if (!isObj(s)) return;
  for (const [path, arm] of armsOf(s)) checkArm(arm, path, out);
  checkCandidates(s, out);
  checkHttpLength(s, out);
  checkWeights(s, out);
  const g = s.data?.generate;
  if (
    isObj(g) && Number.isInteger(g.startYear) && Number.isInteger(g.endYear) &&
    g.endYear < g.startYear
  ) {
    out.push({
      path: "data.generate.endYear",
      message: `endYear ${g.endYear} is before startYear ${g.startYear}`,
    });
  }
  checkGateThresholds(s, out);
  checkDefaultPrimary(s, out);
  checkClicks(s, out);
  checkSequential(s, out);
  const rails = s.gate?.guardrails;
  if (Array.isArray(rails)) {
    const seen = new Set<string>();
    rails.forEach((r, i) => {
      if (!isObj(r) || typeof r.metric !== "string") return;
      if (seen.has(r.metric)) {
        out.push({
          path: `gate.guardrails[${i}].metric`,
          message: `"${r.metric}" is guarded twice`,
          hint: "keep one guardrail per metric",
        });
      }
      seen.add(r.metric);
    });
  }
  if (opts.checkFiles ?? true) checkPaths(s, opts.base, opts.dataDir, out);
}

/** With `eval.metrics` and no primary metric, the default primary (NDCG at the main k) must be computed. */
function checkDefaultPrimary(s: Record<string, any>, out: Problem[]): void {
  const selected = evalMetrics(s);
  if (!selected || s.gate?.primary?.metric !== undefined) return;
  const k = givenCutoffs(s)[0];
  if (k === undefined) return;
  const name = defaultPrimaryMetric(k);
  if (isSelected(name, selected)) return;
  out.push({
    path: "eval.metrics",
    message: `the gate's default primary metric ${name} is not computed`,
    hint: `add "${
      metricBase(name)
    }" to eval.metrics, or set gate.primary.metric to one of its metrics`,
  });
}

/**
 * A negative minLift would admit a model that is significantly worse (that is
 * a non-inferiority margin); the sensitivity rule needs a target lift above
 * the threshold it tests.
 */
function checkGateThresholds(s: Record<string, any>, out: Problem[]): void {
  const p = s.gate?.primary;
  if (!isObj(p) || typeof p.minLift !== "number") return;
  if (p.minLift < 0) {
    out.push({
      path: "gate.primary.minLift",
      message: `minLift ${p.minLift} is negative: the gate would admit a model that is ` +
        `significantly worse than control`,
      hint: `to accept a candidate at most ${-p.minLift} worse, use ` +
        `"nonInferiorityMargin": ${-p.minLift} instead of minLift`,
    });
    return;
  }
  const target = s.stats?.targetMde ?? 0.05;
  if (typeof target === "number" && s.gate?.requirePower !== false && target <= p.minLift) {
    out.push({
      path: "stats.targetMde",
      message: `targetMde ${target} is not above gate.primary.minLift ${p.minLift}: the ` +
        `sensitivity rule asks how likely a true lift of targetMde passes "lift > minLift"`,
      hint: `set stats.targetMde to the lift you hope for, above ${p.minLift} ` +
        `(or gate.requirePower: false)`,
    });
  }
}

/** The numeric cut-offs a raw scenario's `eval.k` gives (a number or a list), main one first. */
function givenCutoffs(s: Record<string, any>): number[] {
  const given = s.eval?.k ?? DEFAULT_K;
  return (Array.isArray(given) ? given : [given]).filter((k) => typeof k === "number");
}

/**
 * The click model's examination vector has one probability per position of
 * the main cut-off (`eval.k`, or the first of its list); interleaving needs
 * both arms' lists for every user (paired mode); a gate rule on `CTR@k` needs
 * the click model.
 */
function checkClicks(s: Record<string, any>, out: Problem[]): void {
  const k = givenCutoffs(s)[0]; // the main cut-off: the block the model sees
  const c = s.clicks;
  if (isObj(c) && Array.isArray(c.examination) && Number.isInteger(k)) {
    if (c.examination.length !== k) {
      out.push({
        path: "clicks.examination",
        message:
          `${c.examination.length} examination probabilities for a list of k = ${k} positions`,
        hint: `give exactly ${k} values (position 1 first), or leave it out for 1/p`,
      });
    }
  }
  if (isObj(c) && c.interleaving === true && (s.mode?.type ?? "paired") !== "paired") {
    out.push({
      path: "clicks.interleaving",
      message: 'interleaving needs both arms\' lists for every user, but mode.type is "ab"',
      hint: 'set mode.type to "paired" (or clicks.interleaving to false)',
    });
  }
  if (isObj(c)) return;
  const rules: [string, unknown][] = [
    ["gate.primary.metric", s.gate?.primary?.metric],
    ["sequential.metric", s.sequential?.metric],
  ];
  if (Array.isArray(s.gate?.guardrails)) {
    s.gate.guardrails.forEach((r: any, i: number) =>
      rules.push([`gate.guardrails[${i}].metric`, r?.metric])
    );
  }
  for (const [path, m] of rules) {
    if (typeof m !== "string" || !m.startsWith("CTR@")) continue;
    out.push({
      path,
      message: `"${m}" is the simulated block CTR, but the scenario has no clicks section`,
      hint: 'add "clicks": {} (examination 1/p by default) or "clicks": { "examination": [...] }',
    });
  }
}

/** The monitored metric is a per-user metric at eval.k (coverage has no per-user values). */
function checkSequential(s: Record<string, any>, out: Problem[]): void {
  const m = s.sequential?.metric;
  if (!isObj(s.sequential) || typeof m !== "string") return;
  const k = givenCutoffs(s)[0] ?? DEFAULT_K;
  if (/^(Warm|Cold)?Coverage@/.test(m)) {
    out.push({
      path: "sequential.metric",
      message: `"${m}" has no per-user values to monitor day by day`,
      hint: `monitor a per-user metric, e.g. NDCG@${k}`,
    });
  }
}

function checkArm(a: Record<string, any>, arm: string, out: Problem[]): void {
  if (typeof a.type !== "string") return;
  const f = findRecommender(a.type);
  if (!f) {
    const known = listRecommenders().map((x) => x.type);
    out.push({
      path: `${arm}.type`,
      message: `unknown recommender type "${a.type}"${didYouMean(a.type, known)}`,
      hint: `use one of: ${known.join(", ")} (see \`abreplay list\`)`,
    });
    return;
  }
  if (!isObj(a.params)) return;
  out.push(...paramProblems(f.params, a.params, `${arm}.params`, a.type));
}

/** An `http` arm is asked for lists of the largest cut-off: the API serves at most API_MAX_LIMIT. */
function checkHttpLength(s: Record<string, any>, out: Problem[]): void {
  const longest = Math.max(0, ...givenCutoffs(s));
  if (longest <= API_MAX_LIMIT) return;
  for (const [arm, a] of armsOf(s)) {
    if (a.type !== "http") continue;
    out.push({
      path: "eval.k",
      message:
        `the ${arm} arm is an http service, whose API returns at most ${API_MAX_LIMIT} items per list, but eval.k asks for ${longest}`,
      hint: `use cut-offs of at most ${API_MAX_LIMIT} with an http arm`,
    });
  }
}

/** `source`: a file, a folder of files, or a glob (matched when the data is read). */
type Kind = "file" | "dir" | "source";

function checkPaths(s: Record<string, any>, base: string, dataDir: string, out: Problem[]): void {
  const where = `relative paths resolve against the scenario's folder, ${base}`;
  const check = (path: string, given: unknown, what: string, kind: Kind) => {
    if (typeof given !== "string" || given === "") return;
    if (kind === "source" && /[*?[]/.test(given)) return;
    const abs = isAbsolute(given) ? given : resolve(base, given);
    const hint = `check ${path} ("${given}"); ${where}`;
    const st = statOf(abs);
    if (!st) return void out.push({ path, message: `${abs}: ${what} not found`, hint });
    if (kind === "file" && !st.isFile) {
      return void out.push({ path, message: `${abs}: is a folder, not a ${what}`, hint });
    }
    if (kind === "dir" && !st.isDirectory) {
      return void out.push({ path, message: `${abs}: is a file, not a ${what}`, hint });
    }
    if (kind === "dir" && !statOf(join(abs, "model.json"))?.isFile) {
      out.push({
        path,
        message: `${abs}: not a saved model (no model.json in it)`,
        hint: "save one with `abreplay fit`, or fix the path",
      });
    }
  };
  for (const { path: keys, what } of FILE_REFS) {
    const ref = refAt(s, keys);
    if (!ref) continue;
    const entry = typeof ref.dataset === "string" ? findDataset(ref.dataset) : undefined;
    if (!entry) {
      check(`${keys.join(".")}.path`, ref.path, what, keys.length === 1 ? "source" : "file");
      continue;
    }
    const file = refFile(ref, base, dataDir)!;
    if (statOf(file)?.isFile) continue;
    out.push({
      path: `${keys.join(".")}.dataset`,
      message: `dataset "${entry.name}" is not in the data folder (${file} not found)`,
      hint: fetchHint(entry, dataDir),
    });
  }
  for (const [arm, a] of armsOf(s)) check(`${arm}.model`, a.model, "saved model folder", "dir");
}

function statOf(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.statSync(path);
  } catch {
    return undefined;
  }
}
