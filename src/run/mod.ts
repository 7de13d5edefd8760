/**
 * Running a scenario end to end, A/A calibration, and writing outputs.
 * @module
 */
export * from "./run_scenario.ts";
export * from "./settings.ts";
export * from "./aa.ts";
export * from "./outputs.ts";
export * from "./progress.ts";
export * from "./report_input.ts";
export {
  CACHE_DIR,
  cacheRoot,
  checkCacheWritable,
  generatedFiles,
  loadScenarioData,
} from "./data_source.ts";
export * from "./fit.ts";
export * from "./prepare.ts";
