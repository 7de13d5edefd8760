/**
 * `abreplay generate`: a generated dataset written to a data folder in one or
 * more formats (UCSD JSON / .json.gz, canonical CSV, Parquet) with its books
 * file, all or nothing, by the output-folder rule.
 *
 * @module
 */
import { join } from "node:path";
import { Engine, sqlString } from "../engine/mod.ts";
import { checkOutputFolder, writeOutputFolder } from "../files/mod.ts";
import {
  generate,
  type GenerateOptions,
  writeCanonicalCsv,
  writeUcsdBooks,
  writeUcsdInteractions,
} from "../generate/mod.ts";

/** The formats `abreplay generate` writes, and each one's file. */
export const DATA_FORMATS: Readonly<Record<string, string>> = {
  "ucsd-gz": "interactions.json.gz",
  ucsd: "interactions.json",
  csv: "interactions.csv",
  parquet: "interactions.parquet",
};

/** Options of {@linkcode writeGeneratedData}. */
export interface GenerateDataOptions {
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** One line per step done (sizes, times). */
  log?: (text: string) => void;
}

/**
 * Generates a dataset with `options` and writes `formats` (keys of
 * {@linkcode DATA_FORMATS}) and `books.json` into `dir`; the folder is
 * checked before any work. Returns the paths written.
 */
export async function writeGeneratedData(
  options: GenerateOptions,
  formats: string[],
  dir: string,
  opts: GenerateDataOptions = {},
): Promise<string[]> {
  const folder = { kind: "data", force: !!opts.force };
  await checkOutputFolder(dir, folder);
  const log = opts.log ?? (() => {});
  const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
  const t0 = performance.now();
  const data = generate(options);
  log(
    `generated ${data.user.length} interactions, ${data.userIds.length} users, ${data.itemIds.length} books in ${
      seconds(t0)
    } s`,
  );
  return await writeOutputFolder(dir, async (tmp) => {
    await writeUcsdBooks(data, join(tmp, "books.json"));
    for (const f of formats) {
      const t = performance.now();
      const name = DATA_FORMATS[f];
      if (f === "ucsd-gz" || f === "ucsd") await writeUcsdInteractions(data, join(tmp, name));
      else if (f === "csv") await writeCanonicalCsv(data, join(tmp, name));
      else await writeParquetFile(data, tmp, formats.includes("csv"));
      log(`wrote ${join(dir, name)} in ${seconds(t)} s`);
    }
  }, folder);
}

/** Writes `dir/interactions.parquet` from the canonical CSV (kept when `keepCsv`). */
async function writeParquetFile(
  data: ReturnType<typeof generate>,
  dir: string,
  keepCsv: boolean,
): Promise<void> {
  const csv = join(dir, "interactions.csv");
  if (!(await Deno.stat(csv).then(() => true, () => false))) await writeCanonicalCsv(data, csv);
  const db = await Engine.open();
  try {
    await db.run(
      `COPY (SELECT * FROM read_csv(${
        sqlString(csv)
      }, header=true, columns={'user_id':'VARCHAR','item_id':'VARCHAR','timestamp':'TIMESTAMPTZ','rating':'UTINYINT','is_read':'BOOLEAN'}))
      TO ${sqlString(join(dir, "interactions.parquet"))} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
  if (!keepCsv) await Deno.remove(csv);
}
