/**
 * Several candidates in one run (`test: [a, b]`, paired): each candidate's
 * comparison equals a single-candidate run of it (estimates, intervals, p),
 * the gate admits the best admissible candidate and says why the other was
 * not chosen, the outputs carry every arm, and bad lists are refused.
 */
import { assert, assertEquals, assertRejects, assertThrows } from "../_assert.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { runPipeline } from "../../src/pipeline/mod.ts";
import type { CandidatesVerdict } from "../../src/gate/mod.ts";

const base = {
  name: "candidates",
  data: { generate: { seed: 42 } },
  control: { type: "popular" },
  stats: { B: 300, seed: 3, targetMde: 0.25 },
  gate: {
    primary: { metric: "NDCG@10", minLift: 0 },
    guardrails: [{ metric: "Recall@10", maxDegradation: 0.05 }],
  },
};
const i2i = { type: "item2item", label: "<i>i2i</i>" };
const random = { type: "random" };

Deno.test("test: [item2item, random] equals two single runs; the gate picks item2item", async () => {
  const out = await Deno.makeTempDir();
  const many = await runPipeline(
    resolveScenario({ ...base, test: [{ ...i2i, name: "i2i" }, random] }, ""),
    { out, threads: 1 },
  );
  const v = many.verdict as CandidatesVerdict;
  for (const [name, spec] of [["i2i", i2i], ["test2", random]] as const) {
    const one = await runPipeline(resolveScenario({ ...base, test: spec }, ""), {
      write: false,
      threads: 1,
    });
    const c = many.candidates!.find((x) => x.name === name)!;
    assertEquals(
      JSON.stringify(c.result.comparison.metrics),
      JSON.stringify(one.result.comparison.metrics),
      `${name}: every row (estimates, intervals, p) as in a single run`,
    );
    assertEquals(c.result.arms.control, many.candidates![0].result.arms.control, "one control");
  }
  assertEquals(v.decision, "admit");
  assertEquals(v.exitCode, 0);
  assertEquals(v.chosen, "i2i");
  const r = v.candidates.find((c) => c.name === "test2")!;
  assertEquals(r.decision, "reject");
  assert(r.why.startsWith("rejected: ") && r.why.includes("guardrail Recall@10"), r.why);
  assert(v.candidates[0].why.startsWith("chosen"), v.candidates[0].why);
  // outputs: every arm, a candidate column, per-candidate sections, escaped labels
  const metrics = JSON.parse(await Deno.readTextFile(`${out}/metrics.json`));
  assertEquals(Object.keys(metrics.arms), ["control", "i2i", "test2"]);
  assertEquals(Object.keys(metrics.candidates), ["i2i", "test2"]);
  const csv = (await Deno.readTextFile(`${out}/summary.csv`)).trim().split("\n");
  assert(csv[0].startsWith("candidate,segment,metric,"), csv[0]);
  assertEquals(new Set(csv.slice(1).map((l) => l.split(",")[0])), new Set(["i2i", "test2"]));
  const verdict = JSON.parse(await Deno.readTextFile(`${out}/verdict.json`));
  assertEquals(verdict.chosen, "i2i");
  const md = await Deno.readTextFile(`${out}/verdict.md`);
  assert(md.includes("ADMIT i2i") && md.includes("### ❌ test2: reject"), md);
  const html = await Deno.readTextFile(`${out}/report.html`);
  assert(html.includes('id="candidates"') && html.includes("&lt;i&gt;i2i&lt;/i&gt;"));
  assert(!html.includes("<i>i2i</i>"), "labels are escaped");
});

Deno.test("a list of candidates: validation errors name the field and the fix", async () => {
  const bad = (test: unknown, extra: Record<string, unknown> = {}) => () =>
    resolveScenario({ ...base, test, ...extra }, "s.json");
  assertThrows(bad([]), Error, "found []");
  assertThrows(bad([i2i]), Error, "without the list brackets");
  assertThrows(bad([{ ...i2i, name: "x" }, { ...random, name: "x" }]), Error, "test[1].name");
  assertThrows(bad([{ ...i2i, name: "test2" }, random]), Error, "the default name of test[1]");
  assertThrows(bad([{ ...i2i, name: "control" }, random]), Error, "test[0].name");
  assertThrows(bad([i2i, random], { mode: { type: "ab" } }), Error, "paired mode only");
  const s = resolveScenario({ ...base, test: [i2i, random] }, "");
  assertEquals(s.candidates!.map((c) => c.name), ["test1", "test2"]);
  await assertRejects(() => runPipeline(s, { write: false, oc: {} }), Error, "abreplay oc");
});
