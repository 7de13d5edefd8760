/**
 * The scenario schema: the one source of truth for validation, defaults and
 * `scenarios/scenario.schema.json`.
 *
 * @example
 * ```ts
 * import { SCENARIO_SCHEMA } from "./schema.ts";
 * if (SCENARIO_SCHEMA.kind !== "object" || !SCENARIO_SCHEMA.required?.includes("data")) throw new Error();
 * ```
 * @module
 */
import { ScenarioError } from "../errors.ts";
import { parseSplitDate } from "../split/mod.ts";
import type { Check, Schema } from "./schema_dsl.ts";
import { DATA_SCHEMA } from "./_schema_data.ts";
import { GATE_SCHEMA } from "./_schema_gate.ts";
import { CLICKS_SCHEMA, CUPED_SCHEMA, SEQUENTIAL_SCHEMA } from "./_schema_design.ts";
import { DEFAULT_IPS_GAMMA, DEFAULT_K, METRIC_BASES } from "./metric_names.ts";

const recommender: Extract<Schema, { kind: "object" }> = {
  kind: "object",
  doc: "A recommender arm: registered type and its params (see `abreplay list`), or a saved model.",
  anyOf: ["type", "model"],
  props: {
    type: {
      kind: "string",
      doc:
        "Recommender type, e.g. popular, random, item2item, content, hybrid (see `abreplay list`).",
    },
    params: {
      kind: "map",
      doc: "Params of the type; defaults are filled in.",
      values: { kind: "any", doc: "param" },
    },
    model: {
      kind: "string",
      doc:
        "Directory of a saved model (from `abreplay fit`) to replay instead of fitting; relative to the scenario's folder.",
    },
    label: { kind: "string", doc: "Display name of the arm." },
    simulateErrors: {
      kind: "number",
      min: 0,
      max: 1,
      doc:
        "Simulate serving failures: this share of users (chosen by a seeded hash) gets an error instead of a list. For testing the SRM check and the error-rate guardrail.",
    },
  },
};

/** A candidate's name: letters, digits, `.`, `_`, `-`; not `control` (the control arm's name). */
const CANDIDATE_NAME = "^(?!control$)[A-Za-z][A-Za-z0-9._-]{0,39}$";

/** ISO-8601 date or date-time, optionally with a zone (UTC when none). */
const ISO_DATE =
  "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([zZ]|[+-]\\d{2}:?\\d{2})?)?$";

/** The shape check plus the split stage's own parser, so both agree on what a date is. */
const dateCheck: Check<string> = (v) => {
  let ok = new RegExp(ISO_DATE).test(v);
  try {
    if (ok) parseSplitDate(v);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    ok = false;
  }
  if (ok) return undefined;
  return {
    message: `expected an ISO-8601 date like "2017-01-01" or "2017-01-01T12:00:00Z", found "${v}"`,
    hint:
      "write split.date as YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm] (UTC when no zone is given)",
  };
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
      patternDoc:
        "a name of up to 80 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the output folder)",
    },
    description: { kind: "string", doc: "Free text shown in the report." },
    seed: {
      kind: "number",
      integer: true,
      min: 0,
      doc: "Seed of every random choice (models, bootstrap).",
      default: 42,
    },
    data: DATA_SCHEMA,
    engine: {
      kind: "object",
      doc:
        "Settings of the DuckDB engine that reads and groups the data (results do not depend on them).",
      props: {
        threads: {
          kind: "number",
          integer: true,
          min: 1,
          doc: "DuckDB worker threads (default: the machine's cores).",
        },
        memoryLimit: {
          kind: "string",
          doc: 'DuckDB memory limit, e.g. "4GB" (default: 80% of RAM).',
          pattern: "^[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B$",
          patternDoc: 'a size like "512MB", "4GB" or "1.5GiB"',
        },
        tempDirectory: {
          kind: "string",
          doc:
            "Folder DuckDB spills to when over the memory limit; relative to the scenario's folder.",
        },
      },
    },
    split: {
      kind: "object",
      doc: "Global temporal split (PROTOCOL §2).",
      props: {
        date: {
          kind: "string",
          doc: "Split instant T (ISO-8601, UTC unless a zone is given); overrides holdoutFraction.",
          pattern: ISO_DATE,
          check: dateCheck,
        },
        holdoutFraction: {
          kind: "number",
          exclusiveMin: 0,
          exclusiveMax: 1,
          doc: "T = ceil(q·n)-th largest timestamp.",
          default: 0.2,
        },
        kCore: {
          kind: "number",
          integer: true,
          min: 0,
          doc: "Iterative k-core before splitting (0 = off).",
          default: 0,
        },
      },
    },
    eval: {
      kind: "object",
      doc: "Evaluation settings (PROTOCOL §3–4).",
      props: {
        k: {
          kind: "number",
          integer: true,
          min: 1,
          max: 1000,
          orList: true,
          doc:
            "List length k, or a list of cut-offs ([5, 10, 20]): one replay of lists of the largest, every metric at every k; the first is the main one (default primary metric, report headline).",
          default: DEFAULT_K,
        },
        ipsGamma: {
          kind: "number",
          min: 0,
          doc:
            `Exponent γ of the IPS weights share(i)^−γ of IPS-NDCG and IPS-Recall (PROTOCOL §4.1); ${DEFAULT_IPS_GAMMA} when omitted (recorded in metrics.json).`,
        },
        relevance: {
          kind: "string",
          doc: "Relevant test interactions: any, read, or rated>=N.",
          pattern: "^(any|read|rated>=[0-5])$",
          patternDoc: '"any", "read" or "rated>=N" with N in 0..5',
          default: "any",
        },
        coldThreshold: {
          kind: "number",
          integer: true,
          min: 1,
          doc: "Warm iff train users >= this.",
          default: 5,
        },
        unavailable: {
          kind: "array",
          doc: "Item ids removed from the catalog.",
          items: { kind: "string", doc: "item id" },
          default: [],
        },
        exampleUsers: {
          kind: "number",
          integer: true,
          min: 0,
          doc: "Example users shown in the report.",
          default: 5,
        },
        metrics: {
          kind: "array",
          doc:
            'The metrics to compute, compare and write, by base name (every segment and cut-off of each), e.g. ["NDCG", "Recall", "Coverage"]; all when omitted. Fewer metrics mean less work on large data; the gate\'s metrics must be among them.',
          minItems: 1,
          items: {
            kind: "string",
            doc: "a base metric name",
            enum: [...METRIC_BASES],
          },
        },
      },
    },
    control: recommender,
    test: {
      ...recommender,
      doc:
        "The candidate arm, or a list of 2 or more candidates (each with a distinct `name`), every one compared with control.",
      orList: { minItems: 2, doc: "several candidates, each compared with control" },
      props: {
        ...recommender.props,
        name: {
          kind: "string",
          doc:
            'Name of the candidate in a list of them (default "test1", "test2", … by position); names columns and sections of the outputs.',
          pattern: CANDIDATE_NAME,
          patternDoc:
            "a name of up to 40 letters, digits, '.', '_' or '-', starting with a letter (not \"control\")",
        },
      },
    },
    mode: {
      kind: "object",
      doc: "paired: every eval user sees both arms; ab: GrowthBook-compatible hash bucketing.",
      props: {
        type: { kind: "string", doc: "Replay mode.", enum: ["paired", "ab"], default: "paired" },
        salt: {
          kind: "string",
          doc: "Hash seed of the experiment (GrowthBook `seed`).",
          default: "abreplay",
        },
        weights: {
          kind: "array",
          doc:
            "traffic weights [control, test], summing to 1; with a list of candidates [control, candidate 1, …] (default: equal)",
          items: { kind: "number", min: 0, max: 1, doc: "weight" },
          minItems: 2,
          default: [0.5, 0.5],
        },
        coverage: {
          kind: "number",
          exclusiveMin: 0,
          max: 1,
          doc: "Share of users in the experiment.",
          default: 1,
        },
        growthbook: {
          kind: "any",
          doc:
            "A GrowthBook experiment definition (key, seed, hashAttribute, hashVersion, weights, coverage, namespace), inline or the path of a JSON file; salt, weights and coverage then come from it.",
        },
        simulateWeights: {
          kind: "array",
          doc:
            "Simulate a broken rollout: bucket users with these weights while the experiment is configured with `weights` (the SRM check should flag it).",
          items: { kind: "number", min: 0, max: 1, doc: "weight" },
          minItems: 2,
        },
      },
    },
    stats: {
      kind: "object",
      doc: "Statistics (PROTOCOL §6).",
      props: {
        B: {
          kind: "number",
          integer: true,
          min: 100,
          max: 100000,
          doc: "Bootstrap resamples.",
          default: 2000,
        },
        seed: { kind: "number", integer: true, min: 0, doc: "Bootstrap seed.", default: 7 },
        alpha: {
          kind: "number",
          exclusiveMin: 0,
          exclusiveMax: 0.5,
          doc: "Two-sided test level.",
          default: 0.05,
        },
        power: {
          kind: "number",
          exclusiveMin: 0,
          exclusiveMax: 1,
          doc: "Power 1-β for MDE.",
          default: 0.8,
        },
        targetMde: {
          kind: "number",
          exclusiveMin: 0,
          doc: "Target relative MDE (e.g. 0.05 = 5%).",
          default: 0.05,
        },
        srmAlpha: {
          kind: "number",
          exclusiveMin: 0,
          exclusiveMax: 1,
          doc: "SRM flag level.",
          default: 0.001,
        },
      },
    },
    clicks: CLICKS_SCHEMA,
    cuped: CUPED_SCHEMA,
    sequential: SEQUENTIAL_SCHEMA,
    gate: GATE_SCHEMA,
    output: {
      kind: "object",
      doc: "Where outputs go.",
      props: {
        dir: {
          kind: "string",
          doc: "Output folder (default reports/<name>), relative to the working directory.",
        },
        lists: {
          kind: "boolean",
          doc:
            "Also write the served lists as lists.parquet (user_id, arm, rank, item_id, score); off when omitted.",
        },
      },
    },
  },
};
