/**
 * `oc.json`: the gate's measured operating characteristic (`abreplay oc`).
 *
 * @module
 */
import { jsonText, type OutputFormat } from "./types.ts";

/** The format, as registered: written when the run measured its gate. */
export const ocJson: OutputFormat = {
  name: "oc.json",
  doc: "A/A error rates of the whole gate and P(admit | true lift) of its primary rule.",
  when: (run) => run.oc,
  write: (ctx, path) => Deno.writeTextFile(path, jsonText(ctx.oc)),
};
