/**
 * Threshold tests of a lift by linear contrasts (src/stats/contrast.ts),
 * checked against second computations: at τ = 0 the contrast is Δ, whose BCa
 * interval `bootstrapIntervals` gives (validated against scipy.stats.bootstrap
 * in bootstrap_test.ts); the inverted lift interval's bounds are where the
 * contrast interval touches 0; for a large sample it agrees with the BCa
 * interval of the ratio; one-sided p-values agree with the bounds; selection
 * gives the sorted quantile exactly; the Monte Carlo sd of a bound matches
 * the spread of that bound over independent seeds.
 */
import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import {
  contrastAt,
  type ContrastData,
  liftInterval,
  pairedBootstrap,
  quantileSorted,
  unpairedBootstrap,
} from "../../src/stats/mod.ts";
import { quantileInPlace } from "../../src/stats/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

/** Zero-heavy per-user values like NDCG: mostly 0, else uniform in (0, 1]. */
function zeroHeavy(n: number, pNonZero: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => (rng.next() < pNonZero ? rng.next() : 0));
}

Deno.test("quantileInPlace equals quantileSorted on the sorted values", () => {
  const rng = new Rng(5);
  for (let t = 0; t < 200; t++) {
    const n = 1 + rng.int(300);
    const a = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 0 : rng.next()));
    const sorted = a.slice().sort();
    const q = rng.next();
    assertEquals(quantileInPlace(a.slice(), q), quantileSorted(sorted, q));
  }
});

for (const paired of [true, false]) {
  Deno.test(`${paired ? "paired" : "unpaired"}: the contrast at τ = 0 is the Δ interval`, () => {
    const c = zeroHeavy(800, 0.3, 1), t = zeroHeavy(paired ? 800 : 900, 0.33, 2);
    const boot = paired ? pairedBootstrap : unpairedBootstrap;
    const [r] = boot([c], [t], new Rng(3), { resamples: 1000 });
    const at0 = contrastAt(r.contrast, 0, 0.95);
    assertAlmostEquals(at0.lo, r.diff.bca[0], 1e-12);
    assertAlmostEquals(at0.hi, r.diff.bca[1], 1e-12);
    assertAlmostEquals(at0.estimate, r.diff.estimate, 1e-15);
  });
}

Deno.test("inverted lift interval: each bound is where the contrast interval reaches 0", () => {
  const c = zeroHeavy(1500, 0.3, 11), t = zeroHeavy(1500, 0.36, 12);
  const [r] = pairedBootstrap([c], [t], new Rng(13), { resamples: 2000 });
  const iv = liftInterval(r.contrast, 0.95)!;
  const eps = 1e-6;
  assert(contrastAt(r.contrast, iv.lo - eps, 0.95).lo > 0, "just below lo: lift > τ");
  assert(contrastAt(r.contrast, iv.lo + eps, 0.95).lo <= 0, "just above lo: not");
  assert(contrastAt(r.contrast, iv.hi + eps, 0.95).hi < 0, "just above hi: lift < τ");
  assert(contrastAt(r.contrast, iv.hi - eps, 0.95).hi >= 0, "just below hi: not");
  // large sample: close to the BCa interval of the ratio itself (within 5% of its width)
  const w = r.lift!.bca[1] - r.lift!.bca[0];
  assert(Math.abs(iv.lo - r.lift!.bca[0]) < 0.05 * w, `${iv.lo} vs ${r.lift!.bca[0]}`);
  assert(Math.abs(iv.hi - r.lift!.bca[1]) < 0.05 * w, `${iv.hi} vs ${r.lift!.bca[1]}`);
});

Deno.test("one-sided p-values agree with the interval bounds", () => {
  const rng = new Rng(21);
  let checked = 0;
  for (let trial = 0; trial < 40; trial++) {
    const c = zeroHeavy(400, 0.3, 100 + trial),
      t = zeroHeavy(400, 0.3 + 0.1 * rng.next(), 200 + trial);
    const [r] = pairedBootstrap([c], [t], new Rng(trial), { resamples: 1000 });
    for (const tau of [-0.1, 0, 0.1, 0.2]) {
      const x = contrastAt(r.contrast, tau, 0.95);
      // away from the boundary (where interpolation between replicates matters) they must agree
      if (Math.abs(x.pAbove - 0.025) < 0.004) continue;
      assertEquals(x.lo > 0, x.pAbove < 0.025, `τ ${tau}: lo ${x.lo}, p ${x.pAbove}`);
      assertAlmostEquals(x.pAbove + x.pBelow, 1, 1e-12);
      checked++;
    }
  }
  assert(checked > 100, `${checked}`);
});

Deno.test("control mean 0: no lift interval, but the threshold test still decides", () => {
  const c = new Float64Array(500);
  const t = zeroHeavy(500, 0.2, 7);
  const [r] = pairedBootstrap([c], [t], new Rng(8), { resamples: 1000 });
  assertEquals(r.lift, null);
  assertEquals(liftInterval(r.contrast, 0.95), null);
  // test − 0.95 · 0 > 0: the guardrail "at most 5% worse" passes
  assert(contrastAt(r.contrast, -0.05, 0.95).lo > 0);
});

Deno.test("Monte Carlo sd of a bound matches its spread over seeds (zero-heavy metric)", () => {
  const c = zeroHeavy(600, 0.15, 31), t = zeroHeavy(600, 0.18, 32);
  const los: number[] = [], sds: number[] = [];
  for (let seed = 0; seed < 60; seed++) {
    const [r] = pairedBootstrap([c], [t], new Rng(1000 + seed), { resamples: 1000 });
    const x = contrastAt(r.contrast, 0, 0.95);
    los.push(x.lo);
    sds.push(x.loMcSd);
  }
  const mean = los.reduce((a, b) => a + b) / los.length;
  const empirical = Math.sqrt(los.reduce((a, b) => a + (b - mean) ** 2, 0) / (los.length - 1));
  const stated = sds.reduce((a, b) => a + b) / sds.length;
  // 60 seeds: the empirical sd itself is known to about ±10%
  assert(
    stated > 0.7 * empirical && stated < 1.4 * empirical,
    `stated ${stated}, empirical ${empirical}`,
  );
});

Deno.test("unbounded side: control 0 in many resamples gives an infinite upper lift bound", () => {
  // one control user in 300 is non-zero: ≈ 37% of resamples have control mean 0
  const c = Float64Array.from({ length: 300 }, (_, i) => (i === 0 ? 1 : 0));
  const t = Float64Array.from({ length: 300 }, (_, i) => (i % 30 === 0 ? 1 : 0));
  const [r] = pairedBootstrap([c], [t], new Rng(4), { resamples: 1000 });
  const iv = liftInterval(r.contrast as ContrastData, 0.95)!;
  assertEquals(iv.hi, Infinity);
  assert(Number.isFinite(iv.lo) && iv.lo < 9, `${iv.lo}`);
});

Deno.test("a test arm that is all zeros: the lift interval stops at −100%, not −∞", () => {
  const c = Float64Array.from({ length: 30 }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const t = new Float64Array(30);
  const [r] = pairedBootstrap([c], [t], new Rng(2), { resamples: 500 });
  const iv = liftInterval(r.contrast, 0.95)!;
  assertEquals(iv.lo, -1);
  assert(iv.hi >= -1, `${iv.hi}`);
});
