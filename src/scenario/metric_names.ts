/**
 * Names of the metrics a gate may use: `[Warm|Cold]<metric>@k` with the
 * per-user metrics (`NDCG`, … `ILD-author`, PROTOCOL §4 and §4.1), the
 * list-set ones (`Coverage`, `Gini`, `Entropy`) and `CTR@k` (the simulated
 * block CTR, with a `clicks` section), `k` one of the scenario's `eval.k`.
 * Built from the constants of `src/metrics`, so they never disagree with the
 * keys the evaluation produces.
 *
 * @module
 */
import { didYouMean } from "../did_you_mean.ts";
import {
  LIST_SET_METRICS,
  metricBase,
  RANKING_METRICS,
  segmentPrefix,
  SEGMENTS,
} from "../metrics/mod.ts";

/** The list length `eval.k` when a scenario gives none. */
export const DEFAULT_K = 10;

/** The exponent γ of the IPS weights (`eval.ipsGamma`) when a scenario gives none (PROTOCOL §4.1). */
export const DEFAULT_IPS_GAMMA = 0.5;

/**
 * The cut-offs of `eval.k` (a number or a list), in the scenario's order.
 *
 * @example
 * ```ts
 * import { cutoffs } from "./metric_names.ts";
 * if (cutoffs(10).join() !== "10" || cutoffs([5, 20, 10]).join() !== "5,20,10") throw new Error();
 * ```
 */
export function cutoffs(k: number | readonly number[]): number[] {
  return typeof k === "number" ? [k] : [...k];
}

/**
 * The run's main cut-off: `eval.k`, or the first of its list. The default
 * primary metric and the report's headline use it.
 *
 * @example
 * ```ts
 * import { mainCutoff } from "./metric_names.ts";
 * if (mainCutoff(10) !== 10 || mainCutoff([20, 5]) !== 20) throw new Error();
 * ```
 */
export function mainCutoff(k: number | readonly number[]): number {
  return cutoffs(k)[0];
}

/**
 * The list length to replay: the largest cut-off (the lists of every smaller
 * one are its prefixes).
 *
 * @example
 * ```ts
 * import { replayLength } from "./metric_names.ts";
 * if (replayLength([5, 20, 10]) !== 20) throw new Error();
 * ```
 */
export function replayLength(k: number | readonly number[]): number {
  return Math.max(...cutoffs(k));
}

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
export const METRIC_BASES: readonly string[] = [...RANKING_METRICS, ...LIST_SET_METRICS];

/**
 * Metrics of the whole block with no segment variant: `CTR` (the simulated
 * block CTR, present when the scenario has a `clicks` section).
 */
export const BLOCK_METRICS: readonly string[] = ["CTR"];

/**
 * Whether a run whose `eval.metrics` is `selected` computes metric `name`:
 * every metric when `selected` is undefined, block metrics (CTR) always.
 *
 * @example
 * ```ts
 * import { isSelected } from "./metric_names.ts";
 * if (!isSelected("WarmRecall@10", ["NDCG", "Recall"]) || isSelected("Gini@10", ["NDCG"])) throw new Error();
 * if (!isSelected("Gini@10", undefined) || !isSelected("CTR@10", ["NDCG"])) throw new Error();
 * ```
 */
export function isSelected(name: string, selected: readonly string[] | undefined): boolean {
  const base = metricBase(name);
  return !selected || BLOCK_METRICS.includes(base) || selected.includes(base);
}

/** Regex of a metric name at any k (emitted to the JSON Schema). */
export const METRIC_PATTERN = `^((Warm|Cold)?(${METRIC_BASES.join("|")})|${
  BLOCK_METRICS.join("|")
})@[1-9][0-9]*$`;

/**
 * Every valid metric name at the cut-offs `k` (`eval.k`: one or a list).
 *
 * @example
 * ```ts
 * import { metricNames } from "./metric_names.ts";
 * const names = metricNames(10);
 * if (names.length !== 45 || !names.includes("ColdRecall@10") || !names.includes("Coverage@10")) throw new Error();
 * if (!names.includes("ILD-author@10") || !names.includes("WarmGini@10")) throw new Error();
 * if (metricNames([5, 10]).length !== 90) throw new Error();
 * ```
 */
export function metricNames(k: number | readonly number[]): string[] {
  return cutoffs(k).flatMap((c) =>
    SEGMENTS.flatMap((s) => METRIC_BASES.map((m) => `${segmentPrefix(s)}${m}@${c}`))
  );
}

/**
 * Checks a metric name against `k` (`eval.k`, one or a list; undefined when
 * `eval.k` is itself invalid, then only the name is checked). Returns the
 * problem or undefined.
 *
 * @example
 * ```ts
 * import { checkMetricName } from "./metric_names.ts";
 * if (checkMetricName("WarmNDCG@10", 10) !== undefined) throw new Error("valid");
 * const p = checkMetricName("NDGC@10", 10);
 * if (!p?.message.includes('(did you mean "NDCG@10"?)')) throw new Error(p?.message);
 * if (!checkMetricName("NDCG@5", 10)?.message.includes("eval.k is 10")) throw new Error();
 * if (checkMetricName("IPS-NDCG@20", [5, 20]) !== undefined) throw new Error("k in the list");
 * if (!checkMetricName("NDCG@10", [5, 20])?.message.includes("eval.k is [5, 20]")) throw new Error();
 * ```
 */
export function checkMetricName(
  name: string,
  k: number | readonly number[] | undefined,
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
  if (k !== undefined && !cutoffs(k).includes(at)) {
    const main = mainCutoff(k);
    const fixed = name.replace(/@\d+$/, `@${main}`);
    const shown = typeof k === "number" ? `${k}` : `[${k.join(", ")}]`;
    return {
      message:
        `metric "${name}" is measured at k = ${at}, but eval.k is ${shown} (did you mean "${fixed}"?)`,
      hint: `metrics are computed at eval.k only; write "${fixed}" or ${
        typeof k === "number" ? `set eval.k to ${at}` : `add ${at} to eval.k`
      }`,
    };
  }
  return undefined;
}
