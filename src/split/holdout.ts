/**
 * Train/test split, item warm/cold status, catalog, eval users and relevant
 * sets, exactly per PROTOCOL §2–3. Everything is dense-id typed arrays.
 *
 * @module
 */
import { type Dataset, type Interactions, selectRows } from "../data/mod.ts";
import { bigSharedArray } from "../big_buffer.ts";
import { DataError } from "../errors.ts";
import { kCoreMask } from "./kcore.ts";
import { splitInstant, type SplitOptions } from "./temporal.ts";

/** Which test interactions count as relevant: `any`, `read`, or `rated>=N`. */
export type Relevance = string;

/** Evaluation options that shape the split (PROTOCOL §2–3). */
export interface HoldoutOptions {
  split: SplitOptions;
  /** Warm iff `trainCount >= coldThreshold`. @default 5 */
  coldThreshold?: number;
  /** @default "any" */
  relevance?: Relevance;
  /** Item ids that are not available (removed from the catalog) besides metadata flags. */
  unavailable?: string[];
  /**
   * Reuse the dataset's interaction buffers for the train rows instead of
   * copying them (35M rows: ~0.5 GB less fresh memory). `ds.interactions` is
   * emptied: it must not be read afterwards. @default false
   */
  consume?: boolean;
}

/** The result of splitting a dataset. */
export interface Holdout {
  /** Split instant `T` (Unix seconds). */
  T: number;
  /** Users in the id space. */
  nUsers: number;
  /** Items in the id space. */
  nItems: number;
  /** Rows with `ts < T`, sorted by (user, ts, item). */
  train: Interactions;
  /** Rows with `ts >= T`, sorted by (user, ts, item). */
  test: Interactions;
  /** CSR of train rows by user (length nUsers + 1). */
  trainOffsets: Int32Array;
  /** Distinct train users per item. */
  trainCount: Int32Array;
  /** 1 when cold (`trainCount < coldThreshold`). */
  cold: Uint8Array;
  /** 1 when the item is in the catalog (known and available). */
  catalog: Uint8Array;
  /** Items in the catalog. */
  catalogSize: number;
  /** Eval users (dense ids, ascending). */
  evalUsers: Int32Array;
  /** CSR over eval users of their relevant items `R(u)` (ascending item ids). */
  relOffsets: Int32Array;
  /** The relevant items, CSR values. */
  relItems: Int32Array;
  /** Rows removed by the k-core (0 when off). */
  kCoreDropped: number;
  /** Items with fewer train users are cold. */
  coldThreshold: number;
  /** Which test interactions count as relevant. */
  relevance: Relevance;
}

/** Splits `ds` per PROTOCOL §2–3. Throws when no eval user remains. */
export function makeHoldout(ds: Dataset, options: HoldoutOptions): Holdout {
  const nUsers = ds.userIds.length;
  const nItems = ds.itemIds.length;
  let rows = ds.interactions;
  let kCoreDropped = 0;
  if (options.split.kCore && options.split.kCore > 1) {
    const mask = kCoreMask(rows, nUsers, nItems, options.split.kCore);
    rows = selectRows(rows, mask);
    kCoreDropped = ds.interactions.user.length - rows.user.length;
  }
  const T = splitInstant(rows.ts, options.split);
  const { train, test } = splitAt(rows, T, options.consume === true && rows === ds.interactions);
  if (options.consume) ds.interactions = selectRows(rows, new Uint8Array(0));

  const trainOffsets = csrOffsets(train.user, nUsers);
  // Rows are unique per (user, item) after cleaning, so a row count is a distinct-user count.
  const trainCount = new Int32Array(nItems);
  for (let r = 0; r < train.item.length; r++) trainCount[train.item[r]]++;
  const coldThreshold = options.coldThreshold ?? 5;
  const cold = new Uint8Array(nItems);
  for (let i = 0; i < nItems; i++) cold[i] = trainCount[i] < coldThreshold ? 1 : 0;
  const catalog = makeCatalog(ds, options.unavailable ?? []);
  if (kCoreDropped > 0) {
    // Catalog = items in train, test or metadata (PROTOCOL §2): the k-core may have removed some.
    const present = new Uint8Array(nItems);
    for (let r = 0; r < rows.item.length; r++) present[rows.item[r]] = 1;
    for (let i = 0; i < nItems; i++) if (!present[i] && !ds.items?.hasMeta[i]) catalog[i] = 0;
  }
  let catalogSize = 0;
  for (let i = 0; i < nItems; i++) catalogSize += catalog[i];

  const relevance = options.relevance ?? "any";
  const isRelevant = relevanceFilter(relevance);
  const { evalUsers, relOffsets, relItems } = relevantSets(
    train,
    test,
    trainOffsets,
    nItems,
    isRelevant,
  );
  if (evalUsers.length === 0) {
    throw new DataError(
      `the split leaves no eval users (train ${train.user.length} rows, test ${test.user.length} rows before T = ${
        new Date(T * 1000).toISOString()
      }): no user has both train history and a relevant test item`,
      {
        path: "split",
        hint: "move split.date earlier / raise split.holdoutFraction, or relax eval.relevance",
      },
    );
  }
  return {
    T,
    nUsers,
    nItems,
    train,
    test,
    trainOffsets,
    trainCount,
    cold,
    catalog,
    catalogSize,
    evalUsers,
    relOffsets,
    relItems,
    kCoreDropped,
    coldThreshold,
    relevance,
  };
}

/**
 * Rows with `ts < T` (train) and `ts >= T` (test), order kept. With
 * `inPlace`, train rows are compacted into `rows`' own buffers (a forward
 * pass: row r moves to j ≤ r after it has been read) and returned as views.
 */
function splitAt(rows: Interactions, T: number, inPlace: boolean) {
  const n = rows.ts.length;
  let nTest = 0;
  for (let r = 0; r < n; r++) if (!(rows.ts[r] < T)) nTest++;
  const test = emptyRows(nTest);
  const nTrain = n - nTest;
  const train: Interactions = inPlace ? rows : emptyRows(nTrain);
  const { user, item, ts, rating, isRead } = rows;
  let j = 0, t = 0;
  for (let r = 0; r < n; r++) {
    const to = ts[r] < T ? train : test;
    const at = ts[r] < T ? j++ : t++;
    to.user[at] = user[r];
    to.item[at] = item[r];
    to.ts[at] = ts[r];
    to.rating[at] = rating[r];
    to.isRead[at] = isRead[r];
  }
  if (!inPlace) return { train, test };
  return {
    train: {
      user: user.subarray(0, nTrain),
      item: item.subarray(0, nTrain),
      ts: ts.subarray(0, nTrain),
      rating: rating.subarray(0, nTrain),
      isRead: isRead.subarray(0, nTrain),
    },
    test,
  };
}

/**
 * Columns for `n` rows in shared memory like the loaded ones: workers read
 * them without a copy, and from 16 MiB on they are backed by huge pages (at
 * 35M rows the 6.9M test rows fault in in ~0.1–0.3 s instead of ~0.5 s).
 */
function emptyRows(n: number): Interactions {
  return {
    user: bigSharedArray(Int32Array, n),
    item: bigSharedArray(Int32Array, n),
    ts: bigSharedArray(Float64Array, n),
    rating: bigSharedArray(Uint8Array, n),
    isRead: bigSharedArray(Uint8Array, n),
  };
}

/** CSR offsets of rows grouped (sorted) by `key` in `0..n-1`. */
export function csrOffsets(key: Int32Array, n: number): Int32Array {
  const off = new Int32Array(n + 1);
  for (let r = 0; r < key.length; r++) off[key[r] + 1]++;
  for (let u = 0; u < n; u++) off[u + 1] += off[u];
  return off;
}

function makeCatalog(ds: Dataset, unavailable: string[]): Uint8Array {
  const n = ds.itemIds.length;
  const catalog = new Uint8Array(n).fill(1);
  if (ds.items) catalog.set(ds.items.available);
  if (unavailable.length) {
    const drop = new Set(unavailable);
    ds.itemIds.forEach((id, i) => {
      if (drop.has(id)) catalog[i] = 0;
    });
  }
  return catalog;
}

/** Row predicate for a relevance rule (`any`, `read`, `rated>=N`). */
export function relevanceFilter(rule: Relevance): (rows: Interactions, r: number) => boolean {
  if (rule === "any") return () => true;
  if (rule === "read") return (rows, r) => rows.isRead[r] === 1;
  const m = /^rated>=([0-5])$/.exec(rule);
  if (m) {
    const n = Number(m[1]);
    return (rows, r) => rows.rating[r] >= n;
  }
  throw new DataError(`unknown relevance rule "${rule}"`, {
    path: "eval.relevance",
    hint: 'use "any", "read" or "rated>=N" with N in 0..5',
  });
}

function relevantSets(
  train: Interactions,
  test: Interactions,
  trainOffsets: Int32Array,
  nItems: number,
  isRelevant: (rows: Interactions, r: number) => boolean,
) {
  const seen = new Int32Array(nItems).fill(-1);
  const n = test.user.length;
  // At most one eval user and one relevant item per test row; untouched pages cost nothing.
  const users = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const items = new Int32Array(n);
  let nEval = 0, m = 0;
  let r = 0;
  while (r < n) {
    const u = test.user[r];
    let end = r;
    while (end < n && test.user[end] === u) end++;
    if (trainOffsets[u + 1] > trainOffsets[u]) {
      for (let t = trainOffsets[u]; t < trainOffsets[u + 1]; t++) seen[train.item[t]] = u;
      const start = m;
      for (let q = r; q < end; q++) {
        const i = test.item[q];
        if (seen[i] !== u && isRelevant(test, q)) {
          seen[i] = u; // also dedupes
          items[m++] = i;
        }
      }
      if (m > start) {
        if (m - start > 1) items.subarray(start, m).sort(); // numeric, in place
        users[nEval++] = u;
        offsets[nEval] = m;
      }
    }
    r = end;
  }
  return {
    evalUsers: users.slice(0, nEval),
    relOffsets: offsets.slice(0, nEval + 1),
    relItems: items.slice(0, m),
  };
}
