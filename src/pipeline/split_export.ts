/**
 * `abreplay split <scenario> --export DIR`: the scenario's split, written so a
 * model trained elsewhere fits on exactly the train part abreplay's arms fit
 * on, and its lists come back through `precomputed`:
 *
 * - `train.parquet`, `test.parquet`: `user_id`, `item_id`, `timestamp`
 *   (UTC), `rating`, `is_read`, and for train the PROTOCOL §1 `weight`; the
 *   cleaned rows (after the k-core, when on), sorted by (user, time, item).
 * - `eval_users.parquet`: the eval users (`user_id`, `n_train`, `n_relevant`).
 * - `split.json`: split instant, data fingerprint, split fingerprint
 *   ({@linkcode trainFingerprint}: what a model may learn from), the split and
 *   eval settings, row and user counts.
 *
 * Every Parquet file carries the split fingerprint as key–value metadata
 * `abreplay.split_fingerprint`. All four files appear together or not at all
 * (the output-folder rule, `src/files/`); the folder is checked before any work.
 *
 * @module
 */
import { join } from "node:path";
import { Engine, type RowColumn, writeParquetRows } from "../engine/mod.ts";
import type { Interactions } from "../data/mod.ts";
import { checkOutputFolder, writeOutputFolder } from "../files/mod.ts";
import { SPLIT_FINGERPRINT_KEY, trainFingerprint } from "../recommenders/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { PROTOCOL_VERSION, VERSION } from "../version.ts";
import { checkCacheWritable } from "./data_source.ts";
import { prepareData } from "./prepare.ts";
import { type Progress, silentProgress, stage } from "./progress.ts";

/** Format name written in `split.json`. */
export const SPLIT_FORMAT = "abreplay-split";

/** The files of a split export, in the order they are written. */
export const SPLIT_FILES = ["train.parquet", "test.parquet", "eval_users.parquet", "split.json"];

/** Options of {@linkcode exportSplit}. */
export interface SplitExportOptions {
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** Progress of the stages. @default silent */
  progress?: Progress;
}

/** `split.json`: what the export holds and how to tie lists back to it. */
export interface SplitDocument {
  /** {@linkcode SPLIT_FORMAT}. */
  format: string;
  /** Layout version of the export. */
  version: 1;
  /** abreplay's version. */
  abreplay: string;
  /** Protocol identifier. */
  protocol: string;
  /** Scenario name. */
  scenario: string;
  /** Split instant T (ISO 8601, UTC): train is before it, test at or after. */
  splitInstant: string;
  /** T in Unix seconds. */
  splitInstantSeconds: number;
  /** Fingerprint of the loaded data. */
  dataFingerprint: string;
  /** SHA-256 of what a model may learn from; `precomputed` lists must carry it. */
  splitFingerprint: string;
  /** The scenario's split settings and the eval settings that shape the export. */
  settings: {
    split: Scenario["split"];
    relevance: string;
    coldThreshold: number;
    unavailable: string[];
  };
  /** Sizes. */
  counts: {
    trainRows: number;
    testRows: number;
    evalUsers: number;
    trainUsers: number;
    trainItems: number;
    catalogItems: number;
    kCoreDropped: number;
  };
  /** Where the lists' fingerprint goes. */
  lists: { parquetMetadataKey: string; sidecar: string };
}

/**
 * Loads and splits `scenario`'s data and writes the export to `dir`. Returns
 * `split.json`'s document.
 */
export async function exportSplit(
  scenario: Scenario,
  dir: string,
  options: SplitExportOptions = {},
): Promise<SplitDocument> {
  const folder = { kind: "split", force: !!options.force };
  await checkOutputFolder(dir, folder);
  await checkCacheWritable(scenario);
  const progress = options.progress ?? silentProgress;
  const timings: Record<string, number> = {};
  const { dataset, holdout, train } = await prepareData(scenario, progress, timings);
  const fingerprint = await stage(progress, timings, "fingerprint", () => trainFingerprint(train));
  const doc = splitDocument(scenario, dataset.fingerprint, holdout, fingerprint);
  const meta = { [SPLIT_FINGERPRINT_KEY]: fingerprint };
  const ids = { user: dataset.userIds, item: dataset.itemIds };
  await stage(progress, timings, "export", () =>
    writeOutputFolder(dir, async (tmp) => {
      const db = await Engine.open();
      try {
        await writeParquetRows(db, join(tmp, "train.parquet"), holdout.train.user.length, {
          ...rowColumns(holdout.train, ids),
          weight: { type: "FLOAT", at: (r) => train.weight[r] },
        }, meta);
        await writeParquetRows(
          db,
          join(tmp, "test.parquet"),
          holdout.test.user.length,
          rowColumns(holdout.test, ids),
          meta,
        );
        const e = holdout.evalUsers;
        await writeParquetRows(db, join(tmp, "eval_users.parquet"), e.length, {
          user_id: { type: "VARCHAR", at: (j) => ids.user[e[j]] },
          n_train: {
            type: "INTEGER",
            at: (j) => holdout.trainOffsets[e[j] + 1] - holdout.trainOffsets[e[j]],
          },
          n_relevant: {
            type: "INTEGER",
            at: (j) => holdout.relOffsets[j + 1] - holdout.relOffsets[j],
          },
        }, meta);
      } finally {
        db.close();
      }
      await Deno.writeTextFile(join(tmp, "split.json"), JSON.stringify(doc, null, 2) + "\n");
    }, folder));
  return doc;
}

/** The interaction columns of `rows` (string ids, UTC timestamp). */
function rowColumns(
  rows: Interactions,
  ids: { user: string[]; item: string[] },
): Record<string, RowColumn> {
  return {
    user_id: { type: "VARCHAR", at: (r) => ids.user[rows.user[r]] },
    item_id: { type: "VARCHAR", at: (r) => ids.item[rows.item[r]] },
    timestamp: { type: "TIMESTAMPTZ", at: (r) => rows.ts[r] },
    rating: { type: "UTINYINT", at: (r) => rows.rating[r] },
    is_read: { type: "BOOLEAN", at: (r) => rows.isRead[r] },
  };
}

function splitDocument(
  s: Scenario,
  dataFingerprint: string,
  h: Awaited<ReturnType<typeof prepareData>>["holdout"],
  splitFingerprint: string,
): SplitDocument {
  const distinct = (a: Int32Array) => new Set(a).size;
  return {
    format: SPLIT_FORMAT,
    version: 1,
    abreplay: VERSION,
    protocol: PROTOCOL_VERSION,
    scenario: s.name,
    splitInstant: new Date(h.T * 1000).toISOString(),
    splitInstantSeconds: h.T,
    dataFingerprint,
    splitFingerprint,
    settings: {
      split: s.split,
      relevance: s.eval.relevance,
      coldThreshold: s.eval.coldThreshold,
      unavailable: s.eval.unavailable,
    },
    counts: {
      trainRows: h.train.user.length,
      testRows: h.test.user.length,
      evalUsers: h.evalUsers.length,
      trainUsers: distinct(h.train.user),
      trainItems: distinct(h.train.item),
      catalogItems: h.catalogSize,
      kCoreDropped: h.kCoreDropped,
    },
    lists: { parquetMetadataKey: SPLIT_FINGERPRINT_KEY, sidecar: "<lists file>.split.json" },
  };
}
