/**
 * The pipeline of `abreplay run`, `gate` and `oc`, in one call for the CLI
 * and library users alike: check that the outputs can be written → run
 * (load, split, fit, replay, metrics, comparison) → gate → (measure the
 * gate's operating characteristic) → report input → write every registered
 * output format, all or nothing.
 *
 * @module
 */
import { resolve } from "node:path";
import {
  applyCandidatesGate,
  applyGate,
  type CandidatesVerdict,
  type Verdict,
} from "../gate/mod.ts";
import { UsageError } from "../errors.ts";
import type { ReportInput } from "../report/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { checkCacheWritable } from "./data_source.ts";
import { measureOc, type OcOptions, type OcResult } from "./oc.ts";
import { type Progress, silentProgress, waitNote } from "./progress.ts";
import { reportInput } from "./report_input.ts";
import { type CandidateRun, runCandidates, type RunResult, runScenario } from "./run.ts";
import { candidatesReport } from "./report_candidates.ts";
import { candidatesSrm } from "./candidates_srm.ts";
import { checkRunOutputs, verdictText, writeRunOutputs } from "./outputs/mod.ts";
import { trace } from "../trace.ts";

/** Options of {@linkcode runPipeline}. */
export interface PipelineOptions {
  /** Output folder. @default scenario.output.dir, else reports/<name> */
  out?: string;
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** Where stages report progress. @default silentProgress */
  progress?: Progress;
  /** Worker threads for serving large arms and the bootstraps. @default the machine's cores */
  threads?: number;
  /** Also measure the gate's operating characteristic (`abreplay oc`; written to oc.json). */
  oc?: OcOptions;
  /** Write the run folder; false runs, gates and assembles the report only. @default true */
  write?: boolean;
}

/** What {@linkcode runPipeline} produced. */
export interface PipelineResult {
  /**
   * The run: data, split, arms, evaluation, comparison, timings. With a list
   * of candidates: the chosen candidate's run (else the first's), its
   * `scenario` the whole scenario.
   */
  result: RunResult;
  /** Each candidate's run, when the scenario lists several (else null). */
  candidates: CandidateRun[] | null;
  /** The gate's verdict. */
  verdict: Verdict;
  /** With several candidates: the same verdict, with each candidate's and the choice (else null). */
  choice: CandidatesVerdict | null;
  /** The verdict as Markdown (the content of verdict.md). */
  verdictMarkdown: string;
  /** The report's input (report.json). */
  report: ReportInput;
  /** What `oc` measured, when asked. */
  oc: OcResult | null;
  /** The run folder (absolute), and the paths written into it (none when `write` is false). */
  dir: string;
  /** Paths written into `dir`. */
  files: string[];
}

/**
 * The run folder of `scenario`: `out` when given, else `output.dir`, else
 * `reports/<name>`, resolved against the working directory.
 */
export function runFolder(scenario: Scenario, out?: string): string {
  return resolve(out ?? scenario.output.dir ?? `reports/${scenario.name}`);
}

/**
 * Runs `scenario` end to end and writes its run folder. Folders and caches
 * are checked before any work; typed errors (`src/errors.ts`) say what to fix.
 */
export async function runPipeline(
  scenario: Scenario,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const dir = runFolder(scenario, options.out);
  const progress = options.progress ?? silentProgress;
  const write = options.write ?? true;
  const force = !!options.force;
  if (write) {
    await checkRunOutputs(dir, {
      force,
      measuresOc: options.oc !== undefined,
      writesLists: !!scenario.output.lists,
    });
  }
  await checkCacheWritable(scenario);
  if (scenario.candidates) return await runCandidatesPipeline(scenario, dir, options);
  const result = await runScenario(scenario, progress, { threads: options.threads });
  const verdict = applyGate(result.comparison, scenario.gate, scenario.stats);
  const oc = options.oc
    ? await measureOc(result, { threads: options.threads, ...options.oc }, progress)
    : null;
  trace("pipeline: run, gate");
  const report = await reportInput(result, verdict, oc);
  trace("pipeline: report input");
  const files = write
    ? await writeRunOutputs({ result, verdict, report, oc }, dir, {
      force,
      onWait: waitNote(progress, dir),
    })
    : [];
  trace("pipeline: outputs written");
  return {
    result,
    candidates: null,
    verdict,
    choice: null,
    verdictMarkdown: verdictText({ result, verdict }),
    report,
    oc,
    dir,
    files,
  };
}

/**
 * {@linkcode runPipeline} of a scenario with a list of candidates: one run of
 * control and every candidate, the gate over all of them (Holm across
 * candidates, the best admitted one chosen), the report of the chosen one
 * (else the first) with a section per candidate, every output for N arms.
 */
async function runCandidatesPipeline(
  scenario: Scenario,
  dir: string,
  options: PipelineOptions,
): Promise<PipelineResult> {
  if (options.oc) {
    throw new UsageError(
      `the scenario lists ${
        scenario.candidates!.length
      } candidates; \`abreplay oc\` measures the gate of one`,
      { hint: "measure each candidate with a scenario whose test is that candidate alone" },
    );
  }
  const progress = options.progress ?? silentProgress;
  const candidates = await runCandidates(scenario, progress, { threads: options.threads });
  const verdict = applyCandidatesGate(
    candidates.map((c) => ({ name: c.name, comparison: c.result.comparison })),
    scenario.gate,
    scenario.stats,
    candidatesSrm(scenario, candidates),
  );
  const featured = candidates.find((c) => c.name === verdict.chosen) ?? candidates[0];
  const result = { ...featured.result, scenario };
  const report = await candidatesReport(result, featured, candidates, verdict);
  const files = (options.write ?? true)
    ? await writeRunOutputs({ result, verdict, report, oc: null, candidates }, dir, {
      force: !!options.force,
      onWait: waitNote(progress, dir),
    })
    : [];
  return {
    result,
    candidates,
    verdict,
    choice: verdict,
    verdictMarkdown: verdictText({ result, verdict, candidates }),
    report,
    oc: null,
    dir,
    files,
  };
}
