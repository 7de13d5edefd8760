/**
 * The statistics settings of a scenario's comparison: its `stats`, `mode`
 * weights and the metrics its gate names.
 *
 * @module
 */
import type { CompareSettings } from "../compare/mod.ts";
import { BLOCK_METRICS, type Scenario } from "../scenario/mod.ts";

/** The metrics the gate names: the primary (the resolved scenario's) first, then the guardrails. */
export function gatedFamily(s: Scenario): { primary: string; family: string[] } {
  const primary = s.gate.primary.metric;
  const family = [primary, ...s.gate.guardrails.map((x) => x.metric)];
  return { primary, family: [...new Set(family)] };
}

/** The comparison settings of scenario `s`. */
export function compareSettings(s: Scenario): CompareSettings {
  const { primary, family } = gatedFamily(s);
  return {
    alpha: s.stats.alpha,
    resamples: s.stats.B,
    seed: s.stats.seed,
    primary,
    family,
    weights: s.mode.weights,
    srmAlpha: s.stats.srmAlpha,
    power: s.stats.power,
    targetMde: s.stats.targetMde,
    ...(s.eval.metrics ? { metrics: [...s.eval.metrics, ...BLOCK_METRICS] } : {}),
  };
}
