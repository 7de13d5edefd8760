/**
 * Saving and loading fitted models. A model directory holds `model.json`
 * (format name and version, type, resolved params, seed, the fingerprint of
 * the train data it was fitted on, JSON state, and a table of arrays) and one
 * raw little-endian `<name>.bin` per typed array of the model's state.
 *
 * Loading recreates the model from its type and params, checks the data
 * fingerprint, and restores the state (`importState`) instead of fitting, so
 * the reloaded model gives byte-identical lists. A model without
 * `exportState` is saved with params only and refitted on load
 * (deterministic: same data, params and seed).
 *
 * @module
 */
import type { ModelState, Recommender, RecommenderContext, TrainData } from "./types.ts";
import { createRecommender } from "./registry.ts";
import { DataError } from "../errors.ts";
import { trainFingerprint } from "./fingerprint.ts";
import { bytes } from "./_bytes.ts";

/** Format name written in `model.json`. */
export const MODEL_FORMAT = "abreplay-model";
/** Version of the directory layout; loading rejects other versions. */
export const MODEL_VERSION = 1;

/** Element type of a stored array. */
export type Dtype = "i32" | "f32" | "f64" | "u8";
type AnyArray = ModelState["arrays"][string];
const CTOR: Record<Dtype, { new (b: ArrayBuffer): AnyArray; BYTES_PER_ELEMENT: number }> = {
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
  u8: Uint8Array,
};

/** The `model.json` document. */
export interface ModelFile {
  format: string;
  version: number;
  type: string;
  params: unknown;
  seed: number;
  fingerprint: string;
  /** null when the model has no exportable state (refitted on load). */
  state: {
    json: Record<string, unknown>;
    arrays: ArrayEntry[];
  } | null;
}

/** Writes a fitted model to `dir` (created if missing); `ctx` is the context it was created with (its seed is recorded). */
export async function saveModel(
  dir: string,
  rec: Recommender,
  data: TrainData,
  ctx: RecommenderContext,
): Promise<void> {
  checkLittleEndian();
  await Deno.mkdir(dir, { recursive: true });
  const st = rec.exportState?.() ?? null;
  const doc: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    type: rec.type,
    params: rec.params ?? {},
    seed: ctx.seed,
    fingerprint: await trainFingerprint(data),
    state: null,
  };
  if (st) doc.state = { json: st.json, arrays: await writeArrays(dir, st.arrays) };
  await Deno.writeTextFile(`${dir}/model.json`, JSON.stringify(doc, null, 2) + "\n");
}

/**
 * Loads a model saved by {@linkcode saveModel} for the same train data.
 * Throws a {@linkcode DataError} naming the file when the directory is not a
 * model, has another version, or was fitted on other data.
 */
export async function loadModel(
  dir: string,
  data: TrainData,
  ctx: RecommenderContext,
): Promise<Recommender> {
  checkLittleEndian();
  const path = `${dir}/model.json`;
  let doc: ModelFile;
  try {
    doc = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new DataError(
      e instanceof Deno.errors.NotFound ? "no saved model here" : "model.json is not valid JSON",
      {
        file: path,
        hint: "give the directory a model was saved to",
      },
    );
  }
  if (doc.format !== MODEL_FORMAT || doc.version !== MODEL_VERSION) {
    throw new DataError(
      `not an ${MODEL_FORMAT} v${MODEL_VERSION} file (format ${doc.format}, version ${doc.version})`,
      {
        file: path,
        hint: "save the model again with this version of abreplay",
      },
    );
  }
  const fp = await trainFingerprint(data);
  if (fp !== doc.fingerprint) {
    throw new DataError(
      `the model was fitted on other data (fingerprint ${doc.fingerprint.slice(0, 12)}…, data ${
        fp.slice(0, 12)
      }…)`,
      {
        file: path,
        hint: "load it with the same data, split and catalog it was fitted on, or refit it",
      },
    );
  }
  const rec = createRecommender(
    { type: doc.type, params: doc.params as Record<string, unknown> },
    { ...ctx, seed: doc.seed },
  );
  if (!doc.state || !rec.importState) {
    await rec.fit(data);
    return rec;
  }
  const arrays = await readArrays(dir, doc.state.arrays, path);
  rec.importState(data, { arrays, json: doc.state.json });
  return rec;
}

/** One entry of an array table: a typed array stored raw in `file`. */
export interface ArrayEntry {
  name: string;
  dtype: Dtype;
  length: number;
  file: string;
}

/**
 * Writes each typed array to `dir/<name>.bin` (raw, little-endian) and
 * returns the table that {@linkcode readArrays} reads them back with.
 */
export async function writeArrays(
  dir: string,
  arrays: ModelState["arrays"],
): Promise<ArrayEntry[]> {
  checkLittleEndian();
  const table: ArrayEntry[] = [];
  for (const [name, a] of Object.entries(arrays)) {
    const file = `${name}.bin`;
    table.push({ name, dtype: dtypeOf(a), length: a.length, file });
    await Deno.writeFile(`${dir}/${file}`, bytes(a));
  }
  return table;
}

/**
 * Reads the arrays of `table` from `dir`, checking each file's size; `listing`
 * (the file holding the table) is named in errors.
 *
 * @example
 * ```ts
 * import { readArrays, writeArrays } from "./persist.ts";
 * const dir = await Deno.makeTempDir();
 * const table = await writeArrays(dir, { a: Int32Array.of(1, -2), b: Float64Array.of(0.5) });
 * const back = await readArrays(dir, table, `${dir}/table.json`);
 * if ((back.a as Int32Array).join() !== "1,-2" || back.b[0] !== 0.5) throw new Error();
 * ```
 */
export async function readArrays(
  dir: string,
  table: ArrayEntry[],
  listing: string,
): Promise<ModelState["arrays"]> {
  checkLittleEndian();
  const arrays: ModelState["arrays"] = {};
  for (const a of table) {
    const buf = await Deno.readFile(`${dir}/${a.file}`).catch(() => {
      throw new DataError(`array file ${a.file} is missing`, { file: listing });
    });
    const C = CTOR[a.dtype];
    if (!C || buf.byteLength !== a.length * C.BYTES_PER_ELEMENT) {
      throw new DataError(
        `array file ${a.file} has ${buf.byteLength} bytes, expected ${a.length} × ${a.dtype}`,
        {
          file: `${dir}/${a.file}`,
        },
      );
    }
    arrays[a.name] = new C(buf.slice().buffer);
  }
  return arrays;
}

function dtypeOf(a: AnyArray): Dtype {
  if (a instanceof Int32Array) return "i32";
  if (a instanceof Float32Array) return "f32";
  if (a instanceof Float64Array) return "f64";
  return "u8";
}

function checkLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
    throw new Error("model files need a little-endian machine");
  }
}
