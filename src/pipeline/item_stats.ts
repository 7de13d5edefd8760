/**
 * The item statistics of the beyond-accuracy metrics (PROTOCOL §4.1), built
 * once per run from the split and the item metadata: train popularity, the
 * popular head, γ, content vectors and author ids.
 *
 * @module
 */
import { headItems, type IdSets, type ItemStats } from "../metrics/mod.ts";
import { contentVectors, type TrainData } from "../recommenders/mod.ts";
import type { Holdout } from "../split/mod.ts";
import { DEFAULT_IPS_GAMMA } from "../scenario/mod.ts";

/**
 * `ItemStats` of a run (γ = `eval.ipsGamma`, `DEFAULT_IPS_GAMMA` when
 * undefined); `content` and `authors` are null when no item has metadata.
 */
export function itemStatsOf(
  holdout: Holdout,
  train: TrainData,
  ipsGamma: number = DEFAULT_IPS_GAMMA,
): ItemStats {
  let trainUsers = 0;
  for (let u = 0; u < holdout.nUsers; u++) {
    if (holdout.trainOffsets[u + 1] > holdout.trainOffsets[u]) trainUsers++;
  }
  const meta = train.items && train.items.hasMeta.some((h) => h === 1) ? train.items : null;
  return {
    pop: holdout.trainCount,
    trainUsers,
    head: headItems(holdout.trainCount, idRank(train.itemIds)),
    ipsGamma,
    content: meta ? contentVectors(meta, train.nItems) : null,
    authors: meta ? authorIds(meta.authors) : null,
  };
}

/** Rank of each item's string id in code-unit order (ties of `pop` break by it). */
function idRank(ids: string[]): Int32Array {
  const order = Int32Array.from(ids, (_, i) => i).sort((a, b) =>
    ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0
  );
  const rank = new Int32Array(ids.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

/** Authors as dense integer ids, ascending per item. */
function authorIds(authors: string[][]): IdSets {
  const dict = new Map<string, number>();
  const offsets = new Int32Array(authors.length + 1);
  const ids: number[] = [];
  authors.forEach((names, i) => {
    const row = [
      ...new Set(names.map((a) => {
        let id = dict.get(a);
        if (id === undefined) dict.set(a, id = dict.size);
        return id;
      })),
    ].sort((a, b) => a - b);
    ids.push(...row);
    offsets[i + 1] = ids.length;
  });
  return { offsets, ids: Int32Array.from(ids) };
}
