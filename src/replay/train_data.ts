/**
 * Builds the {@linkcode TrainData} a recommender fits on from a dataset and its
 * holdout, including the PROTOCOL §1 training weight per row:
 * `weight = 1.0 + 0.25·rating + 0.5·is_read`.
 *
 * @module
 */
import type { Dataset } from "../data/mod.ts";
import type { Holdout } from "../split/mod.ts";
import type { TrainData } from "../recommenders/mod.ts";
import { bigSharedArray } from "../big_buffer.ts";

/**
 * PROTOCOL §1 weight.
 *
 * @example
 * ```ts
 * import { interactionWeight } from "./train_data.ts";
 * if (interactionWeight(4, 1) !== 2.5) throw new Error("1 + 0.25*4 + 0.5*1 = 2.5");
 * ```
 */
export function interactionWeight(rating: number, isRead: number): number {
  return 1.0 + 0.25 * rating + 0.5 * isRead;
}

/** TrainData for `holdout` of `ds`. */
export function trainDataOf(ds: Dataset, holdout: Holdout): TrainData {
  const { train } = holdout;
  // Shared memory, so that workers (neighbour kernel, serving) read it without a copy.
  const weight = bigSharedArray(Float32Array, train.user.length);
  for (let r = 0; r < weight.length; r++) {
    weight[r] = interactionWeight(train.rating[r], train.isRead[r]);
  }
  return {
    nUsers: holdout.nUsers,
    nItems: holdout.nItems,
    train,
    userOffsets: holdout.trainOffsets,
    weight,
    userIds: ds.userIds,
    itemIds: ds.itemIds,
    items: ds.items,
    catalog: holdout.catalog,
    splitTime: holdout.T,
  };
}
