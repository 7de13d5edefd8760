/**
 * `eval.metrics`: a run that computes some metrics only equals the run of
 * every metric byte for byte on the metrics it keeps (each arm's means, every
 * comparison row with its intervals and p-values, the power analysis), has
 * none of the others in metrics.json, per_user.parquet or the report, and a
 * scenario whose gate names a metric left out is refused with its path.
 */
import { assert, assertEquals } from "../_assert.ts";
import { loadScenario } from "../../src/scenario/mod.ts";
import { metricsDocument, runPipeline } from "../../src/pipeline/mod.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";

const dir = await Deno.makeTempDir();

async function scenario(extra: Record<string, unknown> = {}, name = "all") {
  const file = `${dir}/${name}.json`;
  const { eval: evalExtra, ...rest } = extra as { eval?: Record<string, unknown> };
  await Deno.writeTextFile(
    file,
    JSON.stringify({
      name: "metric-selection",
      data: { generate: { seed: 5, users: 900, items: 500, interactions: 20_000 } },
      eval: { k: [10, 5], ...evalExtra },
      control: { type: "popular" },
      test: { type: "item2item" },
      stats: { B: 300, seed: 3 },
      ...rest,
    }),
  );
  return await loadScenario(file);
}

for (const selected of [["NDCG", "Recall", "Coverage"], ["NDCG", "Entropy", "IPS-Recall"]]) {
  Deno.test(`eval.metrics ${JSON.stringify(selected)} equals the full run on those metrics and has no others`, async () => {
    const full = metricsDocument(
      (await runPipeline(await scenario(), { write: false, threads: 1 })).result,
    ) as any;
    const out = `${dir}/out-${selected.join("-")}`;
    const some = await runPipeline(
      await scenario({ eval: { metrics: selected } }, selected.join("-")),
      { out, threads: 1 },
    );
    const doc = metricsDocument(some.result) as any;
    const base = (m: string) => m.replace(/@\d+$/, "").replace(/^(?:Warm|Cold)(?=[A-Z])/, "");
    let compared = 0;
    for (const arm of ["control", "test"]) {
      for (const seg of ["overall", "warm", "cold"]) {
        const a = full.arms[arm].segments[seg].metrics, b = doc.arms[arm].segments[seg].metrics;
        const want = Object.keys(a).filter((m) => selected.includes(base(m)));
        assertEquals(
          Object.keys(b).sort(),
          want.sort(),
          `${arm} ${seg}: the selected metrics only`,
        );
        for (const m of want) {
          assertEquals(JSON.stringify(b[m]), JSON.stringify(a[m]), `${arm} ${seg} ${m}`);
          compared++;
        }
      }
    }
    const rows = new Map(full.comparison.metrics.map((r: any) => [r.metric, r]));
    const kept = full.comparison.metrics.filter((r: any) => selected.includes(base(r.metric)));
    assertEquals(doc.comparison.metrics.map((r: any) => r.metric), kept.map((r: any) => r.metric));
    for (const row of doc.comparison.metrics) {
      // Holm runs over the gated family, the same here: NDCG@10 alone
      assertEquals(JSON.stringify(row), JSON.stringify(rows.get(row.metric)), row.metric);
      compared++;
    }
    assert(compared > 30, `compared ${compared}`);
    assertEquals(JSON.stringify(doc.comparison.power), JSON.stringify(full.comparison.power));
    const db = await Engine.open({ threads: 1 });
    try {
      const cols = await db.rows<{ name: string }>(
        `SELECT name FROM parquet_schema(${
          sqlString(`${out}/per_user.parquet`)
        }) WHERE num_children IS NULL`, // leaves: the root's name depends on the writer
      );
      const perUser = cols.map((c) => c.name).filter((c) => c !== "user_id" && c !== "arm");
      assert(
        perUser.length > 0 && perUser.every((c) => selected.includes(base(c))),
        perUser.join(),
      );
    } finally {
      db.close();
    }
    const html = await Deno.readTextFile(`${out}/report.html`);
    assertEquals(html.includes("catalog coverage (all users)"), selected.includes("Coverage"));
  });
}

async function refusal(extra: Record<string, unknown>): Promise<string> {
  try {
    await scenario(extra, "bad");
  } catch (e) {
    assert(e instanceof Error, String(e));
    return e.message;
  }
  throw new Error(`${JSON.stringify(extra)} was accepted`);
}

Deno.test("eval.metrics is refused with its path: unknown name, empty, a gate metric left out", async () => {
  const unknown = await refusal({ eval: { metrics: ["NDCG", "Recal"] } });
  assert(unknown.includes("eval.metrics[1]") && unknown.includes('did you mean "Recall"'), unknown);
  assert((await refusal({ eval: { metrics: [] } })).includes("eval.metrics"));
  const primary = await refusal({ eval: { metrics: ["Recall"] } });
  assert(primary.includes("eval.metrics") && primary.includes("NDCG@10 is not computed"), primary);
  assert(primary.includes('add "NDCG" to eval.metrics'), primary);
  const rail = await refusal({
    eval: { metrics: ["NDCG"] },
    gate: {
      primary: { metric: "NDCG@10" },
      guardrails: [{ metric: "ColdRecall@5", maxDegradation: 0.1 }],
    },
  });
  assert(
    rail.includes("gate.guardrails[0].metric") && rail.includes("ColdRecall@5 is not computed"),
    rail,
  );
  // a gate metric that is computed passes, and the default primary is fine when NDCG is kept
  await scenario(
    { eval: { metrics: ["Recall"] }, gate: { primary: { metric: "WarmRecall@5" } } },
    "ok1",
  );
  await scenario({ eval: { metrics: ["NDCG"] } }, "ok2");
});
