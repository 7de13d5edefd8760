/**
 * A resolved scenario: every default filled in, paths absolute.
 * @module
 */
import type { ColumnMapping, DataFormat } from "../data/source.ts";

/** An arm as written in the scenario. */
export interface ArmSpec {
  type: string;
  params: Record<string, unknown>;
  /** Absolute path of a saved model folder. */
  model?: string;
  label?: string;
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
  metric: string;
  maxDegradation: number;
}

/** The admission rules of `abreplay gate`, defaults filled in (also when the section is omitted). */
export interface GateSpec {
  primary: GatePrimary;
  /** @default [] */
  guardrails: GateGuardrail[];
  /** @default 200 */
  latencyP95Ms: number;
  /** @default 0.01 */
  maxErrorRate: number;
  /** @default true */
  requireSrmPass: boolean;
  /** @default true */
  requirePower: boolean;
}

/** The resolved scenario. */
export interface Scenario {
  name: string;
  description?: string;
  seed: number;
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
    books?: { path: string; format?: "goodreads-books-json" | "goodbooks-csv" | "canonical-jsonl" };
  };
  /** DuckDB settings (absent = DuckDB's defaults). */
  engine?: { threads?: number; memoryLimit?: string; tempDirectory?: string };
  split: { date?: string; holdoutFraction: number; kCore: number };
  eval: {
    k: number;
    relevance: string;
    coldThreshold: number;
    unavailable: string[];
    exampleUsers: number;
  };
  control: ArmSpec;
  test: ArmSpec;
  mode: {
    type: "paired" | "ab";
    salt: string;
    weights: number[];
    coverage: number;
    /** Assign with these weights instead (simulated broken rollout). */
    simulateWeights?: number[];
  };
  stats: {
    B: number;
    seed: number;
    alpha: number;
    power: number;
    targetMde: number;
    srmAlpha: number;
  };
  gate: GateSpec;
  output: { dir?: string };
  /** Absolute path of the scenario file ("" when built in code). */
  file: string;
}
