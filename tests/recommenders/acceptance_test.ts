/**
 * Issue-level acceptance on the default built-in data (the README table):
 * item2item and hybrid beat popular on NDCG@10; content and hybrid reach cold
 * items while popular cannot; hybrid respects its diversity cap and never
 * returns a seen or unavailable item — checked on every list it returns.
 */
import { assert, assertEquals } from "../_assert.ts";
import { recommenderTable } from "../../scripts/recommender_table.ts";
import { generatedFiles, silentProgress } from "../../src/pipeline/mod.ts";
import { createRecommender } from "../../src/recommenders/mod.ts";
import { trainDataOf } from "../../src/replay/train_data.ts";

const files = await generatedFiles({}, silentProgress);
const { ds, holdout, rows } = await recommenderTable(files.interactions, files.books, [
  { type: "popular" },
  { type: "item2item" },
  { type: "content" },
  { type: "hybrid" },
]);
const by = Object.fromEntries(rows.map((r) => [r.type, r.metrics]));

Deno.test("item2item and hybrid beat popular on NDCG@10", () => {
  assert(by.item2item["NDCG@10"] > by.popular["NDCG@10"], JSON.stringify(by));
  assert(by.hybrid["NDCG@10"] > by.popular["NDCG@10"], JSON.stringify(by));
});

Deno.test("content and hybrid recommend cold items that readers read; popular cannot", () => {
  assertEquals(by.popular["ColdRecall@10"], 0);
  assert(by.content["ColdRecall@10"] > 0);
  assert(by.hybrid["ColdRecall@10"] > 0);
});

Deno.test("hybrid: diversity cap, no seen item, no unavailable item, on every list", async () => {
  const train = trainDataOf(ds, holdout);
  // make the 20 most popular train items unavailable
  const byPop = Array.from(holdout.trainCount.keys()).sort((a, b) =>
    holdout.trainCount[b] - holdout.trainCount[a]
  ).slice(0, 20);
  const unavailable = byPop.map((i) => ds.itemIds[i]);
  const rec = createRecommender({ type: "hybrid", params: { maxPerAuthor: 2, unavailable } }, {
    seed: 1,
    baseDir: ".",
  });
  await rec.fit(train);
  const k = 10;
  const out = await rec.recommend(holdout.evalUsers, k);
  const banned = new Set(byPop);
  let full = 0;
  for (let j = 0; j < holdout.evalUsers.length; j++) {
    const u = holdout.evalUsers[j];
    const seen = new Set(train.train.item.subarray(train.userOffsets[u], train.userOffsets[u + 1]));
    const list = Array.from(out.items.subarray(j * k, j * k + k)).filter((i) => i >= 0);
    if (list.length === k) full++;
    assertEquals(new Set(list).size, list.length, `duplicates for user ${u}`);
    const perAuthor = new Map<string, number>();
    for (const i of list) {
      assert(!seen.has(i), `seen item ${i} for user ${u}`);
      assert(!banned.has(i), `unavailable item ${i} for user ${u}`);
      for (const a of ds.items!.authors[i]) perAuthor.set(a, (perAuthor.get(a) ?? 0) + 1);
    }
    for (const [a, c] of perAuthor) assert(c <= 2, `author ${a} appears ${c} times for user ${u}`);
  }
  assert(
    full > 0.95 * holdout.evalUsers.length,
    `fallback fills lists: ${full} of ${holdout.evalUsers.length} full`,
  );
});
