/**
 * The `clicks` section of the scenario schema: a position-based click model
 * on the replayed lists (`CTR@k` per arm, a metric the gate may guard) and,
 * on request, team-draft interleaving of the two arms under the same model.
 *
 * @module
 */
import type { Schema } from "./schema_dsl.ts";
import { metric } from "./_schema_gate.ts";

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

/** The `cuped` section (absent: no CUPED). */
export const CUPED_SCHEMA: Schema = {
  kind: "object",
  alternative: true,
  doc:
    "CUPED: adjust every metric with a pre-period covariate per eval user (θ on the pooled users; paired: on the per-user deltas) and report its interval, p-value and variance reduction beside the plain ones.",
  props: {
    covariate: {
      kind: "string",
      doc:
        "The covariate, from train only: history = ln(1 + the user's train interactions); recent = the same over the 30 days before the split.",
      enum: ["history", "recent"],
      default: "recent",
    },
  },
};

/** The `sequential` section (absent: no sequential monitoring). */
export const SEQUENTIAL_SCHEMA: Schema = {
  kind: "object",
  alternative: true,
  doc:
    "Sequential monitoring: replay the holdout day by day (users enter on their first test day), with a fixed-horizon and an always-valid (mixture SPRT) interval per day, the stopping day, and an A/A of daily peeking.",
  props: {
    metric: metric(
      "The monitored metric (a per-user metric at eval.k); default the gate's primary metric.",
    ),
    tuning: {
      kind: "number",
      exclusiveMin: 0,
      doc:
        "Tuning parameter N of the always-valid interval: the number of users (both arms) at which it is tightest (GrowthBook's default).",
      default: 5000,
    },
    aaSalts: {
      kind: "number",
      integer: true,
      min: 0,
      max: 100000,
      doc: "Salts of the A/A of daily peeking on control's users (0 = none).",
      default: 1000,
    },
  },
};
