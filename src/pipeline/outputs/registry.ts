/**
 * The output formats of a run, each in its own file. A new format is a file
 * in this folder (name, doc, `write`) plus its entry here.
 *
 * @module
 */
import type { OutputFormat, RunShape } from "./types.ts";
import { metricsJson } from "./metrics_json.ts";
import { summaryCsvFormat } from "./summary_csv.ts";
import { perUserParquet } from "./per_user_parquet.ts";
import { verdictJson } from "./verdict_json.ts";
import { verdictMd } from "./verdict_md.ts";
import { reportJson } from "./report_json.ts";
import { reportHtml } from "./report_html.ts";
import { ocJson } from "./oc_json.ts";
import { listsParquet } from "./lists_parquet.ts";
import { manifestJson } from "./manifest_json.ts";
import { servingJson } from "./serving_json.ts";

/** Every output format of a run. */
export const RUN_OUTPUTS: readonly OutputFormat[] = [
  metricsJson,
  summaryCsvFormat,
  perUserParquet,
  listsParquet,
  verdictJson,
  verdictMd,
  reportJson,
  reportHtml,
  ocJson,
  servingJson,
  manifestJson,
];

/**
 * The formats a run writes (those whose `when` holds), by file name.
 *
 * @example
 * ```ts
 * import { runOutputs } from "./registry.ts";
 * const names = runOutputs({ oc: false }).map((f) => f.name);
 * if (!names.includes("metrics.json") || names.includes("oc.json")) throw new Error(names.join());
 * ```
 */
export function runOutputs(run: RunShape): OutputFormat[] {
  return RUN_OUTPUTS.filter((f) => f.when?.(run) ?? true);
}
