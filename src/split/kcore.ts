/**
 * Iterative k-core filter (PROTOCOL §2): repeatedly drop users and items with
 * fewer than `c` interactions until none remain.
 *
 * @module
 */
import type { Interactions } from "../data/mod.ts";

/**
 * Row mask (1 = kept) of the `c`-core of the interactions.
 *
 * @example
 * ```ts
 * import { kCoreMask } from "./kcore.ts";
 * // users 0,1 each rate items 0,1; user 2 rates only item 2 → dropped in the 2-core
 * const m = kCoreMask({ user: new Int32Array([0,0,1,1,2]), item: new Int32Array([0,1,0,1,2]) }, 3, 3, 2);
 * if (m.join() !== "1,1,1,1,0") throw new Error(m.join());
 * ```
 */
export function kCoreMask(
  rows: Pick<Interactions, "user" | "item">,
  nUsers: number,
  nItems: number,
  c: number,
): Uint8Array {
  const n = rows.user.length;
  const keep = new Uint8Array(n).fill(1);
  for (;;) {
    const uc = new Int32Array(nUsers);
    const ic = new Int32Array(nItems);
    for (let r = 0; r < n; r++) {
      if (keep[r]) {
        uc[rows.user[r]]++;
        ic[rows.item[r]]++;
      }
    }
    let dropped = 0;
    for (let r = 0; r < n; r++) {
      if (keep[r] && (uc[rows.user[r]] < c || ic[rows.item[r]] < c)) {
        keep[r] = 0;
        dropped++;
      }
    }
    if (dropped === 0) return keep;
  }
}
