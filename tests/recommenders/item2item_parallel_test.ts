/** The worker-parallel neighbour table equals the single-threaded one, byte for byte. */
import { assertEquals } from "../_assert.ts";
import { itemNeighbours } from "../../src/recommenders/_item2item_sim.ts";
import { itemNeighboursParallel } from "../../src/recommenders/_item2item_parallel.ts";
import { generatedFiles, prepareData, silentProgress } from "../../src/pipeline/mod.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";

/** Train data and holdout of a small generated dataset (popular vs item2item scenario). */
export async function generatedSplit() {
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
