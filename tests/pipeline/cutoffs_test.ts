/**
 * `eval.k` as a list: a `k: [5, 10, 20]` run equals three single-k runs byte
 * for byte on the metrics they share (each arm's means, every comparison row
 * with its intervals and p-values), with one replay of 20-item lists; and a
 * scenario's k list is checked. The gate names metrics at one k (here the
 * list's first, 5): the rows' gate fields (`gated`, Holm over the gated
 * family) and the primary's power analysis are compared where the single
 * run gates the same metric, k = 5.
 */
import { assert, assertEquals } from "../_assert.ts";
import { loadScenario } from "../../src/scenario/mod.ts";
import { metricsDocument, runPipeline } from "../../src/pipeline/mod.ts";

const dir = await Deno.makeTempDir();

async function scenario(k: number | number[], primary = `NDCG@${[k].flat()[0]}`) {
  const file = `${dir}/k-${[k].flat().join("-")}-${primary}.json`;
  await Deno.writeTextFile(
    file,
    JSON.stringify({
      name: "cutoffs",
      data: { generate: { seed: 5, users: 900, items: 500, interactions: 20_000 } },
      eval: { k },
      control: { type: "popular" },
      test: { type: "item2item" },
      stats: { B: 300, seed: 3 },
      gate: { primary: { metric: primary } },
    }),
  );
  return await loadScenario(file);
}

async function doc(k: number | number[]) {
  const r = await runPipeline(await scenario(k), { write: false, threads: 1 });
  return { doc: metricsDocument(r.result) as any, result: r.result };
}

Deno.test("k: [5, 10, 20] equals the three single-k runs on every shared metric", async () => {
  const many = await doc([5, 10, 20]);
  assertEquals(many.result.arms.test.served.k, 20, "one replay, of the largest k");
  for (const k of [5, 10, 20]) {
    const one = await doc(k);
    let compared = 0;
    for (const arm of ["control", "test"]) {
      for (const seg of ["overall", "warm", "cold"]) {
        const a = one.doc.arms[arm].segments[seg], b = many.doc.arms[arm].segments[seg];
        assertEquals(a.users, b.users);
        for (const [m, v] of Object.entries(a.metrics)) {
          assertEquals(JSON.stringify(b.metrics[m]), JSON.stringify(v), `${arm} ${seg} ${m}`);
          compared++;
        }
      }
    }
    const sameGate = k === 5;
    const gateless = (row: any) => sameGate ? row : { ...row, gated: null, pValueHolm: null };
    const rows = new Map(many.doc.comparison.metrics.map((m: any) => [m.metric, m]));
    for (const row of one.doc.comparison.metrics) {
      const want = JSON.stringify(gateless(row));
      assertEquals(JSON.stringify(gateless(rows.get(row.metric))), want, row.metric);
      compared++;
    }
    assert(compared > 100, `compared ${compared} values at k = ${k}`);
    if (sameGate) {
      assertEquals(
        JSON.stringify(many.doc.comparison.power),
        JSON.stringify(one.doc.comparison.power),
      );
    }
  }
  assertEquals(many.doc.k, [5, 10, 20]);
});

Deno.test("a single k keeps its number; the main k of a list is its first", async () => {
  assertEquals((await scenario(10)).eval.k, 10);
  const s = await scenario([20, 5], "NDCG@5");
  assertEquals(s.eval.k, [20, 5]);
});

async function refusal(k: number | number[], primary?: string): Promise<string> {
  try {
    await scenario(k, primary);
  } catch (e) {
    assert(e instanceof Error, String(e));
    return e.message;
  }
  throw new Error(`${JSON.stringify(k)} was accepted`);
}

Deno.test("a bad k list is refused with its path: empty, repeated, not a whole number, gate metric at another k", async () => {
  for (
    const [k, text] of [
      [[], "eval.k: expected an integer from 1 to 1000 or a non-empty list of them"],
      [[5, 5], "eval.k[1]: 5 is listed twice"],
      [[5, 2.5], "eval.k[1]: expected an integer (a whole number)"],
    ] as const
  ) {
    const message = await refusal(k as unknown as number[]);
    assert(message.includes(text), `${JSON.stringify(k)}: ${message}`);
  }
  assert((await refusal([5, 20], "NDCG@10")).includes("eval.k is [5, 20]"));
});
