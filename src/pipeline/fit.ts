/**
 * Fitting one arm of a scenario and saving it (`abreplay fit`), so that a
 * later run replays the saved model (`"model": "<dir>"` in the arm) instead of
 * refitting.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { createRecommender, MODEL_FORMAT, saveModel } from "../recommenders/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { prepareData } from "./prepare.ts";
import { type Progress, silentProgress, stage } from "./progress.ts";
import { checkOutputFolder, writeOutputFolder } from "../files/mod.ts";
import { UsageError } from "../errors.ts";
import { checkCacheWritable } from "./data_source.ts";

/** Options of {@linkcode fitAndSave}. */
export interface FitOptions {
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
}

/**
 * abreplay's files in a model folder saved before folders had a marker:
 * `model.json` (format `abreplay-model`) and the arrays it lists; null otherwise.
 */
export async function legacyModelFolder(dir: string): Promise<string[] | null> {
  const m = JSON.parse(await Deno.readTextFile(join(dir, "model.json")));
  if (m?.format !== MODEL_FORMAT) return null;
  const arrays: { file: string }[] = m.state?.arrays ?? [];
  return ["model.json", ...arrays.map((a) => a.file)];
}

/** Checks, before fitting, that a model may and can be saved to `dir`. */
export function checkModelFolder(dir: string, options: FitOptions = {}): Promise<void> {
  return checkOutputFolder(dir, { kind: "model", legacy: legacyModelFolder, ...options });
}

/**
 * Fits `arm` of `scenario` on its train split and saves it to `dir` (all or
 * nothing); the folder and caches are checked before any work.
 */
export async function fitAndSave(
  scenario: Scenario,
  arm: "control" | "test",
  dir: string,
  progress: Progress = silentProgress,
  options: FitOptions = {},
): Promise<{ type: string; timings: Record<string, number> }> {
  if (scenario[arm].model) {
    throw new UsageError(`the ${arm} arm already replays a saved model (${scenario[arm].model})`, {
      hint: "fit an arm given by type and params",
    });
  }
  await checkModelFolder(dir, options);
  await checkCacheWritable(scenario);
  const timings: Record<string, number> = {};
  const { train } = await prepareData(scenario, progress, timings);
  const ctx = { seed: scenario.seed, baseDir: dirname(scenario.file) };
  const rec = createRecommender(scenario[arm], ctx, arm);
  await stage(progress, timings, `fit ${arm}`, () => rec.fit(train));
  await stage(
    progress,
    timings,
    "save",
    () =>
      writeOutputFolder(dir, (tmp) => saveModel(tmp, rec, train, ctx), {
        kind: "model",
        legacy: legacyModelFolder,
        ...options,
      }),
  );
  return { type: rec.type, timings };
}
