// References: scipy.stats.chisquare(f_obs, f_exp = weights / Σweights · N), via
// scripts/stats_reference.py.
import { assert, assertEquals } from "../_assert.ts";
import { assignArms, srmTest } from "../../src/stats/mod.ts";
import { assertThrowsWith as assertThrows, reference, relErr } from "./_reference.ts";

Deno.test("chi2 and p match scipy.stats.chisquare (p to 1e-9 relative)", () => {
  for (const { counts, weights, chi2, p } of reference.srm.cases) {
    const r = srmTest(counts, weights);
    assert(relErr(r.chi2, chi2) < 1e-12, `${counts}: chi2 ${r.chi2} vs ${chi2}`);
    assert(relErr(r.p, p) < 1e-9, `${counts}: p ${r.p} vs ${p}`);
    assertEquals(r.df, counts.length - 1);
  }
});

Deno.test("an injected 45/55 split of 10,000 users on a 50/50 config is flagged; 5,000/5,000 is not", () => {
  const skewed = srmTest([4500, 5500], [0.5, 0.5]);
  assert(skewed.flagged && skewed.p < 1e-20, `p = ${skewed.p}`);
  const even = srmTest([5000, 5000], [0.5, 0.5]);
  assertEquals([even.flagged, even.chi2, even.p], [false, 0, 1]);
});

Deno.test("a real hash-v2 assignment passes, and losing 10% of one arm's users to errors is flagged", () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
  const arms = assignArms(users, "srm-test");
  const served = [0, 1].map((a) => arms.filter((v) => v === a).length);
  assert(!srmTest(served, [0.5, 0.5]).flagged, `served ${served}`);
  // PROTOCOL §6: users whose arm failed to serve a list count as not served
  assert(srmTest([served[0], Math.round(served[1] * 0.9)], [0.5, 0.5]).flagged);
});

Deno.test("the srmAlpha threshold, weights normalised by their sum, and zero-weight arms", () => {
  const r = srmTest([4950, 5050], [1, 1]); // chi2 = 1, p = 0.3173
  assert(!r.flagged && srmTest([4950, 5050], [1, 1], { srmAlpha: 0.5 }).flagged);
  assertEquals(r.expected, [5000, 5000]);
  const zero = srmTest([10, 0, 5], [0.5, 0, 0.5]);
  assertEquals(zero.df, 1);
  const leak = srmTest([10, 1, 5], [0.5, 0, 0.5]);
  assertEquals([leak.chi2, leak.p, leak.flagged], [Infinity, 0, true]);
  assertEquals(srmTest([0, 0], [0.5, 0.5]).p, 1);
});

Deno.test("invalid input throws RangeError naming the argument", () => {
  assertThrows(() => srmTest([1, 2], [1]), RangeError, "observed has 2 arms, weights has 1");
  assertThrows(
    () => srmTest([1.5, 2], [1, 1]),
    RangeError,
    "observed[0] must be a count ≥ 0, got 1.5",
  );
  assertThrows(() => srmTest([1, 2], [1, -1]), RangeError, "weights[1] must be ≥ 0, got -1");
  assertThrows(() => srmTest([1, 2], [0, 0]), RangeError, "weights must not all be 0");
  assertThrows(
    () => srmTest([1, 2], [1, 1], { srmAlpha: 0 }),
    RangeError,
    "srmAlpha must be in (0, 1), got 0",
  );
});
