/**
 * The pipeline: every command's work in one place, for the CLI and library
 * users alike. {@linkcode runPipeline} is `abreplay run` / `gate` / `oc`:
 * run (load, split, fit, replay, metrics, comparison) → gate → report input
 * → write the run folder. Beside it: A/A calibration ({@linkcode aaCalibration}),
 * the gate's measured operating characteristic ({@linkcode simulateOc}),
 * fitting and saving one arm ({@linkcode fitAndSave}), generated data
 * ({@linkcode writeGeneratedData}), a split for outside models
 * ({@linkcode exportSplit}), re-rendering a report
 * ({@linkcode rerenderReport}), and progress reporting.
 *
 * @module
 */
export { type PipelineOptions, type PipelineResult, runFolder, runPipeline } from "./pipeline.ts";
export {
  type ArmName,
  type ArmResult,
  ARMS,
  type CandidateRun,
  compareArm,
  replayArm,
  runCandidates,
  type RunOptions,
  type RunResult,
  runScenario,
} from "./run.ts";
export { type Prepared, prepareData } from "./prepare.ts";
export {
  CACHE_DIR,
  cacheRoot,
  checkCacheWritable,
  generatedFiles,
  loadScenarioData,
} from "./data_source.ts";
export { type Progress, silentProgress, stage, waitNote } from "./progress.ts";
export { compareSettings, gatedFamily } from "./settings.ts";
export { refineForGate } from "./refine.ts";
export { preSplitCovariate, RECENT_DAYS } from "./cuped.ts";
export {
  entryDays,
  type SaltRate,
  type SequentialDay,
  type SequentialInput,
  sequentialInput,
  sequentialMonitoring,
  type SequentialResult,
} from "./sequential.ts";
export {
  addClicks,
  type ArmCtr,
  type ClicksInput,
  type ClicksResult,
  clicksResult,
  ctrName,
  examinationOf,
} from "./clicks.ts";
export { subArm } from "./sub_arm.ts";
export {
  aaCalibration,
  type AaOptions,
  type AaResult,
  degeneracy,
  runAa,
  serveControl,
  type ServedControl,
} from "./aa.ts";
export {
  gateAa,
  measureOc,
  type OcAa,
  type OcEffectPoint,
  type OcEffects,
  type OcOptions,
  type OcResult,
  type Rate,
  simulateOc,
} from "./oc.ts";
export { checkModelFolder, fitAndSave, type FitOptions, legacyModelFolder } from "./fit.ts";
export { DATA_FORMATS, type GenerateDataOptions, writeGeneratedData } from "./generate.ts";
export {
  exportSplit,
  SPLIT_FILES,
  SPLIT_FORMAT,
  type SplitDocument,
  type SplitExportOptions,
} from "./split_export.ts";
export { type RerenderOptions, rerenderReport } from "./rerender.ts";
export {
  examples,
  extendPowerCurve,
  longTail,
  reportGate,
  reportInput,
  reportOc,
  serving,
} from "./report_input.ts";
export * from "./outputs/mod.ts";
export { itemStatsOf } from "./item_stats.ts";
