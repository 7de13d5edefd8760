/**
 * The item–item neighbour kernel (popularity ranks, packed histories, Int32
 * sums, zipped walks, pre-tested heap) against a naive computation: a dense
 * Float64 co-occurrence matrix summed user by user, every similarity computed,
 * all candidates sorted by (similarity desc, item asc). Equal bit for bit, on
 * both the integer path (PROTOCOL weights) and the Float64 path (arbitrary
 * weights), for every similarity.
 */
import { assertEquals } from "../_assert.ts";
import {
  itemNeighbours,
  type NeighbourOptions,
  prepareNeighbours,
} from "../../src/recommenders/_item2item_sim.ts";
import type { Csr } from "../../src/recommenders/_sparse.ts";
import type { TrainData } from "../../src/recommenders/types.ts";
import { mulberry32 } from "../../src/rng/mod.ts";
import { makeTrain, type Row } from "./_fixture.ts";

/** Users with skewed history lengths (some above the cap) over skewed item popularity. */
function randomTrain(seed: number): TrainData {
  const rnd = mulberry32(seed);
  const nUsers = 400, nItems = 300;
  const rows: Row[] = [];
  for (let u = 0; u < nUsers; u++) {
    const len = 1 + Math.floor(80 * rnd() ** 3);
    const items = new Set<number>();
    while (items.size < len) items.add(Math.floor(nItems * rnd() ** 2)); // popular = low ids
    let ts = 0;
    for (const i of items) {
      rows.push([
        u,
        i,
        ts += 1 + Math.floor(3 * rnd()),
        Math.floor(6 * rnd()),
        rnd() < 0.5 ? 1 : 0,
      ]);
    }
  }
  const data = makeTrain(rows, { nUsers, nItems, notInCatalog: [3, 17, 150] });
  return data;
}

/** The neighbours computed the obvious way. */
function naive(data: TrainData, o: NeighbourOptions): Csr {
  const n = data.nItems;
  const C = new Float64Array(n * n);
  const sq = new Float64Array(n), count = new Float64Array(n);
  const binary = o.similarity === "jaccard";
  for (let u = 0; u < data.nUsers; u++) {
    const end = data.userOffsets[u + 1];
    const start = Math.max(data.userOffsets[u], end - o.maxUserHistory);
    for (let a = start; a < end; a++) {
      const i = data.train.item[a], wa = data.weight[a];
      sq[i] += wa * wa;
      count[i]++;
      for (let b = start; b < end; b++) {
        const j = data.train.item[b];
        const add = binary ? 1 : wa * data.weight[b];
        if (j !== i && add > 0) C[i * n + j] += add;
      }
    }
  }
  const norm = sq.map(Math.sqrt);
  const rows: [number, number][][] = [];
  for (let i = 0; i < n; i++) {
    const cand: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      const c = C[i * n + j];
      if (c === 0 || j === i || !data.catalog[j]) continue;
      const s = o.similarity === "jaccard"
        ? c / (count[i] + count[j] - c + o.shrink)
        : o.similarity === "damped"
        ? c / (norm[i] * norm[j] + o.shrink) * Math.pow(count[j], -o.damping)
        : c / (norm[i] * norm[j] + o.shrink);
      cand.push([j, s]);
    }
    cand.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    rows.push(cand.slice(0, o.neighbours));
  }
  const offsets = new Int32Array(n + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
  return {
    offsets,
    index: Int32Array.from(rows.flat(), (x) => x[0]),
    value: Float32Array.from(rows.flat(), (x) => x[1]),
  };
}

const SIMILARITIES = ["cosine", "jaccard", "damped"] as const;

Deno.test("neighbour kernel equals the naive computation (integer path: PROTOCOL weights)", () => {
  for (const seed of [1, 2]) {
    const data = randomTrain(seed);
    for (const similarity of SIMILARITIES) {
      for (const [neighbours, maxUserHistory, shrink] of [[10, 40, 10], [300, 200, 0]]) {
        const o = { similarity, neighbours, maxUserHistory, shrink, damping: 0.5 };
        assertEquals(prepareNeighbours(data, o).histWeight, null, "integer path taken");
        const got = itemNeighbours(data, o), want = naive(data, o);
        const label = `${seed}/${similarity}/${neighbours}/${maxUserHistory}`;
        assertEquals(got.offsets, want.offsets, `${label} offsets`);
        assertEquals(got.index, want.index, `${label} index`);
        assertEquals(got.value, want.value, `${label} value`);
      }
    }
  }
});

Deno.test("neighbour kernel equals the naive computation (Float64 path: arbitrary weights)", () => {
  const data = randomTrain(3);
  const rnd = mulberry32(9);
  // Not quarters, some zero: the integer path cannot represent them.
  data.weight = Float32Array.from(data.weight, () => (rnd() < 0.05 ? 0 : 0.1 + 3 * rnd()));
  for (const similarity of SIMILARITIES) {
    const o = { similarity, neighbours: 15, maxUserHistory: 50, shrink: 5, damping: 0.7 };
    if (similarity !== "jaccard") {
      assertEquals(prepareNeighbours(data, o).histWeight !== null, true, "float path taken");
    }
    const got = itemNeighbours(data, o), want = naive(data, o);
    assertEquals(got.offsets, want.offsets, `${similarity} offsets`);
    assertEquals(got.index, want.index, `${similarity} index`);
    assertEquals(got.value, want.value, `${similarity} value`);
  }
});
