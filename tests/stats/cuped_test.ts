/**
 * CUPED (stats/cuped.ts) against NumPy (scripts/cuped_reference.py: θ by
 * least squares with np.polyfit on the fixture tests/fixtures/cuped.csv,
 * variances with ddof = 1, scipy.stats.norm), and by its behaviour: an A/A
 * over 4,000 salts on a synthetic population whose metric depends on
 * the covariate rejects at α = 5% between 4% and 6% of the time, with a
 * variance reduction near ρ² (users split by a fair coin per salt).
 */
import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { cupedPaired, cupedUnpaired, welchTest } from "../../src/stats/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

const at = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const close = (a: number, b: number, tol: number, what: string) =>
  assert(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

Deno.test("θ, Δ', se', variance reduction, interval and p match NumPy (A/B and paired)", () => {
  const ref = JSON.parse(Deno.readTextFileSync(at("cuped_reference.json")));
  const rows = Deno.readTextFileSync(at("cuped.csv")).trim().split("\n").slice(1)
    .map((l) => l.split(",").map(Number));
  const pick = (armValue: number, col: number) =>
    rows.filter((r) => r[0] === armValue).map((r) => r[col]);
  const c = { y: pick(0, 2), x: pick(0, 1) }, t = { y: pick(1, 2), x: pick(1, 1) };
  const paired = cupedPaired(
    rows.map((r) => r[3]),
    rows.map((r) => r[4]),
    rows.map((r) => r[1]),
    0.95,
  );
  for (
    const [name, got] of [["unpaired", cupedUnpaired(c, t, 0.95)], ["paired", paired]] as const
  ) {
    const want = ref[name];
    for (const k of ["theta", "delta", "se", "varianceReduction", "p"] as const) {
      close(got[k], want[k], 1e-9, `${name} ${k}`);
    }
    close(got.ci[0], want.ci[0], 1e-9, `${name} ci lo`);
    close(got.ci[1], want.ci[1], 1e-9, `${name} ci hi`);
  }
  assert(paired.varianceReduction > 0.04 && cupedUnpaired(c, t, 0.95).varianceReduction > 0.2);
});

Deno.test("a covariate that explains nothing changes nothing; bad input names the argument", () => {
  const y = [0.1, 0.4, 0.2, 0.3], x = [2, 2, 2, 2];
  const r = cupedUnpaired({ y, x }, { y: [0.5, 0.2, 0.3], x: [2, 2, 2] }, 0.95);
  assertEquals(r.theta, 0);
  close(r.se, welchTest(y, [0.5, 0.2, 0.3]).se, 1e-15, "se");
  assertThrows(
    () => cupedUnpaired({ y, x: [1] }, { y, x }, 0.95),
    RangeError,
    "control: 4 values but 1",
  );
  assertThrows(() => cupedPaired([1], [2], [3], 0.95), RangeError, "at least 2");
});

Deno.test("A/A over 4,000 salts: CUPED rejects 4–6% at α = 5%, with the variance reduction of ρ²", () => {
  // 1,000 users; pre-period activity X ~ 1 + Poisson-like; the metric is a sparse
  // hit score whose chance grows with X (as NDCG does with history length)
  const rng = new Rng(2026), n = 1000;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.log1p(1 + Math.floor(-Math.log(1 - rng.next()) * 20));
    y[i] = rng.next() < 0.12 * x[i] ? 0.2 + 0.8 * rng.next() : 0;
  }
  let cupedRejects = 0, plainRejects = 0, reduction = 0;
  const salts = 4000, split = new Rng(7), arm = new Int8Array(n);
  for (let s = 0; s < salts; s++) {
    // a fair coin per user and salt (hash v2 bucketing is checked in bucketing_test.ts;
    // `abreplay aa` runs this A/A with hash v2 on replayed data, numbers in the README)
    for (let i = 0; i < n; i++) arm[i] = split.next() < 0.5 ? 0 : 1;
    const part = (a: number, v: Float64Array) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (arm[i] === a) out.push(v[i]);
      return out;
    };
    const r = cupedUnpaired(
      { y: part(0, y), x: part(0, x) },
      { y: part(1, y), x: part(1, x) },
      0.95,
    );
    if (r.p < 0.05) cupedRejects++;
    if (welchTest(part(0, y), part(1, y)).p < 0.05) plainRejects++;
    reduction += r.varianceReduction / salts;
  }
  const rate = cupedRejects / salts;
  // binomial sd at 5% over 4,000 salts: 0.34%; 4–6% is ±2.9 sd
  assert(rate >= 0.04 && rate <= 0.06, `CUPED false-positive rate ${rate}`);
  assert(
    plainRejects / salts >= 0.04 && plainRejects / salts <= 0.06,
    `plain ${plainRejects / salts}`,
  );
  // ρ² of the population, computed directly
  const mx = x.reduce((a, b) => a + b) / n, my = y.reduce((a, b) => a + b) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  const rho2 = sxy * sxy / (sxx * syy);
  assert(rho2 > 0.02, `the covariate should matter: ρ² = ${rho2}`);
  close(reduction, rho2, 0.2 * rho2, "mean variance reduction vs ρ²");
  console.log(
    `A/A ${salts} salts: CUPED ${rate}, plain ${plainRejects / salts}, VR ${reduction}, ρ² ${rho2}`,
  );
});
