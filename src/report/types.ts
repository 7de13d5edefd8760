/**
 * What the HTML report renders: plain data, already computed. The report
 * module renders results only; it computes no metric or statistic.
 *
 * @module
 */
import type { Interval } from "../stats/mod.ts";
import type { GateReason } from "../gate/mod.ts";

export type { GateReason, Interval };

/** One row of the metrics table. */
export interface ReportMetricRow {
  /** The users the row is about: all eval users, or those with a warm or a cold relevant item. */
  segment: "overall" | "warm" | "cold";
  /** e.g. `NDCG@10`, `ColdRecall@10`, `Coverage@10`. */
  metric: string;
  /** Control's value (null when not finite). */
  control: number | null;
  /** Test's value (null when not finite). */
  test: number | null;
  /** `test − control`. */
  delta: number | null;
  /** `delta / control`. */
  lift: number | null;
  /** Bootstrap percentile interval of the difference, or null without a bootstrap. */
  ciPercentile: Interval | null;
  /** BCa interval of the difference, or null without a bootstrap. */
  ciBca: Interval | null;
  /** Percentile interval of the lift, or null (a resample's control was 0). */
  liftCiPercentile: Interval | null;
  /** The gate's interval of the lift (BCa by test inversion); a bound may be infinite. */
  liftCiBca: Interval | null;
  /** Monte Carlo sd of each `liftCiBca` bound (lift units). */
  liftCiMcSd?: Interval | null;
  /** Two-sided p-value (normal approximation; coverage: from the bootstrap). */
  pValue: number | null;
  /** Holm-adjusted over the gated metrics (PROTOCOL §6; reported, not used by the gate). */
  pValueHolm: number | null;
  /** True when the gate uses this metric. */
  gated: boolean;
  /** Users of the control arm in the segment. */
  nControl: number;
  /** Users of the test arm in the segment. */
  nTest: number;
  /** Coverage only: users per arm at which the arms were compared (equal-size half-samples). */
  equalSize?: number;
  /** Bootstrap resamples, when the row was re-bootstrapped for the gate with more than `stats.B`. */
  resamples?: number;
  /** CUPED's θ (absent or null without a `cuped` section). */
  cupedTheta?: number | null;
  /** Share of the difference's variance CUPED removes. */
  cupedVarianceReduction?: number | null;
  /** The CUPED-adjusted difference. */
  cupedDelta?: number | null;
  /** Its normal interval. */
  cupedCi?: Interval | null;
  /** Its two-sided p-value. */
  cupedPValue?: number | null;
}

/** The gate as configured: what each threshold rule tests (thresholds on the relative lift). */
export interface ReportGate {
  /** The primary rule: its metric, kind, and the threshold on the lift it tests. */
  primary: { metric: string; kind: "superiority" | "non-inferiority"; threshold: number };
  /** Guardrails: the lift must stay above `threshold` (= −maxDegradation). */
  guardrails: { metric: string; threshold: number }[];
  /** Limit of the latency rule: test's p95 serving time, ms. */
  latencyP95Ms: number;
  /** Limit of the error rule: the share of users test failed to serve. */
  maxErrorRate: number;
}

/** How one arm served its users in this run (measured; not part of the byte-identical outputs). */
export interface ReportServing {
  /** Users the arm was asked to serve. */
  users: number;
  /** Users whose request failed (error, timeout, malformed answer). */
  failedUsers: number;
  /** `failedUsers / users`. */
  errorRate: number;
  /** Median (nearest rank) of the per-request latency, ms. */
  latencyP50Ms: number;
  /** 95th percentile (nearest rank) of the per-request latency, ms (the gate's latency rule). */
  latencyP95Ms: number;
  /** 99th percentile (nearest rank) of the per-request latency, ms (absent in older reports). */
  latencyP99Ms?: number;
  /** Requests the latencies are over (absent in older reports). */
  requests?: number;
  /** Users per request: 1, or the remote arm's batch size (absent in older reports). */
  usersPerRequest?: number;
  /** True for an arm that called a service (`http`) (absent in older reports). */
  remote?: boolean;
}

/** A probability measured over repeated runs, with its 95% Clopper–Pearson interval. */
export interface ReportRate {
  /** The share of runs. */
  rate: number;
  /** Its 95% Clopper–Pearson interval. */
  ci: Interval;
}

/**
 * The gate's operating characteristic: the primary rule's stated curve
 * (probability of admitting / rejecting a candidate of true lift δ) and, after
 * `abreplay oc`, the measured one and the A/A error rates of the whole gate.
 */
export interface ReportOc {
  /** The primary metric. */
  metric: string;
  /** Superiority (lift above minLift) or non-inferiority (lift above −margin). */
  kind: "superiority" | "non-inferiority";
  /** The rule's threshold on the lift. */
  threshold: number;
  /** The lift the power refers to. */
  alternative: number;
  /** The stated power at `alternative`. */
  power: number;
  /** The curve in one sentence. */
  statement: string;
  /** Stated (normal-approximation) P(admit) and P(reject) by true lift. */
  stated: { lift: number; admit: number; reject: number }[];
  /** Measured by `abreplay oc` (null before): P(admit) and P(reject) by true lift. */
  measured: { lift: number; reps: number; admit: ReportRate; reject: ReportRate }[] | null;
  /** A/A of the whole gate: every admit and reject is an error. */
  aa: { salts: number; admit: ReportRate; reject: ReportRate } | null;
}

/** An item in an example list. */
export interface ReportItem {
  /** The item's id in the data. */
  itemId: string;
  /** "" when the book data has no title for the item. */
  title: string;
  /** Why the model recommended it (its `explain`). */
  explanation?: string;
  /** True when the item is in the user's relevant test set. */
  hit?: boolean;
}

/** Power analysis of the primary metric, as the MDE/power panel shows it. */
export interface ReportPower {
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
  /** The target relative MDE. */
  targetMde: number;
  /** Users per arm needed for `targetMde` (paired: users). */
  usersNeeded: number;
  /** MDE (relative) against users per arm, for the chart; `n` marks the current size (the run's report extends it past `usersNeeded`). */
  curve: { n: number; mdeRel: number }[];
}

/**
 * What loading did to the data, as the report lists it: the source, then
 * counts by field name (rows read, dropped, fixed, kept; PROTOCOL §1). Known
 * fields get labels; any other numeric field is shown under its key.
 */
export type ReportCleaning = { source: string } & Record<string, string | number>;

/** The simulated click model (position-based): block CTR per arm, and interleaving when simulated. */
export interface ReportClicks {
  /** Examination probability per position 1..k. */
  examination: number[];
  /** Seed of the click streams. */
  seed: number;
  /** Each arm's block CTR (share of users with a click) and its exact interval. */
  arms: Record<
    "control" | "test",
    { users: number; ctr: number; ci: Interval; clicksPerUser: number }
  >;
  /** Team-draft interleaving under the same model (null when not simulated). */
  interleaving: {
    users: number;
    wins: number;
    losses: number;
    ties: number;
    preference: number;
    ci: Interval;
    pValue: number;
    usersNeeded: number | null;
    abUsersNeeded: number | null;
    sensitivityRatio: number | null;
  } | null;
}

/** A share of A/A salts with its interval. */
export interface ReportSaltRate {
  /** Salts where it happened. */
  count: number;
  /** Their share. */
  rate: number;
  /** 95% interval. */
  ci: Interval;
}

/** The day-by-day monitoring: each day's intervals, the stopping days, the A/A of peeking. */
export interface ReportSequential {
  /** The monitored metric. */
  metric: string;
  /** Level of both intervals. */
  alpha: number;
  /** Tuning parameter N of the always-valid interval. */
  tuning: number;
  /** Each day since the split: users so far, Δ, fixed-horizon and always-valid intervals. */
  days: {
    day: number;
    date: string;
    nControl: number;
    nTest: number;
    delta: number | null;
    fixedCi: Interval | null;
    sequentialCi: Interval | null;
  }[];
  /** First day the always-valid interval excludes 0 (null: never). */
  stopDay: number | null;
  /** First day the fixed-horizon interval excludes 0. */
  fixedStopDay: number | null;
  /** A/A of daily peeking over salts. */
  aa: {
    salts: number;
    fixedPeeking: ReportSaltRate;
    sequentialPeeking: ReportSaltRate;
    fixedFinal: ReportSaltRate;
  } | null;
}

/** One candidate of a run with several: its verdict, why it was (not) chosen, its metrics. */
export interface ReportCandidate {
  /** The candidate's name. */
  name: string;
  /** Its label (or type). */
  label: string;
  /** Its recommender type. */
  type: string;
  /** Its own verdict (rules Holm-adjusted across candidates). */
  decision: "admit" | "reject" | "inconclusive";
  /** True for the candidate the run admits. */
  chosen: boolean;
  /** Why it was (not) chosen. */
  why: string;
  /** One reason per rule. */
  reasons: GateReason[];
  /** Control vs this candidate, overall segment. */
  metrics: ReportMetricRow[];
}

/** The candidates of a run with several (the rest of the report shows `featured`). */
export interface ReportCandidates {
  /** The run's decision: admit when some candidate is admitted. */
  decision: "admit" | "reject" | "inconclusive";
  /** The admitted candidate, null when none is. */
  chosen: string | null;
  /** The candidate the other sections show (the chosen one, else the first). */
  featured: string;
  /** Admission claims Holm's adjustment ran over (one per candidate). */
  familySize: number;
  /** The gate's primary metric. */
  primary: string;
  /** A/B: the SRM check over all arms (null when paired). */
  srm?:
    | { observed: number[]; expected: number[]; chi2: number; p: number; flagged: boolean }
    | null;
  /** Each candidate, in the scenario's order. */
  list: ReportCandidate[];
}

/** Everything the report shows. Strings may come from data/scenario files: escape them all. */
export interface ReportInput {
  /** The scenario's name. */
  name: string;
  /** The scenario's description. */
  description?: string;
  /** When the report's input was assembled (ISO 8601). */
  generatedAt: string;
  /** The gate's decision and its reasons (null when no gate ran). */
  verdict: { decision: "admit" | "reject" | "inconclusive"; reasons: GateReason[] } | null;
  /** The data and its split: source, cleaning counts, sizes, split instant, cold items. */
  data: {
    source: string;
    fingerprint: string;
    report: ReportCleaning;
    splitInstant: string;
    users: number;
    items: number;
    catalogSize: number;
    coldItems: number;
    /** Share of relevant test interactions (eval users) on cold items. */
    coldShare: number;
    evalUsers: number;
    trainRows: number;
    testRows: number;
  };
  /** Paired replay, or an A/B split with its salt, weights and coverage. */
  mode: { type: "paired" | "ab"; salt?: string; weights?: number[]; coverage?: number };
  /** List length k. */
  k: number;
  /** Each arm's label, type and params. */
  arms: {
    control: { label: string; type: string; params: Record<string, unknown> };
    test: { label: string; type: string; params: Record<string, unknown> };
  };
  /** The comparison, one row per metric and segment. */
  metrics: ReportMetricRow[];
  /** Level of every interval (`confidence = 1 − alpha`) and bootstrap resamples. */
  stats?: { alpha: number; confidence: number; resamples: number };
  /** The gate's rules as configured (absent in reports written before it existed). */
  gate?: ReportGate | null;
  /** Serving latency and errors per arm (absent in reports written before it existed). */
  serving?: Record<"control" | "test", ReportServing> | null;
  /** Primary metric's bootstrap distribution of the difference (test − control). */
  bootstrap: { metric: string; replicates: number[]; observed: number } | null;
  /** The SRM check of an A/B split (null when paired). */
  srm: {
    expected: [number, number];
    observed: [number, number];
    chi2: number;
    p: number;
    flagged: boolean;
    alpha: number;
  } | null;
  /** The primary metric's power analysis. */
  power: ReportPower | null;
  /** The gate's operating characteristic (absent in reports written before it existed). */
  oc?: ReportOc | null;
  /** The click model's results (absent without a `clicks` section). */
  clicks?: ReportClicks | null;
  /** The day-by-day monitoring (absent without a `sequential` section). */
  sequential?: ReportSequential | null;
  /** Popularity-rank distribution of recommended items per arm: share of slots per popularity bucket. */
  longTail: {
    buckets: string[];
    control: number[];
    test: number[];
    /** Catalog coverage of all users' lists (absent when `eval.metrics` leaves Coverage out). */
    coverage?: { control: number; test: number };
  };
  /** The candidates of a run with several (absent with one). */
  candidates?: ReportCandidates | null;
  /** Example users: their recent history and each arm's list, hits marked. */
  examples: { userId: string; history: ReportItem[]; control: ReportItem[]; test: ReportItem[] }[];
  /** What makes the run reproducible: hashes, versions, seeds, timings. */
  footer: {
    scenarioHash: string;
    dataFingerprint: string;
    versions: Record<string, string>;
    seeds: Record<string, string | number>;
    timingsMs: Record<string, number>;
  };
}
