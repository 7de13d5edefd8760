/**
 * A subset of a served, evaluated arm as an arm of its own: what A/A
 * calibration compares when it splits one arm's users under a salt.
 *
 * @module
 */
import { type ArmEvaluation, meanOf, type Segment, SEGMENTS } from "../metrics/mod.ts";
import type { ServedLists } from "../replay/mod.ts";
import type { CompareArm } from "../compare/mod.ts";

/**
 * The arm made of `rows` (ascending positions in `served`'s user order):
 * lists, failures and every segment's per-user values restricted to those
 * users, renumbered 0..rows.length−1. Serving times stay the whole arm's.
 *
 * @example
 * ```ts
 * import { subArm } from "./sub_arm.ts";
 * const seg = (rows: number[], v: number[]) => ({ segment: "overall" as const, rows: Int32Array.from(rows),
 *   perUser: { "NDCG@1": Float64Array.from(v) }, mean: { "NDCG@1": 0 } });
 * const evaluation = { k: 1, users: 3, segments: { overall: seg([0, 1, 2], [0.1, 0.2, 0.3]),
 *   warm: seg([1, 2], [0.2, 0.3]), cold: seg([0], [0.1]) } };
 * const served = { k: 1, users: Int32Array.of(5, 6, 7), lists: Int32Array.of(1, 2, 3),
 *   violations: { seen: 0, duplicate: 0, notInCatalog: 0, outOfRange: 0 }, failedUsers: 1,
 *   failed: Uint8Array.of(0, 0, 1), requestMs: Float64Array.of(1), requests: Int32Array.of(3), ms: 3 };
 * const a = subArm(evaluation, served, Int32Array.of(0, 2));
 * if (a.lists.join() !== "1,3" || a.failedUsers !== 1) throw new Error();
 * if (a.evaluation.segments.warm.rows.join() !== "1" || a.evaluation.segments.warm.perUser["NDCG@1"][0] !== 0.3) throw new Error();
 * if (Math.abs(a.evaluation.segments.overall.mean["NDCG@1"] - 0.2) > 1e-15) throw new Error();
 * ```
 */
export function subArm(
  evaluation: ArmEvaluation,
  served: ServedLists,
  rows: Int32Array,
): CompareArm {
  const k = served.k;
  const lists = new Int32Array(rows.length * k);
  let failedUsers = 0;
  for (let q = 0; q < rows.length; q++) {
    lists.set(served.lists.subarray(rows[q] * k, rows[q] * k + k), q * k);
    failedUsers += served.failed[rows[q]];
  }
  const segments = {} as ArmEvaluation["segments"];
  for (const g of SEGMENTS) segments[g] = subSegment(evaluation.segments[g], g, rows);
  return {
    evaluation: { k: evaluation.k, ks: evaluation.ks, users: rows.length, segments },
    lists,
    servedUsers: rows.length,
    failedUsers,
    requestMs: served.requestMs,
    requests: served.requests,
  };
}

function subSegment(
  seg: ArmEvaluation["segments"][Segment],
  segment: Segment,
  rows: Int32Array,
): ArmEvaluation["segments"][Segment] {
  // Both `seg.rows` and `rows` ascend: a merge walk pairs them.
  const pos: number[] = [], at: number[] = [];
  for (let q = 0, p = 0; q < rows.length && p < seg.rows.length;) {
    if (rows[q] === seg.rows[p]) {
      pos.push(q++);
      at.push(p++);
    } else if (rows[q] < seg.rows[p]) q++;
    else p++;
  }
  const perUser: Record<string, Float64Array> = {};
  const mean: Record<string, number> = {};
  for (const [m, v] of Object.entries(seg.perUser)) {
    const x = Float64Array.from(at, (p) => v[p]);
    perUser[m] = x;
    mean[m] = meanOf(x); // users without a value (NaN) left out, as in the evaluation
  }
  return { segment, rows: Int32Array.from(pos), perUser, mean };
}
