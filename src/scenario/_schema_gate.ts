/**
 * The `gate` section of the scenario schema: the admission rules of
 * `abreplay gate`. Every metric name must be a metric of the run at `eval.k`.
 *
 * @module
 */
import { checkMetricName, DEFAULT_K, isSelected, METRIC_PATTERN } from "./metric_names.ts";
import { metricBase } from "../metrics/mod.ts";
import type { Check, Schema } from "./schema_dsl.ts";

/** `eval.k` of a raw document (one cut-off or a list) when it is valid, else undefined. */
function evalK(root: any): number | number[] | undefined {
  const k = root?.eval?.k;
  if (k === undefined) return DEFAULT_K;
  const ok = (c: unknown) => Number.isInteger(c) && (c as number) >= 1;
  if (Array.isArray(k)) return k.length > 0 && k.every(ok) ? k : undefined;
  return ok(k) ? k : undefined;
}

/** The name is valid at eval.k, and among the metrics the run computes (`eval.metrics`). */
const metricCheck: Check<string> = (v, root) => {
  const problem = checkMetricName(v, evalK(root));
  if (problem) return problem;
  const selected = evalMetrics(root);
  if (isSelected(v, selected)) return undefined;
  return {
    message: `${v} is not computed: eval.metrics is [${selected!.map((m) => `"${m}"`).join(", ")}]`,
    hint: `add "${metricBase(v)}" to eval.metrics, or name one of its metrics here`,
  };
};

/** `eval.metrics` of a raw document when it is a list of names, else undefined (every metric). */
export function evalMetrics(root: any): string[] | undefined {
  const m = root?.eval?.metrics;
  return Array.isArray(m) && m.every((x) => typeof x === "string") ? m : undefined;
}

/** A metric-name field: the name's pattern for editors, checked against eval.k with a "did you mean". */
export const metric = (doc: string): Schema => ({
  kind: "string",
  doc,
  pattern: METRIC_PATTERN,
  patternDoc: "a metric name like NDCG@10",
  check: metricCheck,
});

/** The `gate` section. */
export const GATE_SCHEMA: Schema = {
  kind: "object",
  doc:
    "Admission rules for `abreplay gate` (when omitted: primary NDCG@k with minLift 0 and the defaults below).",
  required: ["primary"],
  props: {
    primary: {
      kind: "object",
      doc:
        "The metric that decides: test must beat control by minLift, or be no worse than nonInferiorityMargin.",
      required: ["metric"],
      exclusive: [["minLift", "nonInferiorityMargin"]],
      props: {
        metric: metric(
          "Primary metric, [Warm|Cold]<NDCG|Recall|Precision|HitRate|MRR|IPS-NDCG|IPS-Recall|Novelty|ARP|LongTailShare|ILD-content|ILD-author|Coverage|Gini|Entropy>@k with k one of eval.k, e.g. NDCG@10.",
        ),
        minLift: {
          kind: "number",
          doc:
            'Required relative lift of test over control (0.02 = +2%), at least 0; the rule tests H0: lift ≤ minLift. For "at most X% worse" use nonInferiorityMargin instead.',
          default: 0,
        },
        nonInferiorityMargin: {
          kind: "number",
          min: 0,
          doc:
            "Non-inferiority instead of superiority: test may be at most this much worse, relative (0.01 = -1%); the rule tests H0: lift ≤ -margin.",
        },
      },
    },
    guardrails: {
      kind: "array",
      doc:
        "Metrics that must not degrade by more than maxDegradation (relative): non-inferiority tests, failing only when the lift's interval lies wholly below -maxDegradation.",
      default: [],
      items: {
        kind: "object",
        doc: "A guardrail.",
        required: ["metric", "maxDegradation"],
        props: {
          metric: metric("Guarded metric (same naming rule as primary.metric)."),
          maxDegradation: {
            kind: "number",
            min: 0,
            doc: "Largest allowed relative drop (0.05 = -5%).",
          },
        },
      },
    },
    latencyP95Ms: {
      kind: "number",
      exclusiveMin: 0,
      doc: "Largest allowed p95 serving latency of test, in ms.",
      default: 200,
    },
    maxErrorRate: {
      kind: "number",
      min: 0,
      max: 1,
      doc: "Largest allowed share of users test failed to serve.",
      default: 0.01,
    },
    requireSrmPass: {
      kind: "boolean",
      doc: "Require the sample-ratio-mismatch check to pass (A/B mode).",
      default: true,
    },
    requirePower: {
      kind: "boolean",
      doc:
        "When the primary rule is inconclusive, add the sensitivity rule: its power at a true lift of stats.targetMde (superiority) or 0 (non-inferiority) must reach stats.power, else 'underpowered' with the users needed.",
      default: true,
    },
  },
};
