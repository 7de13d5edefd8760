/**
 * Several independent bootstrap jobs (e.g. the three segments of a run) on
 * Web Workers, each with its own seeded {@linkcode Rng}: the results equal
 * running the same jobs one after the other in this thread.
 *
 * @module
 */
import { type DiffLiftBootstrap, pairedBootstrap, unpairedBootstrap } from "./bootstrap.ts";
import { Rng } from "../rng/mod.ts";
import { coverBootstrap, type CoverJob } from "./cover_bootstrap.ts";

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
  return await Promise.all(
    jobs.map((job) => inWorker<DiffLiftBootstrap[]>({ kind: "means", job })),
  );
}

/**
 * Runs union-size bootstraps (see `cover_bootstrap.ts`) like {@linkcode runBootstrapJobs}:
 * on workers when the work is large enough, else in this thread; results in job order.
 *
 * @example
 * ```ts
 * import { runCoverJobs } from "./bootstrap_parallel.ts";
 * const sets = { offsets: Int32Array.of(0, 1, 2), members: Int32Array.of(0, 1) };
 * const [[reps]] = await runCoverJobs([{ n: 2, size: 1, families: [sets], resamples: 10, seed: 1 }]);
 * if (reps.some((x) => x !== 1)) throw new Error(); // one user drawn: one set hit
 * ```
 */
export async function runCoverJobs(
  jobs: CoverJob[],
  threads = navigator.hardwareConcurrency || 1,
  minWork = MIN_PARALLEL_WORK,
): Promise<Float64Array[][]> {
  let work = 0;
  for (const j of jobs) work += j.n * j.resamples;
  if (threads <= 1 || jobs.length <= 1 || work < minWork) return jobs.map(coverBootstrap);
  return await Promise.all(jobs.map((job) => inWorker<Float64Array[]>({ kind: "cover", job })));
}

/** A message to the worker. */
export type WorkerJob = { kind: "means"; job: BootstrapJob } | { kind: "cover"; job: CoverJob };

/** Runs a worker message's job in this thread (what the worker does). */
export function runWorkerJob(m: WorkerJob): DiffLiftBootstrap[] | Float64Array[] {
  return m.kind === "cover" ? coverBootstrap(m.job) : runBootstrapJob(m.job);
}

function inWorker<T>(message: WorkerJob): Promise<T> {
  const worker = new Worker(new URL("./_bootstrap_worker.ts", import.meta.url).href, {
    type: "module",
  });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<T | { error: string }>) => {
      worker.terminate();
      const d = e.data as { error?: string };
      if (d && typeof d === "object" && "error" in d) {
        reject(new Error(`bootstrap worker: ${d.error}`));
      } else resolve(e.data as T);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`bootstrap worker: ${e.message}`));
    };
    worker.postMessage(message);
  });
}
