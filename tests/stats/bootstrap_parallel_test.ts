/** Bootstrap jobs on workers give exactly the in-thread results. */
import { assertEquals } from "../_assert.ts";
import { runBootstrapJob, runBootstrapJobs } from "../../src/stats/mod.ts";
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
