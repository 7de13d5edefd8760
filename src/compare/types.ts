/**
 * What a comparison reads and produces: the arms as the statistics see them,
 * the settings, the evidence each metric's tests work on, and the rows and
 * summaries of the result.
 *
 * @module
 */
import type { ArmEvaluation, Segment } from "../metrics/mod.ts";
import type { ArmMoments, ContrastData, DiffLiftBootstrap, SrmResult } from "../stats/mod.ts";
import type { MetricTestFields } from "./registry.ts";

/** One arm as the comparison needs it. */
export interface CompareArm {
  /** Per-user metric values of the arm's users, per segment. */
  evaluation: ArmEvaluation;
  /** The arm's top-k lists, rows aligned with the evaluation's rows. */
  lists: Int32Array;
  /** Users served. */
  servedUsers: number;
  /** Users whose request failed (counted in `servedUsers`). */
  failedUsers: number;
  /** Per-request latencies, ms (`ServedLists.requestMs`). */
  requestMs: Float64Array;
  /** Requests each latency stands for (`ServedLists.requests`). */
  requests: Int32Array;
  /** Each list row's pre-period covariate (CUPED); absent without a `cuped` section. */
  covariate?: Float64Array;
}

/** What {@linkcode compareArms} compares. */
export interface CompareInput {
  /** Paired (every user served by both arms, rows aligned) or an A/B split. */
  paired: boolean;
  /** Items that may be recommended: the denominator of coverage. */
  catalogSize: number;
  /** The two arms. */
  arms: Record<"control" | "test", CompareArm>;
}

/** The statistics settings of a comparison (from the scenario's `stats`, `mode` and `gate`). */
export interface CompareSettings {
  /** Every interval is two-sided at level `1 − alpha`. */
  alpha: number;
  /** Bootstrap resamples B. */
  resamples: number;
  /** Seed of the bootstraps. */
  seed: number;
  /** The primary metric: its power analysis and bootstrap distribution are kept. */
  primary: string;
  /** The gated metrics (primary first): Holm adjusts over them. */
  family: string[];
  /** A/B weights of control and test (SRM, users needed). */
  weights: number[];
  /** Level of the SRM test. */
  srmAlpha: number;
  /** Power wanted, for the power analysis (PROTOCOL §6). */
  power: number;
  /** Target relative MDE, for the power analysis. */
  targetMde: number;
  /** Base names of the metrics compared (`eval.metrics` and the block metrics); all when absent. */
  metrics?: readonly string[];
}

/** Options of {@linkcode compareArms}. */
export interface CompareOptions {
  /** Compare only these metrics (e.g. the gated family); all when omitted. */
  only?: ReadonlySet<string>;
  /** Seed of the bootstrap. @default settings.seed */
  seed?: number;
  /** Worker threads of the bootstraps. @default the machine's cores */
  threads?: number;
}

/**
 * Coverage at h users per arm from half-sample replicates, as a contrast of
 * the two arms' coverages (see `coverage.ts`).
 */
export type CoverageContrast = ContrastData & { test: number };

/** What a metric's tests work on: its per-user values and bootstrap, or coverage half-samples. */
export type MetricEvidence =
  | {
    kind: "mean";
    /** Per-user values of the segment's users, per arm. */
    control: Float64Array;
    test: Float64Array;
    /** The bootstrap of both arms' means (all metrics of a segment share its resamples). */
    boot: DiffLiftBootstrap;
    /** Each user's pre-period covariate, aligned with the values (CUPED; absent without one). */
    covariate?: { control: Float64Array; test: Float64Array };
  }
  | { kind: "coverage"; contrast: CoverageContrast };

/** A row's values before its tests: what was compared, on how many users. */
export interface MetricRowBase {
  /** Metric name, e.g. `NDCG@10`, `ColdRecall@10`, `Coverage@10`. */
  metric: string;
  /** The users the row is about. */
  segment: Segment;
  /** Control's value (coverage: at the equal size `equalSize`). */
  control: number;
  /** Test's value (coverage: at the equal size `equalSize`). */
  test: number;
  /** `test − control`. */
  delta: number;
  /** `delta / control` (NaN when control is 0). */
  lift: number;
  /** Users of the control arm in the segment (coverage: h). */
  nControl: number;
  /** Users of the test arm in the segment (coverage: h). */
  nTest: number;
}

/** One metric's comparison: its values, then the fields of every registered test. */
export type MetricComparison = MetricRowBase & MetricTestFields & {
  /** True when the gate names this metric. */
  gated: boolean;
  /** Coverage, Gini, Entropy: users per arm (h) at which the arms were compared. */
  equalSize?: number;

  /** Set when the row was re-bootstrapped for the gate with more resamples than stats.B. */
  resamples?: number;
};

/** PROTOCOL §6 power analysis of the primary metric. */
export interface PowerAnalysis {
  /** The primary metric. */
  metric: string;
  /** Level of the two-sided test. */
  alpha: number;
  /** Power wanted. */
  power: number;
  /** Users per arm (paired: users). */
  n: number;
  /** Minimum detectable effect at `n`, absolute. */
  mdeAbs: number;
  /** Minimum detectable effect at `n`, relative to the control mean. */
  mdeRel: number;
  /** The target relative MDE (stats.targetMde). */
  targetMde: number;
  /** Users per arm needed for `targetMde` (paired: users). */
  usersNeeded: number;
  /** Power at the observed n for an effect of `targetMde`. */
  powerAtTarget: number;
  /** Relative MDE against users per arm, by doublings from n/16 to 16n. */
  curve: { n: number; mdeRel: number }[];
}

/** Serving health of an arm (measured: not part of the byte-identical outputs but `errorRate`). */
export interface ArmHealth {
  /** Share of the arm's users whose request failed (error, timeout, malformed answer). */
  errorRate: number;
  /** 95th percentile (nearest rank) of the per-request latency, ms: the gate's latency rule. */
  latencyP95Ms: number;
  /** Median (nearest rank) of the per-request latency, ms. */
  latencyP50Ms: number;
  /** 99th percentile (nearest rank) of the per-request latency, ms. */
  latencyP99Ms: number;
  /** Requests the latencies are over. */
  requests: number;
  /** Users that got a list (the count the SRM test sees). */
  served: number;
  /** Users whose request failed. */
  failed: number;
}

/** The SRM test of served users, with what was observed and expected. */
export type SrmCheck = SrmResult & { observed: number[]; weights: number[] };

/** The comparison of a run. */
export interface Comparison {
  /** Paired replay or A/B split. */
  mode: "paired" | "ab";
  /** The primary metric. */
  primary: string;
  /** Two-sided confidence level of every interval (1 − alpha). */
  confidence: number;
  /** Bootstrap resamples B. */
  resamples: number;
  /** One row per metric and segment, in report order. */
  metrics: MetricComparison[];
  /** The SRM check of served users (A/B; null when paired). */
  srm: SrmCheck | null;
  /** The primary metric's power analysis (null without per-user values or with a control mean of 0). */
  power: PowerAnalysis | null;
  /** Replicates of the primary metric's difference (overall segment). */
  bootstrap: { metric: string; replicates: Float64Array; observed: number } | null;
  /** Each arm's error rate and latency. */
  health: Record<"control" | "test", ArmHealth>;
  /** Per metric name: the arm means' replicates, for threshold tests (not written out). */
  contrasts: Record<string, ContrastData>;
  /** Per metric name with per-user values: the arms' moments (not written out). */
  moments: Record<string, ArmMoments>;
}

/** The row's test fields left empty (no evidence): `null` each, in registration order. */
export type EmptyFields<T> = { [K in keyof T]: null };

/** What every test sees besides the evidence. */
export interface TestContext {
  /** Two-sided level of the intervals. */
  confidence: number;
  /** Paired users (one sample) or two independent arms. */
  paired: boolean;
}

/**
 * A statistical test applied to each metric: it owns fields of the row,
 * `null` until it fills them from the metric's evidence.
 */
export interface MetricTest<F extends object = Record<string, unknown>> {
  /** Short name, for docs and errors. */
  name: string;
  /** The test's fields, empty; their order is their order in the row. */
  empty: EmptyFields<F>;
  /** The fields from a metric's evidence. */
  apply(evidence: MetricEvidence, ctx: TestContext): F;
}

/** A test over the gated family of rows (e.g. a multiplicity adjustment). */
export interface FamilyTest<F extends object = Record<string, unknown>> {
  /** Short name, for docs and errors. */
  name: string;
  /** The test's fields, empty; their order is their order in the row. */
  empty: EmptyFields<F>;
  /** Fills its fields of the gated rows (each gated row, in row order). */
  apply(rows: MetricComparison[]): void;
}
