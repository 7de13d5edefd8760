/**
 * The gate's own operating characteristic, measured (`abreplay oc`):
 *
 * 1. **A/A** — the control against itself: the eval users, served once by
 *    the control, are split under S salts as an A/B test (the scenario's
 *    weights in A/B mode, 50/50 for a paired scenario) and the whole gate is
 *    applied to each split, with the run's own statistics (bootstrap,
 *    Monte Carlo refinement, SRM). Every admit is a false admit and every
 *    reject a false reject; rates come with Clopper–Pearson intervals.
 * 2. **Known effects** — the run's per-user values of the primary metric are
 *    taken as the population, the test arm rescaled so that its true lift is
 *    exactly δ (`t · (1+δ)μ_c/μ_t`, the model behind the stated curve), and R
 *    experiments of the run's size are drawn from it (users resampled with
 *    replacement; paired users keep their pairs). The primary rule is decided
 *    on each exactly as the gate decides it (same B, same Monte Carlo
 *    refinement): P(admit | δ) and P(reject | δ) over a grid of δ, beside the
 *    stated curve of `gate/oc_curve.ts`.
 *
 * Every draw is seeded from `stats.seed`: the same scenario gives the same rates.
 *
 * @module
 */
import type { Scenario } from "../scenario/mod.ts";
import {
  assignArms,
  clopperPearson,
  pairedBootstrap,
  thresholdOc,
  unpairedBootstrap,
} from "../stats/mod.ts";
import {
  applyGate,
  decideThreshold,
  type OcCurve,
  type Outcome,
  refinementSizes,
} from "../gate/mod.ts";
import { SEGMENTS } from "../metrics/mod.ts";
import { Rng } from "../rng/mod.ts";
import { compareArms, definedPair } from "../compare/mod.ts";
import { compareSettings, gatedFamily } from "./settings.ts";
import { refineForGate } from "./refine.ts";
import { type Progress, silentProgress, stage } from "./progress.ts";
import { serveControl, type ServedControl } from "./aa.ts";
import { subArm } from "./sub_arm.ts";
import type { RunResult } from "./run.ts";

/** A rate with its 95% Clopper–Pearson interval. */
export interface Rate {
  /** Occurrences. */
  count: number;
  /** `count / n` (0 when nothing was tried). */
  rate: number;
  /** 95% Clopper–Pearson interval of the rate. */
  ci: [number, number];
}

/** Result of the A/A part. */
export interface OcAa {
  /** Salts the control's users were split under. */
  salts: number;
  /** Weights of the split (the scenario's; 50/50 for a paired scenario). */
  weights: number[];
  /** Eval users split under each salt. */
  evalUsers: number;
  /** Whole-gate decisions over the salts: admit and reject are errors here. */
  admit: Rate;
  /** Salts the whole gate rejected (false rejects). */
  reject: Rate;
  /** Salts the gate left inconclusive. */
  inconclusive: Rate;
  /** Per rule: how often it failed or was inconclusive. */
  rules: Record<string, { fail: number; inconclusive: number }>;
}

/** One δ of the known-effects part. */
export interface OcEffectPoint {
  /** True relative lift imposed on the test arm. */
  lift: number;
  /** Simulated experiments at this lift. */
  reps: number;
  /** How often the primary rule admitted. */
  admit: Rate;
  /** How often the primary rule rejected. */
  reject: Rate;
  /** The stated (normal-approximation) probabilities at this δ. */
  stated: { admit: number; reject: number } | null;
}

/** Result of the known-effects part. */
export interface OcEffects {
  /** The primary metric. */
  metric: string;
  /** Superiority or non-inferiority. */
  kind: OcCurve["kind"];
  /** The rule's threshold on the lift. */
  threshold: number;
  /** Bootstrap resamples B of each simulated experiment. */
  resamples: number;
  /** Control users per simulated experiment. */
  nControl: number;
  /** Test users per simulated experiment. */
  nTest: number;
  /** One point per simulated lift, ascending. */
  points: OcEffectPoint[];
}

/** What `abreplay oc` measured. */
export interface OcResult {
  /** The scenario's name. */
  name: string;
  /** The A/A part (null when skipped). */
  aa: OcAa | null;
  /** The known-effects part (null when skipped or impossible; `notes` says why). */
  effects: OcEffects | null;
  /** Why a part was not run (e.g. a Coverage primary has no per-user values to rescale). */
  notes: string[];
}

/** Options of {@linkcode simulateOc}. */
export interface OcOptions {
  /** Salts of the A/A part (0 skips it). @default 200 */
  salts?: number;
  /** Worker threads of the serving and the bootstraps. @default the machine's cores */
  threads?: number;
  /** Experiments per δ of the known-effects part (0 skips it). @default 200 */
  reps?: number;
  /** The δ grid; default: −target, 0, the threshold, the midpoint to the target, the target. */
  lifts?: number[];
}

const rate = (count: number, n: number): Rate => ({
  count,
  rate: n ? count / n : 0,
  ci: n ? clopperPearson(count, n) : [0, 1],
});

/**
 * Measures the gate of a finished run (`abreplay oc`): its control, already
 * fitted, is served to every eval user for the A/A part (reusing the run's
 * lists in paired mode), then {@linkcode simulateOc}.
 */
export async function measureOc(
  result: RunResult,
  options: OcOptions = {},
  progress: Progress = silentProgress,
): Promise<OcResult> {
  const paired = result.scenario.mode.type === "paired";
  const control = await serveControl(
    result.scenario,
    progress,
    {},
    result,
    result.arms.control.recommender,
    paired ? result.arms.control : undefined,
    options.threads,
  );
  return await simulateOc(result, control, options, progress);
}

/**
 * Measures the gate of `result`'s scenario; `control` is its control served
 * to every eval user (needed for the A/A part only).
 */
export async function simulateOc(
  result: RunResult,
  control: ServedControl | null,
  options: OcOptions = {},
  progress: Progress = silentProgress,
): Promise<OcResult> {
  const s = result.scenario;
  const timings: Record<string, number> = {};
  const notes: string[] = [];
  const salts = options.salts ?? 200;
  const reps = options.reps ?? 200;
  const aa = salts > 0 && control
    ? await stage(
      progress,
      timings,
      "oc: A/A salts",
      () => gateAa(s, control!, salts, progress, options.threads),
    )
    : null;
  let effects: OcEffects | null = null;
  if (reps > 0) {
    effects = await stage(
      progress,
      timings,
      "oc: known effects",
      () => knownEffects(result, reps, options.lifts, progress, notes),
    );
  }
  return { name: s.name, aa, effects, notes };
}

/**
 * The A/A part: the whole gate of `s` over `salts` splits of the control's
 * users (salt `<mode.salt>-oc-<i>`, bootstrap seed derived from `i`).
 */
export async function gateAa(
  s: Scenario,
  control: ServedControl,
  salts: number,
  progress: Progress,
  threads?: number,
): Promise<OcAa> {
  const weights = s.mode.type === "ab" ? s.mode.weights : [0.5, 0.5];
  const sAb: Scenario = { ...s, mode: { ...s.mode, type: "ab", weights } };
  const { family } = gatedFamily(s);
  const only = new Set(family);
  const counts = { admit: 0, reject: 0, inconclusive: 0 };
  const rules: OcAa["rules"] = {};
  for (let i = 0; i < salts; i++) {
    const arm = assignArms(control.ids, `${s.mode.salt}-oc-${i}`, weights, s.mode.coverage);
    const rowsOf = (a: number) => {
      const out: number[] = [];
      for (let j = 0; j < arm.length; j++) if (arm[j] === a) out.push(j);
      return Int32Array.from(out);
    };
    const input = {
      paired: false,
      catalogSize: control.holdout.catalogSize,
      arms: {
        control: subArm(control.evaluation, control.served, rowsOf(0)),
        test: subArm(control.evaluation, control.served, rowsOf(1)),
      },
    };
    const seed = s.stats.seed + 7919 * (i + 1);
    const sSalt = { ...sAb, stats: { ...sAb.stats, seed } };
    const c = await refineForGate(
      sSalt,
      input,
      await compareArms(compareSettings(sSalt), input, { only, seed, threads }),
      threads,
    );
    const v = applyGate(c, s.gate, s.stats);
    counts[v.decision]++;
    for (const r of v.reasons) {
      const key = r.rule;
      rules[key] ??= { fail: 0, inconclusive: 0 };
      if (r.outcome === "fail") rules[key].fail++;
      if (r.outcome === "inconclusive") rules[key].inconclusive++;
    }
    progress.tick(i + 1, salts);
  }
  return {
    salts,
    weights,
    evalUsers: control.ids.length,
    admit: rate(counts.admit, salts),
    reject: rate(counts.reject, salts),
    inconclusive: rate(counts.inconclusive, salts),
    rules,
  };
}

/** The known-effects part for the primary metric. */
async function knownEffects(
  result: RunResult,
  reps: number,
  lifts: number[] | undefined,
  progress: Progress,
  notes: string[],
): Promise<OcEffects | null> {
  const s = result.scenario;
  const primary = s.gate.primary;
  const seg = SEGMENTS.find((g) =>
    primary.metric in result.arms.control.evaluation.segments[g].perUser
  );
  if (!seg) {
    notes.push(`known effects: ${primary.metric} has no per-user values to rescale`);
    return null;
  }
  const paired = s.mode.type === "paired";
  const { control: c, test: t } = definedPair(
    result.arms.control.evaluation.segments[seg].perUser[primary.metric],
    result.arms.test.evaluation.segments[seg].perUser[primary.metric],
    paired,
  );
  const mc = mean(c), mt = mean(t);
  if (c.length < 2 || t.length < 2 || mc === 0 || mt === 0) {
    notes.push(`known effects: ${primary.metric} needs two arms with non-zero means`);
    return null;
  }
  const ni = primary.nonInferiorityMargin !== undefined;
  const tau = ni ? -primary.nonInferiorityMargin! : primary.minLift ?? 0;
  const target = s.stats.targetMde;
  const grid = lifts ?? [...new Set([ni ? tau : -target, 0, tau, (tau + target) / 2, target])]
    .sort((a, b) => a - b);
  const confidence = 1 - s.stats.alpha;
  const points: OcEffectPoint[] = [];
  let done = 0;
  for (const [d, lift] of grid.entries()) {
    const scale = ((1 + lift) * mc) / mt;
    const tPop = Float64Array.from(t, (x) => x * scale);
    const outcomes = { pass: 0, fail: 0, inconclusive: 0 } as Record<Outcome, number>;
    for (let r = 0; r < reps; r++) {
      const rng = new Rng(s.stats.seed * 1_000_003 + d * 100_003 + r);
      const [cs, ts] = paired ? resamplePairs(c, tPop, rng) : [
        resample(c, c.length, rng),
        resample(tPop, tPop.length, rng),
      ];
      outcomes[decide(cs, ts, paired, tau, s.stats.B, confidence, rng.int(2 ** 31))]++;
      progress.tick(++done, grid.length * reps);
      // Yield now and then so that progress renders.
      if (r % 16 === 15) await new Promise((ok) => setTimeout(ok, 0));
    }
    const m = result.comparison.moments[primary.metric];
    const oc = m ? thresholdOc(m, tau, lift, s.stats.alpha) : null;
    points.push({
      lift,
      reps,
      admit: rate(outcomes.pass, reps),
      reject: rate(outcomes.fail, reps),
      stated: oc ? { admit: oc.pass, reject: oc.fail } : null,
    });
  }
  return {
    metric: primary.metric,
    kind: ni ? "non-inferiority" : "superiority",
    threshold: tau,
    resamples: s.stats.B,
    nControl: c.length,
    nTest: t.length,
    points,
  };
}

/** The primary rule on one simulated experiment: bootstrap, decide, refine as the run does. */
function decide(
  c: Float64Array,
  t: Float64Array,
  paired: boolean,
  tau: number,
  b: number,
  confidence: number,
  seed: number,
): Outcome {
  const boot = paired ? pairedBootstrap : unpairedBootstrap;
  let d = decideThreshold(
    boot([c], [t], new Rng(seed), { resamples: b, confidence })[0].contrast,
    tau,
    confidence,
  );
  for (const [round, size] of refinementSizes(b, Math.max(c.length, t.length)).entries()) {
    if (!d.withinMonteCarlo) break;
    const rng = new Rng(seed + 1000 * (round + 1));
    d = decideThreshold(
      boot([c], [t], rng, { resamples: size, confidence })[0].contrast,
      tau,
      confidence,
    );
  }
  return d.outcome;
}

function resample(x: Float64Array, n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[rng.int(x.length)];
  return out;
}

function resamplePairs(c: Float64Array, t: Float64Array, rng: Rng): [Float64Array, Float64Array] {
  const n = c.length;
  const cs = new Float64Array(n), ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = rng.int(n);
    cs[i] = c[j];
    ts[i] = t[j];
  }
  return [cs, ts];
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}
