/** The worker-parallel neighbour table and off-thread serving equal the single-threaded ones, byte for byte. */
import { assertEquals } from "../_assert.ts";
import { itemNeighbours } from "../../src/recommenders/_item2item_sim.ts";
import { itemNeighboursParallel } from "../../src/recommenders/_item2item_parallel.ts";
import { generatedFiles } from "../../src/run/data_source.ts";
import { silentProgress } from "../../src/run/progress.ts";
import { prepareData } from "../../src/run/prepare.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { ParallelItem2ItemRecommender } from "../../src/recommenders/item2item.ts";
import { serve } from "../../src/replay/serve.ts";

/** Train data and holdout of a small generated dataset (popular vs item2item scenario). */
async function generatedSplit() {
  const generate = { seed: 5, users: 3000, items: 1500, interactions: 40000 };
  await generatedFiles(generate, silentProgress);
  const s = resolveScenario({
    name: "par",
    data: { generate },
    control: { type: "popular" },
    test: { type: "item2item" },
  }, `${Deno.cwd()}/par.json`);
  return await prepareData(s, silentProgress, {});
}

Deno.test("parallel item2item neighbours equal the sequential ones (2 and 3 workers, all similarities)", async () => {
  const { train } = await generatedSplit();
  for (const similarity of ["cosine", "jaccard", "damped"] as const) {
    const opts = { similarity, neighbours: 20, maxUserHistory: 50, shrink: 10, damping: 0.5 };
    const seq = itemNeighbours(train, opts);
    for (const threads of [2, 3]) {
      const par = await itemNeighboursParallel(train, opts, threads, 0);
      assertEquals(par.offsets, seq.offsets, `${similarity}/${threads} offsets`);
      assertEquals(par.index, seq.index, `${similarity}/${threads} index`);
      assertEquals(par.value, seq.value, `${similarity}/${threads} value`);
    }
  }
});

Deno.test("item2item served on workers gives the main thread's lists, batch by batch", async () => {
  const { train, holdout } = await generatedSplit();
  const rec = new ParallelItem2ItemRecommender({ neighbours: 30 });
  await rec.fit(train);
  const users = holdout.evalUsers;
  const onMain = await serve(rec, train, users, 10, { batchSize: 97, minOffThread: Infinity });
  let progress = 0;
  const offThread = await serve(rec, train, users, 10, {
    batchSize: 97,
    minOffThread: 0,
    onProgress: (d) => (progress = d),
  });
  assertEquals(offThread.lists, onMain.lists, "lists");
  assertEquals(offThread.violations, onMain.violations, "violations");
  assertEquals(progress, users.length, "progress reaches the total");
  assertEquals(offThread.msPerUser.length, onMain.msPerUser.length, "one latency per batch");
  assertEquals(offThread.msPerUser.every((ms) => ms > 0), true, "worker compute times recorded");
  // With simulated errors, the same users fail on both paths.
  const a = await serve(rec, train, users, 10, {
    minOffThread: Infinity,
    simulateErrors: 0.1,
    seed: 3,
  });
  const b = await serve(rec, train, users, 10, { minOffThread: 0, simulateErrors: 0.1, seed: 3 });
  assertEquals(b.failedUsers, a.failedUsers, "failed users");
  assertEquals(b.lists, a.lists, "lists with failures");
});
