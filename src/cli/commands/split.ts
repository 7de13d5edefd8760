/**
 * `abreplay split`: export a scenario's split for models trained elsewhere.
 *
 * @module
 */
import { resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import { exportSplit } from "../../pipeline/mod.ts";
import { type Command, OUTPUT_HELP, parse, scenarioFromArgs } from "../args.ts";
import { stderrProgress } from "../progress_render.ts";

export const splitCommand: Command = {
  name: "split",
  summary:
    "Export a scenario's train/test split (Parquet + split.json) for a model trained elsewhere.",
  help: `abreplay split <scenario> --export DIR [--force] [--data-dir DIR] [--quiet] [--json]

Loads, cleans and splits the scenario's data exactly as a run does and writes
DIR/train.parquet, DIR/test.parquet (user_id, item_id, timestamp, rating,
is_read; train also the training weight), DIR/eval_users.parquet (user_id,
n_train, n_relevant) and DIR/split.json (split instant, data and split
fingerprints, settings, counts). Fit a model on train.parquet, write its lists
for the eval users, and replay them with a "precomputed" arm; give the lists
the split fingerprint (Parquet metadata "abreplay.split_fingerprint", or a copy
of split.json as <lists file>.split.json) and lists made for another split are
refused. --json prints split.json's document on stdout.

${OUTPUT_HELP}`,
  async run(args) {
    const { values, positionals } = parse("split", args, { export: { type: "string" } });
    if (values.help) return (console.log(this.help), 0);
    if (typeof values.export !== "string" || values.export === "") {
      throw new UsageError("--export DIR is required: the folder to write the split into", {
        hint: "abreplay split scenarios/demo.json --export data/cache/demo-split",
      });
    }
    const s = await scenarioFromArgs("split", values, positionals);
    const dir = resolve(values.export);
    const doc = await exportSplit(s, dir, {
      force: !!values.force,
      progress: stderrProgress(!!values.quiet || !!values.json),
    });
    if (values.json) console.log(JSON.stringify(doc, null, 2));
    else {
      const c = doc.counts;
      console.log(
        `${dir}: ${c.trainRows} train rows, ${c.testRows} test rows, ${c.evalUsers} eval users; ` +
          `split at ${doc.splitInstant}, split fingerprint ${doc.splitFingerprint}`,
      );
    }
    return 0;
  },
};
