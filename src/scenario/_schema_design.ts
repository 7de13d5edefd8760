/**
 * The `clicks` section of the scenario schema: a position-based click model
 * on the replayed lists (`CTR@k` per arm, a metric the gate may guard) and,
 * on request, team-draft interleaving of the two arms under the same model.
 *
 * @module
 */
import type { Schema } from "./schema_dsl.ts";

/** The `clicks` section (absent: no click simulation). */
export const CLICKS_SCHEMA: Schema = {
  kind: "object",
  alternative: true,
  doc:
    "Simulate clicks on the replayed lists with a position-based model (position p examined with probability examination[p], an examined relevant item clicked): adds CTR@k, the block CTR, to the comparison.",
  props: {
    examination: {
      kind: "array",
      doc:
        "Examination probability of each list position 1..k (exactly eval.k values); default 1/p.",
      items: { kind: "number", min: 0, max: 1, doc: "probability" },
      minItems: 1,
    },
    seed: {
      kind: "number",
      integer: true,
      min: 0,
      doc: "Seed of the simulated examinations and interleaving coins.",
      default: 1,
    },
    interleaving: {
      kind: "boolean",
      doc:
        "Also interleave control and test per user by team draft under the same click model (paired mode only): preference, its test, and the users it needs versus an A/B test.",
      default: false,
    },
  },
};
