/**
 * Loads tests/fixtures/stats_reference.json, written by scripts/stats_reference.py
 * (SciPy / NumPy / mpmath reference values and the samples they were computed on).
 *
 * @module
 */

/** Two bounds of a reference interval. */
export interface RefInterval {
  lo: number;
  hi: number;
}

/** Mean bounds over `runs` seeded scipy.stats.bootstrap runs, with their sd across runs. */
export interface RefAveraged extends RefInterval {
  loSd: number;
  hiSd: number;
  runs: number;
}

/** One bootstrap reference case. */
export interface RefBootstrapCase {
  name: "mean" | "pairedDiff" | "pairedLift" | "unpairedDiff" | "unpairedLift";
  estimate: number;
  acceleration: number;
  percentile: RefInterval;
  BCa: RefInterval;
  replicates2000: string;
  percentile10k: RefAveraged;
  BCa10k: RefAveraged;
}

/** The fixture's shape (only the parts the tests read). */
export interface StatsReference {
  versions: Record<string, string>;
  distributions: {
    normalQuantile: { p: number; x: number }[];
    normalCdf: { x: number; cdf: number }[];
    chiSquare: { x: number; df: number; sf: number; cdf: number }[];
  };
  bucketing: {
    fnv1a32: { s: string; h: number }[];
    hashV2: { salt: string; value: string; h: number }[];
    users: string[];
    assignments: {
      salt: string;
      weights: number[];
      coverage: number;
      ranges: number[][];
      arms: number[];
    }[];
  };
  rng: { streams: { seed: number; uint32: number[]; int: Record<string, number[]> }[] };
  bootstrap: { samples: Record<string, number[]>; cases: RefBootstrapCase[] };
  srm: { cases: { counts: number[]; weights: number[]; chi2: number; p: number }[] };
  welch: {
    unpaired: { diff: number; se: number; z: number; p: number };
    paired: { diff: number; se: number; z: number; p: number };
    holm: { p: number[]; adjusted: number[] };
  };
  power: {
    cases: {
      alpha: number;
      power: number;
      sdControl: number;
      sdTest: number;
      nControl: number;
      nTest: number;
      controlMean: number;
      targetRelative: number;
      controlWeight: number;
      mdeAbsolute: number;
      mdeRelative: number;
      mdePairedAbsolute: number;
      usersPerArmEqual: number;
      usersWeighted: number[];
      usersPaired: number;
      powerAtObserved: number;
    }[];
  };
}

const path = new URL("../fixtures/stats_reference.json", import.meta.url);

/** The parsed fixture. */
export const reference: StatsReference = JSON.parse(await Deno.readTextFile(path));

/** Decodes a base64 little-endian float64 array (scipy's bootstrap_distribution). */
export function decodeFloat64(b64: string): Float64Array {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true));
}

/** |actual − expected| / |expected| (absolute when expected is 0). */
export function relErr(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Asserts that `fn` throws an instance of `ErrorClass` whose message includes `text`. */
export function assertThrowsWith(
  fn: () => unknown,
  ErrorClass: new (...args: any[]) => Error,
  text: string,
): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ErrorClass)) throw new Error(`expected ${ErrorClass.name}, got ${e}`);
    if (!e.message.includes(text)) {
      throw new Error(`expected message containing "${text}", got "${e.message}"`);
    }
    return;
  }
  throw new Error(`expected ${ErrorClass.name} "${text}", nothing was thrown`);
}
