/**
 * Serving on workers (`worker_arm.ts`): the lists are the in-process
 * model's, batch by batch, for item2item (the type that declares its serving
 * data) and for hybrid (rebuilt from the registry like any other type); the
 * same users fail under simulated errors; `servingArm` picks workers only for
 * a type that declares `servingData`, a large replay and more than one thread.
 */
import { assert, assertEquals } from "../_assert.ts";
import { generatedSplit } from "./item2item_parallel_test.ts";
import {
  createRecommender,
  MIN_WORKER_USERS,
  onWorkers,
  servingArm,
} from "../../src/recommenders/mod.ts";
import { serve } from "../../src/replay/serve.ts";

Deno.test("item2item and hybrid served on workers give the in-process lists, batch by batch", async () => {
  const { train, holdout } = await generatedSplit();
  const users = holdout.evalUsers;
  for (const type of ["item2item", "hybrid"]) {
    const params = type === "hybrid" ? { maxPerAuthor: 2 } : { neighbours: 30 };
    const rec = createRecommender({ type, params }, {
      seed: 1,
      baseDir: ".",
    });
    await rec.fit(train);
    const here = await serve(rec, train, users, 10, { batchSize: 97 });
    const arm = await onWorkers(rec, train, 2);
    try {
      assertEquals(arm.concurrency, 2);
      let progress = 0;
      const there = await serve(arm, train, users, 10, {
        batchSize: 97,
        onProgress: (d) => (progress = d),
      });
      assertEquals(there.lists, here.lists, `${type}: lists`);
      assertEquals(there.violations, here.violations, `${type}: violations`);
      assertEquals(progress, users.length, "progress reaches the total");
      assertEquals(there.requestMs.length, Math.ceil(users.length / 97), "one latency per batch");
      assert(there.requestMs.every((ms) => ms > 0), "each batch timed around its await");
      const a = await serve(rec, train, users, 10, { simulateErrors: 0.1, seed: 3 });
      const b = await serve(arm, train, users, 10, { simulateErrors: 0.1, seed: 3 });
      assert(a.failedUsers > 0);
      assertEquals([b.failedUsers, b.lists], [a.failedUsers, a.lists], `${type}: with failures`);
    } finally {
      arm.close?.();
    }
  }
});

Deno.test("servingArm: workers only for a declaring type, a large replay and several threads", async () => {
  const { train } = await generatedSplit();
  const ctx = { seed: 1, baseDir: "." };
  const i2i = createRecommender({ type: "item2item", params: { neighbours: 5 } }, ctx);
  const pop = createRecommender({ type: "popular" }, ctx);
  await i2i.fit(train);
  await pop.fit(train);
  const big = { users: MIN_WORKER_USERS, threads: 2 };
  assertEquals(await servingArm(i2i, train, { ...big, users: MIN_WORKER_USERS - 1 }), i2i);
  assertEquals(await servingArm(i2i, train, { ...big, threads: 1 }), i2i);
  assertEquals(await servingArm(pop, train, big), pop, "popular declares no servingData");
  const arm = await servingArm(i2i, train, big);
  try {
    assert(arm !== i2i && arm.concurrency === 2, "item2item on two workers");
  } finally {
    arm.close?.();
  }
});
