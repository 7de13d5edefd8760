/**
 * Tiny hand-made TrainData for recommender tests: a few
 * (user, item, ts, rating, isRead) tuples plus optional metadata.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ItemMeta } from "../../src/data/types.ts";
import type { RecLists, TrainData } from "../../src/recommenders/types.ts";
import { interactionWeight } from "../../src/replay/train_data.ts";
import { mulberry32 } from "../../src/rng/mod.ts";

/** (user, item, ts, rating = 0, isRead = 0). */
export type Row = [user: number, item: number, ts: number, rating?: number, isRead?: number];

/** Metadata of one item; absent fields are empty. */
export interface MetaInput {
  title?: string;
  authors?: string[];
  series?: string[];
  tags?: string[];
  description?: string;
  year?: number;
  available?: boolean;
}

/** Sizes and extras of a fixture. */
export interface FixtureOptions {
  nUsers?: number;
  nItems?: number;
  /** Metadata per item (null/undefined = no metadata row); omit for `items: null`. */
  meta?: (MetaInput | null | undefined)[];
  /** Items not in the catalog. */
  notInCatalog?: number[];
  /** Split instant; default: 1 + the largest ts. */
  splitTime?: number;
}

/** Builds TrainData from tuples: rows sorted by (user, ts, item), CSR offsets, PROTOCOL §1 weights. */
export function makeTrain(rows: Row[], opts: FixtureOptions = {}): TrainData {
  const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[1] - b[1]);
  const nUsers = opts.nUsers ?? Math.max(0, ...rows.map((r) => r[0] + 1));
  const nItems = opts.nItems ?? Math.max(0, opts.meta?.length ?? 0, ...rows.map((r) => r[1] + 1));
  const train = {
    user: Int32Array.from(sorted, (r) => r[0]),
    item: Int32Array.from(sorted, (r) => r[1]),
    ts: Float64Array.from(sorted, (r) => r[2]),
    rating: Uint8Array.from(sorted, (r) => r[3] ?? 0),
    isRead: Uint8Array.from(sorted, (r) => r[4] ?? 0),
  };
  const userOffsets = new Int32Array(nUsers + 1);
  for (const r of sorted) userOffsets[r[0] + 1]++;
  for (let u = 0; u < nUsers; u++) userOffsets[u + 1] += userOffsets[u];
  const weight = Float32Array.from(sorted, (r) => interactionWeight(r[3] ?? 0, r[4] ?? 0));
  const items = opts.meta ? metaOf(opts.meta, nItems) : null;
  const catalog = new Uint8Array(nItems).fill(1);
  for (const i of opts.notInCatalog ?? []) catalog[i] = 0;
  if (items) { for (let i = 0; i < nItems; i++) if (!items.available[i]) catalog[i] = 0; }
  return {
    nUsers,
    nItems,
    train,
    userOffsets,
    weight,
    userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
    items,
    catalog,
    splitTime: opts.splitTime ?? Math.max(0, ...rows.map((r) => r[2])) + 1,
  };
}

function metaOf(meta: (MetaInput | null | undefined)[], n: number): ItemMeta {
  const m = Array.from({ length: n }, (_, i) => meta[i] ?? null);
  return {
    title: m.map((x) => x?.title ?? ""),
    authors: m.map((x) => x?.authors ?? []),
    series: m.map((x) => x?.series ?? []),
    tags: m.map((x) => x?.tags ?? []),
    description: m.map((x) => x?.description ?? ""),
    language: m.map(() => ""),
    year: Float64Array.from(m, (x) => x?.year ?? NaN),
    available: Uint8Array.from(m, (x) => x?.available === false ? 0 : 1),
    hasMeta: Uint8Array.from(m, (x) => x ? 1 : 0),
  };
}

/** Every user index of `data`. */
export function allUsers(data: TrainData): Int32Array {
  return Int32Array.from({ length: data.nUsers }, (_, u) => u);
}

/** Lists as arrays per user, padding dropped. */
export function listsOf(r: RecLists): number[][] {
  return Array.from(
    r.users,
    (_, j) => Array.from(r.items.subarray(j * r.k, (j + 1) * r.k)).filter((i) => i >= 0),
  );
}

/**
 * Asserts PROTOCOL §3 on every list: distinct catalog items, none seen, at
 * most k, padding only at the end; and none of `banned`.
 */
export function assertValidLists(data: TrainData, r: RecLists, banned: number[] = []): void {
  r.users.forEach((u, j) => {
    const row = Array.from(r.items.subarray(j * r.k, (j + 1) * r.k));
    const list = row.filter((i) => i >= 0);
    assert(row.slice(list.length).every((i) => i === -1), `user ${u}: padding inside the list`);
    assert(new Set(list).size === list.length, `user ${u}: duplicate item in ${list}`);
    const seen = new Set(data.train.item.subarray(data.userOffsets[u], data.userOffsets[u + 1]));
    for (const i of list) {
      assert(!seen.has(i), `user ${u}: seen item ${i}`);
      assert(data.catalog[i] === 1, `user ${u}: non-catalog item ${i}`);
      assert(!banned.includes(i), `user ${u}: banned item ${i}`);
    }
  });
}

/**
 * A seeded, structured medium fixture: `nAuthors` authors with 2-book series,
 * users who mostly read a favourite author's books in order; every item has
 * metadata.
 */
export function tasteFixture(seed = 7, nUsers = 60, nAuthors = 12, perAuthor = 6): TrainData {
  const rand = mulberry32(seed);
  const nItems = nAuthors * perAuthor;
  const meta: MetaInput[] = Array.from({ length: nItems }, (_, i) => {
    const a = Math.floor(i / perAuthor), b = i % perAuthor;
    return {
      title: `Book ${b} of ${["red", "blue", "green", "gold"][a % 4]} saga ${a}`,
      authors: [`a${a}`],
      series: [`s${a}-${Math.floor(b / 2)}`],
      tags: [`genre${a % 3}`, "fiction"],
      year: 2000 + b,
    };
  });
  const rows: Row[] = [];
  for (let u = 0; u < nUsers; u++) {
    const fav = Math.floor(rand() * nAuthors);
    const n = 3 + Math.floor(rand() * 6);
    const taken = new Set<number>();
    for (let t = 0; t < n; t++) {
      const i = rand() < 0.75
        ? fav * perAuthor + Math.floor(rand() * perAuthor)
        : Math.floor(rand() * nItems);
      if (taken.has(i)) continue;
      taken.add(i);
      rows.push([u, i, 100 + t * 10 + u, Math.floor(rand() * 6), rand() < 0.7 ? 1 : 0]);
    }
  }
  return makeTrain(rows, { nUsers, nItems, meta });
}
