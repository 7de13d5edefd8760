/**
 * The interleaving experiment's statistics (compare/interleaving.ts) against
 * SciPy (values computed with scipy.stats.norm: z test of the mean
 * preference, its normal interval, users needed with K = z_.975 + z_.8), and
 * the degenerate cases (no preference, no CTR difference).
 */
import { assert, assertEquals } from "../_assert.ts";
import { interleavingTest } from "../../src/compare/mod.ts";

const close = (a: number, b: number, tol = 1e-12) => assert(Math.abs(a - b) <= tol, `${a} vs ${b}`);

Deno.test("preference test, interval and users needed match scipy.stats", () => {
  const pref = Float64Array.of(1, 1, 1, 1, 1, 1, -1, -1, 0, 0);
  const c = Float64Array.of(0, 1, 0, 1), t = Float64Array.of(1, 1, 0, 1);
  const r = interleavingTest(pref, c, t, { alpha: 0.05, power: 0.8 });
  // scipy: 2 * norm.sf(0.4 / (std(ddof=1) / sqrt(10))) = 0.13361440253771614
  close(r.pValue, 0.13361440253771614, 1e-10);
  close(r.ci[0], -0.12265706254401443, 1e-9);
  close(r.ci[1], 0.9226570625440145, 1e-9);
  // ceil(K² s²/m²) = 35; A/B: 2 · ceil(K² (1/3 + 1/4) / 0.25²) = 2 · 74 = 148
  assertEquals([r.usersNeeded, r.abUsersNeeded], [35, 148]);
  close(r.sensitivityRatio!, 148 / 35);
});

Deno.test("no preference or no CTR difference: no users needed, no ratio", () => {
  const r = interleavingTest(
    Float64Array.of(1, -1, 0, 0),
    Float64Array.of(0, 1),
    Float64Array.of(1, 0),
    {
      alpha: 0.05,
      power: 0.8,
    },
  );
  assertEquals([r.preference, r.usersNeeded, r.abUsersNeeded, r.sensitivityRatio], [
    0,
    null,
    null,
    null,
  ]);
  assertEquals(r.pValue, 1);
});
