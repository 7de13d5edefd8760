/**
 * `abreplay gate`: run a scenario and turn its gate into an exit code.
 *
 * @module
 */
import { type Command, OUTPUT_HELP, parse, scenarioFromArgs } from "../args.ts";
import { runPipeline } from "../../pipeline/mod.ts";
import { stderrProgress } from "../progress_render.ts";

export const gateCommand: Command = {
  name: "gate",
  summary: "Run a scenario and decide: exit 0 admit, 1 reject, 3 inconclusive (2 invalid input).",
  help: `abreplay gate <scenario.json|.yaml> [--out DIR] [--force] [--seed N] [--quiet] [--json]

Runs the scenario like \`run\`, applies its "gate" section (default: primary
NDCG@k must improve, no SRM, powered for stats.targetMde, latency and error
guardrails) and prints the verdict as Markdown (or JSON with --json), one
reason per rule. Writes verdict.json and verdict.md next to the metrics.
Exit codes: 0 admit, 1 reject, 3 inconclusive, 2 invalid input or usage.

${OUTPUT_HELP}`,
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) return (console.log(this.help), 0);
    const { values, positionals } = parse("gate", args);
    const s = await scenarioFromArgs("gate", values, positionals);
    const { verdict, verdictMarkdown } = await runPipeline(s, {
      out: typeof values.out === "string" ? values.out : undefined,
      force: !!values.force,
      progress: stderrProgress(!!values.quiet),
    });
    console.log(values.json ? JSON.stringify(verdict, null, 2) : verdictMarkdown);
    return verdict.exitCode;
  },
};
