/**
 * Sequential monitoring of a run (the scenario's `sequential` section): the
 * holdout replayed day by day — each eval user enters the experiment on the
 * day of their first test interaction, with the metric value the run
 * measured for them — and after each day the difference of the users so far
 * with its fixed-horizon interval `Δ ± z se` and its always-valid interval
 * (`stats/sequential.ts`, GrowthBook's mixture SPRT). The stopping day is the
 * first whose always-valid interval excludes 0.
 *
 * An A/A over salts shows what peeking costs: control's users split in two
 * by hash v2 under each salt and checked every day; the share of salts where
 * any day's fixed-horizon interval excludes 0 grows with the number of looks,
 * while the sequential one stays at most α.
 *
 * @module
 */
import {
  assignArms,
  clopperPearson,
  normalQuantile,
  sequentialHalfwidth,
  sequentialRho,
} from "../stats/mod.ts";
import type { Interval } from "../stats/mod.ts";
import type { Holdout } from "../split/mod.ts";
import type { Scenario } from "../scenario/mod.ts";

/** One day of the monitoring. */
export interface SequentialDay {
  /** Day since the split (0 = the split's day). */
  day: number;
  /** Its date (UTC, YYYY-MM-DD). */
  date: string;
  /** Control users in the experiment so far (paired: the users). */
  nControl: number;
  /** Test users so far (paired: the users). */
  nTest: number;
  /** Δ of the users so far (null with fewer than 2 users an arm). */
  delta: number | null;
  /** Fixed-horizon interval `Δ ± z se`. */
  fixedCi: Interval | null;
  /** Always-valid interval. */
  sequentialCi: Interval | null;
}

/** A share of salts with its 95% Clopper–Pearson interval. */
export interface SaltRate {
  /** Salts where it happened. */
  count: number;
  /** `count / salts`. */
  rate: number;
  /** 95% interval. */
  ci: Interval;
}

/** The sequential monitoring of a run. */
export interface SequentialResult {
  /** The monitored metric (overall segment). */
  metric: string;
  /** Level α of both intervals. */
  alpha: number;
  /** The tuning parameter N of the always-valid interval. */
  tuning: number;
  /** The mixing parameter ρ that N gives. */
  rho: number;
  /** Every day from the split to the last user's entry. */
  days: SequentialDay[];
  /** First day whose always-valid interval excludes 0 (null: never). */
  stopDay: number | null;
  /** First day whose fixed-horizon interval excludes 0 (what a daily peeker would stop on). */
  fixedStopDay: number | null;
  /** The A/A of peeking daily over salts (null when `aaSalts` is 0). */
  aa: {
    salts: number;
    /** Salts where some day's fixed-horizon interval excluded 0. */
    fixedPeeking: SaltRate;
    /** Salts where some day's always-valid interval excluded 0 (≤ α). */
    sequentialPeeking: SaltRate;
    /** Salts where the last day's fixed-horizon interval excluded 0 (≈ α). */
    fixedFinal: SaltRate;
  } | null;
}

const DAY = 86400;

/**
 * Day of entry of each eval user (indexed like `holdout.evalUsers`): whole
 * days from the split instant T to the user's first test interaction.
 *
 * @example
 * ```ts
 * import { entryDays } from "./sequential.ts";
 * // T = day 10; user 0's first test row at day 12.5, user 1's at day 10.1
 * const holdout = { T: 10 * 86400, evalUsers: Int32Array.of(0, 1), nUsers: 2,
 *   test: { user: Int32Array.of(0, 0, 1), ts: Float64Array.of(12.5 * 86400, 13 * 86400, 10.1 * 86400) } };
 * if (entryDays(holdout as never).join() !== "2,0") throw new Error();
 * ```
 */
export function entryDays(holdout: Holdout): Int32Array {
  const first = new Float64Array(holdout.nUsers).fill(Infinity);
  const { user, ts } = holdout.test;
  for (let r = 0; r < user.length; r++) if (ts[r] < first[user[r]]) first[user[r]] = ts[r];
  return Int32Array.from(holdout.evalUsers, (u) => Math.floor((first[u] - holdout.T) / DAY));
}

/** Running sums of one arm's values, by day of entry. */
function dailySums(values: ArrayLike<number>, days: ArrayLike<number>, nDays: number) {
  const n = new Float64Array(nDays), s = new Float64Array(nDays), q = new Float64Array(nDays);
  for (let i = 0; i < values.length; i++) {
    n[days[i]]++;
    s[days[i]] += values[i];
    q[days[i]] += values[i] * values[i];
  }
  return { n, s, q };
}

/** Mean and variance of the mean from running sums (n ≥ 2). */
function moments(n: number, s: number, q: number): { mean: number; v: number } {
  const mean = s / n;
  const variance = Math.max(0, (q - n * mean * mean) / (n - 1));
  return { mean, v: variance / n };
}

/** The daily path of Δ of two arms (paired: `control` holds the deltas, `test` is null). */
function dailyPath(
  control: { values: ArrayLike<number>; days: ArrayLike<number> },
  test: { values: ArrayLike<number>; days: ArrayLike<number> } | null,
  nDays: number,
  alpha: number,
  rho: number,
): { nControl: number; nTest: number; delta: number | null; se: number; hw: number }[] {
  const c = dailySums(control.values, control.days, nDays);
  const t = test ? dailySums(test.values, test.days, nDays) : null;
  let nc = 0, sc = 0, qc = 0, nt = 0, st = 0, qt = 0;
  const out = [];
  for (let d = 0; d < nDays; d++) {
    nc += c.n[d], sc += c.s[d], qc += c.q[d];
    if (t) nt += t.n[d], st += t.s[d], qt += t.q[d];
    const enough = nc >= 2 && (!t || nt >= 2);
    if (!enough) {
      out.push({ nControl: nc, nTest: t ? nt : nc, delta: null, se: NaN, hw: NaN });
      continue;
    }
    const mc = moments(nc, sc, qc);
    const mt = t ? moments(nt, st, qt) : { mean: 0, v: 0 };
    const delta = t ? mt.mean - mc.mean : mc.mean;
    const se = Math.sqrt(mc.v + mt.v);
    const n = t ? nc + nt : nc;
    out.push({
      nControl: nc,
      nTest: t ? nt : nc,
      delta,
      se,
      hw: sequentialHalfwidth(se, n, alpha, rho),
    });
  }
  return out;
}

const excludes0 = (ci: Interval | null) => !!ci && (ci[0] > 0 || ci[1] < 0);

/** Inputs of {@linkcode sequentialMonitoring}: the primary metric's per-user values and days. */
export interface SequentialInput {
  /** Paired (values aligned per user) or two independent arms. */
  paired: boolean;
  /** Per arm: the users' values of the metric and their entry days. */
  control: { values: Float64Array; days: Int32Array; ids: string[] };
  test: { values: Float64Array; days: Int32Array };
}

/** Monitors the run day by day and measures the A/A of peeking. */
export function sequentialMonitoring(
  scenario: Scenario,
  holdout: Pick<Holdout, "T">,
  metric: string,
  input: SequentialInput,
): SequentialResult {
  const spec = scenario.sequential!;
  const alpha = scenario.stats.alpha;
  const rho = sequentialRho(alpha, spec.tuning);
  const z = normalQuantile(1 - alpha / 2);
  let nDays = 1;
  for (const d of input.control.days) nDays = Math.max(nDays, d + 1);
  for (const d of input.test.days) nDays = Math.max(nDays, d + 1);
  const path = input.paired
    ? dailyPath(
      {
        values: Float64Array.from(input.test.values, (v, i) => v - input.control.values[i]),
        days: input.control.days,
      },
      null,
      nDays,
      alpha,
      rho,
    )
    : dailyPath(input.control, input.test, nDays, alpha, rho);
  const days: SequentialDay[] = path.map((p, day) => ({
    day,
    date: new Date((holdout.T + day * DAY) * 1000).toISOString().slice(0, 10),
    nControl: p.nControl,
    nTest: p.nTest,
    delta: p.delta,
    fixedCi: p.delta === null ? null : [p.delta - z * p.se, p.delta + z * p.se],
    sequentialCi: p.delta === null ? null : [p.delta - p.hw, p.delta + p.hw],
  }));
  const first = (f: (d: SequentialDay) => boolean) => days.find(f)?.day ?? null;
  return {
    metric,
    alpha,
    tuning: spec.tuning,
    rho,
    days,
    stopDay: first((d) => excludes0(d.sequentialCi)),
    fixedStopDay: first((d) => excludes0(d.fixedCi)),
    aa: spec.aaSalts > 0 ? peekingAa(scenario, input.control, nDays, rho, z) : null,
  };
}

/** The A/A of daily peeking over `sequential.aaSalts` salts, on control's users. */
function peekingAa(
  scenario: Scenario,
  control: SequentialInput["control"],
  nDays: number,
  rho: number,
  z: number,
): NonNullable<SequentialResult["aa"]> {
  const salts = scenario.sequential!.aaSalts, alpha = scenario.stats.alpha;
  let fixedAny = 0, seqAny = 0, fixedLast = 0;
  for (let s = 0; s < salts; s++) {
    const arm = assignArms(control.ids, `${scenario.mode.salt}-seq-aa-${s}`);
    const half = (a: number) => {
      const values: number[] = [], days: number[] = [];
      for (let i = 0; i < arm.length; i++) {
        if (arm[i] === a) values.push(control.values[i]), days.push(control.days[i]);
      }
      return { values, days };
    };
    const path = dailyPath(half(0), half(1), nDays, alpha, rho).filter((p) => p.delta !== null);
    if (path.some((p) => Math.abs(p.delta!) > z * p.se)) fixedAny++;
    if (path.some((p) => Math.abs(p.delta!) > p.hw)) seqAny++;
    const last = path[path.length - 1];
    if (last && Math.abs(last.delta!) > z * last.se) fixedLast++;
  }
  const rate = (count: number): SaltRate => ({
    count,
    rate: count / salts,
    ci: clopperPearson(count, salts),
  });
  return {
    salts,
    fixedPeeking: rate(fixedAny),
    sequentialPeeking: rate(seqAny),
    fixedFinal: rate(fixedLast),
  };
}

/**
 * The monitoring input of a run's arms: the metric's per-user values of
 * each arm's users (overall segment), their entry days and, for the A/A,
 * control's user ids.
 */
export function sequentialInput(
  paired: boolean,
  arms: Record<
    "control" | "test",
    { rows: Int32Array; values: Float64Array; segmentRows: Int32Array }
  >,
  entry: Int32Array,
  evalIds: string[],
): SequentialInput {
  const daysOf = (a: "control" | "test") =>
    Int32Array.from(arms[a].segmentRows, (q) => entry[arms[a].rows[q]]);
  return {
    paired,
    control: {
      values: arms.control.values,
      days: daysOf("control"),
      ids: Array.from(arms.control.segmentRows, (q) => evalIds[arms.control.rows[q]]),
    },
    test: { values: arms.test.values, days: daysOf("test") },
  };
}
