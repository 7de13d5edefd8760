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
import { trace } from "../trace.ts";
import { type ArmEvaluation, meanOf, metricBase, type Segment, SEGMENTS } from "../metrics/mod.ts";
import {
  type ArmMoments,
  armMoments,
  type BootstrapJob,
  type ContrastData,
  type DiffLiftBootstrap,
  fnv1a32,
  runWorkerJobs,
  type WorkerJob,
} from "../stats/mod.ts";
import {
  CONCENTRATION_METRICS,
  concentrationContrasts,
  concentrationName,
  concentrationPlan,
  coverageReplicates,
} from "./concentration.ts";
import { FAMILY_TESTS, METRIC_TESTS } from "./registry.ts";
import { coverageComparable, coverageContrast, coverageName, coveragePlan } from "./coverage.ts";
import { srmCheck } from "./srm.ts";
import { definedPair } from "./defined.ts";
import { powerAnalysis } from "./power.ts";
import { armHealth } from "./health.ts";
import type {
  CompareInput,
  CompareOptions,
  CompareSettings,
  Comparison,
  CoverageContrast,
  MetricComparison,
  MetricEvidence,
  MetricRowBase,
  TestContext,
} from "./types.ts";

type SegmentMetrics = ArmEvaluation["segments"][Segment];

/** One per-user metric of a segment, as compared: the arms' values of the users it is defined for. */
interface Column {
  metric: string;
  control: Float64Array;
  test: Float64Array;
  /** Defined for every user of the segment in both arms (then it shares the segment's resamples). */
  complete: boolean;
}

/** Compares the arms of a run (the segments' bootstraps run on one worker pool). */
export async function compareArms(
  settings: CompareSettings,
  input: CompareInput,
  options: CompareOptions = {},
): Promise<Comparison> {
  const { paired, arms } = input;
  const seed = options.seed ?? settings.seed;
  const keep = (m: string) =>
    (!options.only || options.only.has(m)) &&
    (!settings.metrics || settings.metrics.includes(metricBase(m)));
  const ctx: TestContext = { confidence: 1 - settings.alpha, paired };
  const ks = arms.control.evaluation.ks ?? [arms.control.evaluation.k];
  const seg = (arm: "control" | "test", g: Segment) => arms[arm].evaluation.segments[g];
  const enough = (g: Segment) =>
    seg("control", g).rows.length >= 2 && seg("test", g).rows.length >= 2;
  const columns = (g: Segment): Column[] =>
    Object.keys(seg("control", g).perUser).filter(keep).map((metric) => ({
      metric,
      ...definedPair(seg("control", g).perUser[metric], seg("test", g).perUser[metric], paired),
    }));
  const cols = Object.fromEntries(SEGMENTS.map((g) => [g, columns(g)])) as Record<
    Segment,
    Column[]
  >;
  const complete = (g: Segment) => cols[g].filter((c) => c.complete);
  const meanJobs = SEGMENTS.filter(enough).filter((g) => complete(g).length > 0);
  const job = (control: Float64Array[], test: Float64Array[], s: number): BootstrapJob => ({
    paired,
    control,
    test,
    seed: s,
    resamples: settings.resamples,
    confidence: ctx.confidence,
  });
  const jobs: BootstrapJob[] = meanJobs.map((g) =>
    job(
      complete(g).map((c) => c.control),
      complete(g).map((c) => c.test),
      seed * 31 + SEGMENTS.indexOf(g),
    )
  );
  // A metric defined for some users only: its own job, seeded by its name (not its position).
  const partial = SEGMENTS.flatMap((g) =>
    cols[g].filter((c) => !c.complete && c.control.length >= 2 && c.test.length >= 2)
  );
  jobs.push(
    ...partial.map((c) => job([c.control], [c.test], seed * 31 + 1000 + fnv1a32(c.metric) % 1e6)),
  );
  const concSegs = (k: number) =>
    SEGMENTS.filter((g) =>
      coverageComparable(input, g) &&
      CONCENTRATION_METRICS.some((m) => concentrationName(m, g, k) in seg("control", g).mean) &&
      CONCENTRATION_METRICS.some((m) => keep(concentrationName(m, g, k)))
    );
  const concPlans = ks.flatMap((k) =>
    concSegs(k).map((g) => ({ k, g, plan: concentrationPlan(input, g, seed, k) }))
  );
  const concPlanOf = (k: number, g: Segment) => concPlans.find((p) => p.k === k && p.g === g);
  // coverage's own job only where no concentration job draws the same half-samples
  const coverSegs = (k: number) =>
    SEGMENTS.filter((g) =>
      coverageComparable(input, g) && keep(coverageName(g, k)) && !concPlanOf(k, g)
    );
  const coverPlans = ks.flatMap((k) =>
    coverSegs(k).map((g) => ({ k, g, plan: coveragePlan(input, g, seed, k) }))
  );
  const coverJobs = coverPlans.flatMap((c) => c.plan.jobs(settings.resamples));
  const concJobs = concPlans.flatMap((c) => c.plan.jobs(settings.resamples));
  const done = await runWorkerJobs([
    ...jobs.map((job): WorkerJob => ({ kind: "means", job })),
    ...coverJobs.map((job): WorkerJob => ({ kind: "cover", job })),
    ...concJobs.map((job): WorkerJob => ({ kind: "concentration", job })),
  ], options.threads);
  trace("compare: bootstrap jobs (means, coverage, concentration)");
  const boots = done.slice(0, jobs.length) as DiffLiftBootstrap[][];
  const coverReps = done.slice(jobs.length, jobs.length + coverJobs.length) as Float64Array[][];
  const concReps = done.slice(jobs.length + coverJobs.length) as Float64Array[][];
  const metrics: MetricComparison[] = [];
  const contrasts: Record<string, ContrastData> = {};
  const moments: Record<string, ArmMoments> = {};
  let bootstrap: Comparison["bootstrap"] = null;
  const row = (base: MetricRowBase, evidence: MetricEvidence | null) =>
    testedRow(base, evidence, ctx, settings.family);
  /** The bootstrap of a column: its place in its segment's job, or its own job. */
  const bootOf = (g: Segment, c: Column): DiffLiftBootstrap | null => {
    if (c.complete) {
      const at = meanJobs.indexOf(g);
      return at < 0 ? null : boots[at][complete(g).indexOf(c)];
    }
    const at = partial.indexOf(c);
    return at < 0 ? null : boots[meanJobs.length + at][0];
  };
  // Each plan's replicates, in plan order: paired, one job of both arms; A/B, one job per arm.
  const repsOf = <P>(plans: P[], reps: Float64Array[][]) => {
    const per = paired ? 1 : 2;
    return new Map(plans.map((p, q) => [p, reps.slice(q * per, q * per + per).flat()]));
  };
  const coverRepsOf = repsOf(coverPlans, coverReps);
  const concRepsOf = repsOf(concPlans, concReps);
  for (const segment of SEGMENTS) {
    const c = seg("control", segment), t = seg("test", segment);
    for (const col of cols[segment]) {
      const { metric } = col;
      const boot = bootOf(segment, col);
      const base = col.complete ? rowBase(metric, segment, c.mean[metric], t.mean[metric], c, t) : {
        ...rowBase(metric, segment, meanOf(col.control), meanOf(col.test), c, t),
        nControl: col.control.length,
        nTest: col.test.length,
      };
      if (!boot) {
        metrics.push(row(base, null));
        continue;
      }
      contrasts[metric] = boot.contrast;
      moments[metric] = armMoments(col.control, col.test, paired);
      if (metric === settings.primary) {
        bootstrap = { metric, replicates: boot.diff.replicates, observed: boot.diff.estimate };
      }
      // CUPED needs each value's covariate: metrics defined for every user (the §4.1 ones that
      // leave users out are compared without it)
      const covariate = col.complete
        ? covariateOf(arms.control.covariate, arms.test.covariate, c, t)
        : undefined;
      metrics.push(
        row(base, { kind: "mean", control: col.control, test: col.test, boot, covariate }),
      );
    }
    for (const k of ks) {
      const cov = coverageName(segment, k);
      if (keep(cov)) {
        const plan = coverPlans.find((p) => p.k === k && p.g === segment);
        const shared = concPlanOf(k, segment);
        if (!plan && !shared) {
          metrics.push(row(rowBase(cov, segment, c.mean[cov], t.mean[cov], c, t), null));
        } else {
          const [reps, h] = plan
            ? [coverRepsOf.get(plan)!, plan.plan.h]
            : [coverageReplicates(concRepsOf.get(shared!)!), shared!.plan.h];
          const data = coverageContrast(reps, h, input.catalogSize, paired);
          contrasts[cov] = data;
          metrics.push(sampledRow(row, cov, segment, data, { kind: "coverage", contrast: data }));
        }
      }
      if (!CONCENTRATION_METRICS.some((m) => concentrationName(m, segment, k) in c.mean)) continue;
      const plan = concPlanOf(k, segment);
      const results = plan
        ? concentrationContrasts(concRepsOf.get(plan)!, plan.plan.h, paired)
        : null;
      CONCENTRATION_METRICS.forEach((m, q) => {
        const name = concentrationName(m, segment, k);
        if (!keep(name)) return;
        const contrast = results?.[q];
        if (!contrast) {
          metrics.push(row(rowBase(name, segment, c.mean[name], t.mean[name], c, t), null));
          return;
        }
        contrasts[name] = contrast;
        metrics.push(sampledRow(row, name, segment, contrast, { kind: "coverage", contrast }));
      });
    }
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

/** The row of a statistic compared at equal size (h users per arm) from half-samples. */
function sampledRow(
  row: (base: MetricRowBase, evidence: MetricEvidence | null) => MetricComparison,
  metric: string,
  segment: Segment,
  data: CoverageContrast,
  evidence: MetricEvidence,
): MetricComparison {
  const base: MetricRowBase = {
    metric,
    segment,
    control: data.control,
    test: data.test,
    delta: data.diff,
    lift: data.control === 0 ? NaN : data.diff / data.control,
    nControl: data.nControl,
    nTest: data.nTest,
  };
  return { ...row(base, evidence), equalSize: data.nControl };
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
