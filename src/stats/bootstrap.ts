/**
 * Seeded bootstrap of means, differences of means and relative lifts
 * (PROTOCOL §6), for many metrics at once: one set of resample counts per
 * resample is shared by every metric of the run, and each metric gets its
 * percentile and BCa intervals (see {@link ./bca.ts}). Same seed and data
 * give byte-identical replicates and intervals.
 *
 * @module
 */
import { type BootstrapIntervals, bootstrapIntervals, jackknifeAcceleration } from "./bca.ts";
import { resampledSums } from "./_resample.ts";
import type { Rng } from "../rng/mod.ts";
import { type ContrastData, jackknifeSums, nonZeroUsers } from "./contrast.ts";

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of resamples B. @default 2000 */
  resamples?: number;
  /** Two-sided confidence level of both intervals. @default 0.95 */
  confidence?: number;
}

/** Bootstrap result for one statistic of one metric. */
export interface BootstrapEstimate extends BootstrapIntervals {
  /** The statistic on the original data. */
  estimate: number;
  /** BCa acceleration, from the closed-form jackknife. */
  acceleration: number;
  /** The B replicates in resample order (for histograms). */
  replicates: Float64Array;
}

/** Bootstrap of one metric's test-vs-control comparison. */
export interface DiffLiftBootstrap {
  /** Difference of means `mean_test − mean_control`. */
  diff: BootstrapEstimate;
  /**
   * Relative lift `(mean_test − mean_control) / mean_control`; `null` when the
   * control mean is 0 in the data, in a resample, or in a jackknife sample.
   */
  lift: BootstrapEstimate | null;
  /** The arm means' replicates, for tests of the lift against a threshold (see `contrast.ts`). */
  contrast: ContrastData;
}

/**
 * Bootstrap of the mean of each sample (all of length n ≥ 2, e.g. M metrics of
 * the same users), resampling users once per resample for all samples.
 * Acceleration from the jackknife of a mean, `U_i = x_i − x̄`.
 *
 * @example
 * ```ts
 * import { bootstrapMean } from "./mod.ts";
 * import { Rng } from "../rng/mod.ts";
 * const x = Float64Array.from({ length: 200 }, (_, i) => (i % 10) / 10); // mean 0.45
 * const [m] = bootstrapMean([x], new Rng(1), { resamples: 1000 });
 * if (Math.abs(m.estimate - 0.45) > 1e-12 || !(m.bca[0] < 0.45 && 0.45 < m.bca[1])) throw new Error();
 * if (m.replicates.length !== 1000) throw new Error();
 * ```
 */
export function bootstrapMean(
  samples: readonly Float64Array[],
  rng: Rng,
  options: BootstrapOptions = {},
): BootstrapEstimate[] {
  const { resamples, confidence } = resolve(options);
  const n = checkColumns("samples", samples);
  const k = samples.length;
  const sums = resampledSums(samples, resamples, rng);
  return samples.map((x, m) => {
    const mean = sum(x) / n;
    const reps = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) reps[b] = sums[b * k + m] / n;
    return estimateOf(reps, mean, [shifted(x, mean)], confidence);
  });
}

/**
 * Paired bootstrap (PROTOCOL §5, paired mode): every user is served by both
 * arms; `control[m][u]` and `test[m][u]` are metric m of user u. Users are
 * resampled jointly, once per resample for all metrics. Per metric: the mean
 * per-user delta `d̄ = mean(test − control)` and the lift `Σd / Σcontrol`.
 * Jackknife: `U_i = d_i − d̄` for the difference; exact leave-one-out ratios for the lift.
 *
 * @example
 * ```ts
 * import { pairedBootstrap } from "./mod.ts";
 * import { Rng } from "../rng/mod.ts";
 * const c = Float64Array.from({ length: 300 }, (_, i) => 0.1 + (i % 7) / 10);
 * const t = c.map((v, i) => v + 0.05 + (i % 3) / 100); // +0.06 on average
 * const [r] = pairedBootstrap([c], [t], new Rng(9));
 * if (Math.abs(r.diff.estimate - 0.06) > 1e-3 || !(r.diff.percentile[0] > 0.05)) throw new Error();
 * if (r.lift === null || !(r.lift.bca[0] > 0)) throw new Error();
 * ```
 */
export function pairedBootstrap(
  control: readonly Float64Array[],
  test: readonly Float64Array[],
  rng: Rng,
  options: BootstrapOptions = {},
): DiffLiftBootstrap[] {
  const { resamples, confidence } = resolve(options);
  const n = checkColumns("control", control);
  checkColumns("test", test, n);
  checkSameMetrics(control, test);
  const k = control.length;
  const deltas = control.map((c, m) => test[m].map((t, i) => t - c[i]));
  const sums = resampledSums([...deltas, ...control], resamples, rng);
  return deltas.map((d, m) => {
    const c = control[m];
    const sd = sum(d), sc = sum(c);
    const diffReps = new Float64Array(resamples);
    const liftReps = new Float64Array(resamples);
    const controlReps = new Float64Array(resamples);
    let liftOk = sc !== 0;
    for (let b = 0; b < resamples; b++) {
      const sdb = sums[b * 2 * k + m], scb = sums[b * 2 * k + k + m];
      diffReps[b] = sdb / n;
      liftReps[b] = sdb / scb;
      controlReps[b] = scb / n;
      if (scb === 0) liftOk = false;
    }
    const diff = estimateOf(diffReps, sd / n, [shifted(d, sd / n)], confidence);
    const u = liftOk ? ratioInfluence(d, c, sd, sc) : null;
    const lift = u ? estimateOf(liftReps, sd / sc, [u], confidence) : null;
    const contrast: ContrastData = {
      paired: true,
      nControl: n,
      nTest: n,
      diff: sd / n,
      control: sc / n,
      diffReps,
      controlReps,
      jackknife: jackknifeSums(c, test[m], true),
      nonZero: nonZeroUsers(c, test[m], true),
    };
    return { diff, lift, contrast };
  });
}

/**
 * Unpaired bootstrap (PROTOCOL §5, A/B simulation): `control[m]` holds metric m
 * of the control arm's users (length n_c), `test[m]` of the test arm's (n_t).
 * Each arm is resampled independently, once per resample for all metrics.
 * Jackknife per arm, as SciPy does for multi-sample statistics: for the
 * difference `U_t = t_i − t̄`, `U_c = −(c_i − c̄)`; for the lift `t̄/c̄ − 1`,
 * `U_t = (t_i − t̄)/c̄` and exact leave-one-out ratios for the control arm.
 *
 * @example
 * ```ts
 * import { unpairedBootstrap } from "./mod.ts";
 * import { Rng } from "../rng/mod.ts";
 * const c = Float64Array.from({ length: 400 }, (_, i) => (i % 5) / 4); // mean 0.5
 * const t = Float64Array.from({ length: 500 }, (_, i) => (i % 5) / 4 + 0.1); // mean 0.6
 * const [r] = unpairedBootstrap([c], [t], new Rng(3), { resamples: 1000 });
 * if (Math.abs(r.diff.estimate - 0.1) > 1e-12 || Math.abs(r.lift!.estimate - 0.2) > 1e-12) throw new Error();
 * if (!(r.diff.bca[0] < 0.1 && r.diff.bca[1] > 0.1)) throw new Error();
 * ```
 */
export function unpairedBootstrap(
  control: readonly Float64Array[],
  test: readonly Float64Array[],
  rng: Rng,
  options: BootstrapOptions = {},
): DiffLiftBootstrap[] {
  const { resamples, confidence } = resolve(options);
  const nc = checkColumns("control", control);
  const nt = checkColumns("test", test);
  checkSameMetrics(control, test);
  const k = control.length;
  const sumsC = resampledSums(control, resamples, rng);
  const sumsT = resampledSums(test, resamples, rng);
  return control.map((c, m) => {
    const t = test[m];
    const mc = sum(c) / nc, mt = sum(t) / nt;
    const diffReps = new Float64Array(resamples);
    const liftReps = new Float64Array(resamples);
    const controlReps = new Float64Array(resamples);
    let liftOk = mc !== 0;
    for (let b = 0; b < resamples; b++) {
      const mcb = sumsC[b * k + m] / nc, mtb = sumsT[b * k + m] / nt;
      diffReps[b] = mtb - mcb;
      liftReps[b] = (mtb - mcb) / mcb;
      controlReps[b] = mcb;
      if (mcb === 0) liftOk = false;
    }
    const diffU = [shifted(t, mt), shifted(c, mc).map((v) => -v)];
    const diff = estimateOf(diffReps, mt - mc, diffU, confidence);
    const uc = liftOk ? controlLiftInfluence(c, mt) : null;
    const lift = uc
      ? estimateOf(liftReps, (mt - mc) / mc, [shifted(t, mt).map((v) => v / mc), uc], confidence)
      : null;
    const contrast: ContrastData = {
      paired: false,
      nControl: nc,
      nTest: nt,
      diff: mt - mc,
      control: mc,
      diffReps,
      controlReps,
      jackknife: jackknifeSums(c, t, false),
      nonZero: nonZeroUsers(c, t, false),
    };
    return { diff, lift, contrast };
  });
}

function resolve(options: BootstrapOptions): Required<BootstrapOptions> {
  const { resamples = 2000, confidence = 0.95 } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  return { resamples, confidence };
}

/** Checks M ≥ 1 columns of equal length n ≥ 2 with finite values; returns n. */
function checkColumns(name: string, cols: readonly Float64Array[], n = cols[0]?.length): number {
  if (cols.length === 0) throw new RangeError(`${name} must hold at least one metric`);
  if (!(n >= 2)) throw new RangeError(`${name}[0] must have at least 2 values, got ${n}`);
  cols.forEach((col, m) => {
    if (col.length !== n) {
      throw new RangeError(`${name}[${m}] has ${col.length} values, expected ${n} (one per user)`);
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i])) {
        throw new RangeError(`${name}[${m}][${i}] is not finite: ${col[i]}`);
      }
    }
  });
  return n;
}

function estimateOf(
  replicates: Float64Array,
  estimate: number,
  influence: Float64Array[],
  confidence: number,
): BootstrapEstimate {
  const acceleration = jackknifeAcceleration(influence);
  return {
    estimate,
    acceleration,
    replicates,
    ...bootstrapIntervals(replicates, estimate, acceleration, confidence),
  };
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function shifted(x: Float64Array, by: number): Float64Array {
  return x.map((v) => v - by);
}

/** Jackknife influence `(n−1)(θ̄· − θ_(i))` of θ = Σnum/Σden; null if a leave-one-out Σden is 0. */
function ratioInfluence(
  num: Float64Array,
  den: Float64Array,
  sNum: number,
  sDen: number,
): Float64Array | null {
  const n = num.length;
  const loo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = sDen - den[i];
    if (d === 0) return null;
    loo[i] = (sNum - num[i]) / d;
  }
  const mean = sum(loo) / n;
  return loo.map((v) => (n - 1) * (mean - v));
}

/** Control-arm influence of the unpaired lift `mt / c̄ − 1`; null if a leave-one-out c̄ is 0. */
function controlLiftInfluence(c: Float64Array, mt: number): Float64Array | null {
  const n = c.length;
  const sc = sum(c);
  const loo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mci = (sc - c[i]) / (n - 1);
    if (mci === 0) return null;
    loo[i] = mt / mci - 1;
  }
  const mean = sum(loo) / n;
  return loo.map((v) => (n - 1) * (mean - v));
}

function checkSameMetrics(control: readonly Float64Array[], test: readonly Float64Array[]): void {
  if (test.length !== control.length) {
    throw new RangeError(`test has ${test.length} metrics, control has ${control.length}`);
  }
}
