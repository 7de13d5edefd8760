/**
 * CUPED and sequential monitoring through the pipeline: the CUPED fields of
 * each row against a direct computation from the run's per-user values and
 * the covariate (θ = cov/var on the pooled users, or on the deltas when
 * paired); the day-by-day monitoring's last day equal to the run's Δ, its
 * intervals nested as they must be, its stopping day the first whose
 * always-valid interval excludes 0, and its A/A of daily peeking.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { resolveScenario, runPipeline } from "../../mod.ts";
import { preSplitCovariate } from "../../src/pipeline/mod.ts";
import { metricsDocument } from "../../src/pipeline/outputs/metrics_json.ts";

function scenario(over: Record<string, unknown> = {}) {
  return resolveScenario({
    name: "design",
    data: { generate: { users: 1500, items: 800, seed: 3 } },
    control: { type: "popular" },
    test: { type: "item2item" },
    stats: { B: 300 },
    cuped: {},
    sequential: { aaSalts: 300 },
    ...over,
  }, fileURLToPath(new URL("./design.json", import.meta.url)));
}

/** θ = cov(y, x)/var(x), computed here directly. */
function slope(y: ArrayLike<number>, x: ArrayLike<number>): number {
  const n = y.length;
  let my = 0, mx = 0;
  for (let i = 0; i < n; i++) my += y[i] / n, mx += x[i] / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) sxy += (y[i] - my) * (x[i] - mx), sxx += (x[i] - mx) ** 2;
  return sxy / sxx;
}

for (const mode of ["paired", "ab"] as const) {
  Deno.test(`${mode}: CUPED θ per row as computed directly; sequential path ends at the run's Δ`, async () => {
    const r = await runPipeline(scenario({ mode: { type: mode } }), { write: false, threads: 1 });
    const { arms, holdout, comparison } = r.result;
    const x = preSplitCovariate(r.result.scenario, holdout)!;
    const row = comparison.metrics.find((m) => m.metric === "NDCG@10")!;
    const c = arms.control.evaluation.segments.overall, t = arms.test.evaluation.segments.overall;
    const xc = Array.from(c.rows, (q) => x[arms.control.rows[q]]);
    const xt = Array.from(t.rows, (q) => x[arms.test.rows[q]]);
    const yc = c.perUser["NDCG@10"], yt = t.perUser["NDCG@10"];
    const theta = mode === "paired"
      ? slope(Array.from(yt, (v, i) => v - yc[i]), xc)
      : slope([...yc, ...yt], [...xc, ...xt]);
    assert(
      Math.abs(row.cupedTheta! - theta) < 1e-12 * Math.max(1, Math.abs(theta)),
      `${row.cupedTheta} vs ${theta}`,
    );
    assert(row.cupedVarianceReduction! >= 0 && row.cupedVarianceReduction! < 1);
    assert(row.cupedCi![0] < row.cupedDelta! && row.cupedDelta! < row.cupedCi![1]);
    // coverage has no per-user values: no CUPED
    assertEquals(comparison.metrics.find((m) => m.metric === "Coverage@10")!.cupedTheta, null);

    const s = r.result.sequential!;
    assertEquals(s.metric, "NDCG@10");
    const last = s.days[s.days.length - 1];
    assert(Math.abs(last.delta! - row.delta) < 1e-12, `${last.delta} vs ${row.delta}`);
    assertEquals([last.nControl, last.nTest], [row.nControl, row.nTest]);
    for (let i = 1; i < s.days.length; i++) assert(s.days[i].nControl >= s.days[i - 1].nControl);
    for (const d of s.days.filter((d) => d.delta !== null)) {
      assert(
        d.sequentialCi![0] <= d.fixedCi![0] && d.fixedCi![1] <= d.sequentialCi![1],
        `day ${d.day}`,
      );
    }
    const firstStop = s.days.find((d) =>
      d.sequentialCi && (d.sequentialCi[0] > 0 || d.sequentialCi[1] < 0)
    );
    assertEquals(s.stopDay, firstStop?.day ?? null);
    assert(s.stopDay === null || s.fixedStopDay! <= s.stopDay);
    const aa = s.aa!;
    assertEquals(aa.salts, 300);
    assert(aa.sequentialPeeking.rate <= aa.fixedPeeking.rate);
    assert(aa.sequentialPeeking.ci[0] <= 0.05, `sequential peeking ${aa.sequentialPeeking.rate}`);
    const doc = metricsDocument(r.result) as {
      sequential: unknown;
      comparison: { metrics: { cupedTheta: number }[] };
    };
    assert(
      doc.sequential !== undefined && typeof doc.comparison.metrics[0].cupedTheta === "number",
    );
  });
}
