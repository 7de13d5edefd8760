/**
 * Names of the metrics a gate may use: `[Warm|Cold]<NDCG|Recall|Precision|
 * HitRate|MRR|Coverage>@k` (PROTOCOL §4) and `CTR@k` (the simulated block
 * CTR, with a `clicks` section), with `k` the scenario's `eval.k`.
 * Built from the constants of `src/metrics`, so they never disagree with
 * the keys the evaluation produces.
 *
 * @module
 */
import { didYouMean } from "../did_you_mean.ts";
import { RANKING_METRICS, segmentPrefix, SEGMENTS } from "../metrics/mod.ts";

/** The list length `eval.k` when a scenario gives none. */
export const DEFAULT_K = 10;

/**
 * The gate's primary metric when a scenario names none: `NDCG@<eval.k>`.
 *
 * @example
 * ```ts
 * import { defaultPrimaryMetric } from "./metric_names.ts";
 * if (defaultPrimaryMetric(20) !== "NDCG@20") throw new Error();
 * ```
 */
export function defaultPrimaryMetric(k: number): string {
  return `NDCG@${k}`;
}

/** Base metric names (without segment prefix or `@k`). */
export const METRIC_BASES: readonly string[] = [...RANKING_METRICS, "Coverage"];

/**
 * Metrics of the whole block with no segment variant: `CTR` (the simulated
 * block CTR, present when the scenario has a `clicks` section).
 */
export const BLOCK_METRICS: readonly string[] = ["CTR"];

/** Regex of a metric name at any k (emitted to the JSON Schema). */
export const METRIC_PATTERN = `^((Warm|Cold)?(${METRIC_BASES.join("|")})|${
  BLOCK_METRICS.join("|")
})@[1-9][0-9]*$`;

/**
 * Every valid metric name at list length `k`.
 *
 * @example
 * ```ts
 * import { metricNames } from "./metric_names.ts";
 * const names = metricNames(10);
 * if (names.length !== 18 || !names.includes("ColdRecall@10") || !names.includes("Coverage@10")) throw new Error();
 * ```
 */
export function metricNames(k: number): string[] {
  return SEGMENTS.flatMap((s) => METRIC_BASES.map((m) => `${segmentPrefix(s)}${m}@${k}`));
}

/**
 * Checks a metric name against `k` (`eval.k`; undefined when `eval.k` is
 * itself invalid, then only the name is checked). Returns the problem or
 * undefined.
 *
 * @example
 * ```ts
 * import { checkMetricName } from "./metric_names.ts";
 * if (checkMetricName("WarmNDCG@10", 10) !== undefined) throw new Error("valid");
 * const p = checkMetricName("NDGC@10", 10);
 * if (!p?.message.includes('(did you mean "NDCG@10"?)')) throw new Error(p?.message);
 * if (!checkMetricName("NDCG@5", 10)?.message.includes("eval.k is 10")) throw new Error();
 * ```
 */
export function checkMetricName(
  name: string,
  k: number | undefined,
): { message: string; hint?: string } | undefined {
  const m = new RegExp(METRIC_PATTERN).exec(name);
  const names = metricNames(k ?? (m ? Number(name.split("@")[1]) : DEFAULT_K));
  if (!m) {
    return {
      message: `unknown metric "${name}"${didYouMean(name, names)}`,
      hint: `a metric is [Warm|Cold]<${METRIC_BASES.join("|")}>@k, e.g. ${names[0]}, ColdRecall@${
        k ?? DEFAULT_K
      }`,
    };
  }
  const at = Number(name.split("@")[1]);
  if (k !== undefined && at !== k) {
    const fixed = name.replace(/@\d+$/, `@${k}`);
    return {
      message:
        `metric "${name}" is measured at k = ${at}, but eval.k is ${k} (did you mean "${fixed}"?)`,
      hint: `metrics are computed at eval.k only; write "${fixed}" or set eval.k to ${at}`,
    };
  }
  return undefined;
}
