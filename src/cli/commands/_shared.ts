/**
 * What the subcommands share: option parsing, scenario loading, run + write.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import { loadScenario } from "../../scenario/mod.ts";
import { runScenario } from "../../run/run_scenario.ts";
import { checkRunOutputs, writeRunOutputs } from "../../run/outputs.ts";
import { checkCacheWritable } from "../../run/data_source.ts";
import type { Progress } from "../../run/progress.ts";
import { applyGate, type Verdict, verdictMarkdown } from "../../gate/mod.ts";
import type { RunResult } from "../../run/run_scenario.ts";
import type { Scenario } from "../../scenario/types.ts";
import { stderrProgress } from "../progress_render.ts";
import { reportInput } from "../../run/report_input.ts";
import { renderReport, type ReportInput } from "../../report/mod.ts";

/** A subcommand. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
  /** The command handles SIGINT/SIGTERM itself (a server): the CLI installs no interrupt exit. */
  ownsSignals?: boolean;
}

/** parseArgs option specs. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Options every command accepts. */
export const COMMON: OptionSpec = {
  help: { type: "boolean", short: "h" },
  out: { type: "string" },
  seed: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  json: { type: "boolean" },
  force: { type: "boolean" },
  "data-dir": { type: "string" },
};

/** What the help of every command that writes a folder says about it. */
export const OUTPUT_HELP = `The output folder must be new, empty or one abreplay wrote (it keeps a
.abreplay.json marker there); otherwise the command stops with exit 2 before
any work. --force writes abreplay's files next to the others: nothing that is
not abreplay's is ever deleted or overwritten.`;

/** Parses a command's args (common options + `extra`); bad usage → UsageError. */
export function parse(cmd: string, args: string[], extra: OptionSpec = {}) {
  try {
    return parseArgs({
      args,
      options: { ...COMMON, ...extra },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message, { hint: `see \`abreplay ${cmd} --help\`` });
  }
}

/** Loads the one scenario named on the command line, applying `--seed`. */
export async function scenarioFromArgs(
  cmd: string,
  values: Record<string, unknown>,
  positionals: string[],
) {
  if (positionals.length !== 1) {
    throw new UsageError(`expected one scenario file, found ${positionals.length} arguments`, {
      hint: `abreplay ${cmd} scenarios/demo.json`,
    });
  }
  const dataDir = values["data-dir"];
  const s = await loadScenario(positionals[0], {
    dataDir: typeof dataDir === "string" ? dataDir : undefined,
  });
  if (typeof values.seed === "string") {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) {
      throw new UsageError(`--seed must be a non-negative integer, found "${values.seed}"`);
    }
    s.seed = seed;
  }
  return s;
}

/** Verdict of a run under its scenario's gate. */
export function verdictOf(s: Scenario, result: RunResult): Verdict {
  return applyGate(result.comparison, s.gate, s.stats);
}

/** More work after a run, before its outputs are written: extra files and report sections. */
export type AfterRun = (
  s: Scenario,
  result: RunResult,
  verdict: Verdict,
  values: Record<string, unknown>,
) => Promise<{ files: Record<string, string>; report: Partial<ReportInput> }>;

/** Runs a scenario and writes its outputs (verdict included); returns the result, verdict and folder. */
export async function runAndWrite(
  cmd: string,
  args: string[],
  options: { extra?: OptionSpec; after?: AfterRun } = {},
) {
  const { values, positionals } = parse(cmd, args, options.extra);
  const s = await scenarioFromArgs(cmd, values, positionals);
  const out = resolve(
    typeof values.out === "string" ? values.out : s.output.dir ?? `reports/${s.name}`,
  );
  const force = !!values.force;
  await checkRunOutputs(out, { force }); // before any work
  await checkCacheWritable(s);
  const progress = stderrProgress(!!values.quiet);
  const result = await runScenario(s, progress);
  const verdict = verdictOf(s, result);
  const more = options.after ? await options.after(s, result, verdict, values) : null;
  const input = { ...(await reportInput(result, verdict)), ...more?.report };
  const extra: Record<string, string> = {
    "verdict.json": JSON.stringify(verdict, null, 2) + "\n",
    "verdict.md": verdictMarkdown(verdict, s.name),
    "report.json": JSON.stringify(input) + "\n",
    "report.html": await renderReport(input),
    ...more?.files,
  };
  await writeRunOutputs(result, out, extra, { force, onWait: waitNote(progress, out) });
  return { values, result, verdict, out, s };
}

/** The note shown while another abreplay process writes the same folder. */
export function waitNote(progress: Progress, dir: string): (pid: number | null) => void {
  return (pid) =>
    progress.note(`waiting: another abreplay (pid ${pid ?? "unknown"}) is writing ${dir}`);
}
