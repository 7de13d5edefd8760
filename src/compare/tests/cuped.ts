/**
 * CUPED beside the plain test (`stats/cuped.ts`): when the comparison has a
 * pre-period covariate per user (the scenario's `cuped` section), each
 * metric with per-user values gets θ, the variance reduction, and the
 * adjusted Δ with its normal interval and p-value — θ on the pooled users of
 * both arms (A/B), or on the per-user deltas (paired). Empty without a
 * covariate, and for coverage (no per-user values).
 *
 * @module
 */
import { cupedPaired, cupedUnpaired, type Interval } from "../../stats/mod.ts";
import type { MetricTest } from "../types.ts";

/** The fields this test fills. */
export interface CupedFields {
  /** CUPED's θ (null without a covariate). */
  cupedTheta: number | null;
  /** Share of the difference's variance CUPED removes, `1 − se'²/se²`. */
  cupedVarianceReduction: number | null;
  /** The CUPED-adjusted difference of means. */
  cupedDelta: number | null;
  /** Its normal interval at the comparison's level. */
  cupedCi: Interval | null;
  /** Its two-sided p-value. */
  cupedPValue: number | null;
}

const EMPTY: { [K in keyof CupedFields]: null } = {
  cupedTheta: null,
  cupedVarianceReduction: null,
  cupedDelta: null,
  cupedCi: null,
  cupedPValue: null,
};

/**
 * The test, as registered.
 *
 * @example
 * ```ts
 * import { cupedTest } from "./cuped.ts";
 * import { pairedBootstrap } from "../../stats/mod.ts";
 * import { Rng } from "../../rng/mod.ts";
 * const control = Float64Array.of(0, 0, 0, 0), test = Float64Array.of(1, 2, 3, 4);
 * const [boot] = pairedBootstrap([control], [test], new Rng(1), { resamples: 50 });
 * const x = Float64Array.of(1, 2, 3, 4);
 * const f = cupedTest.apply({ kind: "mean", control, test, boot, covariate: { control: x, test: x } }, { confidence: 0.95, paired: true });
 * if (f.cupedTheta !== 1 || f.cupedDelta !== 2.5 || f.cupedVarianceReduction !== 1) throw new Error(JSON.stringify(f));
 * const none = cupedTest.apply({ kind: "mean", control, test, boot }, { confidence: 0.95, paired: true });
 * if (none.cupedTheta !== null) throw new Error();
 * ```
 */
export const cupedTest: MetricTest<CupedFields> = {
  name: "CUPED-adjusted Δ (pre-period covariate)",
  empty: EMPTY,
  apply(e, { confidence, paired }) {
    if (e.kind !== "mean" || !e.covariate) return EMPTY;
    const { control, test, covariate: x } = e;
    const r = paired
      ? cupedPaired(control, test, x.control, confidence)
      : cupedUnpaired({ y: control, x: x.control }, { y: test, x: x.test }, confidence);
    return {
      cupedTheta: r.theta,
      cupedVarianceReduction: r.varianceReduction,
      cupedDelta: r.delta,
      cupedCi: r.ci,
      cupedPValue: r.p,
    };
  },
};
