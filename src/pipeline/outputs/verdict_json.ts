/**
 * `verdict.json`: the gate's decision, exit code, one reason per rule and
 * the primary rule's stated operating characteristic (deterministic).
 *
 * @module
 */
import { jsonText, type OutputFormat } from "./types.ts";

/** The format, as registered. */
export const verdictJson: OutputFormat = {
  name: "verdict.json",
  doc: "The gate's decision, exit code, reasons and stated operating characteristic.",
  write: (ctx, path) => Deno.writeTextFile(path, jsonText(ctx.verdict)),
};
