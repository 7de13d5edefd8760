/**
 * A/A calibration: the control arm against itself under many salts. Each eval
 * user is served once (lists do not depend on the salt); for every salt the
 * users are bucketed as in A/B mode and each metric is tested between the two
 * halves (Welch z test), and the split is SRM-checked. A healthy harness
 * rejects at about α for every metric and flags SRM at about `srmAlpha`.
 *
 * @module
 */
import { dirname } from "node:path";
import { createRecommender } from "../recommenders/mod.ts";
import { evaluateArm } from "../metrics/mod.ts";
import { serve } from "../replay/serve.ts";
import { assignArms, srmTest, welchTest } from "../stats/mod.ts";
import type { Scenario } from "../scenario/types.ts";
import { prepareData } from "./prepare.ts";
import { type Progress, silentProgress, stage } from "./progress.ts";

/** A/A outcome per metric and for SRM. */
export interface AaResult {
  salts: number;
  alpha: number;
  srmAlpha: number;
  evalUsers: number;
  /** Per metric: share of salts with p < α, and the count. */
  falsePositiveRate: Record<string, { rate: number; count: number }>;
  srmFlags: number;
  srmFlagRate: number;
  timings: Record<string, number>;
}

/** Runs the A/A calibration of `scenario`'s control arm over `salts` salts. */
export async function runAa(
  scenario: Scenario,
  salts: number,
  progress: Progress = silentProgress,
): Promise<AaResult> {
  const timings: Record<string, number> = {};
  const { dataset: ds, holdout, train } = await prepareData(scenario, progress, timings);
  const rec = createRecommender(scenario.control, {
    seed: scenario.seed,
    baseDir: dirname(scenario.file),
  }, "control");
  await stage(progress, timings, "fit control", () => rec.fit(train));
  const k = scenario.eval.k;
  const served = await stage(
    progress,
    timings,
    "replay control",
    () => serve(rec, train, holdout.evalUsers, k, { onProgress: (d, t) => progress.tick(d, t) }),
  );
  const ev = evaluateArm({
    lists: served.lists,
    k,
    relOffsets: holdout.relOffsets,
    relItems: holdout.relItems,
    cold: holdout.cold,
    catalogSize: holdout.catalogSize,
  });
  const ids = Array.from(holdout.evalUsers, (u) => ds.userIds[u]);
  const counts: Record<string, number> = {};
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
          const a: number[] = [], b: number[] = [];
          seg.rows.forEach((row, q) => {
            if (arm[row] === 0) a.push(values[q]);
            else if (arm[row] === 1) b.push(values[q]);
          });
          if (a.length < 2 || b.length < 2) continue;
          counts[metric] = (counts[metric] ?? 0) + (welchTest(a, b).p < alpha ? 1 : 0);
        }
      }
      progress.tick(s + 1, salts);
    }
  });
  const falsePositiveRate = Object.fromEntries(
    Object.entries(counts).map(([m, c]) => [m, { rate: c / salts, count: c }]),
  );
  return {
    salts,
    alpha,
    srmAlpha: scenario.stats.srmAlpha,
    evalUsers: ids.length,
    falsePositiveRate,
    srmFlags,
    srmFlagRate: srmFlags / salts,
    timings,
  };
}
