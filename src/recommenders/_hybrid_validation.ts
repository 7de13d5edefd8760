/**
 * The validation slice of `hybrid`'s weight fit: train cut at `T'`, the rows
 * after it as targets, and a seeded sample of the users who have them.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import { mulberry32 } from "../rng/mod.ts";

/** Train cut at `T'` with the rows after it as validation targets. */
export interface ValidationSlice {
  /** TrainData of the rows with `ts < T'` (same id spaces and catalog, `splitTime = T'`). */
  sub: TrainData;
  /** Users with history before `T'` and a new item after it, ascending. */
  users: Int32Array;
  /** CSR over `users` of their validation items (not in their sub-train history). */
  offsets: Int32Array;
  items: Int32Array;
}

/**
 * Splits train at `T'` = the `ceil(q·n)`-th largest train timestamp (PROTOCOL
 * §2 applied to train itself), so about the last share `q` of train becomes
 * the validation slice.
 */
export function validationSlice(data: TrainData, q: number): ValidationSlice {
  const { train, userOffsets, nUsers } = data;
  const n = train.ts.length;
  const sorted = Float64Array.from(train.ts).sort();
  const cut = n === 0 ? 0 : sorted[Math.max(0, n - Math.max(1, Math.ceil(q * n)))];
  let nKeep = 0;
  for (let r = 0; r < n; r++) if (train.ts[r] < cut) nKeep++;
  const keep = new Int32Array(nKeep);
  const offsets = new Int32Array(nUsers + 1);
  const users: number[] = [], vOff = [0], vItems: number[] = [];
  const hist = new Int32Array(data.nItems).fill(-1);
  for (let u = 0, at = 0; u < nUsers; u++) {
    const before = at;
    for (let r = userOffsets[u]; r < userOffsets[u + 1]; r++) {
      if (train.ts[r] < cut) keep[at++] = r, hist[train.item[r]] = u;
    }
    offsets[u + 1] = at;
    if (at === before) continue;
    const start = vItems.length;
    for (let r = userOffsets[u]; r < userOffsets[u + 1]; r++) {
      if (train.ts[r] >= cut && hist[train.item[r]] !== u) vItems.push(train.item[r]);
    }
    if (vItems.length > start) users.push(u), vOff.push(vItems.length);
  }
  const pick = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((r, q) => out[q] = a[r]);
    return out;
  };
  const sub: TrainData = {
    ...data,
    train: {
      user: pick(train.user),
      item: pick(train.item),
      ts: pick(train.ts),
      rating: pick(train.rating),
      isRead: pick(train.isRead),
    },
    userOffsets: offsets,
    weight: pick(data.weight),
    splitTime: cut,
  };
  return {
    sub,
    users: Int32Array.from(users),
    offsets: Int32Array.from(vOff),
    items: Int32Array.from(vItems),
  };
}

/**
 * Up to `m` of `users`, drawn without replacement by a seeded Fisher–Yates
 * shuffle, returned ascending.
 *
 * @example
 * ```ts
 * import { sampleUsers } from "./_hybrid_validation.ts";
 * const a = sampleUsers(Int32Array.of(1, 2, 3, 4, 5), 3, 7);
 * if (a.length !== 3 || a.join() !== sampleUsers(Int32Array.of(1, 2, 3, 4, 5), 3, 7).join()) throw new Error();
 * ```
 */
export function sampleUsers(users: Int32Array, m: number, seed: number): Int32Array {
  if (users.length <= m) return users.slice();
  const a = users.slice();
  const rand = mulberry32(seed);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, m).sort();
}
