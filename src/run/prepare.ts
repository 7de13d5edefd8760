/**
 * The shared first half of every command that fits models: load the
 * scenario's data, split it (PROTOCOL §1–3), and build the train view.
 *
 * @module
 */
import { Engine } from "../engine/mod.ts";
import type { Dataset } from "../data/mod.ts";
import { type Holdout, makeHoldout } from "../split/mod.ts";
import type { TrainData } from "../recommenders/mod.ts";
import { trainDataOf } from "../replay/train_data.ts";
import type { Scenario } from "../scenario/types.ts";
import { loadScenarioData } from "./data_source.ts";
import { type Progress, stage } from "./progress.ts";

/** Loaded, split data of a scenario. */
export interface Prepared {
  dataset: Dataset;
  holdout: Holdout;
  train: TrainData;
}

/** Loads and splits `scenario`'s data, timing the `load` and `split` stages. */
export async function prepareData(
  scenario: Scenario,
  progress: Progress,
  timings: Record<string, number>,
): Promise<Prepared> {
  const db = await Engine.open(scenario.engine);
  const dataset = await stage(
    progress,
    timings,
    "load",
    () => loadScenarioData(db, scenario, progress),
  )
    .finally(() => db.close());
  const holdout = await stage(progress, timings, "split", () =>
    makeHoldout(dataset, {
      split: scenario.split,
      coldThreshold: scenario.eval.coldThreshold,
      relevance: scenario.eval.relevance,
      unavailable: scenario.eval.unavailable,
      consume: true,
    }));
  return { dataset, holdout, train: trainDataOf(dataset, holdout) };
}
