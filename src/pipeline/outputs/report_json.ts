/**
 * `report.json`: the report's input, from which `abreplay report` renders
 * `report.html` again.
 *
 * @module
 */
import type { OutputFormat } from "./types.ts";

/** The format, as registered. */
export const reportJson: OutputFormat = {
  name: "report.json",
  doc: "Everything the HTML report shows, already computed.",
  write: (ctx, path) => Deno.writeTextFile(path, JSON.stringify(ctx.report) + "\n"),
};
