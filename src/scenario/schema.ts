/**
 * The scenario schema: the one source of truth for validation, defaults and
 * `scenarios/scenario.schema.json`.
 *
 * @module
 */
import type { Schema } from "./schema_dsl.ts";

const recommender: Schema = {
  kind: "object",
  doc: "A recommender arm: registered type and its params (see `abreplay list`), or a saved model.",
  props: {
    type: { kind: "string", doc: "Recommender type, e.g. popular, random, item2item, content, hybrid." },
    params: { kind: "map", doc: "Params of the type; defaults are filled in.", values: { kind: "any", doc: "param" } },
    model: { kind: "string", doc: "Directory of a saved model (from `abreplay fit`) to replay instead of fitting." },
    label: { kind: "string", doc: "Display name of the arm." },
  },
};

const columns: Schema = {
  kind: "object",
  doc: "Source column names for CSV/Parquet (canonical name → source name).",
  props: Object.fromEntries(
    ["user_id", "item_id", "timestamp", "rating", "is_read"].map((c) => [c, { kind: "string", doc: `Column holding ${c}.` }]),
  ),
};

/** The scenario file schema. */
export const SCENARIO_SCHEMA: Schema = {
  kind: "object",
  doc: "An abreplay scenario: data, split, evaluation, two arms, mode, statistics, gate, output.",
  required: ["name", "data", "control", "test"],
  props: {
    name: {
      kind: "string",
      doc: "Run name; outputs go to reports/<name>/.",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$",
      patternDoc: "a name of letters, digits, '.', '_' or '-' (it names the output folder)",
    },
    description: { kind: "string", doc: "Free text shown in the report." },
    seed: { kind: "number", integer: true, min: 0, doc: "Seed of every random choice (models, bootstrap).", default: 42 },
    data: {
      kind: "object",
      doc: "Interactions source: a file (`path`) or the built-in generator (`generate`).",
      props: {
        path: { kind: "string", doc: "Interactions file (.json/.json.gz UCSD Goodreads, .csv, .parquet), relative to the scenario." },
        format: { kind: "string", doc: "Source format (inferred from the extension).", enum: ["goodreads-json", "csv", "parquet"] },
        columns,
        badRows: { kind: "string", doc: "Malformed rows: stop with an error, or skip and count.", enum: ["error", "skip"], default: "error" },
        generate: {
          kind: "object",
          alternative: true,
          doc: "Generate a Goodreads-like dataset (cached under data/cache/).",
          open: true,
          props: {
            seed: { kind: "number", integer: true, min: 0, doc: "Generator seed.", default: 42 },
            users: { kind: "number", integer: true, min: 1, doc: "Number of users." },
            items: { kind: "number", integer: true, min: 1, doc: "Number of books." },
            interactions: { kind: "number", integer: true, min: 1, doc: "Target number of interactions." },
          },
        },
        books: {
          kind: "object",
          doc: "Item metadata file.",
          props: {
            path: { kind: "string", doc: "Books file: UCSD goodreads_books JSON lines, goodbooks-10k CSV, or canonical JSON lines." },
            format: { kind: "string", doc: "Books format (inferred).", enum: ["goodreads-books-json", "goodbooks-csv", "canonical-jsonl"] },
          },
          required: ["path"],
        },
      },
    },
    split: {
      kind: "object",
      doc: "Global temporal split (PROTOCOL §2).",
      props: {
        date: { kind: "string", doc: "Split instant T (ISO-8601); overrides holdoutFraction." },
        holdoutFraction: { kind: "number", exclusiveMin: 0, exclusiveMax: 1, doc: "T = ceil(q·n)-th largest timestamp.", default: 0.2 },
        kCore: { kind: "number", integer: true, min: 0, doc: "Iterative k-core before splitting (0 = off).", default: 0 },
      },
    },
    eval: {
      kind: "object",
      doc: "Evaluation settings (PROTOCOL §3–4).",
      props: {
        k: { kind: "number", integer: true, min: 1, max: 1000, doc: "List length k.", default: 10 },
        relevance: {
          kind: "string",
          doc: "Relevant test interactions: any, read, or rated>=N.",
          pattern: "^(any|read|rated>=[0-5])$",
          patternDoc: '"any", "read" or "rated>=N" with N in 0..5',
          default: "any",
        },
        coldThreshold: { kind: "number", integer: true, min: 1, doc: "Warm iff train users >= this.", default: 5 },
        unavailable: { kind: "array", doc: "Item ids removed from the catalog.", items: { kind: "string", doc: "item id" }, default: [] },
        exampleUsers: { kind: "number", integer: true, min: 0, doc: "Example users shown in the report.", default: 5 },
      },
    },
    control: recommender,
    test: recommender,
    mode: {
      kind: "object",
      doc: "paired: every eval user sees both arms; ab: GrowthBook-compatible hash bucketing.",
      props: {
        type: { kind: "string", doc: "Replay mode.", enum: ["paired", "ab"], default: "paired" },
        salt: { kind: "string", doc: "Hash seed of the experiment (GrowthBook `seed`).", default: "abreplay" },
        weights: {
          kind: "array",
          doc: "Traffic weights [control, test], summing to 1.",
          items: { kind: "number", min: 0, max: 1, doc: "weight" },
          default: [0.5, 0.5],
        },
        coverage: { kind: "number", min: 0, max: 1, exclusiveMin: 0, doc: "Share of users in the experiment.", default: 1 },
      },
    },
    stats: {
      kind: "object",
      doc: "Statistics (PROTOCOL §6).",
      props: {
        B: { kind: "number", integer: true, min: 100, max: 100000, doc: "Bootstrap resamples.", default: 2000 },
        seed: { kind: "number", integer: true, min: 0, doc: "Bootstrap seed.", default: 7 },
        alpha: { kind: "number", exclusiveMin: 0, exclusiveMax: 0.5, doc: "Two-sided test level.", default: 0.05 },
        power: { kind: "number", exclusiveMin: 0, exclusiveMax: 1, doc: "Power 1-β for MDE.", default: 0.8 },
        targetMde: { kind: "number", exclusiveMin: 0, doc: "Target relative MDE (e.g. 0.05 = 5%).", default: 0.05 },
        srmAlpha: { kind: "number", exclusiveMin: 0, exclusiveMax: 1, doc: "SRM flag level.", default: 0.001 },
      },
    },
    gate: {
      kind: "object",
      doc: "Admission rules for `abreplay gate`.",
      open: true,
      props: {},
    },
    output: {
      kind: "object",
      doc: "Where outputs go.",
      props: {
        dir: { kind: "string", doc: "Output folder (default reports/<name>), relative to the working directory." },
      },
    },
  },
};
