/**
 * The statistical tests of a comparison, in the order their fields appear in
 * a row: tests applied to each metric, then tests over the gated family. A
 * new test is a file in `tests/` (its fields, their empty values, `apply`)
 * plus its entry here and in {@linkcode MetricTestFields}.
 *
 * @module
 */
import type { FamilyTest, MetricTest } from "./types.ts";
import { deltaInterval, type DeltaIntervalFields } from "./tests/delta_interval.ts";
import { type LiftIntervalFields, liftIntervalTest } from "./tests/lift_interval.ts";
import { type PValueFields, pValueTest } from "./tests/p_value.ts";
import { type HolmFields, holmTest } from "./tests/holm.ts";
import { type ArmIntervalFields, armIntervalTest } from "./tests/arm_intervals.ts";
import { type CupedFields, cupedTest } from "./tests/cuped.ts";

/** Tests applied to each metric with evidence (a bootstrap or coverage half-samples). */
export const METRIC_TESTS: readonly MetricTest<any>[] = [
  deltaInterval,
  liftIntervalTest,
  pValueTest,
  armIntervalTest,
  cupedTest,
];

/** Tests over the gated family, after the metric tests. */
export const FAMILY_TESTS: readonly FamilyTest<any>[] = [holmTest];

/** The fields of every registered test, as they appear in a row. */
export type MetricTestFields =
  & DeltaIntervalFields
  & LiftIntervalFields
  & PValueFields
  & ArmIntervalFields
  & CupedFields
  & HolmFields;
