/**
 * The `data` section of the scenario schema: a file, a registered dataset in
 * the data folder (`src/datasets/`), or the built-in generator (whose
 * options and defaults come from `src/generate/`).
 *
 * @module
 */
import { resolveOptions } from "../generate/mod.ts";
import { DATA_DIR_ENV, type DatasetKind, datasetNames } from "../datasets/mod.ts";
import type { Schema } from "./schema_dsl.ts";

const int = (doc: string, min: number, max?: number): Schema => ({
  kind: "number",
  integer: true,
  min,
  ...(max !== undefined ? { max } : {}),
  doc,
});
const share = (doc: string): Schema => ({ kind: "number", min: 0, max: 1, doc });

/** Known generator options; a new option of `generate.ts` still gets a plain number entry. */
const GENERATOR_OPTIONS: Record<string, Schema> = {
  seed: int("Generator seed.", 0),
  users: int("Number of users.", 1),
  items: int("Number of books.", 1),
  interactions: int("Target number of interactions before dedupe (result within ~5%).", 1),
  authors: int("Number of authors (default: items / 4).", 1),
  startYear: int("First year of timestamps (from Jan 1, 00:00:00 UTC).", 1900, 2100),
  endYear: int("Last year of timestamps (to Dec 31, 23:59:59 UTC); >= startYear.", 1900, 2100),
  popularityAlpha: {
    kind: "number",
    exclusiveMin: 0,
    doc: "Pareto tail index of author popularity; smaller is more skewed.",
  },
  activitySigma: {
    kind: "number",
    min: 0,
    doc: "Sigma of the log-normal user activity; larger is more skewed.",
  },
  backlistShare: share("Share of books already released at the start."),
  pContinue: share("Probability that a pick continues a series or author from the user's history."),
  pFavourite: share("Probability that a pick is a favourite author's book."),
  pGenre: share("Probability that a genre pick is made (else global popularity)."),
  pRecent: share("Probability that a genre/global pick is limited to the last 180 days' releases."),
  duplicateShare: share("Share of rows that repeat an earlier (user, book) pair later."),
};

function generatorProps(): Record<string, Schema> {
  const defaults = resolveOptions({}) as unknown as Record<string, number>;
  const props: Record<string, Schema> = {};
  for (const k of new Set([...Object.keys(GENERATOR_OPTIONS), ...Object.keys(defaults)])) {
    const s = GENERATOR_OPTIONS[k] ??
      { kind: "number", doc: "Generator option (see src/generate/)." };
    props[k] = k === "authors" || !(k in defaults) ? s : { ...s, default: defaults[k] } as Schema;
  }
  return props;
}

const columns: Schema = {
  kind: "object",
  doc: "Source column names for CSV/Parquet (canonical name → source name).",
  props: Object.fromEntries(
    ["user_id", "item_id", "timestamp", "rating", "is_read"].map((
      c,
    ) => [c, { kind: "string", doc: `Column holding ${c}.` }]),
  ),
};

const WHERE =
  `in the data folder (--data-dir, else $${DATA_DIR_ENV}, else data/datasets/); see \`abreplay data list\`, get it with \`abreplay data fetch <name>\``;

const dataset = (kinds: DatasetKind, what: string): Schema => ({
  kind: "string",
  doc: `Registered ${what} dataset ${WHERE}.`,
  enum: datasetNames(kinds),
});

/** A lookup file of the books (id → name): a path or a registered dataset. */
const lookup = (kind: DatasetKind, what: string): Schema => ({
  kind: "object",
  doc: `${what}: UCSD goodreads_book_${kind}.json(.gz) lines; a \`path\` or a \`dataset\`.`,
  exactlyOne: ["path", "dataset"],
  props: {
    path: { kind: "string", doc: "File path, relative to the scenario's folder." },
    dataset: dataset(kind, kind),
  },
});

/** The `data` section. */
export const DATA_SCHEMA: Schema = {
  kind: "object",
  doc:
    "Interactions source: a file (`path`), a registered dataset (`dataset`) or the built-in generator (`generate`).",
  exactlyOne: ["path", "dataset", "generate"],
  props: {
    path: {
      kind: "string",
      doc:
        "Interactions file (.json/.json.gz UCSD Goodreads, .csv, .parquet), or a folder or glob of Parquet files (e.g. hive-partitioned `events/genre=ya/part-0.parquet`, `events/*.parquet`); relative paths resolve against the scenario's folder.",
    },
    dataset: dataset("interactions", "interactions"),
    format: {
      kind: "string",
      doc: "Source format (inferred from the extension).",
      enum: ["goodreads-json", "csv", "parquet"],
    },
    columns,
    badRows: {
      kind: "string",
      doc: "Malformed rows: stop with an error, or skip and count.",
      enum: ["error", "skip"],
      default: "error",
    },
    sampleUsers: {
      kind: "number",
      exclusiveMin: 0,
      max: 1,
      doc:
        "Keep this fraction of users, chosen by their id: user u is kept when int(md5(u)[0:8], 16) / 2^32 < sampleUsers (all their rows; the rest are never read into memory). For quick looks at huge data.",
    },
    cache: {
      kind: "boolean",
      doc:
        "Keep cleaned, id-mapped data in data/cache/clean/ (keyed by the file's size + content hash and the read options) so that the next run skips parsing. Single files only (not folders or globs).",
      default: true,
    },
    generate: {
      kind: "object",
      alternative: true,
      doc:
        "Generate a Goodreads-like dataset (cached under data/cache/); every option has a default.",
      props: generatorProps(),
    },
    books: {
      kind: "object",
      doc: "Item metadata: a file (`path`) or a registered dataset (`dataset`).",
      exactlyOne: ["path", "dataset"],
      props: {
        path: {
          kind: "string",
          doc:
            "Books file: UCSD goodreads_books JSON lines, goodbooks-10k CSV, or canonical JSON lines; relative to the scenario's folder.",
        },
        dataset: dataset("books", "books"),
        format: {
          kind: "string",
          doc: "Books format (inferred).",
          enum: ["goodreads-books-json", "goodbooks-csv", "canonical-jsonl"],
        },
        authors: lookup("authors", "Author names for UCSD books (whose authors are ids)"),
        series: lookup("series", "Series names for UCSD books (whose series are ids)"),
      },
    },
  },
};
