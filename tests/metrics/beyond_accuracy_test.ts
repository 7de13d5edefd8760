/**
 * The PROTOCOL §4.1 metrics against reference values computed a second way
 * by `scripts/beyond_accuracy_reference.py` (NumPy/SciPy, pairwise loops) on
 * a small random instance with empty and one-item lists, unseen items,
 * popularity ties, empty content vectors and items without authors; and the
 * metrics' hand-worked properties.
 */
import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import {
  concentration,
  evaluateArm,
  headItems,
  hitTable,
  ipsNdcg,
  ipsWeights,
  type ItemStats,
  recommendationCounts,
} from "../../src/metrics/mod.ts";

const ref = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/beyond_accuracy_reference.json", import.meta.url)),
);
const nItems: number = ref.pop.length;
const k: number = ref.k;

function csr<T>(rows: T[][], ctor: (xs: T[]) => ArrayLike<number>) {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
  return { offsets, values: ctor(rows.flat()) };
}

function idRank(ids: string[]): Int32Array {
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : 1));
  const rank = new Int32Array(ids.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

function itemStats(): ItemStats {
  const pop = Int32Array.from(ref.pop);
  const vec = (ref.vectors as number[][]).map((row) =>
    row.flatMap((v, t) => (v === 0 ? [] : [[t, v]]))
  );
  const c = csr(vec, (xs) => Float64Array.from(xs as number[][], (x) => x[1]));
  const index = Int32Array.from(vec.flat(), (x) => x[0]);
  const a = csr(ref.authors as number[][], (xs) => Int32Array.from(xs as number[]));
  return {
    pop,
    trainUsers: ref.trainUsers,
    head: headItems(pop, idRank(ref.itemIds)),
    ipsGamma: ref.gamma,
    content: { offsets: c.offsets, index, value: c.values as Float64Array },
    authors: { offsets: a.offsets, ids: a.values as Int32Array },
  };
}

const lists = Int32Array.from((ref.lists as number[][]).flat());
const rel = csr(ref.relevant as number[][], (xs) => Int32Array.from(xs as number[]));
const evaluation = evaluateArm({
  lists,
  k,
  ks: [k, 3],
  items: itemStats(),
  relOffsets: rel.offsets,
  relItems: rel.values as Int32Array,
  cold: new Uint8Array(nItems),
  catalogSize: nItems,
});

Deno.test("Head: the most popular items holding 80% of train interactions, ties by item id", () => {
  const head = headItems(Int32Array.from(ref.pop), idRank(ref.itemIds));
  assertEquals([...head.keys()].filter((i) => head[i]), ref.head);
});

for (const at of [k, 3]) {
  Deno.test(`per-user §4.1 metrics at k = ${at} equal the Python reference (NaN = no value)`, () => {
    const seg = evaluation.segments.overall;
    assertEquals(seg.rows.length, ref.lists.length);
    for (const [metric, values] of Object.entries(ref.perUser[String(at)])) {
      const got = seg.perUser[`${metric}@${at}`];
      assert(got, `${metric}@${at} computed`);
      (values as (number | null)[]).forEach((want, j) => {
        if (want === null) assert(Number.isNaN(got[j]), `${metric} user ${j}: no value`);
        else assertAlmostEquals(got[j], want, 1e-12, `${metric}@${at} user ${j}`);
      });
      const defined = (values as (number | null)[]).filter((v) => v !== null) as number[];
      const mean = defined.reduce((s, v) => s + v, 0) / defined.length;
      assertAlmostEquals(seg.mean[`${metric}@${at}`], mean, 1e-12, `mean of ${metric}@${at}`);
    }
  });
  Deno.test(`Gini@${at} and Entropy@${at} equal the Python reference`, () => {
    const want = ref.concentration[String(at)];
    assertAlmostEquals(evaluation.segments.overall.mean[`Gini@${at}`], want.Gini, 1e-12);
    assertAlmostEquals(evaluation.segments.overall.mean[`Entropy@${at}`], want.Entropy, 1e-12);
  });
}

Deno.test("the fixture exercises what it should: empty and one-item lists, unseen items, empty vectors", () => {
  const sizes = (ref.lists as number[][]).map((l) => l.filter((i) => i >= 0).length);
  assert(sizes.includes(0) && sizes.includes(1));
  assert((ref.pop as number[]).includes(0));
  assert((ref.vectors as number[][]).some((v) => v.every((x) => x === 0)));
  assert((ref.authors as number[][]).some((a) => a.length === 0));
});

Deno.test("Gini and Entropy: equal spread, one item taking every slot, nothing recommended", () => {
  const even = concentration(Int32Array.of(2, 2, 2, 2), 4);
  assertEquals(even.gini, 0);
  assertEquals(even.entropy, 2);
  const one = concentration(Int32Array.of(0, 9, 0, 0, 0), 5);
  assertAlmostEquals(one.gini, 1 - 1 / 5, 1e-15);
  assertEquals(one.entropy, 0);
  const none = concentration(new Int32Array(3), 3);
  assert(Number.isNaN(none.gini) && Number.isNaN(none.entropy));
  // items of the catalog that no list holds count 0 even when the counts array is shorter
  const short = concentration(Int32Array.of(1, 1), 4);
  assertAlmostEquals(short.gini, 0.5, 1e-15);
  assertEquals(recommendationCounts(Int32Array.of(2, -1, 2, 0), 2, 3).join(), "1,0,2");
});

Deno.test("Gini and Entropy equal their definition for few large counts (sorted) and many small ones (histogram)", () => {
  let seed = 5;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const scratch = new Int32Array(200_001);
  for (
    const [items, maxCount, catalog] of [[50, 100_000, 93_395], [3, 80_000, 10], [5000, 20, 9000], [
      400,
      400,
      400,
    ]]
  ) {
    for (let trial = 0; trial < 5; trial++) {
      const counts = Int32Array.from(
        { length: items },
        () => rand() < 0.2 ? 0 : 1 + Math.floor(rand() * maxCount),
      );
      counts[0] = counts[1] = maxCount; // ties
      // the definition: every catalog item's count ascending, ranks 1..C
      const all = [...counts, ...new Array(catalog - items).fill(0)].sort((a, b) => a - b);
      const total = all.reduce((a, b) => a + b, 0);
      const gini = all.reduce((g, x, r) => g + (2 * (r + 1) - catalog - 1) * x, 0) /
        (catalog * total);
      const entropy = -all.reduce((h, x) => x > 0 ? h + (x / total) * Math.log2(x / total) : h, 0);
      const got = concentration(counts, catalog, scratch);
      const what = `${items} items up to ${maxCount}, trial ${trial}`;
      assertAlmostEquals(got.gini, gini, 1e-12, what);
      assertAlmostEquals(got.entropy, entropy, 1e-12, what);
      // the scratch is left zeroed: a call with it equals a call without, to the bit
      assert(scratch.every((x) => x === 0), `${what}: scratch left zeroed`);
      const fresh = concentration(counts, catalog);
      assert(Object.is(fresh.gini, got.gini) && Object.is(fresh.entropy, got.entropy), what);
    }
  }
});

Deno.test("without item statistics only the §4 metrics are computed (old callers unchanged)", () => {
  const e = evaluateArm({
    lists,
    k,
    relOffsets: rel.offsets,
    relItems: rel.values as Int32Array,
    cold: new Uint8Array(nItems),
    catalogSize: nItems,
  });
  assertEquals(Object.keys(e.segments.overall.mean), [
    `NDCG@${k}`,
    `Recall@${k}`,
    `Precision@${k}`,
    `HitRate@${k}`,
    `MRR@${k}`,
    `Coverage@${k}`,
  ]);
  assertEquals(e.ks, [k]);
});

Deno.test("several cut-offs equal one evaluation per cut-off on the truncated lists", () => {
  const items = itemStats();
  const base = {
    relOffsets: rel.offsets,
    relItems: rel.values as Int32Array,
    cold: Uint8Array.from({ length: nItems }, (_, i) => i % 3 === 0 ? 1 : 0),
    catalogSize: nItems,
    items,
  };
  const many = evaluateArm({ ...base, lists, k, ks: [2, k, 4] });
  for (const c of [2, 4, k]) {
    const short = Int32Array.from(
      { length: ref.lists.length * c },
      (_, q) => lists[Math.floor(q / c) * k + (q % c)],
    );
    const one = evaluateArm({ ...base, lists: short, k: c });
    for (const g of ["overall", "warm", "cold"] as const) {
      for (const [m, v] of Object.entries(one.segments[g].mean)) {
        assert(Object.is(many.segments[g].mean[m], v), `${g} ${m}`);
      }
      for (const [m, v] of Object.entries(one.segments[g].perUser)) {
        assertEquals(many.segments[g].perUser[m], v, `${g} ${m}`);
      }
    }
  }
});

Deno.test("γ = 0 weighs every item 1: IPS-NDCG = NDCG and IPS-Recall = Recall, user by user", () => {
  const e = evaluateArm({
    lists,
    k,
    items: { ...itemStats(), ipsGamma: 0 },
    relOffsets: rel.offsets,
    relItems: rel.values as Int32Array,
    cold: new Uint8Array(nItems),
    catalogSize: nItems,
  });
  const u = e.segments.overall.perUser;
  u[`NDCG@${k}`].forEach((v, j) => assertAlmostEquals(u[`IPS-NDCG@${k}`][j], v, 1e-15));
  u[`Recall@${k}`].forEach((v, j) => assertAlmostEquals(u[`IPS-Recall@${k}`][j], v, 1e-15));
});

Deno.test("list-only §4.1 metrics in the warm and cold segments are the reference's values of those users", () => {
  const cold = Uint8Array.from({ length: nItems }, (_, i) => i % 2);
  const e = evaluateArm({
    lists,
    k,
    items: itemStats(),
    relOffsets: rel.offsets,
    relItems: rel.values as Int32Array,
    cold,
    catalogSize: nItems,
  });
  const listOnly = ["Novelty", "ARP", "LongTailShare", "ILD-content", "ILD-author"];
  for (const [segment, prefix] of [["warm", "Warm"], ["cold", "Cold"]] as const) {
    const seg = e.segments[segment];
    assert(
      seg.rows.length > 0 && seg.rows.length < ref.lists.length,
      `${segment} is a strict subset`,
    );
    for (const metric of listOnly) {
      const got = seg.perUser[`${prefix}${metric}@${k}`];
      assert(got, `${prefix}${metric}@${k} computed`);
      seg.rows.forEach((j, q) => {
        const want = ref.perUser[String(k)][metric][j];
        if (want === null) assert(Number.isNaN(got[q]), `${segment} ${metric} user ${j}: no value`);
        else assertAlmostEquals(got[q], want, 1e-12, `${segment} ${metric} user ${j}`);
      });
    }
  }
});

Deno.test("IPS-NDCG's ideal DCG (top-k weights by insertion) equals a full sort, with ties and |R| > k", () => {
  let seed = 99;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const nI = 50, kk = 5, n = 400;
  const pop = Int32Array.from({ length: nI }, () => 1 + Math.floor(rnd() * 6)); // many ties
  const stats = {
    pop,
    trainUsers: 40,
    head: new Uint8Array(nI),
    ipsGamma: 0.7,
    content: null,
    authors: null,
  };
  const lists2 = Int32Array.from({ length: n * kk }, () => Math.floor(rnd() * nI));
  const offsets = new Int32Array(n + 1);
  const items: number[] = [];
  for (let j = 0; j < n; j++) {
    const m = Math.floor(rnd() * 12); // 0..11 relevant items: below, at and above k
    for (let q = 0; q < m; q++) items.push(Math.floor(rnd() * nI));
    offsets[j + 1] = items.length;
  }
  const t = hitTable(lists2, kk, offsets, Int32Array.from(items), undefined, nI);
  const got = ipsNdcg(t, stats as ItemStats);
  const w = ipsWeights(stats);
  const disc = Array.from({ length: kk }, (_, p) => 1 / Math.log2(p + 2));
  let longer = 0;
  for (let j = 0; j < n; j++) {
    const rel = items.slice(offsets[j], offsets[j + 1]).map((i) => w[i]).sort((a, b) => b - a);
    if (rel.length === 0) {
      assert(Number.isNaN(got[j]), `user ${j}: no value`);
      continue;
    }
    if (rel.length > kk) longer++;
    let dcg = 0, idcg = 0;
    for (let p = 0; p < kk; p++) {
      if (t.hits[j * kk + p]) dcg += w[lists2[j * kk + p]] * disc[p];
    }
    for (let p = 0; p < Math.min(rel.length, kk); p++) idcg += rel[p] * disc[p];
    assertEquals(got[j], dcg / idcg, `user ${j}`);
  }
  assert(longer > 50, "many users have more relevant items than k");
});
