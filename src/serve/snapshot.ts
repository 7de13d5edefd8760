/**
 * The serving snapshot: the train data a saved model was fitted on, stored
 * next to the model in `<model>/serving/`, so that `abreplay serve --model DIR`
 * starts without reading, cleaning and splitting the scenario's source data.
 *
 * A saved model holds only its own state; answering a request also needs what
 * the model was fitted on: the string ↔ dense id maps, each user's train
 * history (models exclude seen items and item2item votes with it), the
 * catalog, the popular fallback's counts and item metadata for explanations.
 * That is exactly {@linkcode TrainData}, so the snapshot stores it whole:
 * `serving.json` (format, version, the train fingerprint, sizes, ids, item
 * metadata strings, a table of arrays) and one raw little-endian `.bin` per
 * typed array (train columns, user offsets, weights, catalog, item years and
 * flags), written with the same array table as saved models
 * ({@linkcode writeArrays}). Loading is a few raw reads, and the model's
 * fingerprint check (`loadModel`) proves it is the same data.
 *
 * @module
 */
import { join } from "node:path";
import { type ArrayEntry, readArrays, type TrainData, writeArrays } from "../recommenders/mod.ts";
import type { ItemMeta } from "../data/mod.ts";
import { DataError } from "../errors.ts";
import { writeOutputFolder } from "../files/mod.ts";

/** Format name written in `serving.json`. */
export const SNAPSHOT_FORMAT = "abreplay-serving-data";
/** Version of the snapshot layout; loading ignores other versions. */
export const SNAPSHOT_VERSION = 1;
/** Folder of the snapshot inside a model directory. */
export const SNAPSHOT_DIR = "serving";

type MetaStrings = Pick<
  ItemMeta,
  "title" | "authors" | "series" | "tags" | "description" | "language"
>;

/** The `serving.json` document. */
interface SnapshotFile {
  format: string;
  version: number;
  /** `trainFingerprint` of the stored data (equals the model's). */
  fingerprint: string;
  nUsers: number;
  nItems: number;
  splitTime: number;
  userIds: string[];
  itemIds: string[];
  items: MetaStrings | null;
  arrays: ArrayEntry[];
}

/**
 * Writes `data`, whose `trainFingerprint` is `fingerprint`, as the
 * serving snapshot of the model in `modelDir` (atomically: a reader sees the
 * old snapshot or the whole new one).
 */
export async function saveSnapshot(
  modelDir: string,
  data: TrainData,
  fingerprint: string,
): Promise<void> {
  const t = data.train;
  const arrays: Record<string, Int32Array | Float32Array | Float64Array | Uint8Array> = {
    user: t.user,
    item: t.item,
    ts: t.ts,
    rating: t.rating,
    isRead: t.isRead,
    userOffsets: data.userOffsets,
    weight: data.weight,
    catalog: data.catalog,
  };
  const m = data.items;
  if (m) Object.assign(arrays, { year: m.year, available: m.available, hasMeta: m.hasMeta });
  await writeOutputFolder(join(modelDir, SNAPSHOT_DIR), async (tmp: string) => {
    const doc: SnapshotFile = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      fingerprint,
      nUsers: data.nUsers,
      nItems: data.nItems,
      splitTime: data.splitTime,
      userIds: data.userIds,
      itemIds: data.itemIds,
      items: m
        ? {
          title: m.title,
          authors: m.authors,
          series: m.series,
          tags: m.tags,
          description: m.description,
          language: m.language,
        }
        : null,
      arrays: await writeArrays(tmp, arrays),
    };
    await Deno.writeTextFile(join(tmp, "serving.json"), JSON.stringify(doc) + "\n");
  }, { kind: "serving-snapshot" });
}

/**
 * Reads the serving snapshot of the model in `modelDir`, or null when there
 * is none (or it has another format version: it is then rewritten from the
 * scenario). A damaged snapshot throws a {@linkcode DataError} naming the file.
 */
export async function loadSnapshot(
  modelDir: string,
): Promise<{ data: TrainData; fingerprint: string } | null> {
  const dir = join(modelDir, SNAPSHOT_DIR);
  const path = join(dir, "serving.json");
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  let doc: SnapshotFile;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DataError("serving.json is not valid JSON", {
      file: path,
      hint: "delete the serving folder and start serve once with the model's scenario",
    });
  }
  if (doc.format !== SNAPSHOT_FORMAT || doc.version !== SNAPSHOT_VERSION) return null;
  const a = await readArrays(dir, doc.arrays, path);
  const items: ItemMeta | null = doc.items
    ? {
      ...doc.items,
      year: a.year as Float64Array,
      available: a.available as Uint8Array,
      hasMeta: a.hasMeta as Uint8Array,
    }
    : null;
  const data: TrainData = {
    nUsers: doc.nUsers,
    nItems: doc.nItems,
    train: {
      user: a.user as Int32Array,
      item: a.item as Int32Array,
      ts: a.ts as Float64Array,
      rating: a.rating as Uint8Array,
      isRead: a.isRead as Uint8Array,
    },
    userOffsets: a.userOffsets as Int32Array,
    weight: a.weight as Float32Array,
    userIds: doc.userIds,
    itemIds: doc.itemIds,
    items,
    catalog: a.catalog as Uint8Array,
    splitTime: doc.splitTime,
  };
  return { data, fingerprint: doc.fingerprint };
}
