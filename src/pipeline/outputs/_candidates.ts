/**
 * The output formats of a run with several candidates, built from each
 * candidate's two-arm documents: control once (it is the same arm in every
 * candidate's run), then each candidate under its name.
 *
 * @module
 */
import type { CandidateRun, RunResult } from "../run.ts";
import { scenarioHash } from "./portable.ts";
import { candidatesSrm } from "../candidates_srm.ts";
import type { OutputContext } from "./types.ts";

type Columns = Record<string, (number | string)[]>;

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
export function armRows<C extends Columns>(
  runs: CandidateRun[],
  columns: (r: RunResult) => C,
): C {
  const out: Columns = {};
  runs.forEach((c, i) => {
    const cols = columns(c.result);
    const arm = cols.arm as string[];
    for (const key of Object.keys(cols)) out[key] ??= [];
    arm.forEach((a, row) => {
      if (a === "test" || (a === "control" && i === 0)) {
        for (const [key, values] of Object.entries(cols)) {
          out[key].push(key === "arm" && a === "test" ? c.name : values[row]);
        }
      }
    });
  });
  return out as C;
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
