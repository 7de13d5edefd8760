/** Assertions used by the tests (node:assert/strict plus a tolerance check). */
import assertMod from "node:assert/strict";

export const assert: (v: unknown, msg?: string) => asserts v = assertMod.ok;
export const assertEquals = <T>(actual: T, expected: T, msg?: string): void =>
  assertMod.deepStrictEqual(actual, expected, msg);
export const assertThrows = assertMod.throws;
export const assertRejects = assertMod.rejects;
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tol = 1e-9,
  msg?: string,
): void {
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new assertMod.AssertionError({
      message: msg ?? `expected ${expected} ± ${tol}, got ${actual}`,
      actual,
      expected,
    });
  }
}
