/**
 * The click model through the pipeline (scenario `clicks` section): CTR@k is
 * a compared and gate-able metric whose arm means are the per-arm block CTRs
 * of metrics.json; the simulated CTR agrees with the closed-form block-click
 * probabilities of the same lists (a second way); interleaving runs in paired
 * mode; a run is deterministic; A/B arms draw from their own streams.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { resolveScenario, runPipeline } from "../../mod.ts";
import { csrRows } from "../../src/replay/mod.ts";
import { expectedBlockClick, hitTable } from "../../src/metrics/mod.ts";
import { metricsDocument } from "../../src/pipeline/outputs/metrics_json.ts";

function scenario(over: Record<string, unknown> = {}, drop: string[] = []) {
  const raw: Record<string, unknown> = {
    name: "clicks",
    data: { generate: { users: 1500, items: 800, seed: 3 } },
    control: { type: "popular" },
    test: { type: "random" },
    stats: { B: 300 },
    clicks: { interleaving: true },
    gate: {
      primary: { metric: "NDCG@10", nonInferiorityMargin: 0.5 },
      guardrails: [{ metric: "CTR@10", maxDegradation: 0.05 }],
    },
    ...over,
  };
  for (const key of drop) delete raw[key];
  return resolveScenario(raw, fileURLToPath(new URL("./clicks.json", import.meta.url)));
}

Deno.test("paired: CTR@10 compared and gated; per-arm CTR = the row's means; closed form agrees", async () => {
  const r = await runPipeline(scenario(), { write: false, threads: 1 });
  const c = r.result.clicks!;
  const row = r.result.comparison.metrics.find((m) => m.metric === "CTR@10")!;
  assertEquals([row.control, row.test], [c.arms.control.ctr, c.arms.test.ctr]);
  assertEquals([row.nControl, row.nTest], [c.arms.control.users, c.arms.test.users]);
  assert(row.gated && row.ciBca !== null);
  assert(r.verdict.reasons.some((x) => x.rule.includes("CTR@10")), "the guardrail is a reason");
  // popular beats random on relevance, so on clicks: the guardrail fails and the gate rejects
  assert(c.arms.test.ctr < c.arms.control.ctr);
  assertEquals(r.verdict.decision, "reject");
  // a second way: the mean closed-form block-click probability of each arm's lists
  const { holdout } = r.result;
  for (const arm of ["control", "test"] as const) {
    const a = r.result.arms[arm];
    const rel = csrRows(holdout.relOffsets, holdout.relItems, a.rows);
    const p = expectedBlockClick(
      hitTable(a.served.lists, 10, rel.offsets, rel.values),
      Float64Array.from(c.examination),
    );
    let mean = 0, v = 0;
    for (const x of p) mean += x / p.length;
    for (const x of p) v += x * (1 - x);
    const se = Math.sqrt(v) / p.length;
    assert(
      Math.abs(c.arms[arm].ctr - mean) <= 4 * se,
      `${arm}: ${c.arms[arm].ctr} vs ${mean} ± ${se}`,
    );
    assert(c.arms[arm].ci[0] < c.arms[arm].ctr && c.arms[arm].ctr < c.arms[arm].ci[1]);
  }
  const il = c.interleaving!;
  assertEquals(il.users, holdout.evalUsers.length);
  assertEquals(il.wins + il.losses + il.ties, il.users);
  assert(il.preference < 0, "interleaving prefers popular too");
  // same scenario, same bytes
  const again = await runPipeline(scenario(), { write: false, threads: 1 });
  assertEquals(
    JSON.stringify(metricsDocument(again.result)),
    JSON.stringify(metricsDocument(r.result)),
  );
  assertEquals((metricsDocument(r.result).clicks as { seed: number }).seed, 1);
});

Deno.test("A/B: each arm its own click stream; no interleaving; without clicks no CTR row", async () => {
  const r = await runPipeline(
    scenario({ mode: { type: "ab" }, clicks: {}, gate: { primary: { metric: "CTR@10" } } }),
    { write: false, threads: 1 },
  );
  assertEquals(r.result.clicks!.interleaving, null);
  assert(r.result.comparison.metrics.some((m) => m.metric === "CTR@10" && m.gated));
  const plain = await runPipeline(scenario({}, ["clicks", "gate"]), {
    write: false,
    threads: 1,
  });
  assertEquals(plain.result.clicks, null);
  assert(!plain.result.comparison.metrics.some((m) => m.metric.startsWith("CTR")));
  assert(!("clicks" in metricsDocument(plain.result)));
});

Deno.test("several cut-offs: the click model sees the main cut-off's block, as a single-k run does", async () => {
  const one = await runPipeline(scenario(), { write: false, threads: 1 });
  const many = await runPipeline(scenario({ eval: { k: [10, 20] } }), { write: false, threads: 1 });
  assertEquals(JSON.stringify(many.result.clicks), JSON.stringify(one.result.clicks));
  const row = (r: typeof one) => r.result.comparison.metrics.find((m) => m.metric === "CTR@10");
  assertEquals(JSON.stringify(row(many)), JSON.stringify(row(one)));
});
