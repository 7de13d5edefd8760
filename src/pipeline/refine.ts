/**
 * Monte Carlo refinement before the verdict: a gated metric whose deciding
 * interval bound lies within its Monte Carlo error of the rule's threshold is
 * bootstrapped again with more resamples (4B, then 16B, within a work
 * budget), with its own seed, until the bound clears or the budget ends (then
 * the rule stays inconclusive and says which B would decide). The rows of
 * those metrics in metrics.json carry the resamples they used.
 *
 * @module
 */
import type { Scenario } from "../scenario/mod.ts";
import { metricsWithinMonteCarlo, refinementSizes } from "../gate/mod.ts";
import { compareArms, type CompareInput, type Comparison, mergeRefined } from "../compare/mod.ts";
import { compareSettings } from "./settings.ts";

/** `comparison` with the gated metrics that were within Monte Carlo error re-bootstrapped. */
export async function refineForGate(
  s: Scenario,
  input: CompareInput,
  comparison: Comparison,
  threads?: number,
): Promise<Comparison> {
  let c = comparison;
  const n = Math.max(
    ...(["control", "test"] as const).map((a) =>
      input.arms[a].evaluation.segments.overall.rows.length
    ),
  );
  for (const [round, resamples] of refinementSizes(s.stats.B, n).entries()) {
    const pending = metricsWithinMonteCarlo(c, s.gate);
    if (pending.length === 0) break;
    const more = await compareArms(
      { ...compareSettings(s), resamples },
      input,
      { only: new Set(pending), seed: s.stats.seed + 1000 * (round + 1), threads },
    );
    c = mergeRefined(c, more, resamples);
  }
  return c;
}
