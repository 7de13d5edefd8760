/**
 * Control vs test, per metric and segment (PROTOCOL §5–6): means, difference,
 * relative lift; a paired bootstrap of per-user deltas (paired mode) or an
 * unpaired bootstrap of the two arms (A/B), all metrics of a segment from one
 * set of resamples; Welch / paired z p-values, Holm over the gated family;
 * SRM of served users (A/B); MDE, users needed and power for the primary metric.
 *
 * @module
 */
import type { Assignment } from "../replay/assign.ts";
import type { Scenario } from "../scenario/types.ts";
import type { ReportPower } from "../report/types.ts";
import { type Segment, SEGMENTS } from "../metrics/mod.ts";
import {
  type BootstrapJob,
  type DiffLiftBootstrap,
  holm,
  mde,
  normalQuantile,
  pairedMde,
  pairedTest,
  pairedUsers,
  powerAt,
  runBootstrapJobs,
  type SrmResult,
  srmTest,
  summarize,
  usersPerArm,
  welchTest,
} from "../stats/mod.ts";
import type { ArmName, ArmResult } from "./run_scenario.ts";

/** `[lo, hi]`. */
export type CiPair = [number, number];

/** One metric's comparison. */
export interface MetricComparison {
  metric: string;
  segment: Segment;
  control: number;
  test: number;
  delta: number;
  /** `delta / control` (NaN when control is 0). */
  lift: number;
  nControl: number;
  nTest: number;
  /** Bootstrap CIs of `delta` and of `lift` (null for coverage or too few users). */
  ciPercentile: CiPair | null;
  ciBca: CiPair | null;
  liftCiPercentile: CiPair | null;
  liftCiBca: CiPair | null;
  /** Two-sided normal-approximation p-value (null for coverage or too few users). */
  pValue: number | null;
  /** Holm-adjusted over the gated family (null when not gated). */
  pValueHolm: number | null;
  gated: boolean;
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
  metrics: MetricComparison[];
  srm: (SrmResult & { observed: number[]; weights: number[] }) | null;
  power: PowerAnalysis | null;
  /** Replicates of the primary metric's difference (overall segment). */
  bootstrap: { metric: string; replicates: Float64Array; observed: number } | null;
  health: Record<ArmName, ArmHealth>;
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
  arms: Record<ArmName, ArmResult>,
  assignment: Assignment,
): Promise<Comparison> {
  const paired = assignment.mode === "paired";
  const { primary, family } = gatedFamily(s);
  const metrics: MetricComparison[] = [];
  let bootstrap: Comparison["bootstrap"] = null;
  const enough = (g: Segment) =>
    arms.control.evaluation.segments[g].rows.length >= 2 &&
    arms.test.evaluation.segments[g].rows.length >= 2;
  const withBoot = SEGMENTS.filter(enough);
  const jobs: BootstrapJob[] = withBoot.map((g) => {
    const names = Object.keys(arms.control.evaluation.segments[g].perUser);
    const cols = (arm: ArmResult) => names.map((m) => arm.evaluation.segments[g].perUser[m]);
    return {
      paired,
      control: cols(arms.control),
      test: cols(arms.test),
      seed: s.stats.seed * 31 + SEGMENTS.indexOf(g),
      resamples: s.stats.B,
      confidence: 1 - s.stats.alpha,
    };
  });
  const results = await runBootstrapJobs(jobs);
  SEGMENTS.forEach((segment) => {
    const c = arms.control.evaluation.segments[segment];
    const t = arms.test.evaluation.segments[segment];
    const names = Object.keys(c.perUser);
    const boot: DiffLiftBootstrap[] | null = enough(segment)
      ? results[withBoot.indexOf(segment)]
      : null;
    for (const metric of Object.keys(c.mean)) {
      const control = c.mean[metric];
      const test = t.mean[metric];
      const m = names.indexOf(metric);
      const b = m >= 0 && boot ? boot[m] : null;
      const p = m >= 0 && enough(segment)
        ? pValue(paired, c.perUser[metric], t.perUser[metric])
        : null;
      if (b && metric === primary) {
        bootstrap = { metric, replicates: b.diff.replicates, observed: b.diff.estimate };
      }
      metrics.push({
        metric,
        segment,
        control,
        test,
        delta: test - control,
        lift: control === 0 ? NaN : (test - control) / control,
        nControl: c.rows.length,
        nTest: t.rows.length,
        ciPercentile: b ? [b.diff.percentile.lo, b.diff.percentile.hi] : null,
        ciBca: b ? [b.diff.bca.lo, b.diff.bca.hi] : null,
        liftCiPercentile: b?.lift ? [b.lift.percentile.lo, b.lift.percentile.hi] : null,
        liftCiBca: b?.lift ? [b.lift.bca.lo, b.lift.bca.hi] : null,
        pValue: p,
        pValueHolm: null,
        gated: family.includes(metric),
      });
    }
  });
  const gated = metrics.filter((m) => m.gated && m.pValue !== null);
  const adjusted = holm(gated.map((m) => m.pValue!));
  gated.forEach((m, i) => (m.pValueHolm = adjusted[i]));
  return {
    mode: assignment.mode,
    primary,
    metrics,
    srm: paired ? null : srmOf(s, arms),
    power: powerOf(s, arms, primary, paired),
    bootstrap,
    health: { control: healthOf(arms.control), test: healthOf(arms.test) },
  };
}

function pValue(paired: boolean, c: Float64Array, t: Float64Array): number {
  if (!paired) return welchTest(c, t).p;
  const d = new Float64Array(c.length);
  for (let i = 0; i < d.length; i++) d[i] = t[i] - c[i];
  return pairedTest(d).p;
}

function srmOf(s: Scenario, arms: Record<ArmName, ArmResult>) {
  const observed = [arms.control, arms.test].map((a) =>
    a.served.users.length - a.served.failedUsers
  );
  const weights = s.mode.weights;
  return { ...srmTest(observed, weights, { srmAlpha: s.stats.srmAlpha }), observed, weights };
}

function healthOf(a: ArmResult): ArmHealth {
  const n = a.served.users.length;
  const lat = Array.from(a.served.msPerUser).sort((x, y) => x - y);
  const p95 = lat.length ? lat[Math.min(lat.length - 1, Math.ceil(0.95 * lat.length) - 1)] : 0;
  return { errorRate: n ? a.served.failedUsers / n : 0, latencyP95Ms: p95 };
}

function powerOf(
  s: Scenario,
  arms: Record<ArmName, ArmResult>,
  primary: string,
  paired: boolean,
): PowerAnalysis | null {
  const seg = SEGMENTS.find((g) => primary in arms.control.evaluation.segments[g].perUser);
  if (!seg) return null;
  const c = arms.control.evaluation.segments[seg].perUser[primary];
  const t = arms.test.evaluation.segments[seg].perUser[primary];
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
