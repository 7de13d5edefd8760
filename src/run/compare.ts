/**
 * Control vs test, per metric and segment (PROTOCOL §5–6): means, difference,
 * relative lift; a paired bootstrap of per-user deltas (paired mode) or an
 * unpaired bootstrap of the two arms (A/B), all metrics of a segment from one
 * set of resamples; Welch / paired z p-values, Holm over the gated family
 * (reported as the protocol asks; the gate decides on intervals, see
 * `src/gate/`); SRM of served users (A/B); MDE, users needed and power for the
 * primary metric.
 *
 * Intervals: Δ has percentile and BCa intervals; the lift's BCa interval is
 * the test inversion of `contrast.ts` (the lifts τ at which the BCa interval
 * of `test − (1+τ)·control` contains 0), so it exists when the control mean is
 * 0 in some resamples and agrees with the gate by construction. Coverage, not a
 * mean of per-user values, is compared at equal size: B seeded half-samples of
 * `h = ⌊min(n_c, n_t)/2⌋` users per arm without replacement (paired: the same
 * users in both arms), coverage of each (`cover_bootstrap.ts`); the row's
 * values are the mean coverage at h users, its interval the replicates' spread.
 *
 * @module
 */
import type { Scenario } from "../scenario/types.ts";
import type { ReportPower } from "../report/types.ts";
import { type ArmEvaluation, itemUsers, type Segment, SEGMENTS } from "../metrics/mod.ts";
import {
  type ArmMoments,
  armMoments,
  type BootstrapJob,
  contrastAt,
  type ContrastData,
  type CoverJob,
  type DiffLiftBootstrap,
  holm,
  liftInterval,
  mde,
  normalQuantile,
  pairedMde,
  pairedTest,
  pairedUsers,
  powerAt,
  quantileSorted,
  runWorkerJobs,
  type SrmResult,
  srmTest,
  summarize,
  usersPerArm,
  welchTest,
  type WorkerJob,
} from "../stats/mod.ts";

/** `[lo, hi]`. */
export type CiPair = [number, number];

/** One metric's comparison. */
export interface MetricComparison {
  metric: string;
  segment: Segment;
  /** Arm values compared (coverage: at the equal size `equalSize`). */
  control: number;
  test: number;
  delta: number;
  /** `delta / control` (NaN when control is 0). */
  lift: number;
  nControl: number;
  nTest: number;
  /** Bootstrap percentile and BCa intervals of `delta` (null with fewer than 2 users an arm). */
  ciPercentile: CiPair | null;
  ciBca: CiPair | null;
  /** Percentile interval of the resampled ratios (null when a resample's control mean is 0). */
  liftCiPercentile: CiPair | null;
  /**
   * BCa interval of the lift by test inversion (see module doc); a bound may be
   * ±Infinity (null in JSON) when no finite lift is excluded on that side.
   */
  liftCiBca: CiPair | null;
  /** Monte Carlo sd of each `liftCiBca` bound from the B resamples (lift units). */
  liftCiMcSd: CiPair | null;
  /** Two-sided p-value (normal approximation; coverage: from the bootstrap). */
  pValue: number | null;
  /** Holm-adjusted over the gated family (PROTOCOL §6; reported, not used by the gate). */
  pValueHolm: number | null;
  gated: boolean;
  /** Coverage only: users per arm (h) at which the arms were compared. */
  equalSize?: number;
  /** Set when the row was re-bootstrapped for the gate with more resamples than stats.B. */
  resamples?: number;
}

/** Power analysis of the primary metric (the report's panel data, plus power at the target). */
export interface PowerAnalysis extends ReportPower {
  /** Power at the observed n for an effect of `targetMde`. */
  powerAtTarget: number;
}

/** Serving health of an arm. */
export interface ArmHealth {
  errorRate: number;
  latencyP95Ms: number;
}

/** The comparison of a run. */
export interface Comparison {
  mode: "paired" | "ab";
  primary: string;
  /** Two-sided confidence level of every interval (1 − stats.alpha). */
  confidence: number;
  /** Bootstrap resamples B. */
  resamples: number;
  metrics: MetricComparison[];
  srm: (SrmResult & { observed: number[]; weights: number[] }) | null;
  power: PowerAnalysis | null;
  /** Replicates of the primary metric's difference (overall segment). */
  bootstrap: { metric: string; replicates: Float64Array; observed: number } | null;
  health: Record<"control" | "test", ArmHealth>;
  /** Per metric name: the arm means' replicates, for threshold tests (not written out). */
  contrasts: Record<string, ContrastData>;
  /** Per metric name with per-user values: the arms' moments (not written out). */
  moments: Record<string, ArmMoments>;
}

/** One arm as the comparison needs it. */
export interface CompareArm {
  evaluation: ArmEvaluation;
  /** The arm's top-k lists, rows aligned with the evaluation's rows. */
  lists: Int32Array;
  /** Users served and failed, and per-user serving times. */
  servedUsers: number;
  failedUsers: number;
  msPerUser: Float64Array;
}

/** What {@linkcode compareArms} compares. */
export interface CompareInput {
  paired: boolean;
  catalogSize: number;
  arms: Record<"control" | "test", CompareArm>;
}

/** Options of {@linkcode compareArms}. */
export interface CompareOptions {
  /** Compare only these metrics (e.g. the gated family); all when omitted. */
  only?: ReadonlySet<string>;
  /** Seed of the bootstrap. @default scenario.stats.seed */
  seed?: number;
  /** Worker threads of the bootstraps. @default the machine's cores */
  threads?: number;
}

/** The metrics the gate names (primary first), or the default primary `NDCG@k`. */
export function gatedFamily(s: Scenario): { primary: string; family: string[] } {
  const primary = s.gate.primary?.metric ?? `NDCG@${s.eval.k}`;
  const family = [primary, ...(s.gate.guardrails ?? []).map((x) => x.metric)];
  return { primary, family: [...new Set(family)] };
}

/** Compares the arms of a run (the segments' bootstraps run in parallel). */
export async function compareArms(
  s: Scenario,
  input: CompareInput,
  options: CompareOptions = {},
): Promise<Comparison> {
  const { paired, arms } = input;
  const { primary, family } = gatedFamily(s);
  const seed = options.seed ?? s.stats.seed;
  const keep = (m: string) => !options.only || options.only.has(m);
  const confidence = 1 - s.stats.alpha;
  const k = arms.control.evaluation.k;
  const seg = (arm: "control" | "test", g: Segment) => arms[arm].evaluation.segments[g];
  const enough = (g: Segment) =>
    seg("control", g).rows.length >= 2 && seg("test", g).rows.length >= 2;
  const withBoot = SEGMENTS.filter(enough);
  // Coverage needs h = ⌊min(n_c, n_t)/2⌋ ≥ 2 users per arm and replicate.
  const coverOk = (g: Segment) =>
    Math.min(seg("control", g).rows.length, seg("test", g).rows.length) >= 4;
  const names = (g: Segment) => Object.keys(seg("control", g).perUser).filter(keep);
  const meanJobs = withBoot.filter((g) => names(g).length > 0);
  const jobs: BootstrapJob[] = meanJobs.map((g) => ({
    paired,
    control: names(g).map((m) => seg("control", g).perUser[m]),
    test: names(g).map((m) => seg("test", g).perUser[m]),
    seed: seed * 31 + SEGMENTS.indexOf(g),
    resamples: s.stats.B,
    confidence,
  }));
  const coverSegs = SEGMENTS.filter((g) => coverOk(g) && keep(coverageName(g, k)));
  const covers = coverSegs.map((g) => coverInput(input, g, seed));
  const coverJobs = covers.flatMap((c) => c.jobs(s.stats.B));
  const done = await runWorkerJobs([
    ...jobs.map((job): WorkerJob => ({ kind: "means", job })),
    ...coverJobs.map((job): WorkerJob => ({ kind: "cover", job })),
  ], options.threads);
  const results = done.slice(0, jobs.length) as DiffLiftBootstrap[][];
  const coverReps = done.slice(jobs.length) as Float64Array[][];
  const metrics: MetricComparison[] = [];
  const contrasts: Record<string, ContrastData> = {};
  const moments: Record<string, ArmMoments> = {};
  let bootstrap: Comparison["bootstrap"] = null;
  let coverJob = 0;
  for (const segment of SEGMENTS) {
    const c = seg("control", segment), t = seg("test", segment);
    const boot: DiffLiftBootstrap[] | null = meanJobs.includes(segment)
      ? results[meanJobs.indexOf(segment)]
      : null;
    const metricNames = names(segment);
    for (const metric of metricNames) {
      const b = boot ? boot[metricNames.indexOf(metric)] : null;
      if (b) {
        contrasts[metric] = b.contrast;
        moments[metric] = armMoments(c.perUser[metric], t.perUser[metric], paired);
        if (metric === primary) {
          bootstrap = { metric, replicates: b.diff.replicates, observed: b.diff.estimate };
        }
      }
      metrics.push(meanRow(metric, segment, c, t, b, paired, confidence, family));
    }
    const cov = coverageName(segment, k);
    if (!keep(cov)) continue;
    const ci = coverSegs.indexOf(segment);
    if (ci < 0) {
      metrics.push(pointRow(cov, segment, c.mean[cov], t.mean[cov], c, t, family));
      continue;
    }
    const reps = paired
      ? coverReps[coverJob++]
      : [coverReps[coverJob++][0], coverReps[coverJob++][0]];
    const data = coverageContrast(reps, covers[ci].h, input.catalogSize, paired);
    contrasts[cov] = data;
    metrics.push(coverageRow(cov, segment, data, confidence, family));
  }
  const gated = metrics.filter((m) => m.gated && m.pValue !== null);
  const adjusted = holm(gated.map((m) => m.pValue!));
  gated.forEach((m, i) => (m.pValueHolm = adjusted[i]));
  return {
    mode: paired ? "paired" : "ab",
    primary,
    confidence,
    resamples: s.stats.B,
    metrics,
    srm: paired ? null : srmOf(s, input),
    power: powerOf(s, input, primary),
    bootstrap,
    health: { control: healthOf(arms.control), test: healthOf(arms.test) },
    contrasts,
    moments,
  };
}

/** `Coverage@k` with the segment's prefix. */
function coverageName(g: Segment, k: number): string {
  return `${g === "overall" ? "" : g === "warm" ? "Warm" : "Cold"}Coverage@${k}`;
}

type SegmentMetrics = ArmEvaluation["segments"][Segment];

function meanRow(
  metric: string,
  segment: Segment,
  c: SegmentMetrics,
  t: SegmentMetrics,
  b: DiffLiftBootstrap | null,
  paired: boolean,
  confidence: number,
  family: string[],
): MetricComparison {
  const control = c.mean[metric], test = t.mean[metric];
  const lift = b ? liftInterval(b.contrast, confidence) : null;
  return {
    ...pointRow(metric, segment, control, test, c, t, family),
    ciPercentile: b ? [b.diff.percentile.lo, b.diff.percentile.hi] : null,
    ciBca: b ? [b.diff.bca.lo, b.diff.bca.hi] : null,
    liftCiPercentile: b?.lift ? [b.lift.percentile.lo, b.lift.percentile.hi] : null,
    liftCiBca: lift ? [lift.lo, lift.hi] : null,
    liftCiMcSd: lift ? [lift.loMcSd, lift.hiMcSd] : null,
    pValue: b ? pValue(paired, c.perUser[metric], t.perUser[metric]) : null,
  };
}

function pointRow(
  metric: string,
  segment: Segment,
  control: number,
  test: number,
  c: SegmentMetrics,
  t: SegmentMetrics,
  family: string[],
): MetricComparison {
  return {
    metric,
    segment,
    control,
    test,
    delta: test - control,
    lift: control === 0 ? NaN : (test - control) / control,
    nControl: c.rows.length,
    nTest: t.rows.length,
    ciPercentile: null,
    ciBca: null,
    liftCiPercentile: null,
    liftCiBca: null,
    liftCiMcSd: null,
    pValue: null,
    pValueHolm: null,
    gated: family.includes(metric),
  };
}

/** Coverage's inputs for one segment: each arm's item → users sets and the half-sample size. */
interface CoverInput {
  /** Users per arm per replicate: half the smaller arm. */
  h: number;
  jobs(resamples: number): CoverJob[];
}

function coverInput(input: CompareInput, g: Segment, seed: number): CoverInput {
  const k = input.arms.control.evaluation.k;
  const rowsOf = (arm: "control" | "test") => input.arms[arm].evaluation.segments[g].rows;
  const rc = rowsOf("control"), rt = rowsOf("test");
  const h = Math.floor(Math.min(rc.length, rt.length) / 2);
  const base = seed * 31 + 100 + 10 * SEGMENTS.indexOf(g);
  const control = itemUsers(input.arms.control.lists, k, rc);
  const test = itemUsers(input.arms.test.lists, k, rt);
  return {
    h,
    jobs: (resamples) =>
      input.paired
        ? [{ n: rc.length, size: h, families: [control, test], resamples, seed: base }]
        : [
          { n: rc.length, size: h, families: [control], resamples, seed: base + 1 },
          { n: rt.length, size: h, families: [test], resamples, seed: base + 2 },
        ],
  };
}

/**
 * Coverage at h users per arm from half-sample replicates: the estimate is the
 * replicates' mean (see `cover_bootstrap.ts`), so the contrast's interval is
 * centred on it (no acceleration).
 */
function coverageContrast(
  reps: Float64Array[],
  h: number,
  catalog: number,
  paired: boolean,
): ContrastData & { test: number } {
  const [rc, rt] = reps;
  const diffReps = new Float64Array(rc.length);
  const controlReps = new Float64Array(rc.length);
  let sc = 0, st = 0;
  for (let b = 0; b < rc.length; b++) {
    diffReps[b] = (rt[b] - rc[b]) / catalog;
    controlReps[b] = rc[b] / catalog;
    sc += rc[b];
    st += rt[b];
  }
  const control = sc / rc.length / catalog, test = st / rt.length / catalog;
  return {
    paired,
    nControl: h,
    nTest: h,
    diff: test - control,
    control,
    test,
    diffReps,
    controlReps,
    jackknife: null,
  };
}

function coverageRow(
  metric: string,
  segment: Segment,
  data: ContrastData & { test: number },
  confidence: number,
  family: string[],
): MetricComparison {
  const at0 = contrastAt(data, 0, confidence);
  const sorted = data.diffReps.slice().sort();
  const alpha = (1 - confidence) / 2;
  const lift = liftInterval(data, confidence);
  const ratios = data.controlReps.every((x) => x > 0)
    ? Float64Array.from(data.diffReps, (d, b) => d / data.controlReps[b]).sort()
    : null;
  const { control, test } = data;
  return {
    metric,
    segment,
    control,
    test,
    delta: data.diff,
    lift: control === 0 ? NaN : data.diff / control,
    nControl: data.nControl,
    nTest: data.nTest,
    ciPercentile: [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)],
    ciBca: [at0.lo, at0.hi],
    liftCiPercentile: ratios
      ? [quantileSorted(ratios, alpha), quantileSorted(ratios, 1 - alpha)]
      : null,
    liftCiBca: lift ? [lift.lo, lift.hi] : null,
    liftCiMcSd: lift ? [lift.loMcSd, lift.hiMcSd] : null,
    pValue: Math.min(1, 2 * Math.min(at0.pAbove, at0.pBelow)),
    pValueHolm: null,
    gated: family.includes(metric),
    equalSize: data.nControl,
  };
}

function pValue(paired: boolean, c: Float64Array, t: Float64Array): number {
  if (!paired) return welchTest(c, t).p;
  const d = new Float64Array(c.length);
  for (let i = 0; i < d.length; i++) d[i] = t[i] - c[i];
  return pairedTest(d).p;
}

function srmOf(s: Scenario, input: CompareInput) {
  const observed = [input.arms.control, input.arms.test].map((a) => a.servedUsers - a.failedUsers);
  const weights = s.mode.weights;
  return { ...srmTest(observed, weights, { srmAlpha: s.stats.srmAlpha }), observed, weights };
}

function healthOf(a: CompareArm): ArmHealth {
  const n = a.servedUsers;
  const lat = Array.from(a.msPerUser).sort((x, y) => x - y);
  const p95 = lat.length ? lat[Math.min(lat.length - 1, Math.ceil(0.95 * lat.length) - 1)] : 0;
  return { errorRate: n ? a.failedUsers / n : 0, latencyP95Ms: p95 };
}

/**
 * PROTOCOL §6 power of the primary metric: MDE of the two-sided test of Δ = 0
 * at the observed n (both arms' sds), users needed for `stats.targetMde`.
 */
function powerOf(s: Scenario, input: CompareInput, primary: string): PowerAnalysis | null {
  const paired = input.paired;
  const seg = SEGMENTS.find((g) => primary in input.arms.control.evaluation.segments[g].perUser);
  if (!seg) return null;
  const c = input.arms.control.evaluation.segments[seg].perUser[primary];
  const t = input.arms.test.evaluation.segments[seg].perUser[primary];
  if (c.length < 2 || t.length < 2) return null;
  const opts = { alpha: s.stats.alpha, power: s.stats.power };
  const sc = summarize(c);
  if (sc.mean === 0) return null;
  // sdEff: sd of one user's contribution to the difference (paired: sd of deltas;
  // unpaired with n per arm: sqrt(s_c² + s_t²)), so MDE(n) = M · sdEff / sqrt(n).
  let mdeAbs: number, se: number, usersNeeded: number, sdEff: number, n: number;
  if (paired) {
    const sd = summarize(Float64Array.from(c, (x, i) => t[i] - x));
    n = c.length;
    mdeAbs = pairedMde(sd, sc.mean, opts).absolute;
    sdEff = sd.sd;
    se = sdEff / Math.sqrt(n);
    usersNeeded = sd.sd > 0 ? pairedUsers(s.stats.targetMde, sc.mean, sd.sd, opts) : 2;
  } else {
    const st = summarize(t);
    n = Math.round((c.length + t.length) / 2);
    mdeAbs = mde(sc, st, opts).absolute;
    sdEff = Math.sqrt(sc.sd ** 2 + st.sd ** 2);
    se = Math.sqrt(sc.sd ** 2 / sc.n + st.sd ** 2 / st.n);
    const need = usersPerArm(s.stats.targetMde, sc, {
      ...opts,
      sdTest: st.sd,
      weights: s.mode.weights as [number, number],
    });
    usersNeeded = Math.max(need.control, need.test);
  }
  const M = normalQuantile(1 - s.stats.alpha / 2) + normalQuantile(s.stats.power);
  const curve: { n: number; mdeRel: number }[] = [];
  for (let f = 1 / 16; f <= 16.01; f *= 2) {
    const m = Math.max(2, Math.round(n * f));
    curve.push({ n: m, mdeRel: (M * sdEff) / Math.sqrt(m) / Math.abs(sc.mean) });
  }
  return {
    metric: primary,
    alpha: s.stats.alpha,
    power: s.stats.power,
    n,
    mdeAbs,
    mdeRel: mdeAbs / Math.abs(sc.mean),
    targetMde: s.stats.targetMde,
    usersNeeded,
    powerAtTarget: se > 0 ? powerAt(s.stats.targetMde * Math.abs(sc.mean), se, opts) : 1,
    curve,
  };
}
