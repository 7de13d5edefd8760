/**
 * PROTOCOL §6 power analysis of the primary metric: the minimum detectable
 * effect of the two-sided test of Δ = 0 at the observed n (both arms' sds),
 * the users needed for the target relative MDE, the power there, and the
 * MDE curve `MDE(m) = M·sd_eff/√m` with `M = z_{1−α/2} + z_{power}`.
 *
 * @module
 */
import { SEGMENTS } from "../metrics/mod.ts";
import {
  mde,
  normalQuantile,
  pairedMde,
  pairedUsers,
  powerAt,
  summarize,
  usersPerArm,
} from "../stats/mod.ts";
import type { CompareInput, CompareSettings, PowerAnalysis } from "./types.ts";
import { definedPair } from "./defined.ts";

/**
 * PROTOCOL §6 power of the primary metric: MDE of the two-sided test of Δ = 0
 * at the observed n (both arms' sds), users needed for `stats.targetMde`.
 */
export function powerAnalysis(
  settings: CompareSettings,
  input: CompareInput,
): PowerAnalysis | null {
  const primary = settings.primary;
  const paired = input.paired;
  const seg = SEGMENTS.find((g) => primary in input.arms.control.evaluation.segments[g].perUser);
  if (!seg) return null;
  const { control: c, test: t } = definedPair(
    input.arms.control.evaluation.segments[seg].perUser[primary],
    input.arms.test.evaluation.segments[seg].perUser[primary],
    paired,
  );
  if (c.length < 2 || t.length < 2) return null;
  const opts = { alpha: settings.alpha, power: settings.power };
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
    usersNeeded = sd.sd > 0 ? pairedUsers(settings.targetMde, sc.mean, sd.sd, opts) : 2;
  } else {
    const st = summarize(t);
    n = Math.round((c.length + t.length) / 2);
    mdeAbs = mde(sc, st, opts).absolute;
    sdEff = Math.sqrt(sc.sd ** 2 + st.sd ** 2);
    se = Math.sqrt(sc.sd ** 2 / sc.n + st.sd ** 2 / st.n);
    const need = usersPerArm(settings.targetMde, sc, {
      ...opts,
      sdTest: st.sd,
      weights: settings.weights as [number, number],
    });
    usersNeeded = Math.max(need.control, need.test);
  }
  const M = normalQuantile(1 - settings.alpha / 2) + normalQuantile(settings.power);
  const curve: { n: number; mdeRel: number }[] = [];
  for (let f = 1 / 16; f <= 16.01; f *= 2) {
    const m = Math.max(2, Math.round(n * f));
    curve.push({ n: m, mdeRel: (M * sdEff) / Math.sqrt(m) / Math.abs(sc.mean) });
  }
  return {
    metric: primary,
    alpha: settings.alpha,
    power: settings.power,
    n,
    mdeAbs,
    mdeRel: mdeAbs / Math.abs(sc.mean),
    targetMde: settings.targetMde,
    usersNeeded,
    powerAtTarget: se > 0 ? powerAt(settings.targetMde * Math.abs(sc.mean), se, opts) : 1,
    curve,
  };
}
