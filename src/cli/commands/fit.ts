/**
 * `abreplay fit`: fit one arm of a scenario and save the model.
 *
 * @module
 */
import { resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import { fitAndSave } from "../../pipeline/mod.ts";
import { type Command, OUTPUT_HELP, parse, scenarioFromArgs } from "../args.ts";
import { stderrProgress } from "../progress_render.ts";

export const fitCommand: Command = {
  name: "fit",
  summary: "Fit one arm of a scenario on its train split and save the model for later replays.",
  help: `abreplay fit <scenario> [--arm control|test] [--out DIR] [--force] [--seed N] [--quiet]

Loads and splits the scenario's data, fits the arm (default: test) and saves it
to DIR (default: models/<name>-<arm>) with its format version, params, seed and
a fingerprint of the train data. Replay it with "model": "DIR" in an arm of a
scenario on the same data; a model fitted on other data is refused.

${OUTPUT_HELP}`,
  async run(args) {
    const { values, positionals } = parse("fit", args, { arm: { type: "string" } });
    if (values.help) return (console.log(this.help), 0);
    const arm = String(values.arm ?? "test");
    if (arm !== "control" && arm !== "test") {
      throw new UsageError(`--arm must be "control" or "test", found "${arm}"`);
    }
    const s = await scenarioFromArgs("fit", values, positionals);
    if (s.candidates && arm === "test") {
      throw new UsageError(
        `the scenario lists ${s.candidates.length} candidates (${
          s.candidates.map((c) => c.name).join(", ")
        }); --arm test does not say which to fit`,
        { hint: "fit one with a scenario whose test is that candidate alone, or --arm control" },
      );
    }
    const dir = resolve(typeof values.out === "string" ? values.out : `models/${s.name}-${arm}`);
    const r = await fitAndSave(s, arm, dir, stderrProgress(!!values.quiet), {
      force: !!values.force,
    });
    console.log(`saved ${r.type} model to ${dir}`);
    return 0;
  },
};
