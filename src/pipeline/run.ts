/**
 * Runs a resolved scenario end to end: load → split → fit both arms → replay
 * (paired or A/B) → metrics per segment → statistics. Pure of output files:
 * it returns a {@linkcode RunResult}; `writeRunOutputs` persists it.
 *
 * @module
 */
import { dirname } from "node:path";
import type { Dataset } from "../data/mod.ts";
import type { Holdout } from "../split/mod.ts";
import {
  createRecommender,
  loadModel,
  type Recommender,
  servingArm,
  type TrainData,
} from "../recommenders/mod.ts";
import { defaultThreads } from "../parallel/mod.ts";
import { type ArmEvaluation, evaluateArm, type ItemStats, type PbmClicks } from "../metrics/mod.ts";
import { assignUsers, csrRows, serve, type ServedLists } from "../replay/mod.ts";
import { type ArmSpec, cutoffs, replayLength, type Scenario } from "../scenario/mod.ts";
import { itemStatsOf } from "./item_stats.ts";
import { prepareData } from "./prepare.ts";
import { type Progress, silentProgress, stage } from "./progress.ts";
import { type CompareArm, compareArms, type Comparison } from "../compare/mod.ts";
import { compareSettings } from "./settings.ts";
import { refineForGate } from "./refine.ts";
import { addClicks, type ClicksResult, clicksResult } from "./clicks.ts";
import { preSplitCovariate } from "./cuped.ts";
import { trace } from "../trace.ts";
import {
  entryDays,
  sequentialInput,
  sequentialMonitoring,
  type SequentialResult,
} from "./sequential.ts";

/** Arm names, in order. */
export const ARMS = ["control", "test"] as const;
/** `control` or `test`. */
export type ArmName = typeof ARMS[number];

/** One arm's outcome. */
export interface ArmResult {
  /** Which arm. */
  name: ArmName;
  /** Its spec in the scenario, with the type actually created. */
  spec: ArmSpec;
  /** Eval-user positions (indices into `holdout.evalUsers`) served by this arm. */
  rows: Int32Array;
  /** The lists it served and what was removed from them. */
  served: ServedLists;
  /** Per-user metrics of its users, per segment. */
  evaluation: ArmEvaluation;
  /** The fitted (or loaded) model. */
  recommender: Recommender;
}

/** Everything a run produced, in memory. */
export interface RunResult {
  /** The scenario that ran. */
  scenario: Scenario;
  /** The loaded, cleaned data. */
  dataset: Dataset;
  /** The split: train, test, eval users, relevant sets, cold items. */
  holdout: Holdout;
  /** What the models were fitted on. */
  train: TrainData;
  /** The item statistics of the PROTOCOL §4.1 metrics. */
  itemStats: ItemStats;
  /** Each arm's outcome. */
  arms: Record<ArmName, ArmResult>;
  /** A/B: users assigned per arm before serving (for SRM); paired: all eval users. */
  assigned: Record<ArmName, number>;
  /** Eval users outside the experiment (A/B coverage < 1). */
  excluded: number;
  /** Control vs test: every metric's test, SRM, power, health. */
  comparison: Comparison;
  /** The click model's CTR per arm and interleaving (null without a `clicks` section). */
  clicks: ClicksResult | null;
  /** The day-by-day monitoring (null without a `sequential` section). */
  sequential: SequentialResult | null;
  /** Wall time per stage, ms. */
  timings: Record<string, number>;
}

/** Options of {@linkcode runScenario}. */
export interface RunOptions {
  /** Worker threads for serving large arms and for the bootstraps. @default the machine's cores */
  threads?: number;
}

/** Runs `scenario`: load, split, fit, replay, metrics, statistics; progress goes to `progress`. */
export async function runScenario(
  scenario: Scenario,
  progress: Progress = silentProgress,
  options: RunOptions = {},
): Promise<RunResult> {
  if (scenario.candidates) {
    throw new Error("runScenario: a scenario with a list of candidates runs with runCandidates");
  }
  const env = await prepareRun(scenario, progress, options);
  const control = await runArm(env, "control", scenario.control, "control");
  const test = await runArm(env, "test", scenario.test, "test");
  return compareCandidate(env, scenario, control, test);
}

/** One candidate's run in a scenario with a list of them. */
export interface CandidateRun {
  /** The candidate's name (`test[i].name`, default `test<i+1>`). */
  name: string;
  /**
   * Control vs this candidate, as a run of the scenario with `test` = this
   * candidate alone would give (its `scenario` is that one); the control arm
   * is the same object in every candidate's result.
   */
  result: RunResult;
}

/**
 * Runs a scenario with a list of candidates (`scenario.candidates`): data
 * prepared once, control fitted and replayed once, each candidate fitted and
 * replayed once (A/B: on its own hash bucket), then each compared with
 * control exactly as a single-candidate run of it would be (the same
 * bootstrap seed `stats.seed` for every comparison: common random numbers
 * across candidates; A/B: the pair's weights for its SRM check).
 */
export async function runCandidates(
  scenario: Scenario,
  progress: Progress = silentProgress,
  options: RunOptions = {},
): Promise<CandidateRun[]> {
  const candidates = scenario.candidates;
  if (!candidates) throw new Error("runCandidates: the scenario has one candidate");
  const env = await prepareRun(scenario, progress, options);
  const control = await runArm(env, "control", scenario.control, "control");
  const out: CandidateRun[] = [];
  for (const [i, spec] of candidates.entries()) {
    const name = spec.name!;
    const rows = env.assignment.groups[i + 1];
    const test = await runArm(env, "test", spec, name, `test[${i}]`, rows);
    const { candidates: _all, ...rest } = scenario;
    const single: Scenario = { ...rest, test: spec, mode: pairMode(scenario.mode, i + 1) };
    out.push({ name, result: await compareCandidate(env, single, control, test, name) });
  }
  return out;
}

/**
 * The mode of control vs the candidate at arm index `arm`: in A/B mode the
 * two arms' weights (and simulated weights), so the pair's SRM check expects
 * their ratio; paired mode unchanged.
 */
function pairMode(mode: Scenario["mode"], arm: number): Scenario["mode"] {
  if (mode.type !== "ab") return mode;
  const pair = (w: number[]) => [w[0], w[arm]];
  return {
    ...mode,
    weights: pair(mode.weights),
    ...(mode.simulateWeights ? { simulateWeights: pair(mode.simulateWeights) } : {}),
  };
}

/** What every arm of a run shares: the data, the split, the assignment, settings. */
interface RunEnv {
  scenario: Scenario;
  progress: Progress;
  threads: number;
  timings: Record<string, number>;
  dataset: Dataset;
  holdout: Holdout;
  train: TrainData;
  assignment: ReturnType<typeof assignUsers>;
  k: number;
  ks: number[];
  items: ItemStats;
}

async function prepareRun(
  scenario: Scenario,
  progress: Progress,
  options: RunOptions,
): Promise<RunEnv> {
  const threads = options.threads ?? defaultThreads();
  const timings: Record<string, number> = {};
  const { dataset, holdout, train } = await prepareData(scenario, progress, timings);
  return {
    scenario,
    progress,
    threads,
    timings,
    dataset,
    holdout,
    train,
    assignment: assignUsers(scenario, dataset, holdout),
    k: replayLength(scenario.eval.k),
    ks: cutoffs(scenario.eval.k),
    items: itemStatsOf(holdout, train, scenario.eval.ipsGamma),
  };
}

/** An arm fitted (or loaded), replayed and evaluated, with its simulated clicks. */
interface ArmRun {
  arm: ArmResult;
  clicks?: PbmClicks;
}

/**
 * Fits (or loads), replays and evaluates one arm: `name` is its role,
 * `label` names its stages, `path` its place in the scenario (for errors).
 */
async function runArm(
  env: RunEnv,
  name: ArmName,
  spec: ArmSpec,
  label: string,
  path: string = name,
  rows: Int32Array = env.assignment.rows[name],
): Promise<ArmRun> {
  const { scenario, progress, timings, train, holdout, threads, k } = env;
  const ctx = { seed: scenario.seed, baseDir: dirname(scenario.file), threads };
  const rec = spec.model
    ? await stage(
      progress,
      timings,
      `load model ${label}`,
      () => loadModel(spec.model!, train, ctx),
    )
    : createRecommender(spec, ctx, path);
  if (!spec.model) await stage(progress, timings, `fit ${label}`, () => rec.fit(train));
  const users = Int32Array.from(rows, (j) => holdout.evalUsers[j]);
  const served = await stage(
    progress,
    timings,
    `replay ${label}`,
    () =>
      replayArm(rec, train, users, k, {
        onProgress: (d, t) => progress.tick(d, t),
        simulateErrors: spec.simulateErrors,
        seed: scenario.seed,
        threads,
      }),
  );
  const rel = csrRows(holdout.relOffsets, holdout.relItems, rows);
  const evaluation = await stage(progress, timings, `metrics ${label}`, () =>
    evaluateArm({
      lists: served.lists,
      k,
      ks: env.ks,
      items: env.items,
      relOffsets: rel.offsets,
      relItems: rel.values,
      cold: holdout.cold,
      catalogSize: holdout.catalogSize,
      metrics: scenario.eval.metrics,
    }));
  const clicks = addClicks(scenario, evaluation, served.lists, rel, name);
  return {
    arm: { name, spec: { ...spec, type: rec.type }, rows, served, evaluation, recommender: rec },
    ...(clicks ? { clicks } : {}),
  };
}

/** Control vs test of `scenario` (one candidate): clicks, comparison, refinement, monitoring. */
async function compareCandidate(
  env: RunEnv,
  scenario: Scenario,
  control: ArmRun,
  test: ArmRun,
  label?: string,
): Promise<RunResult> {
  const { progress, timings, holdout, threads, assignment } = env;
  const arms: Record<ArmName, ArmResult> = { control: control.arm, test: test.arm };
  const clicks = scenario.clicks
    ? clicksResult(scenario, {
      clicks: { control: control.clicks!, test: test.clicks! },
      lists: { control: arms.control.served.lists, test: arms.test.served.lists },
      rel: csrRows(holdout.relOffsets, holdout.relItems, arms.control.rows),
    })
    : null;
  const covariate = preSplitCovariate(scenario, holdout);
  const input = {
    paired: assignment.mode === "paired",
    catalogSize: holdout.catalogSize,
    arms: {
      control: compareArm(arms.control, covariate),
      test: compareArm(arms.test, covariate),
    },
  };
  const of = label ? ` ${label}` : "";
  const comparison = await stage(
    progress,
    timings,
    `statistics${of}`,
    async () =>
      refineForGate(
        scenario,
        input,
        await compareArms(compareSettings(scenario), input, { threads }),
        threads,
      ),
  );
  const sequential = scenario.sequential
    ? await stage(
      progress,
      timings,
      `sequential${of}`,
      () => monitor(scenario, env.dataset, holdout, arms, comparison.primary),
    )
    : null;
  return {
    scenario,
    dataset: env.dataset,
    holdout,
    train: env.train,
    itemStats: env.items,
    arms,
    assigned: { control: arms.control.rows.length, test: arms.test.rows.length },
    excluded: assignment.excluded,
    comparison,
    clicks,
    sequential,
    timings,
  };
}

/** The sequential monitoring of the arms' metric (the scenario's, else the primary). */
function monitor(
  scenario: Scenario,
  dataset: Dataset,
  holdout: Holdout,
  arms: Record<ArmName, ArmResult>,
  primary: string,
): SequentialResult {
  const metric = scenario.sequential?.metric ?? primary;
  const side = (a: ArmName) => {
    const seg = arms[a].evaluation.segments.overall;
    return { rows: arms[a].rows, values: seg.perUser[metric], segmentRows: seg.rows };
  };
  const ids = Array.from(holdout.evalUsers, (u) => dataset.userIds[u]);
  const input = sequentialInput(
    scenario.mode.type === "paired",
    { control: side("control"), test: side("test") },
    entryDays(holdout),
    ids,
  );
  return sequentialMonitoring(scenario, holdout, metric, input);
}

/** The parts of an arm's outcome that the comparison reads (with its users' covariates when given). */
export function compareArm(
  a: Pick<ArmResult, "evaluation" | "served"> & { rows?: Int32Array },
  covariate: Float64Array | null = null,
): CompareArm {
  return {
    evaluation: a.evaluation,
    lists: a.served.lists,
    servedUsers: a.served.users.length,
    failedUsers: a.served.failedUsers,
    requestMs: a.served.requestMs,
    requests: a.served.requests,
    ...(covariate && a.rows ? { covariate: Float64Array.from(a.rows, (j) => covariate[j]) } : {}),
  };
}

/**
 * Replays `users` through fitted `rec`: the arm is `rec` itself, or `rec`
 * served on worker threads when its type and the replay's size make that
 * worth it (`servingArm`); either way one replay path serves it.
 */
export async function replayArm(
  rec: Recommender,
  train: TrainData,
  users: Int32Array,
  k: number,
  options: Parameters<typeof serve>[4] & { threads?: number } = {},
): Promise<ServedLists> {
  const threads = options.threads ?? defaultThreads();
  const arm = await servingArm(rec, train, { users: users.length, threads });
  trace(`replay ${rec.type}: serving arm ready`);
  try {
    const served = await serve(arm, train, users, k, options);
    trace(`replay ${rec.type}: served`);
    return served;
  } finally {
    if (arm !== rec) arm.close?.();
  }
}
