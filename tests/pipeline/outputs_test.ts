/**
 * The run outputs of issue 17: summary.csv's interval and p-value columns
 * equal the comparison rows of metrics.json; per_user.parquet carries the
 * run's key–value metadata and the §4.1 metrics (NULL where a user has no
 * value); `output.lists` writes the served lists as lists.parquet, read back
 * equal to the replay's lists; without it no lists.parquet is written.
 */
import { assert, assertEquals } from "../_assert.ts";
import { loadScenario } from "../../src/scenario/mod.ts";
import { runPipeline } from "../../src/pipeline/mod.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import { VERSION } from "../../src/version.ts";

const dir = await Deno.makeTempDir();

async function run(lists: boolean) {
  const file = `${dir}/s-${lists}.json`;
  await Deno.writeTextFile(
    file,
    JSON.stringify({
      name: "outputs",
      data: { generate: { seed: 9, users: 700, items: 400, interactions: 15_000 } },
      control: { type: "popular" },
      test: { type: "item2item" },
      stats: { B: 200, seed: 2 },
      gate: {
        primary: { metric: "NDCG@10" },
        guardrails: [{ metric: "Novelty@10", maxDegradation: 0.1 }],
      },
      output: lists ? { lists: true } : {},
    }),
  );
  const out = `${dir}/out-${lists}`;
  const r = await runPipeline(await loadScenario(file), { out, threads: 1 });
  return { r, out, metrics: JSON.parse(await Deno.readTextFile(`${out}/metrics.json`)) };
}

const withLists = await run(true);

Deno.test("summary.csv: CI bounds, p and Holm-adjusted p of each row equal metrics.json", async () => {
  const text = await Deno.readTextFile(`${withLists.out}/summary.csv`);
  const [head, ...lines] = text.trimEnd().split("\n");
  const cols = head.split(",");
  assertEquals(cols.slice(0, 8).join(), "segment,metric,control,test,delta,lift,n_control,n_test");
  const rows = withLists.metrics.comparison.metrics;
  assertEquals(lines.length, rows.length);
  const num = (s: string) => (s === "" ? null : Number(s));
  for (const [q, line] of lines.entries()) {
    const cell = Object.fromEntries(line.split(",").map((v, j) => [cols[j], v]));
    const m = rows[q];
    assertEquals(cell.metric, m.metric);
    assertEquals(num(cell.delta_ci_low), m.ciBca?.[0] ?? null, m.metric);
    assertEquals(num(cell.delta_ci_high), m.ciBca?.[1] ?? null, m.metric);
    assertEquals(num(cell.lift_ci_low), m.liftCiBca?.[0] ?? null, m.metric);
    assertEquals(num(cell.p_value), m.pValue, m.metric);
    assertEquals(num(cell.p_holm), m.pValueHolm, m.metric);
    assertEquals(num(cell.test_ci_high), m.armIntervals?.test[1] ?? null, m.metric);
  }
  const gated = lines.filter((l) => /^overall,(NDCG|Novelty)@10,/.test(l));
  assertEquals(gated.length, 2);
  for (const l of gated) assert(l.split(",")[cols.indexOf("p_holm")] !== "", l);
});

Deno.test("per_user.parquet: key–value metadata of the run, and the §4.1 metrics", async () => {
  const db = await Engine.open({ threads: 1 });
  try {
    const path = sqlString(`${withLists.out}/per_user.parquet`);
    const kv = await db.rows<{ key: string; value: string }>(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${path})`,
    );
    const meta = Object.fromEntries(kv.map((r) => [r.key, r.value]));
    assertEquals(meta["abreplay.version"], VERSION);
    assertEquals(meta["abreplay.scenario_hash"], withLists.metrics.scenarioHash);
    assertEquals(meta["abreplay.data_fingerprint"], withLists.metrics.data.fingerprint);
    assertEquals(meta["abreplay.split_instant"], withLists.metrics.split.T);
    const [row] = await db.rows<Record<string, number>>(
      `SELECT avg("ILD-author@10") AS ild, avg("Novelty@10") AS nov FROM read_parquet(${path}) WHERE arm = 'test'`,
    );
    const arm = withLists.metrics.arms.test.segments.overall.metrics;
    assert(Math.abs(row.ild - arm["ILD-author@10"]) < 1e-12, `${row.ild}`);
    assert(Math.abs(row.nov - arm["Novelty@10"]) < 1e-12, `${row.nov}`);
  } finally {
    db.close();
  }
});

Deno.test("lists.parquet holds the served lists, rank by rank; without output.lists it is not written", async () => {
  const db = await Engine.open({ threads: 1 });
  try {
    const path = sqlString(`${withLists.out}/lists.parquet`);
    const rows = await db.rows<
      { user_id: string; arm: string; rank: bigint; item_id: string; score: number }
    >(
      `SELECT * FROM read_parquet(${path})`,
    );
    const { result } = withLists.r;
    let slots = 0;
    for (const name of ["control", "test"] as const) {
      const s = result.arms[name].served;
      const want: string[] = [];
      s.users.forEach((u, j) => {
        for (let p = 0; p < s.k; p++) {
          const i = s.lists[j * s.k + p];
          if (i >= 0) {
            want.push(`${result.dataset.userIds[u]} ${p + 1} ${result.dataset.itemIds[i]}`);
          }
        }
      });
      const got = rows.filter((r) => r.arm === name).map((r) =>
        `${r.user_id} ${r.rank} ${r.item_id}`
      );
      assertEquals(got, want, name);
      slots += want.length;
    }
    assertEquals(rows.length, slots);
    assert(rows.every((r) => r.score === 1 / Number(r.rank)));
    const kv = await db.rows(`SELECT * FROM parquet_kv_metadata(${path})`);
    assert(kv.length >= 5, "lists.parquet carries the metadata too");
  } finally {
    db.close();
  }
  const without = await run(false);
  assert(!without.r.files.some((f) => f.endsWith("lists.parquet")), without.r.files.join());
  assert(withLists.r.files.some((f) => f.endsWith("lists.parquet")));
});
