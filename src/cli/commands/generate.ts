/**
 * `abreplay generate`: write a generated Goodreads-like dataset to disk.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import {
  generate,
  writeCanonicalCsv,
  writeUcsdBooks,
  writeUcsdInteractions,
} from "../../generate/mod.ts";
import { scaleOptions, SCALES } from "../../generate/mod.ts";
import { Engine, sqlString } from "../../engine/mod.ts";
import { checkOutputFolder, writeOutputFolder } from "../../files/mod.ts";
import { type Command, OUTPUT_HELP, parse } from "./_shared.ts";

const FORMATS = ["ucsd-gz", "ucsd", "csv", "parquet"];
const FILES: Record<string, string> = {
  "ucsd-gz": "interactions.json.gz",
  ucsd: "interactions.json",
  csv: "interactions.csv",
  parquet: "interactions.parquet",
};

export const generateCommand: Command = {
  name: "generate",
  summary:
    "Write a seeded Goodreads-like dataset (UCSD .json.gz, JSON, CSV or Parquet) and its books.",
  help: `abreplay generate [--out DIR] [--force] [--seed N] [--scale ${SCALES.join("|")}]
                  [--users N] [--items N] [--interactions N] [--format ${FORMATS.join(",")}]

Writes DIR/interactions.<ext> (one or more formats, comma-separated; default
ucsd-gz) and DIR/books.json (UCSD goodreads_books format). Default DIR:
data/cache/generated-<scale>-<seed>. Same options ⇒ identical files.
--scale full is shaped like Goodreads Young Adult (≈35M interactions, 93k books, 500k users).

${OUTPUT_HELP}`,
  async run(args) {
    const { values } = parse("generate", args, {
      scale: { type: "string" },
      users: { type: "string" },
      items: { type: "string" },
      interactions: { type: "string" },
      format: { type: "string" },
    });
    if (values.help) return (console.log(this.help), 0);
    const int = (name: string, v: unknown) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        throw new UsageError(`--${name} must be a positive integer, found "${v}"`);
      }
      return n;
    };
    const scale = String(values.scale ?? "small");
    const opts = {
      ...scaleOptions(scale),
      seed: int("seed", values.seed) ?? 42,
      ...(values.users ? { users: int("users", values.users) } : {}),
      ...(values.items ? { items: int("items", values.items) } : {}),
      ...(values.interactions ? { interactions: int("interactions", values.interactions) } : {}),
    };
    const formats = String(values.format ?? "ucsd-gz").split(",");
    for (const f of formats) {
      if (!FORMATS.includes(f)) {
        throw new UsageError(`unknown format "${f}"`, { hint: `use ${FORMATS.join(", ")}` });
      }
    }
    const dir = resolve(
      typeof values.out === "string"
        ? values.out
        : `data/cache/generated-${scale.replace("/", "_")}-${opts.seed}`,
    );
    const folder = { kind: "data", force: !!values.force };
    await checkOutputFolder(dir, folder); // before any work
    const log = (s: string) => values.quiet || console.error(s);
    const t0 = performance.now();
    const data = generate(opts);
    log(
      `generated ${data.user.length} interactions, ${data.userIds.length} users, ${data.itemIds.length} books in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s`,
    );
    await writeOutputFolder(dir, async (tmp) => {
      await writeUcsdBooks(data, join(tmp, "books.json"));
      for (const f of formats) {
        const t = performance.now();
        const name = FILES[f];
        if (f === "ucsd-gz" || f === "ucsd") await writeUcsdInteractions(data, join(tmp, name));
        else if (f === "csv") await writeCanonicalCsv(data, join(tmp, name));
        else await writeParquetFile(data, tmp, formats.includes("csv"));
        log(`wrote ${join(dir, name)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    }, folder);
    console.log(dir);
    return 0;
  },
};

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
