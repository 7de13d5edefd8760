/**
 * Row selection on columnar interactions.
 *
 * @module
 */
import type { Interactions } from "./types.ts";

/**
 * Copies the rows where `mask[r] === 1` into new columns (order kept).
 *
 * @example
 * ```ts
 * import { selectRows } from "./select.ts";
 * const rows = { user: Int32Array.of(0, 1), item: Int32Array.of(5, 6), ts: Float64Array.of(1, 2),
 *   rating: Uint8Array.of(0, 3), isRead: Uint8Array.of(1, 0) };
 * if (selectRows(rows, Uint8Array.of(0, 1)).item.join() !== "6") throw new Error();
 * ```
 */
export function selectRows(rows: Interactions, mask: Uint8Array): Interactions {
  let n = 0;
  for (let r = 0; r < mask.length; r++) n += mask[r];
  const out: Interactions = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    ts: new Float64Array(n),
    rating: new Uint8Array(n),
    isRead: new Uint8Array(n),
  };
  let j = 0;
  for (let r = 0; r < mask.length; r++) {
    if (!mask[r]) continue;
    out.user[j] = rows.user[r];
    out.item[j] = rows.item[r];
    out.ts[j] = rows.ts[r];
    out.rating[j] = rows.rating[r];
    out.isRead[j] = rows.isRead[r];
    j++;
  }
  return out;
}
