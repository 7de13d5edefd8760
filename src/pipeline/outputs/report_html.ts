/**
 * `report.html`: the self-contained HTML report for stakeholders.
 *
 * @module
 */
import { renderReport } from "../../report/mod.ts";
import type { OutputFormat } from "./types.ts";

/** The format, as registered. */
export const reportHtml: OutputFormat = {
  name: "report.html",
  doc: "The self-contained HTML report (verdict, metrics, charts, examples).",
  write: async (ctx, path) => Deno.writeTextFile(path, await renderReport(ctx.report)),
};
