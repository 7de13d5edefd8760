/**
 * GrowthBook-compatible user bucketing (PROTOCOL §5, A/B simulation): the same
 * salt and user id land in the same arm as in a live GrowthBook experiment
 * with that seed. Hash version 2 by default; version 1 and namespaces for
 * experiments defined that way (`mode.growthbook`). Follows the behaviour of
 * the JavaScript SDK's `hash`, `inNamespace`, `getBucketRanges` and
 * `chooseVariation` (`packages/sdk-js/src/util.ts`); checked against the SDK
 * itself by `tests/stats/growthbook_sdk_test.ts`.
 *
 * One deliberate difference: where the SDK quietly repairs bad configuration
 * (coverage clamped to [0, 1]; weights of the wrong length, or summing outside
 * [0.99, 1.01], replaced by equal weights after a `console.error`), this module
 * throws a `RangeError` naming the argument, so a scenario can never run a split
 * other than the one it states. For every configuration the SDK accepts as is,
 * the ranges are identical to the SDK's (weights are *not* renormalised: weights
 * summing to 0.999 leave the last 0.1% of hashes outside the experiment, as in the SDK).
 *
 * @module
 */

/** A half-open bucket range `[start, end)` of hash values in [0, 1). */
export type BucketRange = readonly [start: number, end: number];

/**
 * 32-bit FNV-1a over the string's UTF-16 code units (`charCodeAt`), as the
 * GrowthBook SDK computes it: `h = 2166136261; h = (h ^ unit) · 16777619 mod 2^32`.
 * (The SDK writes the multiply as `h += (h<<1)+(h<<4)+(h<<7)+(h<<8)+(h<<24)`,
 * the same product since 16777619 = 2^24 + 2^8 + 2^7 + 2^4 + 2^1 + 1.)
 *
 * @example
 * ```ts
 * import { fnv1a32 } from "./bucketing.ts";
 * if (fnv1a32("") !== 2166136261) throw new Error(); // offset basis
 * if (fnv1a32("a") !== 0xe40c292c) throw new Error(); // published FNV-1a test vector
 * ```
 */
export function fnv1a32(str: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * GrowthBook hash version 2, a value in [0, 1) with 4 decimals:
 * `(fnv1a32(String(fnv1a32(salt + value))) % 10000) / 10000`.
 *
 * @example
 * ```ts
 * import { hashV2 } from "./bucketing.ts";
 * // fnv1a32("exp1user-1") = 2366058394; fnv1a32("2366058394") = 3680373993 → 3993 / 10000
 * // (same in scripts/stats_reference.py, a Python re-implementation)
 * if (hashV2("exp1", "user-1") !== 0.3993) throw new Error();
 * ```
 */
export function hashV2(salt: string, value: string): number {
  return (fnv1a32(String(fnv1a32(salt + value))) % 10000) / 10000;
}

/** GrowthBook hash versions: 1 (the SDK's original, biased) and 2 (unbiased). */
export type HashVersion = 1 | 2;

/**
 * GrowthBook hash version 1, a value in [0, 1) with 3 decimals:
 * `(fnv1a32(value + seed) % 1000) / 1000` (value first, then seed; one FNV pass).
 * The SDK's default when an experiment states no `hashVersion`.
 *
 * @example
 * ```ts
 * import { fnv1a32, hashV1 } from "./bucketing.ts";
 * // by hand: fnv1a32("user-1exp1") mod 1000, over 1000
 * if (hashV1("exp1", "user-1") !== (fnv1a32("user-1exp1") % 1000) / 1000) throw new Error();
 * ```
 */
export function hashV1(seed: string, value: string): number {
  return (fnv1a32(value + seed) % 1000) / 1000;
}

/**
 * GrowthBook's hash of `value` under `seed` in hash `version` (1 or 2).
 *
 * @example
 * ```ts
 * import { hash } from "./bucketing.ts";
 * if (hash("exp1", "user-1", 2) !== 0.3993) throw new Error(); // see hashV2
 * ```
 */
export function hash(seed: string, value: string, version: HashVersion): number {
  return version === 1 ? hashV1(seed, value) : hashV2(seed, value);
}

/**
 * A GrowthBook namespace `[id, start, end]`: an experiment in it only takes
 * users whose `hashV1("__" + id, value)` lies in `[start, end)`, so that
 * experiments in disjoint ranges of one namespace never share a user.
 */
export type Namespace = readonly [id: string, start: number, end: number];

/**
 * Whether `value` falls in the namespace's range (GrowthBook's `inNamespace`).
 *
 * @example
 * ```ts
 * import { hashV1, inNamespace } from "./bucketing.ts";
 * const h = hashV1("__ns", "user-1");
 * if (!inNamespace("user-1", ["ns", h, h + 0.001]) || inNamespace("user-1", ["ns", 0, h])) throw new Error();
 * ```
 */
export function inNamespace(value: string, namespace: Namespace): boolean {
  const h = hashV1(`__${namespace[0]}`, value);
  return h >= namespace[1] && h < namespace[2];
}

/**
 * Bucket ranges of GrowthBook's `getBucketRanges(numVariations, coverage, weights)`:
 * variation i gets `[c_i, c_i + coverage · w_i)` with `c_i = w_0 + … + w_{i−1}`,
 * so lowering coverage shrinks every range from its start (a user's arm never
 * changes as coverage grows). Weights default to equal (`1/n` each).
 *
 * @param numVariations number of arms, an integer in [1, 127]
 * @param coverage share of users in the experiment, in [0, 1] @default 1
 * @param weights arm weights, length `numVariations`, summing to within 0.01 of 1
 * @throws {RangeError} where the SDK would clamp or fall back to equal weights
 *
 * @example
 * ```ts
 * import { bucketRanges } from "./bucketing.ts";
 * const r = bucketRanges(2, 0.5, [0.4, 0.6]);
 * if (JSON.stringify(r) !== "[[0,0.2],[0.4,0.7]]") throw new Error(JSON.stringify(r));
 * ```
 */
export function bucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[],
): BucketRange[] {
  if (!Number.isInteger(numVariations) || numVariations < 1 || numVariations > 127) {
    throw new RangeError(`numVariations must be an integer in [1, 127], got ${numVariations}`);
  }
  if (!(coverage >= 0 && coverage <= 1)) {
    throw new RangeError(`coverage must be in [0, 1], got ${coverage}`);
  }
  const w = weights ?? new Array<number>(numVariations).fill(1 / numVariations);
  if (w.length !== numVariations) {
    throw new RangeError(`weights must have ${numVariations} entries, got ${w.length}`);
  }
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    if (!(w[i] >= 0)) throw new RangeError(`weights[${i}] must be ≥ 0, got ${w[i]}`);
    total += w[i];
  }
  if (total < 0.99 || total > 1.01) {
    throw new RangeError(
      `weights must add up to 1 (±0.01), got ${total}; GrowthBook would silently use equal weights`,
    );
  }
  let cumulative = 0;
  return w.map((wi) => {
    const start = cumulative;
    cumulative += wi;
    return [start, start + coverage * wi] as const;
  });
}

/**
 * Index of the range containing hash `h` (`start ≤ h < end`), or −1 when `h`
 * falls in no range (the user is outside coverage: not in the experiment).
 *
 * @example
 * ```ts
 * import { chooseVariation } from "./bucketing.ts";
 * const ranges = [[0, 0.25], [0.5, 0.75]] as const;
 * if (chooseVariation(0.6, ranges) !== 1 || chooseVariation(0.3, ranges) !== -1) throw new Error();
 * ```
 */
export function chooseVariation(h: number, ranges: readonly BucketRange[]): number {
  for (let i = 0; i < ranges.length; i++) {
    if (h >= ranges[i][0] && h < ranges[i][1]) return i;
  }
  return -1;
}

/** How {@linkcode assignArms} hashes, beyond salt, weights and coverage. */
export interface HashOptions {
  /** GrowthBook hash version. @default 2 */
  hashVersion?: HashVersion;
  /** Only users in this namespace range are in the experiment. @default none */
  namespace?: Namespace;
}

/**
 * Arm of every user: `chooseVariation(hash(salt, userId, hashVersion), bucketRanges(weights.length, coverage, weights))`,
 * −1 for users outside the namespace (when one is given) or the coverage.
 *
 * @param userIds the users, in dense-index order
 * @param salt the experiment seed (GrowthBook `seed`, or the experiment key)
 * @param weights arm weights (arm 0 = control) @default [0.5, 0.5]
 * @param coverage share of users in the experiment @default 1
 * @param options hash version (default 2) and namespace
 * @returns arm index per user, −1 when the user is not in the experiment
 *
 * @example
 * ```ts
 * import { assignArms } from "./bucketing.ts";
 * const arms = assignArms(["user-1", "user-2", "user-3"], "exp1");
 * // hashes 0.3993, 0.4262, 0.5521 (scripts/stats_reference.py): ranges [0, 0.5), [0.5, 1)
 * if (arms.join() !== "0,0,1") throw new Error(arms.join());
 * ```
 */
export function assignArms(
  userIds: readonly string[],
  salt: string,
  weights: readonly number[] = [0.5, 0.5],
  coverage = 1,
  options: HashOptions = {},
): Int8Array {
  const ranges = bucketRanges(weights.length, coverage, weights);
  const { hashVersion = 2, namespace } = options;
  const arms = new Int8Array(userIds.length);
  for (let i = 0; i < userIds.length; i++) {
    const id = userIds[i];
    arms[i] = namespace && !inNamespace(id, namespace)
      ? -1
      : chooseVariation(hash(salt, id, hashVersion), ranges);
  }
  return arms;
}
