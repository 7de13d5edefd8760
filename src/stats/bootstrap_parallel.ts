/**
 * Several independent bootstrap jobs (e.g. the three segments of a run) on
 * the worker pool of `src/parallel/` (at most `threads` workers), each with
 * its own seeded `Rng`: the results equal running the same jobs one after
 * the other in this thread.
 *
 * @module
 */
import { type DiffLiftBootstrap, pairedBootstrap, unpairedBootstrap } from "./bootstrap.ts";
import { Rng } from "../rng/mod.ts";
import { trace } from "../trace.ts";
import { defaultThreads, runTasks, task } from "../parallel/mod.ts";
import { coverBootstrap, type CoverJob } from "./cover_bootstrap.ts";
import { concentrationBootstrap, type ConcentrationJob } from "./concentration_bootstrap.ts";

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
 * A job of any kind: means (pairs of arms' columns), union sizes (coverage)
 * or concentration (Gini and entropy of recommendation counts).
 */
export type WorkerJob =
  | { kind: "means"; job: BootstrapJob }
  | { kind: "cover"; job: CoverJob }
  | { kind: "concentration"; job: ConcentrationJob };

/** Runs a job of any kind in this thread (what a worker does with it). */
export function runWorkerJob(m: WorkerJob): DiffLiftBootstrap[] | Float64Array[] {
  trace("bootstrap job: waiting");
  const out = m.kind === "concentration"
    ? concentrationBootstrap(m.job)
    : m.kind === "cover"
    ? coverBootstrap(m.job)
    : runBootstrapJob(m.job);
  trace(`bootstrap job: ${m.kind}, work ${workOf(m).toExponential(2)}`);
  return out;
}

/** User-resamples of a job: the measure of its work. */
function workOf(m: WorkerJob): number {
  if (m.kind === "concentration") {
    return m.job.size * m.job.resamples * m.job.families.reduce((s, f) => s + f.k, 0);
  }
  return m.kind === "cover"
    ? m.job.n * m.job.resamples
    : (m.job.control[0]?.length ?? 0) * m.job.resamples * m.job.control.length;
}

/**
 * Relative cost of a unit of {@link workOf} per kind (time per unit, concentration = 1), measured
 * on the 35M-row benchmark's jobs: the order in which jobs go to the workers. A coverage job took
 * 1.6–2.2 of a means job of the same work (1.10–1.33 s for 3.3·10⁸ against 1.19–1.68 s for 6.7·10⁸,
 * two workers at once), when a means job took what a concentration job did (1.0–1.05). Since the
 * means' sums run in batches of resamples in WebAssembly and concentration counts groups in lanes,
 * a means job takes 1.2 of a concentration job (3.2 s against 2.6 s for 3.3·10⁹; 2026-12-01).
 */
const UNIT_COST: Record<WorkerJob["kind"], number> = { means: 1.2, cover: 1.8, concentration: 1 };

/**
 * Runs jobs of both kinds on at most `threads` workers when there are
 * several jobs and at least `minWork` user-resamples in all, else in this
 * thread; results in job order, identical either way. The costliest jobs
 * start first (a cheap job last cannot leave one worker busy alone for long).
 *
 * @example
 * ```ts
 * import { runWorkerJobs } from "./bootstrap_parallel.ts";
 * const x = Float64Array.from({ length: 50 }, (_, i) => i % 3);
 * const sets = { offsets: Int32Array.of(0, 1, 2), members: Int32Array.of(0, 1) };
 * const [means, cover] = await runWorkerJobs([
 *   { kind: "means", job: { paired: true, control: [x], test: [x.map((v) => v + 1)], seed: 1, resamples: 200, confidence: 0.95 } },
 *   { kind: "cover", job: { n: 2, size: 1, families: [sets], resamples: 10, seed: 1 } },
 * ], 2, 0);
 * if ((means as { diff: { estimate: number } }[])[0].diff.estimate !== 1) throw new Error();
 * if ((cover as Float64Array[])[0].some((r) => r !== 1)) throw new Error(); // one user drawn: one set hit
 * ```
 */
export async function runWorkerJobs(
  jobs: WorkerJob[],
  threads: number = defaultThreads(),
  minWork: number = MIN_PARALLEL_WORK,
): Promise<(DiffLiftBootstrap[] | Float64Array[])[]> {
  const work = jobs.reduce((sum, m) => sum + workOf(m), 0);
  if (threads <= 1 || jobs.length <= 1 || work < minWork) return jobs.map(runWorkerJob);
  const cost = jobs.map((m) => workOf(m) * UNIT_COST[m.kind]);
  const order = jobs.map((_, j) => j).sort((a, b) => cost[b] - cost[a] || a - b);
  const done = await runTasks<DiffLiftBootstrap[] | Float64Array[]>(
    order.map((j) => task(import.meta.url, "runWorkerJob", jobs[j])),
    threads,
  );
  const out = new Array<DiffLiftBootstrap[] | Float64Array[]>(jobs.length);
  order.forEach((j, q) => (out[j] = done[q]));
  return out;
}

/**
 * Bootstrap jobs of means like {@linkcode runWorkerJobs}; results in job order.
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
  threads: number = defaultThreads(),
  minWork: number = MIN_PARALLEL_WORK,
): Promise<DiffLiftBootstrap[][]> {
  const out = await runWorkerJobs(jobs.map((job) => ({ kind: "means", job })), threads, minWork);
  return out as DiffLiftBootstrap[][];
}

/**
 * Union-size bootstraps (see `cover_bootstrap.ts`) like {@linkcode runWorkerJobs};
 * results in job order.
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
  threads: number = defaultThreads(),
  minWork: number = MIN_PARALLEL_WORK,
): Promise<Float64Array[][]> {
  const out = await runWorkerJobs(jobs.map((job) => ({ kind: "cover", job })), threads, minWork);
  return out as Float64Array[][];
}
