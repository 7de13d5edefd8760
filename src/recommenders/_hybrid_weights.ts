/**
 * `fit: true` of `hybrid`: cut train at `T'` (the latest `validationFraction`
 * of train rows become targets), fit the candidate sources on the rows before
 * `T'`, and for a seeded sample of validation users label each pre-ranked
 * candidate 1 when the user took it after `T'`. A logistic regression on the
 * features gives the final weights `β_f` (the intercept does not change the
 * ranking and is dropped).
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import { type FeatureName, FEATURES, NF, type Weights } from "./_hybrid_parts.ts";
import type { HybridRanker } from "./_hybrid_rank.ts";
import { sampleUsers, validationSlice } from "./_hybrid_validation.ts";
import { logisticRegression } from "./_logistic_regression.ts";
import type { FitReport } from "./hybrid.ts";

/** The knobs of the fit. */
export interface FitOptions {
  validationFraction: number;
  fitUsers: number;
  l2: number;
}

/**
 * Fits the final weights; `makeRanker(sub)` builds a ranker over sub-models
 * fitted on the validation-cut train. `weights` is null when the fit was not
 * possible (the report says why).
 */
export function fitWeights(
  data: TrainData,
  options: FitOptions,
  seed: number,
  makeRanker: (sub: TrainData) => HybridRanker,
): { weights: Weights<FeatureName> | null; report: FitReport } {
  const v = validationSlice(data, options.validationFraction);
  const report: FitReport = {
    status: "fitted",
    cut: v.sub.splitTime,
    users: 0,
    rows: 0,
    positives: 0,
    intercept: 0,
  };
  if (v.users.length === 0) {
    return { weights: null, report: { ...report, status: "no validation users" } };
  }
  const ranker = makeRanker(v.sub);
  const users = sampleUsers(v.users, options.fitUsers, seed);
  const X: number[] = [];
  const y: number[] = [];
  const target = new Int32Array(data.nItems).fill(-1);
  const x = new Float64Array(NF);
  let q = 0;
  for (const u of users) {
    while (v.users[q] !== u) q++;
    for (let p = v.offsets[q]; p < v.offsets[q + 1]; p++) target[v.items[p]] = u;
    for (const i of ranker.preRanked(u)) {
      ranker.features(i, x);
      X.push(...x);
      y.push(target[i] === u ? 1 : 0);
    }
    ranker.release();
  }
  const positives = y.reduce((s, t) => s + t, 0);
  Object.assign(report, { users: users.length, rows: y.length, positives });
  if (positives === 0 || positives === y.length) {
    return { weights: null, report: { ...report, status: "one class only" } };
  }
  const beta = logisticRegression(Float64Array.from(X), Uint8Array.from(y), NF, options.l2);
  const weights = Object.fromEntries(FEATURES.map((f, j) => [f, round(beta[j])])) as Weights<
    FeatureName
  >;
  report.intercept = round(beta[NF]);
  return { weights, report };
}

/** Rounds to 12 significant digits so the weights print and persist stably. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}
