/**
 * The always-valid interval (stats/sequential.ts) against the closed form of
 * the mixture SPRT it comes from: Johari et al.'s normal likelihood ratio
 * `Λ_n(x̄) = √(σ²/(σ²+nτ²)) exp(n²τ²x̄² / (2σ²(σ²+nτ²)))` with σ² = se²·n and
 * τ = ρσ, solved for `Λ_n = 1/α` by bisection — the half-width must be that
 * root; and by behaviour: on null data checked after every batch, the
 * always-valid interval excludes 0 in at most α of the runs while the
 * fixed-horizon one does so far more often.
 */
import { assert, assertThrows } from "../_assert.ts";
import { normalQuantile, Rng, sequentialHalfwidth, sequentialRho } from "../../mod.ts";

/** log Λ_n(x̄) for the normal mixture (Johari et al. 2017, closed form). */
function logLambda(xbar: number, n: number, sigma2: number, tau2: number): number {
  return 0.5 * Math.log(sigma2 / (sigma2 + n * tau2)) +
    (n * n * tau2 * xbar * xbar) / (2 * sigma2 * (sigma2 + n * tau2));
}

Deno.test("the half-width is the mSPRT boundary: Λ_n = 1/α exactly there", () => {
  for (const alpha of [0.01, 0.05, 0.1]) {
    for (const tuning of [500, 5000, 50000]) {
      const rho = sequentialRho(alpha, tuning);
      for (const [n, se] of [[100, 0.05], [3707, 0.004], [20000, 0.001], [1, 0.3]]) {
        const sigma2 = se * se * n, tau2 = rho * rho * sigma2;
        let lo = 0, hi = se;
        while (logLambda(hi, n, sigma2, tau2) < Math.log(1 / alpha)) hi *= 2;
        for (let i = 0; i < 200; i++) {
          const mid = (lo + hi) / 2;
          if (logLambda(mid, n, sigma2, tau2) < Math.log(1 / alpha)) lo = mid;
          else hi = mid;
        }
        const w = sequentialHalfwidth(se, n, alpha, rho);
        assert(Math.abs(w - lo) <= 1e-10 * lo, `α ${alpha} N ${tuning} n ${n}: ${w} vs ${lo}`);
      }
    }
  }
  assertThrows(() => sequentialRho(0, 10), RangeError, "alpha");
  assertThrows(() => sequentialRho(0.05, 0), RangeError, "tuning");
  assertThrows(() => sequentialHalfwidth(0.1, 0, 0.05, 0.1), RangeError, "n must be");
});

Deno.test("peeking after each of 50 batches: always-valid ≤ α, fixed-horizon well above", () => {
  const rng = new Rng(17), alpha = 0.05, z = normalQuantile(0.975);
  const rho = sequentialRho(alpha, 5000);
  const runs = 1000, batches = 50, perBatch = 100;
  let fixed = 0, seq = 0;
  for (let r = 0; r < runs; r++) {
    let n = 0, s = 0, q = 0, fixedHit = false, seqHit = false;
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < perBatch; i++) {
        const u = 1 - rng.next();
        const x = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
        n++, s += x, q += x * x;
      }
      const mean = s / n, se = Math.sqrt((q - n * mean * mean) / (n - 1) / n);
      if (Math.abs(mean) > z * se) fixedHit = true;
      if (Math.abs(mean) > sequentialHalfwidth(se, n, alpha, rho)) seqHit = true;
    }
    fixed += fixedHit ? 1 : 0;
    seq += seqHit ? 1 : 0;
  }
  // binomial sd at 5% over 1,000 runs: 0.7%
  assert(seq / runs <= alpha + 0.015, `sequential ${seq / runs}`);
  assert(fixed / runs > 0.15, `fixed-horizon peeking ${fixed / runs}`);
});
