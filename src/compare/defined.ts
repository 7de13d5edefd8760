/**
 * The users a per-user metric is compared on, when the metric has no value
 * for some users (PROTOCOL §4.1).
 *
 * @module
 */

/**
 * The users a per-user metric is compared on: all of the segment's when it
 * is defined for each; else (a metric that leaves some users out, PROTOCOL
 * §4.1: no list, or fewer than 2 items for ILD) the users with a value in
 * both arms when paired, each arm's users with a value in A/B mode.
 *
 * @example
 * ```ts
 * import { definedPair } from "./defined.ts";
 * const p = definedPair(Float64Array.of(1, NaN, 3), Float64Array.of(4, 5, NaN), true);
 * if (p.complete || p.control.join() !== "1" || p.test.join() !== "4") throw new Error();
 * const u = definedPair(Float64Array.of(1, NaN, 3), Float64Array.of(4, 5, NaN), false);
 * if (u.control.join() !== "1,3" || u.test.join() !== "4,5") throw new Error();
 * ```
 */
export function definedPair(
  control: Float64Array,
  test: Float64Array,
  paired: boolean,
): { control: Float64Array; test: Float64Array; complete: boolean } {
  const nan = (v: Float64Array) => v.some(Number.isNaN);
  if (!nan(control) && !nan(test)) return { control, test, complete: true };
  if (!paired) {
    const ok = (v: Float64Array) => v.filter((x) => !Number.isNaN(x));
    return { control: ok(control), test: ok(test), complete: false };
  }
  const both = (i: number) => !Number.isNaN(control[i]) && !Number.isNaN(test[i]);
  return {
    control: control.filter((_, i) => both(i)),
    test: test.filter((_, i) => both(i)),
    complete: false,
  };
}
