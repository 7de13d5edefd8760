/**
 * Several independent bootstrap jobs (e.g. the three segments of a run) on
 * Web Workers, each with its own seeded {@linkcode Rng}: the results equal
 * running the same jobs one after the other in this thread.
 *
 * @module
 */
import { type DiffLiftBootstrap, pairedBootstrap, unpairedBootstrap } from "./bootstrap.ts";
import { Rng } from "./rng.ts";

/** One bootstrap job: per-metric columns of both arms and the seed of its own Rng. */
export interface BootstrapJob {
  paired: boolean;
  control: Float64Array[];
  test: Float64Array[];
  seed: number;
  resamples: number;
  confidence: number;
}

/** Runs one job in this thread. */
export function runBootstrapJob(job: BootstrapJob): DiffLiftBootstrap[] {
  const run = job.paired ? pairedBootstrap : unpairedBootstrap;
  return run(job.control, job.test, new Rng(job.seed), {
    resamples: job.resamples,
    confidence: job.confidence,
  });
}

/** Below this many user-resamples in all jobs, workers are not worth starting. */
const MIN_PARALLEL_WORK = 2e8;

/**
 * Runs `jobs` on workers when the machine has several cores and the work is
 * large enough, else in this thread; results in job order.
 *
 * @example
 * ```ts
 * import { runBootstrapJobs } from "./bootstrap_parallel.ts";
 * const x = Float64Array.from({ length: 50 }, (_, i) => i % 3);
 * const [r] = await runBootstrapJobs([{ paired: true, control: [x], test: [x.map((v) => v + 1)], seed: 1, resamples: 200, confidence: 0.95 }]);
 * if (r[0].diff.estimate !== 1) throw new Error(String(r[0].diff.estimate));
 * ```
 */
export async function runBootstrapJobs(
  jobs: BootstrapJob[],
  threads = navigator.hardwareConcurrency || 1,
  minWork = MIN_PARALLEL_WORK,
): Promise<DiffLiftBootstrap[][]> {
  let work = 0;
  for (const j of jobs) work += (j.control[0]?.length ?? 0) * j.resamples * j.control.length;
  if (threads <= 1 || jobs.length <= 1 || work < minWork) return jobs.map(runBootstrapJob);
  return await Promise.all(jobs.map((job) => inWorker(job)));
}

function inWorker(job: BootstrapJob): Promise<DiffLiftBootstrap[]> {
  const worker = new Worker(new URL("./_bootstrap_worker.ts", import.meta.url).href, {
    type: "module",
  });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<DiffLiftBootstrap[] | { error: string }>) => {
      worker.terminate();
      if ("error" in e.data) reject(new Error(`bootstrap worker: ${e.data.error}`));
      else resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`bootstrap worker: ${e.message}`));
    };
    worker.postMessage(job);
  });
}
