/**
 * Control vs test, per metric and segment (PROTOCOL §5–6): the means,
 * difference and relative lift of each metric, then every registered test
 * (`registry.ts`) on its evidence — a paired bootstrap of per-user deltas
 * (paired mode) or an unpaired bootstrap of the two arms (A/B), all metrics
 * of a segment from one set of resamples; coverage by half-sampling at equal
 * size (`coverage.ts`) — then the tests over the gated family; and for the
 * whole comparison SRM of served users (A/B), the primary metric's power
 * analysis and each arm's serving health.
 *
 * @module
 */
import { type ArmEvaluation, type Segment, SEGMENTS } from "../metrics/mod.ts";
import {
  type ArmMoments,
  armMoments,
  type BootstrapJob,
  type ContrastData,
  type DiffLiftBootstrap,
  runWorkerJobs,
  type WorkerJob,
} from "../stats/mod.ts";
import { FAMILY_TESTS, METRIC_TESTS } from "./registry.ts";
import { coverageComparable, coverageContrast, coverageName, coveragePlan } from "./coverage.ts";
import { srmCheck } from "./srm.ts";
import { powerAnalysis } from "./power.ts";
import { armHealth } from "./health.ts";
import type {
  CompareInput,
  CompareOptions,
  CompareSettings,
  Comparison,
  MetricComparison,
  MetricEvidence,
  MetricRowBase,
  TestContext,
} from "./types.ts";

type SegmentMetrics = ArmEvaluation["segments"][Segment];

/** Compares the arms of a run (the segments' bootstraps run on one worker pool). */
export async function compareArms(
  settings: CompareSettings,
  input: CompareInput,
  options: CompareOptions = {},
): Promise<Comparison> {
  const { paired, arms } = input;
  const seed = options.seed ?? settings.seed;
  const keep = (m: string) => !options.only || options.only.has(m);
  const ctx: TestContext = { confidence: 1 - settings.alpha, paired };
  const k = arms.control.evaluation.k;
  const seg = (arm: "control" | "test", g: Segment) => arms[arm].evaluation.segments[g];
  const enough = (g: Segment) =>
    seg("control", g).rows.length >= 2 && seg("test", g).rows.length >= 2;
  const names = (g: Segment) => Object.keys(seg("control", g).perUser).filter(keep);
  const meanJobs = SEGMENTS.filter(enough).filter((g) => names(g).length > 0);
  const jobs: BootstrapJob[] = meanJobs.map((g) => ({
    paired,
    control: names(g).map((m) => seg("control", g).perUser[m]),
    test: names(g).map((m) => seg("test", g).perUser[m]),
    seed: seed * 31 + SEGMENTS.indexOf(g),
    resamples: settings.resamples,
    confidence: ctx.confidence,
  }));
  const coverSegs = SEGMENTS.filter((g) =>
    coverageComparable(input, g) && keep(coverageName(g, k))
  );
  const plans = coverSegs.map((g) => coveragePlan(input, g, seed));
  const coverJobs = plans.flatMap((c) => c.jobs(settings.resamples));
  const done = await runWorkerJobs([
    ...jobs.map((job): WorkerJob => ({ kind: "means", job })),
    ...coverJobs.map((job): WorkerJob => ({ kind: "cover", job })),
  ], options.threads);
  const boots = done.slice(0, jobs.length) as DiffLiftBootstrap[][];
  const coverReps = done.slice(jobs.length) as Float64Array[][];
  const metrics: MetricComparison[] = [];
  const contrasts: Record<string, ContrastData> = {};
  const moments: Record<string, ArmMoments> = {};
  let bootstrap: Comparison["bootstrap"] = null;
  let coverJob = 0;
  const row = (base: MetricRowBase, evidence: MetricEvidence | null) =>
    testedRow(base, evidence, ctx, settings.family);
  for (const segment of SEGMENTS) {
    const c = seg("control", segment), t = seg("test", segment);
    const segBoots = meanJobs.includes(segment) ? boots[meanJobs.indexOf(segment)] : null;
    const metricNames = names(segment);
    for (const [q, metric] of metricNames.entries()) {
      const boot = segBoots ? segBoots[q] : null;
      const base = rowBase(metric, segment, c.mean[metric], t.mean[metric], c, t);
      if (!boot) {
        metrics.push(row(base, null));
        continue;
      }
      const control = c.perUser[metric], test = t.perUser[metric];
      contrasts[metric] = boot.contrast;
      moments[metric] = armMoments(control, test, paired);
      if (metric === settings.primary) {
        bootstrap = { metric, replicates: boot.diff.replicates, observed: boot.diff.estimate };
      }
      const covariate = covariateOf(arms.control.covariate, arms.test.covariate, c, t);
      metrics.push(row(base, { kind: "mean", control, test, boot, covariate }));
    }
    const cov = coverageName(segment, k);
    if (!keep(cov)) continue;
    const at = coverSegs.indexOf(segment);
    if (at < 0) {
      metrics.push(row(rowBase(cov, segment, c.mean[cov], t.mean[cov], c, t), null));
      continue;
    }
    const reps = paired
      ? coverReps[coverJob++]
      : [coverReps[coverJob++][0], coverReps[coverJob++][0]];
    const data = coverageContrast(reps, plans[at].h, input.catalogSize, paired);
    contrasts[cov] = data;
    const base: MetricRowBase = {
      metric: cov,
      segment,
      control: data.control,
      test: data.test,
      delta: data.diff,
      lift: data.control === 0 ? NaN : data.diff / data.control,
      nControl: data.nControl,
      nTest: data.nTest,
    };
    metrics.push({ ...row(base, { kind: "coverage", contrast: data }), equalSize: data.nControl });
  }
  applyFamilyTests(metrics);
  return {
    mode: paired ? "paired" : "ab",
    primary: settings.primary,
    confidence: ctx.confidence,
    resamples: settings.resamples,
    metrics,
    srm: paired ? null : srmCheck(settings, input),
    power: powerAnalysis(settings, input),
    bootstrap,
    health: { control: armHealth(arms.control), test: armHealth(arms.test) },
    contrasts,
    moments,
  };
}

/** The covariates of a segment's users, aligned with its per-user values (none without). */
function covariateOf(
  control: Float64Array | undefined,
  test: Float64Array | undefined,
  c: SegmentMetrics,
  t: SegmentMetrics,
): { control: Float64Array; test: Float64Array } | undefined {
  if (!control || !test) return undefined;
  return {
    control: Float64Array.from(c.rows, (j) => control[j]),
    test: Float64Array.from(t.rows, (j) => test[j]),
  };
}

/** The values of a metric's row: arm means, difference, lift and users. */
function rowBase(
  metric: string,
  segment: Segment,
  control: number,
  test: number,
  c: SegmentMetrics,
  t: SegmentMetrics,
): MetricRowBase {
  return {
    metric,
    segment,
    control,
    test,
    delta: test - control,
    lift: control === 0 ? NaN : (test - control) / control,
    nControl: c.rows.length,
    nTest: t.rows.length,
  };
}

/** Every registered test's fields, empty, in registration order (metric tests, then family tests). */
function emptyFields(): Record<string, null> {
  return Object.assign(
    {},
    ...METRIC_TESTS.map((t) => t.empty),
    ...FAMILY_TESTS.map((t) => t.empty),
  );
}

/** A row: its values, then each metric test's fields from the evidence (empty without). */
function testedRow(
  base: MetricRowBase,
  evidence: MetricEvidence | null,
  ctx: TestContext,
  family: readonly string[],
): MetricComparison {
  const row = { ...base, ...emptyFields(), gated: family.includes(base.metric) };
  if (evidence) { for (const t of METRIC_TESTS) Object.assign(row, t.apply(evidence, ctx)); }
  return row as unknown as MetricComparison;
}

/** Applies the family tests to the gated rows. */
function applyFamilyTests(metrics: MetricComparison[]): void {
  const gated = metrics.filter((m) => m.gated);
  for (const t of FAMILY_TESTS) t.apply(gated);
}

/**
 * `c` with the rows of `more` (the same metrics compared again with
 * `resamples` resamples) in place of its own, the family tests applied
 * again over the new rows, and their contrasts and moments.
 */
export function mergeRefined(c: Comparison, more: Comparison, resamples: number): Comparison {
  const byName = new Map(more.metrics.map((m) => [m.metric, m]));
  const familyEmpty = Object.assign({}, ...FAMILY_TESTS.map((t) => t.empty));
  const metrics = c.metrics.map((m) => {
    const r = byName.get(m.metric);
    return r ? { ...r, ...familyEmpty, gated: m.gated, resamples } : m;
  });
  applyFamilyTests(metrics);
  return {
    ...c,
    metrics,
    contrasts: { ...c.contrasts, ...more.contrasts },
    moments: { ...c.moments, ...more.moments },
  };
}
