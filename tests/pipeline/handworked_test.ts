/**
 * End to end on a hand-worked fixture (tests/fixtures/handworked.csv): 11
 * users, items a..h, split at 2020-01-01, k = 3, coldThreshold = 2. Every
 * expected value of the `popular` arm below is worked out by hand in the
 * comments, independently of the code under test.
 */
import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { fileURLToPath as fromFileUrl } from "node:url";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { runScenario } from "../../src/pipeline/mod.ts";

const FIXTURE = fromFileUrl(new URL("../fixtures/handworked.csv", import.meta.url));

// Train counts (distinct train users) after dedupe — u1's two "a" rows keep the
// later one; u9's "b" keeps the 2020 row, so it moves to test and u9 has no train:
//   a: u1 u2 u3 u5 u8 = 5   b: u1 u3 u4 u8 = 4   c: u2 u4 u6 u8 = 4   d: u3 u6 u10 = 3
//   e: u7 = 1   f, g, h: 0.   Cold (< 2): e f g h.   Popular order: a b c d e f g h.
// Eval users (train history and a test item): u1 u2 u3 u4 u5 u6 u7 u10 (u8: no test; u9, u11: no train).
// Lists (top 3 of the order minus the user's train items) and relevant sets:
//   u1 seen{a,b}   → c d e   R{c,f}     hits at 1
//   u2 seen{a,c}   → b d e   R{b}       hits at 1
//   u3 seen{a,b,d} → c e f   R{e,g}     hits at 2
//   u4 seen{b,c}   → a d e   R{a,h}     hits at 1
//   u5 seen{a}     → b c d   R{d,f,h}   hits at 3
//   u6 seen{c,d}   → a b e   R{a,b}     hits at 1, 2
//   u7 seen{e}     → a b c   R{g}       none
//   u10 seen{d}    → a b c   R{h}       none
const D2 = 1 / Math.log2(3); // discount at position 2; position 3 is 1/log2(4) = 0.5
const I1 = 1, I2 = 1 + D2, I3 = 1 + D2 + 0.5; // IDCG for |R| = 1, 2, >=3

function scenario() {
  return resolveScenario({
    name: "handworked",
    data: { path: FIXTURE },
    split: { date: "2020-01-01" },
    eval: { k: 3, coldThreshold: 2 },
    control: { type: "random" },
    test: { type: "popular" },
  }, fromFileUrl(new URL("../fixtures/handworked.json", import.meta.url)));
}

Deno.test("hand-worked fixture: cleaning, split and eval users", async () => {
  const r = await runScenario(scenario());
  assertEquals(r.dataset.report.rowsRead, 35);
  assertEquals(r.dataset.report.duplicatesRemoved, 2);
  assertEquals(r.dataset.report.rowsKept, 33);
  assertEquals(r.holdout.evalUsers.length, 8);
  assertEquals(Array.from(r.holdout.evalUsers, (u) => r.dataset.userIds[u]).sort(), [
    "u1",
    "u10",
    "u2",
    "u3",
    "u4",
    "u5",
    "u6",
    "u7",
  ]);
  const cold = r.dataset.itemIds.filter((_, i) => r.holdout.cold[i]);
  assertEquals(cold, ["e", "f", "g", "h"]);
  assertEquals(r.holdout.catalogSize, 8);
});

Deno.test("hand-worked fixture: popular lists and every metric", async () => {
  const r = await runScenario(scenario());
  const pop = r.arms.test;
  const ids = r.dataset.itemIds;
  const lists: Record<string, string> = {};
  pop.served.users.forEach((u, j) => {
    lists[r.dataset.userIds[u]] = Array.from(
      pop.served.lists.subarray(j * 3, j * 3 + 3),
      (i) => ids[i],
    ).join("");
  });
  assertEquals(lists, {
    u1: "cde",
    u2: "bde",
    u3: "cef",
    u4: "ade",
    u5: "bcd",
    u6: "abe",
    u7: "abc",
    u10: "abc",
  });

  const m = pop.evaluation.segments;
  const n = 8;
  // overall: per-user NDCG u1 1/I2, u2 1/I1, u3 D2/I2, u4 1/I2, u5 .5/I3, u6 (1+D2)/I2, u7 0, u10 0
  assertAlmostEquals(
    m.overall.mean["NDCG@3"],
    (1 / I2 + 1 / I1 + D2 / I2 + 1 / I2 + 0.5 / I3 + (1 + D2) / I2) / n,
    1e-12,
  );
  assertAlmostEquals(
    m.overall.mean["Recall@3"],
    (1 / 2 + 1 + 1 / 2 + 1 / 2 + 1 / 3 + 1) / n,
    1e-12,
  );
  assertAlmostEquals(m.overall.mean["Precision@3"], (1 + 1 + 1 + 1 + 1 + 2) / 3 / n, 1e-12);
  assertAlmostEquals(m.overall.mean["HitRate@3"], 6 / n, 1e-12);
  assertAlmostEquals(m.overall.mean["MRR@3"], (1 + 1 + 1 / 2 + 1 + 1 / 3 + 1) / n, 1e-12);
  // coverage: ∪ lists = {a..f} = 6 of 8 catalog items
  assertEquals(m.overall.mean["Coverage@3"], 6 / 8);

  // cold: Rc u1{f} u3{e,g} u4{h} u5{f,h} u7{g} u10{h}; only u3 hits (e at 2)
  assertEquals(m.cold.rows.length, 6);
  assertAlmostEquals(m.cold.mean["ColdNDCG@3"], D2 / I2 / 6, 1e-12);
  assertAlmostEquals(m.cold.mean["ColdRecall@3"], 0.5 / 6, 1e-12);
  assertAlmostEquals(m.cold.mean["ColdPrecision@3"], 1 / 3 / 6, 1e-12);
  assertAlmostEquals(m.cold.mean["ColdHitRate@3"], 1 / 6, 1e-12);
  assertAlmostEquals(m.cold.mean["ColdMRR@3"], 0.5 / 6, 1e-12);
  // cold users' lists: cde cef ade bcd abc abc → {a..f}
  assertEquals(m.cold.mean["ColdCoverage@3"], 6 / 8);

  // warm: Rw u1{c} u2{b} u4{a} u5{d} u6{a,b}; hits u1@1 u2@1 u4@1 u5@3 u6@1,2
  assertEquals(m.warm.rows.length, 5);
  assertAlmostEquals(m.warm.mean["WarmNDCG@3"], (1 + 1 + 1 + 0.5 / I1 + 1) / 5, 1e-12);
  assertAlmostEquals(m.warm.mean["WarmRecall@3"], 1, 1e-12);
  assertAlmostEquals(m.warm.mean["WarmPrecision@3"], (1 + 1 + 1 + 1 + 2) / 3 / 5, 1e-12);
  assertAlmostEquals(m.warm.mean["WarmMRR@3"], (1 + 1 + 1 + 1 / 3 + 1) / 5, 1e-12);
  // warm users' lists: cde bde ade bcd abe → {a..e}
  assertEquals(m.warm.mean["WarmCoverage@3"], 5 / 8);
});

Deno.test("hand-worked fixture: random arm obeys the list contract", async () => {
  const r = await runScenario(scenario());
  const rnd = r.arms.control.served;
  assertEquals(rnd.violations, { seen: 0, duplicate: 0, notInCatalog: 0, outOfRange: 0 });
  for (let j = 0; j < rnd.users.length; j++) {
    const row = Array.from(rnd.lists.subarray(j * 3, j * 3 + 3));
    assert(row.every((i) => i >= 0), "every user gets 3 items (8 catalog items, at most 3 seen)");
    assertEquals(new Set(row).size, 3);
  }
});
