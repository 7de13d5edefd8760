/**
 * abreplay: offline, reproducible admission tests for recommenders.
 *
 * The public API, by stage (the `abreplay` CLI, `src/cli/`, is built on it):
 *
 * - **Pipeline** — {@linkcode runPipeline} runs a scenario end to end (load,
 *   split, fit, replay, metrics, comparison, gate, report, outputs);
 *   {@linkcode aaCalibration}, {@linkcode measureOc}, {@linkcode fitAndSave},
 *   {@linkcode exportSplit} and {@linkcode rerenderReport} are the other
 *   commands' work.
 * - **Scenario** — {@linkcode loadScenario} reads and validates a scenario file.
 * - **Recommenders** — the {@linkcode Recommender} contract and the registry
 *   ({@linkcode createRecommender}, {@linkcode listRecommenders}); saved
 *   models; serving on worker threads.
 * - **Metrics** — {@linkcode evaluateArm} and the per-user metrics.
 * - **Statistics** — bootstraps, intervals, tests, power, bucketing, seeded
 *   random numbers ({@linkcode Rng}).
 * - **Comparison** — {@linkcode compareArms} and its registered tests.
 * - **Gate** — {@linkcode applyGate} and the verdict.
 * - **Report** — {@linkcode renderReport}.
 * - **Data** — the columnar dataset, the generator, registered datasets.
 * - **Serving** — {@linkcode serveModel}: a saved model behind the HTTP API.
 *
 * @example
 * ```ts
 * import { evaluateArm } from "./mod.ts";
 * // one user, k = 2, list [3, 1], relevant {1}: a hit at position 2
 * const e = evaluateArm({
 *   lists: new Int32Array([3, 1]), k: 2,
 *   relOffsets: new Int32Array([0, 1]), relItems: new Int32Array([1]),
 *   cold: new Uint8Array(4), catalogSize: 4,
 * });
 * if (e.segments.overall.mean["NDCG@2"] !== 1 / Math.log2(3)) throw new Error();
 * ```
 *
 * @example A scenario in code, run without writing outputs
 * ```ts ignore
 * import { resolveScenario, runPipeline } from "./mod.ts";
 * const s = resolveScenario({
 *   name: "mine", data: { generate: { users: 2000, items: 800, interactions: 20000 } },
 *   control: { type: "popular" }, test: { type: "item2item" },
 * }, "");
 * const { verdict } = await runPipeline(s, { write: false });
 * console.log(verdict.decision);
 * ```
 * @module
 */

// Errors and versions
export {
  AbreplayError,
  DataError,
  type ErrorLocation,
  type ErrorRecord,
  errorRecord,
  MultiError,
  OutputError,
  ScenarioError,
  UsageError,
} from "./src/errors.ts";
export { PROTOCOL_VERSION, VERSION } from "./src/version.ts";

// Pipeline
export {
  aaCalibration,
  type AaOptions,
  type AaResult,
  type ArmCtr,
  type ArmName,
  type ArmResult,
  ARMS,
  type CandidateRun,
  type ClicksResult,
  exportSplit,
  fitAndSave,
  type FitOptions,
  measureOc,
  type OcAa,
  type OcEffectPoint,
  type OcEffects,
  type OcOptions,
  type OcResult,
  type OutputContext,
  type OutputFormat,
  type PipelineOptions,
  type PipelineResult,
  type Progress,
  type Rate,
  reportInput,
  type RerenderOptions,
  rerenderReport,
  RUN_OUTPUTS,
  runCandidates,
  runFolder,
  type RunOptions,
  runPipeline,
  type RunResult,
  runScenario,
  type RunShape,
  type SaltRate,
  type SequentialDay,
  type SequentialResult,
  silentProgress,
  type SplitDocument,
  type SplitExportOptions,
} from "./src/pipeline/mod.ts";

// Scenario
export {
  type ArmSpec,
  type ClicksSpec,
  type CupedSpec,
  type GateGuardrail,
  type GatePrimary,
  type GateSpec,
  type GrowthBookExperiment,
  loadScenario,
  type LoadScenarioOptions,
  metricNames,
  parseScenario,
  type Problem,
  type ResolveOptions,
  resolveScenario,
  type Scenario,
  scenarioJsonSchema,
  type SequentialSpec,
} from "./src/scenario/mod.ts";

// Recommenders
export {
  createRecommender,
  findRecommender,
  listRecommenders,
  loadModel,
  type ModelState,
  type NumberBounds,
  onWorkers,
  type ParamKind,
  type ParamProblem,
  paramProblems,
  paramsJsonSchema,
  type ParamSpec,
  type ParamTable,
  type RecLists,
  type Recommender,
  type RecommenderContext,
  type RecommenderFactory,
  type RecommenderSpec,
  saveModel,
  type TrainData,
} from "./src/recommenders/mod.ts";

// Metrics
export {
  type ArmEvaluation,
  arp,
  type Concentration,
  concentration,
  coverage,
  evaluateArm,
  type EvaluateInput,
  headItems,
  hitRate,
  type HitTable,
  hitTable,
  type IdSets,
  ildAuthor,
  ildContent,
  ipsNdcg,
  ipsRecall,
  type ItemStats,
  LIST_SET_METRICS,
  type ListTable,
  longTailShare,
  type MetricFunction,
  mrr,
  ndcg,
  novelty,
  precision,
  RANKING_METRICS,
  recall,
  recommendationCounts,
  type Segment,
  type SegmentMetrics,
  SEGMENTS,
  type SparseRows,
} from "./src/metrics/mod.ts";

// Statistics and random numbers
export {
  type ArmMoments,
  type ArmSummary,
  assignArms,
  type BootstrapEstimate,
  type BootstrapIntervals,
  bootstrapIntervals,
  bootstrapMean,
  type BootstrapOptions,
  clopperPearson,
  contrastAt,
  type ContrastData,
  type ContrastTest,
  type CupedArm,
  cupedPaired,
  type CupedResult,
  cupedUnpaired,
  type DiffLiftBootstrap,
  hash,
  type HashOptions,
  hashV1,
  hashV2,
  type HashVersion,
  holm,
  inNamespace,
  type Interval,
  type JackknifeSums,
  type LiftInterval,
  liftInterval,
  type Mde,
  mde,
  type Namespace,
  normalCdf,
  normalQuantile,
  pairedBootstrap,
  pairedMde,
  pairedTest,
  pairedUsers,
  powerAt,
  type PowerOptions,
  type SampleSizeOptions,
  sequentialHalfwidth,
  sequentialInterval,
  sequentialRho,
  type SrmOptions,
  type SrmResult,
  srmTest,
  unpairedBootstrap,
  usersPerArm,
  welchTest,
  type ZTest,
} from "./src/stats/mod.ts";
export { mulberry32, Rng, StreamRng, Xoshiro128 } from "./src/rng/mod.ts";

// Comparison
export {
  type ArmHealth,
  type ArmIntervalFields,
  type CompareArm,
  compareArms,
  type CompareInput,
  type CompareOptions,
  type CompareSettings,
  type Comparison,
  type CoverageContrast,
  type CupedFields,
  type DeltaIntervalFields,
  type EmptyFields,
  FAMILY_TESTS,
  type FamilyTest,
  type HolmFields,
  type InterleavingResult,
  interleavingTest,
  type LiftIntervalFields,
  METRIC_TESTS,
  type MetricComparison,
  type MetricEvidence,
  type MetricRowBase,
  type MetricTest,
  type MetricTestFields,
  type PowerAnalysis,
  type PValueFields,
  type SrmCheck,
  type TestContext,
} from "./src/compare/mod.ts";

// Gate
export {
  applyCandidatesGate,
  applyGate,
  candidateFamily,
  candidatesMarkdown,
  type CandidatesVerdict,
  type CandidateVerdict,
  decideThreshold,
  type FamilyHypothesis,
  type FamilyRule,
  type FamilyLevel,
  type GateReason,
  type GateStats,
  type NamedComparison,
  type OcCurve,
  type OcPoint,
  type Outcome,
  statedOc,
  type ThresholdDecision,
  thresholdRules,
  type Verdict,
  verdictMarkdown,
} from "./src/gate/mod.ts";

// Report
export {
  loadChartJs,
  type RenderOptions,
  renderReport,
  REPORT_CSP,
  type ReportCandidate,
  type ReportCandidates,
  type ReportCleaning,
  type ReportClicks,
  type ReportGate,
  type ReportInput,
  type ReportItem,
  type ReportMetricRow,
  type ReportOc,
  type ReportPower,
  type ReportRate,
  type ReportSaltRate,
  type ReportSequential,
  type ReportServing,
} from "./src/report/mod.ts";

// Data, generator, registered datasets
export type {
  ColumnMapping,
  DataFormat,
  DataReport,
  Dataset,
  Interactions,
  ItemMeta,
} from "./src/data/mod.ts";
export type { Holdout, Relevance } from "./src/split/mod.ts";
export {
  generate,
  type GeneratedBook,
  type GeneratedData,
  type GenerateOptions,
} from "./src/generate/mod.ts";
export {
  dataDir,
  type DatasetEntry,
  type DatasetKind,
  datasetPath,
  DATASETS,
  type DownloadOptions,
  fetchDataset,
  type FetchOptions,
  type FetchProgress,
  type FetchResult,
  findDataset,
  type Provenance,
} from "./src/datasets/mod.ts";

// Replay and serving
export { serve, type ServedLists } from "./src/replay/mod.ts";
export {
  type ListenOptions,
  type ModelInfo,
  type RunningServer,
  serveModel,
  type ServeModelOptions,
  type ServerStatus,
  type ServiceFallback,
  shutdownOnSignal,
} from "./src/serve/mod.ts";
