/**
 * Opening a saved model directory for serving: its identity (type, version,
 * train fingerprint) from `model.json`, and the train data it needs — from
 * its serving snapshot, or, the first time, from the scenario it was fitted
 * with (then saved as the snapshot for the next start).
 *
 * @module
 */
import { join } from "node:path";
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  type TrainData,
  trainFingerprint,
} from "../recommenders/mod.ts";
import { DataError, UsageError } from "../errors.ts";
import type { Scenario } from "../scenario/mod.ts";
import { prepareData, type Progress, silentProgress } from "../pipeline/mod.ts";
import { loadSnapshot, saveSnapshot, SNAPSHOT_DIR } from "./snapshot.ts";

/** What identifies a saved model. */
export interface ModelInfo {
  /** Recommender type, e.g. `item2item`. */
  type: string;
  /** Train fingerprint recorded when the model was saved. */
  fingerprint: string;
  /**
   * `<type>@<first 12 hex digits of SHA-256(model.json)>`: changes with the
   * type, params, seed, format and train data of the model.
   */
  version: string;
}

/**
 * Reads `modelDir/model.json` and derives the model's version; a missing or
 * foreign file throws a {@linkcode DataError} naming it.
 *
 * @example
 * ```ts
 * import { readModelInfo } from "./model_dir.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/model.json`,
 *   JSON.stringify({ format: "abreplay-model", version: 1, type: "popular", fingerprint: "ab" }));
 * const info = await readModelInfo(dir);
 * if (!/^popular@[0-9a-f]{12}$/.test(info.version) || info.fingerprint !== "ab") throw new Error();
 * ```
 */
export async function readModelInfo(modelDir: string): Promise<ModelInfo> {
  const path = join(modelDir, "model.json");
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new DataError("no saved model here", {
      file: path,
      hint: "give --model the directory `abreplay fit` saved a model to",
    });
  }
  let doc: { format?: unknown; version?: unknown; type?: unknown; fingerprint?: unknown };
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new DataError("model.json is not valid JSON", { file: path });
  }
  if (doc.format !== MODEL_FORMAT || doc.version !== MODEL_VERSION) {
    throw new DataError(`not an ${MODEL_FORMAT} v${MODEL_VERSION} file`, {
      file: path,
      hint: "save the model again with this version of abreplay",
    });
  }
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  const hex = Array.from(digest.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
  return {
    type: String(doc.type),
    fingerprint: String(doc.fingerprint),
    version: `${doc.type}@${hex}`,
  };
}

/**
 * The train data of the model in `modelDir`: its serving snapshot when it has
 * one for the model's fingerprint; else `scenario`'s data (loaded and split as
 * for fitting), which must be the data the model was fitted on, and which is
 * then saved as the snapshot (a read-only model folder only gets a note).
 */
export async function servingData(
  modelDir: string,
  info: ModelInfo,
  scenario: Scenario | null,
  progress: Progress = silentProgress,
): Promise<TrainData> {
  const snap = await loadSnapshot(modelDir);
  if (snap && snap.fingerprint === info.fingerprint) return snap.data;
  if (!scenario) {
    throw new UsageError(
      snap
        ? `the serving data in ${join(modelDir, SNAPSHOT_DIR)} is for another fit of this model`
        : `the model in ${modelDir} has no serving data yet`,
      {
        hint:
          "give the scenario the model was fitted with once: abreplay serve <scenario> --model DIR",
      },
    );
  }
  const { train } = await prepareData(scenario, progress, {});
  const fingerprint = await trainFingerprint(train);
  if (fingerprint !== info.fingerprint) {
    throw new DataError(
      `the model was fitted on other data than ${scenario.file} gives (fingerprint ${
        info.fingerprint.slice(0, 12)
      }…, data ${fingerprint.slice(0, 12)}…)`,
      { file: join(modelDir, "model.json"), hint: "give the scenario the model was fitted with" },
    );
  }
  await saveSnapshot(modelDir, train, fingerprint).catch((e) => {
    if (!(e instanceof Deno.errors.PermissionDenied)) throw e;
    progress.note(`note: could not save the serving data in ${modelDir} (${e.message})`);
  });
  return train;
}
