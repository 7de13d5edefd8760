import assert from "node:assert/strict";
import { Item2ItemRecommender } from "../../src/recommenders/item2item.ts";
import { itemNeighbours, type NeighbourOptions } from "../../src/recommenders/_item2item_sim.ts";
import { PopularRecommender } from "../../src/recommenders/popular.ts";
import type { Csr } from "../../src/recommenders/_sparse.ts";
import {
  allUsers,
  assertValidLists,
  listsOf,
  makeTrain,
  type Row,
  tasteFixture,
} from "./_fixture.ts";

// u0: 0,1,2   u1: 0,1   u2: 1,2   u3: 0      (items 3 and 4 have no users)
// Users per item: i0 {u0,u1,u3}, i1 {u0,u1,u2}, i2 {u0,u2}. All weights 1.
const ROWS: Row[] = [[0, 0, 1], [0, 1, 2], [0, 2, 3], [1, 0, 1], [1, 1, 2], [2, 1, 1], [2, 2, 2], [
  3,
  0,
  1,
]];
const data = makeTrain(ROWS, { nItems: 5 });
const OPTS: NeighbourOptions = {
  similarity: "cosine",
  neighbours: 10,
  maxUserHistory: 200,
  shrink: 0,
  damping: 0.5,
};

/** Row `i` of a neighbour CSR as [item, similarity rounded to 4 places]. */
function row(m: Csr, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = m.offsets[i]; p < m.offsets[i + 1]; p++) {
    out.push([m.index[p], Math.round(m.value[p] * 1e4) / 1e4]);
  }
  return out;
}

Deno.test("cosine neighbours match hand-computed values", () => {
  const nb = itemNeighbours(data, OPTS);
  // cos(0,1) = 2/(√3·√3) = 0.6667; cos(0,2) = 1/(√3·√2) = 0.4082; cos(1,2) = 2/(√3·√2) = 0.8165
  assert.deepEqual(row(nb, 0), [[1, 0.6667], [2, 0.4082]]);
  assert.deepEqual(row(nb, 1), [[2, 0.8165], [0, 0.6667]]);
  assert.deepEqual(row(nb, 2), [[1, 0.8165], [0, 0.4082]]);
  assert.deepEqual(row(nb, 3), []);
});

Deno.test("jaccard, damped and shrink variants", () => {
  // J(0,1) = 2/(3+3-2) = 0.5; J(0,2) = 1/(3+2-1) = 0.25; J(1,2) = 2/(3+2-2) = 0.6667
  const j = itemNeighbours(data, { ...OPTS, similarity: "jaccard" });
  assert.deepEqual(row(j, 0), [[1, 0.5], [2, 0.25]]);
  assert.deepEqual(row(j, 2), [[1, 0.6667], [0, 0.25]]);
  // damped (β = 1): cos(0,1)/n_1 = 0.6667/3 = 0.2222; cos(0,2)/n_2 = 0.4082/2 = 0.2041
  const d = itemNeighbours(data, { ...OPTS, similarity: "damped", damping: 1 });
  assert.deepEqual(row(d, 0), [[1, 0.2222], [2, 0.2041]]);
  // shrink 3: 2/(3+3) = 0.3333, 1/(√6+3) = 0.1835
  assert.deepEqual(row(itemNeighbours(data, { ...OPTS, shrink: 3 }), 0), [[1, 0.3333], [
    2,
    0.1835,
  ]]);
});

Deno.test("top-N keeps the N best neighbours, ties to the lower index", () => {
  const nb = itemNeighbours(data, { ...OPTS, neighbours: 1 });
  assert.deepEqual([row(nb, 0), row(nb, 1), row(nb, 2)], [[[1, 0.6667]], [[2, 0.8165]], [[
    1,
    0.8165,
  ]]]);
});

Deno.test("interaction weights (PROTOCOL §1) enter the cosine", () => {
  // u0 rated item 1 five stars and read it: weight 1 + 1.25 + 0.5 = 2.75
  const d = makeTrain(ROWS.map((r) => r[0] === 0 && r[1] === 1 ? [0, 1, 2, 5, 1] as Row : r), {
    nItems: 5,
  });
  // C(0,1) = 1·2.75 + 1·1 = 3.75, ‖0‖ = √3, ‖1‖ = √(2.75² + 2) = 3.0923 → 0.7001
  assert.deepEqual(row(itemNeighbours(d, OPTS), 0)[0], [1, 0.7001]);
});

Deno.test("maxUserHistory caps each user to the most recent rows", () => {
  // With one row per user nothing co-occurs.
  const nb = itemNeighbours(data, { ...OPTS, maxUserHistory: 1 });
  assert.equal(nb.index.length, 0);
  // With two, u0 keeps items 1,2 only: i0 has users {u1,u3} and co-occurs with i1 through u1 alone,
  // cos(0,1) = 1/(√2·√3) = 0.4082, and no longer with i2
  assert.deepEqual(row(itemNeighbours(data, { ...OPTS, maxUserHistory: 2 }), 0), [[1, 0.4082]]);
});

Deno.test("recommend: CF scores first, then the popular fallback; never seen", async () => {
  const m = new Item2ItemRecommender({ recencyHalfLife: null });
  m.fit(data);
  const lists = await m.recommend(allUsers(data), 3);
  // u1 (0,1): i2 = 0.4082 + 0.8165; then fallback by popularity (i3, i4 have 0 users)
  // u2 (1,2): i0 = 0.6667 + 0.4082; u3 (0): i1 0.6667, i2 0.4082, then i3
  assert.deepEqual(listsOf(lists), [[3, 4], [2, 3, 4], [0, 3, 4], [1, 2, 3]]);
  assertValidLists(data, lists);
  assert.deepEqual(m.explain(3, Int32Array.of(1, 3)), ['readers of "i0" also read', "popular now"]);
});

Deno.test("recency decay favours neighbours of the most recent rows", async () => {
  // Pairs (0,3) and (1,4) co-occur with equal support; user 4 read 0 (old) then 1 (recent).
  const rows: Row[] = [[0, 0, 1], [0, 3, 2], [1, 1, 1], [1, 4, 2], [4, 0, 5], [4, 1, 6]];
  const d = makeTrain(rows, { nItems: 5 });
  const flat = new Item2ItemRecommender({ recencyHalfLife: null, fallback: null });
  flat.fit(d);
  assert.deepEqual(listsOf(await flat.recommend(Int32Array.of(4), 2)), [[3, 4]]); // tie → lower index
  const decayed = new Item2ItemRecommender({ recencyHalfLife: 1, fallback: null });
  decayed.fit(d);
  assert.deepEqual(listsOf(await decayed.recommend(Int32Array.of(4), 2)), [[4, 3]]); // 1 vs 0.5
  const last = new Item2ItemRecommender({ historyLength: 1, fallback: null });
  last.fit(d);
  assert.deepEqual(listsOf(await last.recommend(Int32Array.of(4), 2)), [[4]]);
});

Deno.test("same input gives identical lists, batch composition does not matter", async () => {
  const d = tasteFixture(3);
  const a = new Item2ItemRecommender(), b = new Item2ItemRecommender();
  a.fit(d);
  b.fit(d);
  const users = allUsers(d);
  const full = await a.recommend(users, 10);
  assert.deepEqual(full.items, (await b.recommend(users, 10)).items);
  const some = await b.recommend(Int32Array.of(5, 17), 10);
  assert.deepEqual(
    some.items,
    Int32Array.from([...full.items.subarray(50, 60), ...full.items.subarray(170, 180)]),
  );
  assertValidLists(d, full);
});

Deno.test("on author-structured taste data item2item beats popular at predicting a held-out item", async () => {
  const d = tasteFixture(11, 300);
  // Hold out each user's last row; fit on the rest.
  const rows: Row[] = [];
  const held: number[] = [];
  for (let u = 0; u < d.nUsers; u++) {
    const end = d.userOffsets[u + 1];
    for (let r = d.userOffsets[u]; r < end - 1; r++) rows.push([u, d.train.item[r], d.train.ts[r]]);
    held.push(d.train.item[end - 1]);
  }
  const train = makeTrain(rows, { nUsers: d.nUsers, nItems: d.nItems });
  const hits = async (
    m: {
      fit(t: typeof train): void;
      recommend(u: Int32Array, k: number): Promise<{ items: Int32Array }>;
    },
  ) => {
    await m.fit(train);
    const items = (await m.recommend(allUsers(train), 10)).items;
    return held.filter((i, u) => items.subarray(u * 10, u * 10 + 10).includes(i)).length;
  };
  const cf = await hits(new Item2ItemRecommender()), pop = await hits(new PopularRecommender());
  assert.ok(cf > pop * 1.5, `item2item ${cf} hits vs popular ${pop}`);
});
