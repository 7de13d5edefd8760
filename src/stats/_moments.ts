/**
 * Private: sample moments shared by the tests and power functions.
 *
 * @module
 */

/** Arithmetic mean (sequential sum, as everywhere in stats: reproducible to the bit). */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance with n − 1 in the denominator, two-pass (numerically stable). */
export function sampleVariance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) * (x[i] - m);
  return s / (x.length - 1);
}
