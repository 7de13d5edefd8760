/** Bootstrap jobs on workers give exactly the in-thread results. */
import { assertEquals } from "../_assert.ts";
import {
  runBootstrapJob,
  runBootstrapJobs,
  runWorkerJob,
  runWorkerJobs,
  type WorkerJob,
} from "../../src/stats/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

Deno.test("runBootstrapJobs on workers equals running the jobs in this thread", async () => {
  const rng = new Rng(3);
  const col = (n: number) =>
    Float64Array.from({ length: n }, () => (rng.next() < 0.6 ? 0 : rng.next()));
  const jobs = [
    {
      paired: true,
      control: [col(500), col(500)],
      test: [col(500), col(500)],
      seed: 11,
      resamples: 300,
      confidence: 0.95,
    },
    {
      paired: false,
      control: [col(300)],
      test: [col(400)],
      seed: 12,
      resamples: 300,
      confidence: 0.9,
    },
  ];
  const here = jobs.map(runBootstrapJob);
  const there = await runBootstrapJobs(jobs, 2, 0);
  assertEquals(there, here);
});

Deno.test("runWorkerJobs: means, coverage and concentration jobs on one pool (costliest first) equal the in-thread results, in job order", async () => {
  const rng = new Rng(5);
  const col = (n: number) => Float64Array.from({ length: n }, () => rng.next());
  const sets = { offsets: Int32Array.of(0, 2, 3, 5, 6), members: Int32Array.of(0, 1, 1, 2, 3, 0) };
  const jobs: WorkerJob[] = [
    {
      kind: "means",
      job: {
        paired: true,
        control: [col(80)],
        test: [col(80)],
        seed: 1,
        resamples: 100,
        confidence: 0.95,
      },
    },
    { kind: "cover", job: { n: 4, size: 2, families: [sets, sets], resamples: 50, seed: 2 } },
    { kind: "cover", job: { n: 4, size: 3, families: [sets], resamples: 50, seed: 3 } },
    // the costliest job, last: it starts first on the pool, its result still comes last
    {
      kind: "concentration",
      job: {
        n: 300,
        size: 150,
        families: [{ lists: Int32Array.from({ length: 900 }, () => rng.int(40) - 1), k: 3 }],
        catalogSize: 50,
        nItems: 40,
        resamples: 100,
        seed: 4,
      },
    },
  ];
  assertEquals(await runWorkerJobs(jobs, 2, 0), jobs.map(runWorkerJob));
});
