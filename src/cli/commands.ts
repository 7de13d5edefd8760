/**
 * The subcommands of `abreplay`, each with its own `--help`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { UsageError } from "../errors.ts";
import { loadScenario } from "../scenario/mod.ts";
import { runScenario } from "../run/run_scenario.ts";
import { writeRunOutputs } from "../run/outputs.ts";
import { listRecommenders } from "../recommenders/mod.ts";
import { applyGate, type GateConfig, type Verdict, verdictMarkdown } from "../gate/mod.ts";
import type { RunResult } from "../run/run_scenario.ts";
import type { Scenario } from "../scenario/types.ts";
import { stderrProgress } from "./progress_render.ts";
import { runSummary } from "./summary.ts";

/** A subcommand. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}

type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

const COMMON: OptionSpec = {
  help: { type: "boolean", short: "h" },
  out: { type: "string" },
  seed: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  json: { type: "boolean" },
};

function parse(cmd: string, args: string[], extra: OptionSpec = {}) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...extra }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message, { hint: `see \`abreplay ${cmd} --help\`` });
  }
}

async function scenarioFromArgs(cmd: string, values: Record<string, unknown>, positionals: string[]) {
  if (positionals.length !== 1) {
    throw new UsageError(`expected one scenario file, found ${positionals.length} arguments`, {
      hint: `abreplay ${cmd} scenarios/demo.json`,
    });
  }
  const s = await loadScenario(positionals[0]);
  if (typeof values.seed === "string") {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, found "${values.seed}"`);
    s.seed = seed;
  }
  return s;
}

/** Verdict of a run under its scenario's gate. */
function verdictOf(s: Scenario, result: RunResult): Verdict {
  return applyGate(result.comparison, s.gate as GateConfig, s.stats);
}

/** Runs a scenario and writes its outputs; returns the result, verdict (when gated) and folder. */
async function runAndWrite(cmd: string, args: string[], gated: boolean) {
  const { values, positionals } = parse(cmd, args);
  const s = await scenarioFromArgs(cmd, values, positionals);
  const out = resolve(typeof values.out === "string" ? values.out : s.output.dir ?? `reports/${s.name}`);
  const result = await runScenario(s, stderrProgress(!!values.quiet));
  const verdict = gated || (s.gate as GateConfig).primary ? verdictOf(s, result) : null;
  const extra: Record<string, string> = {};
  if (verdict) {
    extra["verdict.json"] = JSON.stringify(verdict, null, 2) + "\n";
    extra["verdict.md"] = verdictMarkdown(verdict, s.name);
  }
  await writeRunOutputs(result, out, extra);
  return { values, result, verdict, out, s };
}

const run: Command = {
  name: "run",
  summary: "Run a scenario: load, split, fit both arms, replay, metrics, statistics; write reports/<name>/.",
  help: `abreplay run <scenario.json> [--out DIR] [--seed N] [--quiet] [--json]

Runs the scenario and writes metrics.json, summary.csv, manifest.json (and
verdict.json / verdict.md when the scenario has a gate) into reports/<name>/
(or --out DIR), atomically. Prints a table (or, with --json, the metrics
document) to stdout; progress goes to stderr. Exit 0 on success.`,
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) return (console.log(this.help), 0);
    const { values, result, verdict, out } = await runAndWrite("run", args, false);
    if (values.json) console.log(await Deno.readTextFile(`${out}/metrics.json`));
    else {
      console.log(runSummary(result, out));
      if (verdict) console.log(`\ngate: ${verdict.decision.toUpperCase()} (see ${out}/verdict.md)`);
    }
    return 0;
  },
};

const gate: Command = {
  name: "gate",
  summary: "Run a scenario and decide: exit 0 admit, 1 reject, 3 inconclusive (2 invalid input).",
  help: `abreplay gate <scenario.json> [--out DIR] [--seed N] [--quiet] [--json]

Runs the scenario like \`run\`, applies its "gate" section (default: primary
NDCG@k must improve, no SRM, powered for stats.targetMde, latency and error
guardrails) and prints the verdict as Markdown (or JSON with --json), one
reason per rule. Writes verdict.json and verdict.md next to the metrics.
Exit codes: 0 admit, 1 reject, 3 inconclusive, 2 invalid input or usage.`,
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) return (console.log(this.help), 0);
    const { values, verdict, s } = await runAndWrite("gate", args, true);
    console.log(values.json ? JSON.stringify(verdict, null, 2) : verdictMarkdown(verdict!, s.name));
    return verdict!.exitCode;
  },
};

const validate: Command = {
  name: "validate",
  summary: "Check a scenario file and print it with every default filled in.",
  help: `abreplay validate <scenario.json> [--quiet]

Reports every problem at once (JSON path, expected, found, did-you-mean); exit 2 when invalid.`,
  async run(args) {
    const { values, positionals } = parse("validate", args);
    if (values.help) return (console.log(this.help), 0);
    const s = await scenarioFromArgs("validate", values, positionals);
    if (!values.quiet) console.log(JSON.stringify({ ...s, file: undefined }, null, 2));
    console.error(`${positionals[0]}: valid`);
    return 0;
  },
};

const list: Command = {
  name: "list",
  summary: "List recommender types and their params.",
  help: `abreplay list [--json]`,
  run(args) {
    const { values } = parse("list", args);
    if (values.help) return Promise.resolve((console.log(this.help), 0));
    const all = listRecommenders();
    if (values.json) {
      console.log(JSON.stringify(all.map(({ type, description, params }) => ({ type, description, params })), null, 2));
      return Promise.resolve(0);
    }
    for (const f of all) {
      console.log(`${f.type}: ${f.description}`);
      for (const [p, d] of Object.entries(f.params)) console.log(`    ${p} (default ${JSON.stringify(d.default)}): ${d.doc}`);
    }
    return Promise.resolve(0);
  },
};

/** Every subcommand. */
export const COMMANDS: Command[] = [run, gate, validate, list];

/** Top-level usage text. */
export function usage(): string {
  return [
    "abreplay — offline, reproducible admission tests for recommenders",
    "",
    "usage: abreplay <command> [options]   (abreplay <command> --help for details)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "exit codes: 0 ok/admit, 1 reject, 2 invalid input or usage, 3 inconclusive, 4 internal error",
  ].join("\n");
}
