/**
 * The statistics of a simulated interleaving experiment: the per-user
 * preferences `s(u) ∈ {−1, 0, +1}` (test's team got more, fewer or as many
 * clicks, `replay/interleave.ts`), their mean `Δ_IL = (wins − losses) / n`
 * with a normal interval, and the two-sided z test of H0: `E[s] = 0`
 * (`z = s̄ / (s_s/√n)`, the large-sample sign test on wins vs losses).
 *
 * Sensitivity against an A/B test of the block CTR (Chapelle, Joachims,
 * Radlinski & Yue, TOIS 2012, §6): with `K = z_{1−α/2} + z_{1−β}`, an
 * interleaving experiment detecting the observed `Δ_IL` needs
 * `n_IL = ⌈K² s_s² / Δ_IL²⌉` users, an equal-split A/B test detecting the
 * observed CTR difference `Δ_CTR` needs `⌈K² (s_c² + s_t²) / Δ_CTR²⌉` users per
 * arm (PROTOCOL §6), twice that in all; the ratio of the two totals is the
 * sensitivity ratio (the literature reports 10–100×).
 *
 * @module
 */
import { normalQuantile, pairedTest, summarize } from "../stats/mod.ts";
import type { Interval } from "../stats/mod.ts";

/** What an interleaving experiment on the replay showed. */
export interface InterleavingResult {
  /** Users with an interleaved list. */
  users: number;
  /** Users preferring test (its team got more clicks). */
  wins: number;
  /** Users preferring control. */
  losses: number;
  /** Users with no preference (no clicks, or as many for each team). */
  ties: number;
  /** Mean preference `(wins − losses) / n`, in [−1, 1]. */
  preference: number;
  /** Its two-sided normal interval at `1 − alpha`. */
  ci: Interval;
  /** Two-sided p-value of H0: no preference. */
  pValue: number;
  /** Users an interleaving experiment needs to detect `preference` (null when it is 0). */
  usersNeeded: number | null;
  /** Users in all an equal-split A/B test needs to detect the observed CTR difference (null when 0). */
  abUsersNeeded: number | null;
  /** `abUsersNeeded / usersNeeded` (null when either is). */
  sensitivityRatio: number | null;
}

/**
 * Tests the preferences `pref` and compares with the A/B test of the
 * per-user block clicks `ctrControl`, `ctrTest`.
 *
 * @example
 * ```ts
 * import { interleavingTest } from "./interleaving.ts";
 * // 6 wins, 2 losses, 2 ties: mean 0.4, sd² = (6·0.36 + 2·1.96 + 2·0.16)/9 = 0.711…
 * const pref = Float64Array.of(1, 1, 1, 1, 1, 1, -1, -1, 0, 0);
 * const c = Float64Array.of(0, 1, 0, 1), t = Float64Array.of(1, 1, 0, 1);
 * const r = interleavingTest(pref, c, t, { alpha: 0.05, power: 0.8 });
 * if (r.wins !== 6 || r.losses !== 2 || r.ties !== 2 || Math.abs(r.preference - 0.4) > 1e-15) throw new Error();
 * // n_IL = ⌈2.801585² · 0.7111 / 0.16⌉ = ⌈34.88⌉ = 35
 * if (r.usersNeeded !== 35) throw new Error(String(r.usersNeeded));
 * ```
 */
export function interleavingTest(
  pref: Float64Array,
  ctrControl: Float64Array,
  ctrTest: Float64Array,
  options: { alpha: number; power: number },
): InterleavingResult {
  let wins = 0, losses = 0;
  for (const s of pref) {
    if (s > 0) wins++;
    else if (s < 0) losses++;
  }
  const n = pref.length;
  const t = pairedTest(pref);
  const zc = normalQuantile(1 - options.alpha / 2);
  const K = zc + normalQuantile(options.power);
  const sdPref = summarize(pref).sd;
  const usersNeeded = t.diff === 0 ? null : Math.ceil((K * sdPref / t.diff) ** 2);
  const c = summarize(ctrControl), te = summarize(ctrTest);
  const dCtr = te.mean - c.mean;
  const abUsersNeeded = dCtr === 0
    ? null
    : 2 * Math.ceil(K * K * (c.sd ** 2 + te.sd ** 2) / (dCtr * dCtr));
  return {
    users: n,
    wins,
    losses,
    ties: n - wins - losses,
    preference: t.diff,
    ci: [t.diff - zc * t.se, t.diff + zc * t.se],
    pValue: t.p,
    usersNeeded,
    abUsersNeeded,
    sensitivityRatio: usersNeeded && abUsersNeeded ? abUsersNeeded / usersNeeded : null,
  };
}
