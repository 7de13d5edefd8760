/**
 * `abreplay run`: run a scenario and write its outputs.
 *
 * @module
 */
import { type Command, OUTPUT_HELP, parse, scenarioFromArgs } from "../args.ts";
import { candidatesSummary, runSummary } from "../summary.ts";
import { runPipeline } from "../../pipeline/mod.ts";
import { stderrProgress } from "../progress_render.ts";

export const runCommand: Command = {
  name: "run",
  summary:
    "Run a scenario: load, split, fit both arms, replay, metrics, statistics; write reports/<name>/.",
  help:
    `abreplay run <scenario.json|.yaml> [--out DIR] [--force] [--seed N] [--data-dir DIR] [--quiet] [--json]

Runs the scenario and writes metrics.json, summary.csv, manifest.json (and
verdict.json / verdict.md under the scenario gate) into reports/<name>/
(or --out DIR), atomically. Prints a table (or, with --json, the metrics
document) to stdout; progress goes to stderr. Exit 0 on success.
--data-dir DIR: where "dataset" names resolve (else $ABREPLAY_DATA_DIR, else
data/datasets/; see \`abreplay data list\`). Every scenario command takes it.

${OUTPUT_HELP}`,
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) return (console.log(this.help), 0);
    const { values, positionals } = parse("run", args);
    const s = await scenarioFromArgs("run", values, positionals);
    const { result, verdict, dir, candidates, choice } = await runPipeline(s, {
      out: typeof values.out === "string" ? values.out : undefined,
      force: !!values.force,
      progress: stderrProgress(!!values.quiet),
    });
    if (values.json) console.log(await Deno.readTextFile(`${dir}/metrics.json`));
    else if (candidates && choice) {
      console.log(candidatesSummary(candidates, choice, dir));
      console.log(`\ngate: see ${dir}/verdict.md`);
    } else {
      console.log(runSummary(result, dir));
      console.log(`\ngate: ${verdict.decision.toUpperCase()} (see ${dir}/verdict.md)`);
    }
    return 0;
  },
};
