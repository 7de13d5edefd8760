/**
 * A/A calibration: the control arm against itself under many salts. Each eval
 * user is served once (lists do not depend on the salt); for every salt the
 * users are bucketed as in A/B mode and each metric is tested between the two
 * halves (Welch z test), and the split is SRM-checked. A healthy harness
 * rejects at about α for every metric and flags SRM at about `srmAlpha`.
 * A metric that is constant over the users (e.g. the cold metrics of
 * `popular`, always 0) cannot be tested at all: it is reported as degenerate,
 * not as 0% false positives. With a `cuped` section each metric's
 * CUPED-adjusted test is counted too (θ refitted on each salt's split).
 *
 * @module
 */
import { addClicks } from "./clicks.ts";
import { dirname, resolve } from "node:path";
import { createRecommender, type Recommender } from "../recommenders/mod.ts";
import { type ArmEvaluation, evaluateArm } from "../metrics/mod.ts";
import type { ServedLists } from "../replay/mod.ts";
import { replayArm } from "./run.ts";
import { assignArms, clopperPearson, cupedUnpaired, srmTest, welchTest } from "../stats/mod.ts";
import { cutoffs, replayLength, type Scenario } from "../scenario/mod.ts";
import { itemStatsOf } from "./item_stats.ts";
import { preSplitCovariate } from "./cuped.ts";
import { type Prepared, prepareData } from "./prepare.ts";
import { type Progress, silentProgress, stage, waitNote } from "./progress.ts";
import { checkCacheWritable } from "./data_source.ts";
import { checkAaFolder, writeAaFolder } from "./outputs/mod.ts";

/** A/A outcome per metric and for SRM. */
export interface AaResult {
  /** Salts the users were split under. */
  salts: number;
  /** Level of each metric's test (stats.alpha). */
  alpha: number;
  /** Level of the SRM test (stats.srmAlpha). */
  srmAlpha: number;
  /** Eval users split under each salt. */
  evalUsers: number;
  /** Per testable metric: share of salts with p < α, the count, and its 95% Clopper–Pearson interval. */
  falsePositiveRate: Record<string, { rate: number; count: number; ci: [number, number] }>;
  /** Metrics that cannot be tested, with the reason (e.g. "constant: every value is 0"). */
  degenerate: Record<string, string>;
  /** With a `cuped` section: the same rates for the CUPED-adjusted test of each metric. */
  cupedFalsePositiveRate?: Record<string, { rate: number; count: number; ci: [number, number] }>;
  /** Salts whose split was flagged for sample ratio mismatch. */
  srmFlags: number;
  /** `srmFlags / salts` (expected ≈ srmAlpha). */
  srmFlagRate: number;
  /** Wall time per stage, ms (not in aa.json). */
  timings: Record<string, number>;
}

/** The control arm fitted, served to every eval user once and evaluated. */
export interface ServedControl extends Prepared {
  recommender: Recommender;
  served: ServedLists;
  evaluation: ArmEvaluation;
  /** Eval users' ids, in eval order (what A/B bucketing hashes). */
  ids: string[];
}

/**
 * Fits `scenario`'s control and serves it to every eval user (stages timed
 * into `timings`; large arms on `threads` workers). A run's prepared data and
 * fitted control may be passed in, and its control arm too when it already
 * served every eval user (paired mode).
 */
export async function serveControl(
  scenario: Scenario,
  progress: Progress,
  timings: Record<string, number>,
  prepared?: Prepared,
  recommender?: Recommender,
  servedArm?: { served: ServedLists; evaluation: ArmEvaluation },
  threads?: number,
): Promise<ServedControl> {
  const data = prepared ?? await prepareData(scenario, progress, timings);
  const { dataset: ds, holdout, train } = data;
  const ids = Array.from(holdout.evalUsers, (u) => ds.userIds[u]);
  if (recommender && servedArm) {
    const { dataset, holdout: h, train: tr } = data;
    return { dataset, holdout: h, train: tr, recommender, ...servedArm, ids };
  }
  const rec = recommender ?? createRecommender(scenario.control, {
    seed: scenario.seed,
    baseDir: dirname(scenario.file),
    threads,
  }, "control");
  if (!recommender) await stage(progress, timings, "fit control", () => rec.fit(train));
  const k = replayLength(scenario.eval.k);
  const served = await stage(
    progress,
    timings,
    "replay control (all eval users)",
    () =>
      replayArm(rec, train, holdout.evalUsers, k, {
        onProgress: (d, t) => progress.tick(d, t),
        simulateErrors: scenario.control.simulateErrors,
        seed: scenario.seed,
        threads,
      }),
  );
  const evaluation = evaluateArm({
    lists: served.lists,
    k,
    ks: cutoffs(scenario.eval.k),
    items: itemStatsOf(holdout, train, scenario.eval.ipsGamma),
    relOffsets: holdout.relOffsets,
    relItems: holdout.relItems,
    cold: holdout.cold,
    catalogSize: holdout.catalogSize,
    metrics: scenario.eval.metrics,
  });
  const rel = { offsets: holdout.relOffsets, values: holdout.relItems };
  addClicks(scenario, evaluation, served.lists, rel, "control");
  return { dataset: ds, holdout, train, recommender: rec, served, evaluation, ids };
}

/** Runs the A/A calibration of `scenario`'s control arm over `salts` salts. */
export async function runAa(
  scenario: Scenario,
  salts: number,
  progress: Progress = silentProgress,
): Promise<AaResult> {
  const timings: Record<string, number> = {};
  const { evaluation: ev, ids, holdout } = await serveControl(scenario, progress, timings);
  const covariate = preSplitCovariate(scenario, holdout);
  const counts: Record<string, number> = {};
  const cupedCounts: Record<string, number> = {};
  const degenerate: Record<string, string> = {};
  for (const seg of Object.values(ev.segments)) {
    for (const [metric, values] of Object.entries(seg.perUser)) {
      const why = degeneracy(values.filter((x) => !Number.isNaN(x)));
      if (why) degenerate[metric] = why;
      else counts[metric] = cupedCounts[metric] = 0;
    }
  }
  let srmFlags = 0;
  const alpha = scenario.stats.alpha;
  await stage(progress, timings, "salts", () => {
    for (let s = 0; s < salts; s++) {
      const arm = assignArms(
        ids,
        `${scenario.mode.salt}-aa-${s}`,
        scenario.mode.weights,
        scenario.mode.coverage,
      );
      const n = [0, 0];
      for (let j = 0; j < arm.length; j++) if (arm[j] >= 0) n[arm[j]]++;
      if (srmTest(n, scenario.mode.weights, { srmAlpha: scenario.stats.srmAlpha }).flagged) {
        srmFlags++;
      }
      for (const seg of Object.values(ev.segments)) {
        for (const [metric, values] of Object.entries(seg.perUser)) {
          if (!(metric in counts)) continue;
          const a: number[] = [], b: number[] = [], xa: number[] = [], xb: number[] = [];
          seg.rows.forEach((row, q) => {
            if (Number.isNaN(values[q])) return; // no value for this user (PROTOCOL §4.1)
            if (arm[row] === 0) a.push(values[q]), xa.push(covariate?.[row] ?? 0);
            else if (arm[row] === 1) b.push(values[q]), xb.push(covariate?.[row] ?? 0);
          });
          if (a.length < 2 || b.length < 2) continue;
          counts[metric] += welchTest(a, b).p < alpha ? 1 : 0;
          if (!covariate) continue;
          const c = cupedUnpaired({ y: a, x: xa }, { y: b, x: xb }, 1 - alpha);
          cupedCounts[metric] += c.p < alpha ? 1 : 0;
        }
      }
      progress.tick(s + 1, salts);
    }
  });
  const rates = (counts: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(counts).map((
        [m, c],
      ) => [m, { rate: c / salts, count: c, ci: clopperPearson(c, salts) }]),
    );
  const falsePositiveRate = rates(counts);
  return {
    salts,
    alpha,
    srmAlpha: scenario.stats.srmAlpha,
    evalUsers: ids.length,
    falsePositiveRate,
    ...(covariate ? { cupedFalsePositiveRate: rates(cupedCounts) } : {}),
    degenerate,
    srmFlags,
    srmFlagRate: srmFlags / salts,
    timings,
  };
}

/**
 * Why per-user values cannot carry a test, or null: fewer than 2 users, or the
 * same value for everyone.
 *
 * @example
 * ```ts
 * import { degeneracy } from "./aa.ts";
 * if (degeneracy(Float64Array.of(0, 0, 0)) !== "constant: every value is 0") throw new Error();
 * if (degeneracy(Float64Array.of(0, 1)) !== null) throw new Error();
 * ```
 */
export function degeneracy(values: Float64Array): string | null {
  if (values.length < 2) return `only ${values.length} user(s)`;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return null;
  return `constant: every value is ${values[0]}`;
}

/** Options of {@linkcode aaCalibration}. */
export interface AaOptions {
  /** Salts to split the users under. @default 200 */
  salts?: number;
  /** Output folder. @default reports/<name>-aa */
  out?: string;
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** Where stages report progress. @default silentProgress */
  progress?: Progress;
}

/**
 * `abreplay aa`: checks its output folder and caches before any work, runs
 * the A/A calibration ({@linkcode runAa}) and writes `aa.json`.
 */
export async function aaCalibration(
  scenario: Scenario,
  options: AaOptions = {},
): Promise<{ result: AaResult; dir: string }> {
  const dir = resolve(options.out ?? `reports/${scenario.name}-aa`);
  const progress = options.progress ?? silentProgress;
  await checkAaFolder(dir, options.force);
  await checkCacheWritable(scenario);
  const result = await runAa(scenario, options.salts ?? 200, progress);
  await writeAaFolder(result, dir, { force: options.force, onWait: waitNote(progress, dir) });
  return { result, dir };
}
