/**
 * The files of a run folder: one format a file (`metrics.json`,
 * `manifest.json`, `summary.csv`, `per_user.parquet`, `verdict.json`,
 * `verdict.md`, `report.json`, `report.html`, `oc.json`, `serving.json`), their registry,
 * and writing them all or nothing.
 *
 * @module
 */
export { jsonText, type OutputContext, type OutputFormat, type RunShape } from "./types.ts";
export { RUN_OUTPUTS, runOutputs } from "./registry.ts";
export {
  checkRunOutputs,
  legacyRunFolder,
  type RunFolderOptions,
  writeRunOutputs,
} from "./run_folder.ts";
export { metricsDocument } from "./metrics_json.ts";
export { manifestDocument, runtimeVersions } from "./manifest_json.ts";
export { candidatesSummaryCsv, summaryCsv } from "./summary_csv.ts";
export { servingDocument } from "./serving_json.ts";
export { perUserColumns } from "./per_user_parquet.ts";
export { verdictText } from "./verdict_md.ts";
export { portableScenario, scenarioHash } from "./portable.ts";
export { aaDocument, checkAaFolder, legacyAaFolder, writeAaFolder } from "./aa_json.ts";
