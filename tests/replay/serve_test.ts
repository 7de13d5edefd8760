/**
 * The replay's one path for every arm: each batch is one awaited
 * `recommend`, at most `concurrency` batches are in flight, lists land in the
 * users' rows whatever order the batches finish in, a batch's latency is the
 * wall time around its await, and a rejected batch fails its users.
 */
import { assert, assertEquals } from "../_assert.ts";
import type { RecLists, Recommender, TrainData } from "../../src/recommenders/mod.ts";
import { serve } from "../../src/replay/serve.ts";

/** 10 users, 30 items, nobody has seen anything, every item in the catalog. */
const data: TrainData = {
  nUsers: 10,
  nItems: 30,
  train: {
    user: new Int32Array(0),
    item: new Int32Array(0),
    ts: new Float64Array(0),
    rating: new Uint8Array(0),
    isRead: new Uint8Array(0),
  },
  userOffsets: new Int32Array(11),
  weight: new Float32Array(0),
  userIds: Array.from({ length: 10 }, (_, u) => `u${u}`),
  itemIds: Array.from({ length: 30 }, (_, i) => `i${i}`),
  items: null,
  catalog: new Uint8Array(30).fill(1),
  splitTime: 0,
};

/**
 * A remote-like arm: user u gets items u, u+1, …; batch b answers after
 * `delay(b)` ms; the batch holding `failUser` is rejected. Records how many
 * batches were in flight at most.
 */
function slowArm(concurrency: number, delay: (first: number) => number, failUser = -1) {
  let inFlight = 0;
  const arm = {
    type: "remote",
    concurrency,
    maxInFlight: 0,
    fit() {},
    async recommend(users: Int32Array, k: number): Promise<RecLists> {
      arm.maxInFlight = Math.max(arm.maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, delay(users[0])));
      inFlight--;
      if (users.includes(failUser)) throw new Error("service unavailable");
      const items = new Int32Array(users.length * k);
      users.forEach((u, j) => {
        for (let p = 0; p < k; p++) items[j * k + p] = u + p;
      });
      return { k, users, items };
    },
  };
  return arm satisfies Recommender;
}

const users = Int32Array.from({ length: 10 }, (_, u) => u);

Deno.test("batches in flight up to concurrency; lists in user order whatever finishes first", async () => {
  // Later batches answer sooner: batch of users 0-1 waits 50 ms, of 8-9 waits 10 ms.
  const arm = slowArm(3, (first) => 50 - 5 * first);
  const served = await serve(arm, data, users, 2, { batchSize: 2 });
  assertEquals(arm.maxInFlight, 3);
  assertEquals(Array.from(served.lists), Array.from(users).flatMap((u) => [u, u + 1]));
  assertEquals(served.failedUsers, 0);
  // An in-process arm: each user is a request of the batch's wall time around its await / its
  // 2 users (≥ its delay / 2), and each latency stands for the batch's 2 requests.
  for (let b = 0; b < 5; b++) {
    assert(served.requestMs[b] >= (50 - 10 * b) / 2 - 1, `batch ${b}: ${served.requestMs[b]}`);
  }
  assertEquals(Array.from(served.requests), [2, 2, 2, 2, 2]);
});

Deno.test("an in-process arm (no concurrency) is served one batch at a time", async () => {
  const arm = slowArm(1, () => 1);
  await serve(arm, data, users, 3, { batchSize: 3 });
  assertEquals(arm.maxInFlight, 1);
});

Deno.test("a rejected batch fails its users and only them", async () => {
  const served = await serve(slowArm(2, () => 1, 5), data, users, 2, { batchSize: 4 });
  assertEquals(served.failedUsers, 4, "users 4-7 share the failing batch");
  assertEquals(Array.from(served.failed), [0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
  assertEquals(Array.from(served.lists.subarray(8, 16)), new Array(8).fill(-1));
  assertEquals(Array.from(served.lists.subarray(0, 2)), [0, 1]);
});
