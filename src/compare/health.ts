/**
 * Serving health of an arm: its error rate and the 95th percentile of its
 * per-user serving time, for the gate's latency and error rules.
 *
 * @module
 */
import type { ArmHealth, CompareArm } from "./types.ts";

/**
 * The health of arm `a`: failed / served users, and the nearest-rank p95
 * (the ⌈0.95·n⌉-th smallest) of its per-user serving times.
 *
 * @example
 * ```ts
 * import { armHealth } from "./health.ts";
 * const ms = Float64Array.from({ length: 20 }, (_, i) => i + 1); // 1 … 20 ms
 * const h = armHealth({ servedUsers: 200, failedUsers: 2, msPerUser: ms } as never);
 * if (h.errorRate !== 0.01 || h.latencyP95Ms !== 19) throw new Error(JSON.stringify(h));
 * ```
 */
export function armHealth(a: CompareArm): ArmHealth {
  const n = a.servedUsers;
  const lat = Array.from(a.msPerUser).sort((x, y) => x - y);
  const p95 = lat.length ? lat[Math.min(lat.length - 1, Math.ceil(0.95 * lat.length) - 1)] : 0;
  return { errorRate: n ? a.failedUsers / n : 0, latencyP95Ms: p95 };
}
