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
import { trainDataOf } from "../replay/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { loadScenarioData } from "./data_source.ts";
import { type Progress, stage } from "./progress.ts";
import { DataError } from "../errors.ts";
import { holdPoint } from "../files/mod.ts";

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
  await holdPoint("loaded");
  checkLoaded(dataset, progress);
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

/**
 * Warns about rows skipped under `badRows: "skip"` (also on a cache hit), and
 * stops, naming the file, when nothing is left to split.
 */
function checkLoaded(dataset: Dataset, progress: Progress): void {
  const r = dataset.report;
  if (r.malformedSkipped > 0) {
    const text = `${r.source}: skipped ${r.malformedSkipped} malformed line${
      r.malformedSkipped === 1 ? "" : "s"
    } of ${r.rowsRead} (data.badRows: "skip")`;
    if (progress.warn) progress.warn(text);
    else progress.note(`warning: ${text}`);
  }
  if (dataset.interactions.user.length > 0) return;
  const dropped = [
    [r.malformedSkipped, "malformed"],
    [r.droppedEmptyId, "with an empty user or item id"],
    [r.droppedBadTimestamp, "with an unparseable timestamp"],
  ].filter(([n]) => Number(n) > 0).map(([n, why]) => `${n} ${why}`);
  throw new DataError(
    `no interactions to split: ${r.rowsRead} rows read${
      dropped.length ? `, dropped: ${dropped.join(", ")}` : ""
    }`,
    {
      file: r.source,
      hint:
        "check data.path, data.format and data.columns (an empty or header-only file has nothing to evaluate)",
    },
  );
}
