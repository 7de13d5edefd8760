/**
 * `abreplay generate`: write a generated Goodreads-like dataset to disk.
 *
 * @module
 */
import { resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import { scaleOptions, SCALES } from "../../generate/mod.ts";
import { DATA_FORMATS, writeGeneratedData } from "../../pipeline/mod.ts";
import { type Command, OUTPUT_HELP, parse } from "../args.ts";

const FORMATS = Object.keys(DATA_FORMATS);

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
    await writeGeneratedData(opts, formats, dir, {
      force: !!values.force,
      log: (text) => values.quiet || console.error(text),
    });
    console.log(dir);
    return 0;
  },
};
