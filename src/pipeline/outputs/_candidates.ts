/**
 * The output formats of a run with several candidates, built from each
 * candidate's two-arm documents: control once (it is the same arm in every
 * candidate's run), then each candidate under its name.
 *
 * @module
 */
import type { CandidateRun, RunResult } from "../run.ts";
import { runMetadata, scenarioHash } from "./portable.ts";
import { writeParquet } from "../../parquet/mod.ts";
import { candidatesSrm } from "../candidates_srm.ts";
import type { OutputContext } from "./types.ts";

/** Columns of one run: strings or numbers (plain or Float64Array). */
type Columns = Record<string, string[] | number[] | Float64Array>;

/**
 * Long per-arm columns (with an `arm` column) of every candidate's run:
 * control's rows from the first run, then each run's `test` rows with `arm`
 * set to the candidate's name.
 *
 * @example
 * ```ts
 * import { armRows } from "./_candidates.ts";
 * const cols = (tag: string) => ({ arm: ["control", "test"], v: [0, tag === "a" ? 1 : 2] });
 * const runs = [{ name: "a", result: "a" }, { name: "b", result: "b" }] as never;
 * const out = armRows(runs, (r) => cols(r as unknown as string));
 * if (out.arm.join() !== "control,a,b" || out.v.join() !== "0,1,2") throw new Error(JSON.stringify(out));
 * ```
 */
export function armRows(
  runs: CandidateRun[],
  columns: (r: RunResult) => Columns,
): Columns {
  const all = runs.map((c) => columns(c.result));
  // rows kept per run: control's from the first run, every run's test rows
  const keep = all.map((cols, i) =>
    (cols.arm as string[]).flatMap((a, row) =>
      a === "test" || (a === "control" && i === 0) ? [row] : []
    )
  );
  const total = keep.reduce((n, k) => n + k.length, 0);
  const out: Columns = {};
  for (const key of Object.keys(all[0])) {
    const typed = all[0][key] instanceof Float64Array;
    const col: string[] | number[] | Float64Array = typed ? new Float64Array(total) : [];
    let at = 0;
    all.forEach((cols, i) => {
      const values = cols[key];
      for (const row of keep[i]) {
        (col as (string | number)[])[at++] = key === "arm" && values[row] === "test"
          ? runs[i].name
          : values[row];
      }
    });
    out[key] = col;
  }
  return out;
}

/**
 * Writes a run's per-arm long table to Parquet at `path` (one row per arm and
 * user or list slot, `arm` column; with several candidates, their
 * {@linkcode armRows}) with the run's key–value metadata; `integers` are
 * written as BIGINT.
 */
export async function writeArmsParquet(
  ctx: OutputContext,
  path: string,
  columns: (r: RunResult) => Columns,
  integers?: readonly string[],
): Promise<void> {
  const cols = ctx.candidates ? armRows(ctx.candidates, columns) : columns(ctx.result);
  await writeParquet(path, cols, { metadata: runMetadata(ctx.result), integers });
}

/**
 * Per-arm entries of every candidate's document: `control` from the first,
 * then each candidate's `test` entry under its name.
 */
export function armEntries(
  runs: CandidateRun[],
  arms: (c: CandidateRun) => Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { control: arms(runs[0]).control };
  for (const c of runs) out[c.name] = arms(c).test;
  return out;
}

/**
 * The metrics document of a run with several candidates: the shared parts
 * (data, split, k) as in one candidate's, the whole scenario's mode (A/B:
 * one weight per arm) and, in A/B mode, the SRM check over all arms; the arms
 * (control and each candidate by name), and per candidate its comparison (and
 * clicks, sequential monitoring) under `candidates.<name>`.
 */
export function candidatesMetrics(
  ctx: Pick<OutputContext, "result"> & { candidates: CandidateRun[] },
  document: (c: CandidateRun) => Record<string, unknown>,
): Record<string, unknown> {
  const docs = new Map(ctx.candidates.map((c) => [c.name, document(c)]));
  const first = docs.get(ctx.candidates[0].name)!;
  const { comparison: _c, clicks: _k, sequential: _s, arms: _a, ...shared } = first;
  const { mode } = ctx.result.scenario;
  const srm = candidatesSrm(ctx.result.scenario, ctx.candidates);
  return {
    ...shared,
    scenarioHash: scenarioHash(ctx.result),
    mode: mode.type === "ab" ? mode : { type: "paired" },
    ...(srm ? { srm } : {}),
    arms: armEntries(ctx.candidates, (c) => docs.get(c.name)!.arms as Record<string, unknown>),
    candidates: Object.fromEntries(ctx.candidates.map((c) => {
      const d = docs.get(c.name)!;
      return [c.name, {
        comparison: d.comparison,
        ...(d.clicks ? { clicks: d.clicks } : {}),
        ...(d.sequential ? { sequential: d.sequential } : {}),
      }];
    })),
  };
}
