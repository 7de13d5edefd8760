/**
 * Checks the schema cannot express: registered recommender types and their
 * params, weights summing to 1, generator years, duplicate guardrails, and
 * that the files and folders a scenario names exist. Runs on documents that
 * may also have schema problems, so every input is type-guarded and nothing
 * is reported twice.
 *
 * @module
 */
import { isAbsolute, join, resolve } from "node:path";
import { didYouMean, findRecommender, listRecommenders } from "../recommenders/registry.ts";
import type { Problem } from "./schema_dsl.ts";

/** Options of {@linkcode semanticChecks}. */
export interface SemanticOptions {
  /** Folder that relative paths resolve against (the scenario's). */
  base: string;
  /** Check that data, books and model paths exist. @default true */
  checkFiles?: boolean;
}

const isObj = (v: unknown): v is Record<string, any> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Appends every semantic problem of raw scenario `s` to `out`. */
export function semanticChecks(s: unknown, opts: SemanticOptions, out: Problem[]): void {
  if (!isObj(s)) return;
  for (const arm of ["control", "test"]) if (isObj(s[arm])) checkArm(s[arm], arm, out);
  const w = s.mode?.weights;
  if (Array.isArray(w) && w.length === 2 && w.every((x) => typeof x === "number")) {
    const sum = w[0] + w[1];
    if (Math.abs(sum - 1) > 1e-9) {
      out.push({
        path: "mode.weights",
        message: `weights must sum to 1, found ${w[0]} + ${w[1]} = ${sum}`,
        hint: "e.g. [0.5, 0.5] or [0.9, 0.1]",
      });
    }
  }
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
  if (opts.checkFiles ?? true) checkPaths(s, opts.base, out);
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
  const known = Object.keys(f.params);
  for (const p of Object.keys(a.params)) {
    if (p in f.params) continue;
    out.push({
      path: `${arm}.params.${p}`,
      message: `unknown param "${p}" for recommender "${a.type}"${didYouMean(p, known)}`,
      hint: known.length ? `params of ${a.type}: ${known.join(", ")}` : `${a.type} takes no params`,
    });
  }
}

/** `source`: a file, a folder of files, or a glob (matched when the data is read). */
type Kind = "file" | "dir" | "source";

function checkPaths(s: Record<string, any>, base: string, out: Problem[]): void {
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
  check("data.path", s.data?.path, "data file", "source");
  check("data.books.path", s.data?.books?.path, "books file", "file");
  for (const arm of ["control", "test"]) {
    check(`${arm}.model`, s[arm]?.model, "saved model folder", "dir");
  }
}

function statOf(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.statSync(path);
  } catch {
    return undefined;
  }
}
