/**
 * Metrics against a second, naive implementation written here from the
 * PROTOCOL §4 formulas (Sets and plain loops), on random lists and sets.
 */
import { assertAlmostEquals, assertEquals } from "../_assert.ts";
import {
  coverage,
  evaluateArm,
  hitRate,
  hitTable,
  mrr,
  ndcg,
  precision,
  recall,
} from "../../src/metrics/mod.ts";
import { mulberry32 } from "../../src/rng/mod.ts";

function naive(list: number[], rel: Set<number>, k: number) {
  const top = list.slice(0, k).filter((i) => i >= 0);
  let dcg = 0;
  let first = 0;
  let hits = 0;
  top.forEach((i, p) => {
    if (list.indexOf(i) !== p) return; // distinct items only
    if (rel.has(i)) {
      dcg += 1 / Math.log2(p + 2);
      hits++;
      if (!first) first = p + 1;
    }
  });
  let idcg = 0;
  for (let p = 1; p <= Math.min(rel.size, k); p++) idcg += 1 / Math.log2(p + 1);
  return {
    ndcg: dcg / idcg,
    recall: hits / rel.size,
    precision: hits / k,
    hit: hits > 0 ? 1 : 0,
    mrr: first ? 1 / first : 0,
  };
}

Deno.test("ranking metrics equal a naive implementation on random data", () => {
  const rand = mulberry32(7);
  const k = 10, nUsers = 300, nItems = 60;
  const lists = new Int32Array(nUsers * k).fill(-1);
  const sets: Set<number>[] = [];
  const offsets = [0];
  const items: number[] = [];
  for (let j = 0; j < nUsers; j++) {
    const len = Math.floor(rand() * (k + 1)); // short lists too
    const chosen = new Set<number>();
    while (chosen.size < len) chosen.add(Math.floor(rand() * nItems));
    [...chosen].forEach((i, p) => (lists[j * k + p] = i));
    const rel = new Set<number>();
    const nRel = 1 + Math.floor(rand() * 15);
    while (rel.size < nRel) rel.add(Math.floor(rand() * nItems));
    sets.push(rel);
    items.push(...[...rel].sort((a, b) => a - b));
    offsets.push(items.length);
  }
  const t = hitTable(lists, k, Int32Array.from(offsets), Int32Array.from(items));
  const got = {
    ndcg: ndcg(t),
    recall: recall(t),
    precision: precision(t),
    hit: hitRate(t),
    mrr: mrr(t),
  };
  for (let j = 0; j < nUsers; j++) {
    const want = naive(Array.from(lists.subarray(j * k, j * k + k)), sets[j], k);
    for (const m of Object.keys(want) as (keyof typeof want)[]) {
      assertAlmostEquals(got[m][j], want[m], 1e-12, `${m} user ${j}`);
    }
  }
});

Deno.test("an empty list scores zero, never skipped", () => {
  const t = hitTable(new Int32Array([-1, -1]), 2, new Int32Array([0, 1]), new Int32Array([3]));
  assertEquals([ndcg(t)[0], recall(t)[0], precision(t)[0], hitRate(t)[0], mrr(t)[0]], [
    0,
    0,
    0,
    0,
    0,
  ]);
});

Deno.test("segments: cold metrics use Rc but the unfiltered list (RecTools-style table)", () => {
  // items 0..4; 3 and 4 are cold. k = 2.
  // user 0: list [3, 0], R {0, 3}: overall hits at 1, 2; cold Rc {3} hit at 1; warm Rw {0} hit at 2
  // user 1: list [1, 2], R {4}: overall no hit; cold Rc {4} no hit; no warm set → not in warm
  const e = evaluateArm({
    lists: new Int32Array([3, 0, 1, 2]),
    k: 2,
    relOffsets: new Int32Array([0, 2, 3]),
    relItems: new Int32Array([0, 3, 4]),
    cold: new Uint8Array([0, 0, 0, 1, 1]),
    catalogSize: 5,
  });
  assertEquals(e.segments.overall.rows.length, 2);
  assertAlmostEquals(e.segments.overall.mean["NDCG@2"], (1 + 0) / 2);
  assertEquals(Array.from(e.segments.cold.rows), [0, 1]);
  assertAlmostEquals(e.segments.cold.mean["ColdNDCG@2"], 0.5);
  assertAlmostEquals(e.segments.cold.mean["ColdRecall@2"], 0.5);
  assertEquals(Array.from(e.segments.warm.rows), [0]);
  // warm: hit at position 2, |Rw| = 1 → (1/log2 3) / 1
  assertAlmostEquals(e.segments.warm.mean["WarmNDCG@2"], 1 / Math.log2(3));
  assertEquals(e.segments.warm.mean["WarmMRR@2"], 0.5);
  assertEquals(e.segments.overall.mean["Coverage@2"], 4 / 5);
  assertEquals(e.segments.warm.mean["WarmCoverage@2"], 2 / 5);
  assertEquals(coverage(new Int32Array([1, -1]), 2, 0), 0);
});

Deno.test("coverage counts the distinct items of the rows named, as a set of the items does", () => {
  const rand = mulberry32(17);
  for (const k of [1, 3, 10]) {
    const n = 500;
    const lists = Int32Array.from(
      { length: n * k },
      () => rand() < 0.1 ? -1 : Math.floor(rand() ** 3 * 400),
    );
    const rows = Int32Array.from({ length: 200 }, () => Math.floor(rand() * n));
    for (const subset of [undefined, rows, new Int32Array(0)]) {
      const seen = new Set<number>();
      for (const j of subset ?? Array.from({ length: n }, (_, j) => j)) {
        for (let p = 0; p < k; p++) if (lists[j * k + p] >= 0) seen.add(lists[j * k + p]);
      }
      assertEquals(coverage(lists, k, 1000, subset), seen.size / 1000);
    }
  }
  assertEquals(coverage(Int32Array.of(-1, -1), 2, 10), 0);
});
