/**
 * Two-sided p-value of Δ = 0. Means: the normal approximation — paired z
 * test of the per-user deltas (paired mode) or Welch's z test of the two
 * arms (A/B). Coverage, which has no per-user values: from the bootstrap,
 * twice the smaller one-sided share of the contrast at τ = 0.
 *
 * @module
 */
import { contrastAt, pairedTest, welchTest } from "../../stats/mod.ts";
import type { MetricTest } from "../types.ts";

/** The field this test fills. */
export interface PValueFields {
  /** Two-sided p-value (normal approximation; coverage: from the bootstrap). */
  pValue: number | null;
}

/**
 * The test, as registered.
 *
 * @example
 * ```ts
 * import { pValueTest } from "./p_value.ts";
 * import { pairedBootstrap } from "../../stats/mod.ts";
 * import { Rng } from "../../rng/mod.ts";
 * const control = Float64Array.of(0, 1, 0, 1), test = Float64Array.of(1, 1, 0, 1);
 * const [boot] = pairedBootstrap([control], [test], new Rng(1), { resamples: 50 });
 * // deltas 1, 0, 0, 0: mean 0.25, sd 0.5, z = 0.25 / (0.5 / 2) = 1, p = 2·(1 − Φ(1))
 * const { pValue } = pValueTest.apply({ kind: "mean", control, test, boot }, { confidence: 0.95, paired: true });
 * if (Math.abs(pValue! - 0.31731050786291415) > 1e-12) throw new Error(String(pValue));
 * ```
 */
export const pValueTest: MetricTest<PValueFields> = {
  name: "p-value of Δ = 0 (normal approximation)",
  empty: { pValue: null },
  apply(e, { confidence, paired }) {
    if (e.kind === "coverage") {
      const at0 = contrastAt(e.contrast, 0, confidence);
      return { pValue: Math.min(1, 2 * Math.min(at0.pAbove, at0.pBelow)) };
    }
    if (!paired) return { pValue: welchTest(e.control, e.test).p };
    const d = new Float64Array(e.control.length);
    for (let i = 0; i < d.length; i++) d[i] = e.test[i] - e.control[i];
    return { pValue: pairedTest(d).p };
  },
};
