// References (scripts/stats_reference.py): the normal-approximation z-test written out with
// NumPy (ddof=1 variances) and 2·scipy.stats.norm.sf(|z|), on the fixture's bootstrap samples;
// Holm's step-down procedure written out by hand in Python.
import { assert, assertEquals } from "../_assert.ts";
import { holm, pairedTest, welchTest } from "../../src/stats/mod.ts";
import { assertThrowsWith as assertThrows, reference, relErr } from "./_reference.ts";

const { samples } = reference.bootstrap;
const ref = reference.welch;

Deno.test("welchTest matches the NumPy/SciPy normal approximation to 1e-9", () => {
  const r = welchTest(Float64Array.from(samples.control), Float64Array.from(samples.test));
  for (const key of ["diff", "se", "z", "p"] as const) {
    assert(relErr(r[key], ref.unpaired[key]) < 1e-9, `${key}: ${r[key]} vs ${ref.unpaired[key]}`);
  }
});

Deno.test("pairedTest matches the NumPy/SciPy normal approximation to 1e-9", () => {
  const d = samples.pairedTest.map((t, i) => t - samples.pairedControl[i]);
  const r = pairedTest(Float64Array.from(d));
  for (const key of ["diff", "se", "z", "p"] as const) {
    assert(relErr(r[key], ref.paired[key]) < 1e-9, `${key}: ${r[key]} vs ${ref.paired[key]}`);
  }
});

Deno.test("zero standard error: p = 1 without a difference, 0 with one", () => {
  assertEquals(pairedTest(Float64Array.of(0, 0, 0)).p, 1);
  const r = welchTest(Float64Array.of(1, 1), Float64Array.of(2, 2));
  assertEquals([r.z, r.p], [Infinity, 0]);
});

Deno.test("holm matches the hand-written step-down, is monotone in p and capped at 1", () => {
  const adj = holm(ref.holm.p);
  ref.holm.adjusted.forEach((want, i) =>
    assert(Math.abs(adj[i] - want) < 1e-15, `${i}: ${adj[i]}`)
  );
  const p = [0.2, 0.01, 0.9, 0.04, 0.04, 0.5];
  const a = holm(p);
  for (let i = 0; i < p.length; i++) {
    assert(a[i] >= p[i] && a[i] <= 1);
    for (let j = 0; j < p.length; j++) if (p[i] <= p[j]) assert(a[i] <= a[j]);
  }
  assertEquals(Array.from(holm([0.6, 0.7])), [1, 1]);
  assertEquals(holm([]).length, 0);
});

Deno.test("invalid input throws RangeError naming the argument", () => {
  assertThrows(() => holm([0.1, 1.2]), RangeError, "pValues[1] must be in [0, 1], got 1.2");
  assertThrows(() => holm([NaN]), RangeError, "pValues[0] must be in [0, 1], got NaN");
  assertThrows(
    () => welchTest(Float64Array.of(1), Float64Array.of(1, 2)),
    RangeError,
    "control needs at least 2 values, got 1",
  );
  assertThrows(() => pairedTest([]), RangeError, "deltas needs at least 2 values, got 0");
});
