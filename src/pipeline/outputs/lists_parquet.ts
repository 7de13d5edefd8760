/**
 * `lists.parquet` (scenario `output.lists: true`): the lists each arm served,
 * one row per (user, arm, rank), for notebooks and for checking a replay
 * against another system.
 *
 * @module
 */
import { ARMS, type RunResult } from "../run.ts";
import type { OutputFormat } from "./types.ts";
import { writeArmsParquet } from "./_candidates.ts";

/**
 * The served lists: `user_id`, `arm`, `rank` (1-based), `item_id` and
 * `score`, in arm then user order. The Recommender contract returns ordered
 * lists, not model scores, so `score` is `1 / rank` (as `abreplay serve`
 * answers); empty slots of short lists are not rows.
 */
export function listsColumns(result: RunResult): Record<string, number[] | string[]> {
  const user_id: string[] = [], arm: string[] = [], item_id: string[] = [];
  const rank: number[] = [], score: number[] = [];
  for (const name of ARMS) {
    const { served } = result.arms[name];
    const k = served.k;
    served.users.forEach((u, j) => {
      for (let p = 0; p < k; p++) {
        const i = served.lists[j * k + p];
        if (i < 0) continue;
        user_id.push(result.dataset.userIds[u]);
        arm.push(name);
        rank.push(p + 1);
        item_id.push(result.dataset.itemIds[i]);
        score.push(1 / (p + 1));
      }
    });
  }
  return { user_id, arm, rank, item_id, score };
}

/** The format, as registered: written when the scenario sets `output.lists`. */
export const listsParquet: OutputFormat = {
  name: "lists.parquet",
  doc:
    "The served lists (output.lists): user_id, arm, rank, item_id, score (1/rank); same metadata as per_user.parquet.",
  when: (run) => !!run.lists,
  write: (ctx, path) => writeArmsParquet(ctx, path, listsColumns, ["rank"]),
};
