// Reference values: scipy.special.ndtri / ndtr / chdtrc / chdtr (SciPy's Cephes), via
// scripts/stats_reference.py, which also checks them against mpmath at 50 digits.
import { assert, assertEquals } from "../_assert.ts";
import {
  chiSquareCdf,
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSf,
} from "../../src/stats/distributions.ts";
import { assertThrowsWith as assertThrows, reference, relErr } from "./_reference.ts";

const TOL = 1e-9; // relative, so tiny tails (1e-300, 1e-15) are held to the same standard

Deno.test("normalQuantile matches scipy.special.ndtri to 1e-9 relative, tails included", () => {
  for (const { p, x } of reference.distributions.normalQuantile) {
    const got = normalQuantile(p);
    assert(relErr(got, x) <= TOL, `p=${p}: got ${got}, scipy ${x}`);
  }
});

Deno.test("normalCdf matches scipy.special.ndtr to 1e-9 relative", () => {
  for (const { x, cdf } of reference.distributions.normalCdf) {
    const got = normalCdf(x);
    // ndtr(-38) underflows to 0 in SciPy; ours is a subnormal 2.9e-316
    if (cdf === 0) assert(got < 1e-300, `x=${x}: got ${got}`);
    else assert(relErr(got, cdf) <= TOL, `x=${x}: got ${got}, scipy ${cdf}`);
  }
});

Deno.test("chiSquareSf and chiSquareCdf match scipy chdtrc/chdtr to 1e-9 relative", () => {
  for (const { x, df, sf, cdf } of reference.distributions.chiSquare) {
    assert(
      relErr(chiSquareSf(x, df), sf) <= TOL,
      `sf(${x}, ${df}) = ${chiSquareSf(x, df)}, scipy ${sf}`,
    );
    assert(
      relErr(chiSquareCdf(x, df), cdf) <= TOL,
      `cdf(${x}, ${df}) = ${chiSquareCdf(x, df)}, scipy ${cdf}`,
    );
  }
});

Deno.test("normalQuantile inverts normalCdf and is antisymmetric", () => {
  for (const p of [1e-250, 1e-17, 3e-9, 0.001, 0.2, 0.4999, 0.5001, 0.8, 0.9999]) {
    assert(relErr(normalCdf(normalQuantile(p)), p) < 1e-13, `p=${p}`);
  }
  for (const p of [0.001, 0.2, 0.4999]) {
    assert(relErr(normalQuantile(1 - p), -normalQuantile(p)) < 1e-12, `1-p=${1 - p}`);
  }
  assertEquals(normalQuantile(0), -Infinity);
  assertEquals(normalQuantile(1), Infinity);
  assertEquals(normalQuantile(0.5), 0);
  assertEquals(normalSf(1.5), normalCdf(-1.5));
});

Deno.test("edge values of the chi-square functions", () => {
  assertEquals(chiSquareSf(0, 3), 1);
  assertEquals(chiSquareCdf(-1, 3), 0);
  assertEquals(chiSquareSf(Infinity, 3), 0);
  assertEquals(normalCdf(-Infinity), 0);
  assertEquals(normalCdf(Infinity), 1);
});

Deno.test("invalid arguments throw RangeError naming the argument", () => {
  assertThrows(
    () => normalQuantile(1.5),
    RangeError,
    "normalQuantile: p must be in [0, 1], got 1.5",
  );
  assertThrows(() => normalQuantile(NaN), RangeError, "got NaN");
  assertThrows(
    () => chiSquareSf(1, 0),
    RangeError,
    "chiSquareSf: df must be a positive number, got 0",
  );
  assertThrows(() => chiSquareCdf(NaN, 2), RangeError, "chiSquareCdf: x must be a number, got NaN");
  assertThrows(() => normalCdf(NaN), RangeError, "normalCdf: x must be a number");
});
