/**
 * `abreplay gate`: run a scenario and turn its gate into an exit code.
 *
 * @module
 */
import type { Command } from "./_shared.ts";
import { OUTPUT_HELP, runAndWrite } from "./_shared.ts";
import { verdictMarkdown } from "../../gate/mod.ts";

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
    const { values, verdict, s } = await runAndWrite("gate", args);
    console.log(values.json ? JSON.stringify(verdict, null, 2) : verdictMarkdown(verdict, s.name));
    return verdict.exitCode;
  },
};
