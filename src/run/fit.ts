/**
 * Fitting one arm of a scenario and saving it (`abreplay fit`), so that a
 * later run replays the saved model (`"model": "<dir>"` in the arm) instead of
 * refitting.
 *
 * @module
 */
import { dirname } from "node:path";
import { createRecommender, saveModel } from "../recommenders/mod.ts";
import type { Scenario } from "../scenario/types.ts";
import { prepareData } from "./prepare.ts";
import { type Progress, silentProgress, stage } from "./progress.ts";
import { replaceDirAtomic } from "./atomic.ts";

/** Fits `arm` of `scenario` on its train split and saves it to `dir` (atomically). */
export async function fitAndSave(
  scenario: Scenario,
  arm: "control" | "test",
  dir: string,
  progress: Progress = silentProgress,
): Promise<{ type: string; timings: Record<string, number> }> {
  const timings: Record<string, number> = {};
  const { train } = await prepareData(scenario, progress, timings);
  const ctx = { seed: scenario.seed, baseDir: dirname(scenario.file) };
  const rec = createRecommender(scenario[arm], ctx, arm);
  await stage(progress, timings, `fit ${arm}`, () => rec.fit(train));
  await stage(
    progress,
    timings,
    "save",
    () => replaceDirAtomic(dir, (tmp) => saveModel(tmp, rec, train, ctx)),
  );
  return { type: rec.type, timings };
}
