/**
 * A resolved scenario: every default filled in, paths absolute.
 * @module
 */
import type { ColumnMapping, DataFormat } from "../data/mod.ts";

/**
 * A GrowthBook experiment definition as resolved (the SDK's `Experiment`
 * fields that decide who is in which arm), SDK defaults filled in.
 */
export interface GrowthBookExperiment {
  /** Experiment key. */
  key: string;
  /** Hash seed: the definition's `seed`, or the key when it has none (as the SDK does). */
  seed: string;
  /** The user attribute GrowthBook hashes; abreplay hashes the user id as its value. @default "id" */
  hashAttribute: string;
  /** Hash version; the SDK uses 1 when the definition states none. @default 1 */
  hashVersion: 1 | 2;
  /** Weights of variation 0 (control) and 1 (test). @default [0.5, 0.5] */
  weights: number[];
  /** Share of users in the experiment. @default 1 */
  coverage: number;
  /** Namespace `[id, start, end]`: only users hashing into the range take part. */
  namespace?: [string, number, number];
  /** The definition's file as the scenario names it (relative to its folder), when it came from one. */
  file?: string;
}

/** An arm as written in the scenario. */
export interface ArmSpec {
  /** Registered recommender type (see `abreplay list`). */
  type: string;
  /** Params as written (defaults are filled when the model is created). */
  params: Record<string, unknown>;
  /** Absolute path of a saved model folder. */
  model?: string;
  /** Display name of the arm. */
  label?: string;
  /** Name of a candidate in a list of them (resolved: `test1`, `test2`, … when not given). */
  name?: string;
  /** Share of users whose request fails (simulated serving errors). */
  simulateErrors?: number;
}

/** The primary rule of the gate. After resolution exactly one of `minLift` / `nonInferiorityMargin` is set. */
export interface GatePrimary {
  /** Metric name at `eval.k`, e.g. `NDCG@10` (default `NDCG@<eval.k>`). */
  metric: string;
  /** Required relative lift of test over control (0.02 = +2%). @default 0 */
  minLift?: number;
  /** Allowed relative degradation for a non-inferiority test (0.01 = -1%). */
  nonInferiorityMargin?: number;
}

/** A guardrail: a metric that must not degrade by more than `maxDegradation` (relative). */
export interface GateGuardrail {
  /** Metric name at `eval.k`. */
  metric: string;
  /** Largest allowed relative drop (0.05 = −5%). */
  maxDegradation: number;
}

/** The admission rules of `abreplay gate`, defaults filled in (also when the section is omitted). */
export interface GateSpec {
  /** The rule that decides. */
  primary: GatePrimary;
  /** Metrics that must not degrade. @default [] */
  guardrails: GateGuardrail[];
  /** Largest allowed p95 serving latency of test, ms. @default 200 */
  latencyP95Ms: number;
  /** Largest allowed share of users test failed to serve. @default 0.01 */
  maxErrorRate: number;
  /** Require the SRM check to pass (A/B mode). @default true */
  requireSrmPass: boolean;
  /** Add the sensitivity rule when the primary is inconclusive. @default true */
  requirePower: boolean;
}

/** The click model of the scenario's `clicks` section, defaults filled in. */
export interface ClicksSpec {
  /** Examination probability of each position 1..k. @default 1/p */
  examination?: number[];
  /** Seed of the simulated clicks and interleaving coins. @default 1 */
  seed: number;
  /** Also simulate team-draft interleaving of control and test (paired mode). @default false */
  interleaving: boolean;
}

/** CUPED's covariate (the scenario's `cuped` section). */
export interface CupedSpec {
  /** `history` = ln(1 + train interactions); `recent` = the same over the 30 days before T. @default "recent" */
  covariate: "history" | "recent";
}

/** Sequential monitoring (the scenario's `sequential` section). */
export interface SequentialSpec {
  /** The monitored metric; default the gate's primary. */
  metric?: string;
  /** Tuning parameter N of the always-valid interval. @default 5000 */
  tuning: number;
  /** Salts of the A/A of daily peeking. @default 1000 */
  aaSalts: number;
}

/** The resolved scenario. */
export interface Scenario {
  /** Run name; outputs go to `reports/<name>/`. */
  name: string;
  /** Free text shown in the report. */
  description?: string;
  /** Seed of every random choice of the models. */
  seed: number;
  /** Where the interactions (and book metadata) come from and how they are read. */
  data: {
    path?: string;
    format?: DataFormat;
    columns?: ColumnMapping;
    badRows: "error" | "skip";
    /** Use the cleaned-data cache. @default true */
    cache: boolean;
    /** Keep this fraction of users (by an md5 of the id); absent = all. */
    sampleUsers?: number;
    /** Generator options, defaults filled in (except `authors`, derived from `items`). */
    generate?: Record<string, number>;
    /** Registered dataset the interactions come from (`path` is its file in the data folder). */
    dataset?: string;
    books?: {
      /** Absolute path (a registered `dataset`'s file in the data folder, when one is named). */
      path: string;
      dataset?: string;
      format?: "goodreads-books-json" | "goodbooks-csv" | "canonical-jsonl";
      /** Author names of UCSD books (ids → names). */
      authors?: { path: string; dataset?: string };
      /** Series names of UCSD books (ids → names). */
      series?: { path: string; dataset?: string };
    };
  };
  /** DuckDB settings (absent = DuckDB's defaults). */
  engine?: { threads?: number; memoryLimit?: string; tempDirectory?: string };
  /** The temporal split (PROTOCOL §2): a date, or the share of latest rows held out; k-core. */
  split: { date?: string; holdoutFraction: number; kCore: number };
  /** Evaluation (PROTOCOL §3–4): list length, relevance, cold items, unavailable items, example users. */
  eval: {
    /** One cut-off, or a list of them (see `cutoffs`, `mainCutoff`, `replayLength`). */
    k: number | number[];
    /** γ of the IPS weights; `DEFAULT_IPS_GAMMA` when omitted. */
    ipsGamma?: number;
    relevance: string;
    coldThreshold: number;
    unavailable: string[];
    exampleUsers: number;
    /** Base names of the metrics to compute, compare and write (`isSelected`); all when absent. */
    metrics?: string[];
  };
  /** The current model. */
  control: ArmSpec;
  /** The candidate (with a list of them: the first, `candidates[0]`). */
  test: ArmSpec;
  /**
   * The candidates when the scenario's `test` is a list of 2 or more, each with
   * its `name`; absent for one candidate. Each is compared with control.
   */
  candidates?: ArmSpec[];
  /** Paired replay, or a simulated A/B split with its salt, weights and coverage. */
  mode: {
    type: "paired" | "ab";
    salt: string;
    weights: number[];
    coverage: number;
    /** Assign with these weights instead (simulated broken rollout). */
    simulateWeights?: number[];
    /** The GrowthBook experiment the A/B split follows (then `salt`, `weights`, `coverage` come from it). */
    growthbook?: GrowthBookExperiment;
  };
  /** Statistics (PROTOCOL §5–6): resamples, seed, levels, power, target MDE. */
  stats: {
    B: number;
    seed: number;
    alpha: number;
    power: number;
    targetMde: number;
    srmAlpha: number;
  };
  /** Click-model simulation (and interleaving) on the replayed lists; absent when not asked for. */
  clicks?: ClicksSpec;
  /** CUPED with a pre-period covariate; absent when not asked for. */
  cuped?: CupedSpec;
  /** Sequential monitoring day by day; absent when not asked for. */
  sequential?: SequentialSpec;
  /** The admission rules. */
  gate: GateSpec;
  /** Where outputs go (default `reports/<name>/`). */
  output: {
    dir?: string;
    /** Write lists.parquet. @default false */
    lists?: boolean;
  };
  /** Absolute path of the scenario file ("" when built in code). */
  file: string;
}
