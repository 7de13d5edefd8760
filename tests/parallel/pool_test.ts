/**
 * The worker pool: results in task order, never more than `size` tasks at
 * once (counted by the tasks themselves in shared memory), state a broadcast
 * leaves is there for later tasks on every worker, a failing task rejects
 * with its message while the pool goes on, a crashed worker fails what is
 * pending and everything after, and results arrive intact.
 */
import { assertEquals, assertRejects } from "../_assert.ts";
import { runTasks, shared, task, WorkerPool } from "../../src/parallel/mod.ts";

const TASKS = new URL("./_tasks.ts", import.meta.url);

Deno.test("runTasks: results in task order, at most `threads` tasks at once", async () => {
  const counters = shared(new Int32Array(2));
  const tasks = Array.from({ length: 7 }, (_, i) => task(TASKS, "hold", counters, 30, i));
  const out = await runTasks<number>(tasks, 2);
  assertEquals(out, [0, 2, 4, 6, 8, 10, 12]);
  assertEquals(counters[1], 2, "two workers, so never more than two tasks running");
  assertEquals(counters[0], 0);
});

Deno.test("broadcast: every worker keeps the state later tasks read", async () => {
  const pool = new WorkerPool(3);
  try {
    assertEquals(await pool.broadcast<string>(task(TASKS, "remember", "model")), [
      "model",
      "model",
      "model",
    ]);
    const got = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.run<string>(task(TASKS, "recall", `-${i}`))),
    );
    assertEquals(got, ["model-0", "model-1", "model-2", "model-3", "model-4", "model-5"]);
  } finally {
    pool.close();
  }
});

Deno.test("a failing task rejects with its message; the pool goes on", async () => {
  const pool = new WorkerPool(1);
  try {
    await assertRejects(() => pool.run(task(TASKS, "fail", "bad input 7")), /bad input 7/);
    await assertRejects(() => pool.run(task(TASKS, "nothing")), /exports no function/);
    assertEquals(Array.from(await pool.run<Float64Array>(task(TASKS, "halves", 3))), [0, 0.5, 1]);
  } finally {
    pool.close();
  }
});

Deno.test("a crashed worker fails what is pending and every later task", async () => {
  const pool = new WorkerPool(1);
  try {
    await assertRejects(() => pool.run(task(TASKS, "crash")), /worker crashed/);
    await assertRejects(() => pool.run(task(TASKS, "halves", 2)), /worker crashed/);
  } finally {
    pool.close();
  }
});

Deno.test("close rejects tasks still pending", async () => {
  const pool = new WorkerPool(1);
  const counters = shared(new Int32Array(2));
  const running = pool.run(task(TASKS, "hold", counters, 200, 1));
  const queued = pool.run(task(TASKS, "hold", counters, 200, 2));
  pool.close();
  await assertRejects(() => running, /closed/);
  await assertRejects(() => queued, /closed/);
});
