/**
 * Statistics layer of abreplay (PROTOCOL §5–6). Pure functions over per-user
 * metric values (`Float64Array` indexed by dense user index); knows nothing of
 * storage or recommenders. Every random step takes an injected `Rng`
 * (`src/rng/`).
 *
 * @example
 * ```ts
 * import { assignArms, srmTest, unpairedBootstrap } from "./mod.ts";
 * import { Rng } from "../rng/mod.ts";
 * const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
 * const arms = assignArms(users, "exp-1");
 * const served = [0, 1].map((a) => arms.filter((x) => x === a).length);
 * if (srmTest(served, [0.5, 0.5]).flagged) throw new Error("hash v2 split is unbiased");
 * const metric = Float64Array.from(users, (_, i) => (i % 4) / 4);
 * const byArm = [0, 1].map((a) => metric.filter((_, i) => arms[i] === a));
 * const [ndcg] = unpairedBootstrap([byArm[0]], [byArm[1]], new Rng(7));
 * if (!(ndcg.diff.bca[0] < 0 && 0 < ndcg.diff.bca[1])) throw new Error("same distribution");
 * ```
 *
 * @module
 */

// Distributions
export {
  chiSquareCdf,
  chiSquareSf,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
} from "./distributions.ts";

// Assignment
export {
  assignArms,
  type BucketRange,
  bucketRanges,
  chooseVariation,
  fnv1a32,
  hash,
  type HashOptions,
  hashV1,
  hashV2,
  type HashVersion,
  inNamespace,
  type Namespace,
} from "./bucketing.ts";

// Bootstrap
export {
  type BootstrapEstimate,
  bootstrapMean,
  type BootstrapOptions,
  type DiffLiftBootstrap,
  pairedBootstrap,
  unpairedBootstrap,
} from "./bootstrap.ts";
export {
  type BootstrapIntervals,
  bootstrapIntervals,
  type Interval,
  jackknifeAcceleration,
  quantileSorted,
} from "./bca.ts";

// Tests
export { type SrmOptions, type SrmResult, srmTest } from "./srm.ts";
export { pairedTest, welchTest, type ZTest } from "./welch.ts";
export { holm } from "./holm.ts";
export { type CupedArm, cupedPaired, type CupedResult, cupedUnpaired } from "./cuped.ts";
export { sequentialHalfwidth, sequentialInterval, sequentialRho } from "./sequential.ts";

// Power
export {
  type ArmMoments,
  armMoments,
  type ArmSummary,
  type Mde,
  mde,
  pairedMde,
  pairedUsers,
  powerAt,
  type PowerOptions,
  type SampleSizeOptions,
  summarize,
  type ThresholdOc,
  thresholdOc,
  usersForThreshold,
  usersPerArm,
} from "./power.ts";
export { type BootstrapJob, runBootstrapJob, runBootstrapJobs } from "./bootstrap_parallel.ts";
export { runCoverJobs, runWorkerJob, runWorkerJobs, type WorkerJob } from "./bootstrap_parallel.ts";
export {
  contrastAcceleration,
  contrastAt,
  type ContrastData,
  type ContrastTest,
  type JackknifeSums,
  jackknifeSums,
  type LiftInterval,
  liftInterval,
} from "./contrast.ts";
export {
  coverBootstrap,
  coveredSets,
  type CoverJob,
  halfSamples,
  type UserSets,
} from "./cover_bootstrap.ts";
export {
  CONCENTRATION_REPLICATES,
  concentrationBootstrap,
  type ConcentrationJob,
  type ListFamily,
} from "./concentration_bootstrap.ts";
export {
  bcaLevel,
  type BcaLevels,
  bcaLevels,
  midRankZ,
  quantileMcSd,
  sortedReplicates,
} from "./bca.ts";
export { binomialCdf, clopperPearson } from "./binomial.ts";
export { nthSmallest, quantileInPlace } from "./select.ts";
