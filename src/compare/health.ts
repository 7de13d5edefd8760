/**
 * Serving health of an arm: its error rate and the percentiles of its
 * per-request latency, for the gate's latency and error rules, the report and
 * `serving.json`.
 *
 * @module
 */
import type { ArmHealth, CompareArm } from "./types.ts";

/**
 * The value at quantile `q` of `values` where value `j` stands for
 * `weights[j]` observations, by nearest rank: the ⌈q·N⌉-th smallest of the
 * N = Σ weights observations (0 when there are none).
 *
 * @example
 * ```ts
 * import { weightedNearestRank } from "./health.ts";
 * const ms = Float64Array.of(5, 1, 3), once = Int32Array.of(1, 1, 1);
 * if (weightedNearestRank(ms, once, 0.5) !== 3) throw new Error();
 * // 1 ms stands for 8 requests, 3 and 5 ms for one each: the median is 1, p95 (⌈9.5⌉ = 10th) is 5
 * const w = Int32Array.of(1, 8, 1);
 * if (weightedNearestRank(ms, w, 0.5) !== 1 || weightedNearestRank(ms, w, 0.95) !== 5) throw new Error();
 * if (weightedNearestRank(new Float64Array(0), new Int32Array(0), 0.5) !== 0) throw new Error();
 * ```
 */
export function weightedNearestRank(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  q: number,
): number {
  const order = Array.from({ length: values.length }, (_, j) => j)
    .sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (let j = 0; j < weights.length; j++) total += weights[j];
  if (total === 0) return 0;
  const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
  let seen = 0;
  for (const j of order) {
    seen += weights[j];
    if (seen >= rank) return values[j];
  }
  return values[order[order.length - 1]];
}

/**
 * The health of arm `a`: failed / served users, and the nearest-rank p50,
 * p95 and p99 of its per-request latency ({@linkcode weightedNearestRank}:
 * each latency counts for the requests it stands for), in ms rounded to the µs.
 *
 * @example
 * ```ts
 * import { armHealth } from "./health.ts";
 * const ms = Float64Array.from({ length: 20 }, (_, i) => i + 1); // 1 … 20 ms, one request each
 * const h = armHealth({ servedUsers: 200, failedUsers: 2, requestMs: ms, requests: new Int32Array(20).fill(1) } as never);
 * if (h.errorRate !== 0.01 || h.latencyP95Ms !== 19 || h.latencyP50Ms !== 10 || h.latencyP99Ms !== 20) throw new Error(JSON.stringify(h));
 * if (h.requests !== 20 || h.served !== 198) throw new Error();
 * ```
 */
export function armHealth(a: CompareArm): ArmHealth {
  const n = a.servedUsers;
  let requests = 0;
  for (let j = 0; j < a.requests.length; j++) requests += a.requests[j];
  // to the microsecond, once, here: serving.json and the gate's reason then show the same value
  // (rounding it again elsewhere, to µs and then to 0.1 ms, could differ from one rounding)
  const at = (q: number) =>
    Math.round(weightedNearestRank(a.requestMs, a.requests, q) * 1000) / 1000;
  return {
    errorRate: n ? a.failedUsers / n : 0,
    latencyP95Ms: at(0.95),
    latencyP50Ms: at(0.5),
    latencyP99Ms: at(0.99),
    requests,
    served: n - a.failedUsers,
    failed: a.failedUsers,
  };
}
