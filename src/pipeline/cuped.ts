/**
 * The pre-period covariate of CUPED (the scenario's `cuped` section): one
 * number per eval user, measured on the train part only (before the split
 * instant T), so neither arm can move it — the condition under which the
 * CUPED-adjusted difference stays unbiased. The same quantity is known before
 * an online experiment starts, so the variance reduction measured here is the
 * one the pilot can plan with.
 *
 * - `history`: `ln(1 + n_train(u))`, the user's train interactions. Every eval
 *   user has at least one, and the ranking metrics depend on the history a
 *   model sees (its length, and how much of the relevant set it predicts).
 * - `recent` (the default): `ln(1 + n_train(u, last 30 days before T))`:
 *   recent activity, which predicts how many test interactions (relevant
 *   items) a user has. On the built-in data it removes more variance than
 *   `history` for NDCG@10 (3.8% against 1.8%) and Precision@10 (14.7%
 *   against 9.7%); see the README.
 *
 * The same metric of control on an earlier holdout window would need a
 * second fit and replay, and is undefined for users without interactions in
 * that window; these two need neither.
 *
 * @module
 */
import type { Holdout } from "../split/mod.ts";
import type { Scenario } from "../scenario/mod.ts";

/** Days before T that `recent` counts. */
export const RECENT_DAYS = 30;

/**
 * Each eval user's covariate (indexed like `holdout.evalUsers`), or null
 * when the scenario asks for no CUPED.
 *
 * @example
 * ```ts
 * import { preSplitCovariate } from "./cuped.ts";
 * const day = 86400;
 * // user 0: 3 train rows (one within 30 days of T), user 1: 1 row
 * const holdout = { T: 100 * day, evalUsers: Int32Array.of(0, 1), trainOffsets: Int32Array.of(0, 3, 4),
 *   train: { ts: Float64Array.of(10 * day, 20 * day, 95 * day, 50 * day) } };
 * const h = preSplitCovariate({ cuped: { covariate: "history" } } as never, holdout as never)!;
 * if (h[0] !== Math.log(4) || h[1] !== Math.log(2)) throw new Error();
 * const r = preSplitCovariate({ cuped: { covariate: "recent" } } as never, holdout as never)!;
 * if (r[0] !== Math.log(2) || r[1] !== 0) throw new Error();
 * ```
 */
export function preSplitCovariate(scenario: Scenario, holdout: Holdout): Float64Array | null {
  const kind = scenario.cuped?.covariate;
  if (!kind) return null;
  const { evalUsers, trainOffsets, train, T } = holdout;
  const since = T - RECENT_DAYS * 86400;
  return Float64Array.from(evalUsers, (u) => {
    const a = trainOffsets[u], b = trainOffsets[u + 1];
    if (kind === "history") return Math.log1p(b - a);
    let n = 0;
    for (let r = a; r < b; r++) if (train.ts[r] >= since) n++;
    return Math.log1p(n);
  });
}
