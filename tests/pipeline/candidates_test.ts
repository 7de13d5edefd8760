/**
 * Several candidates in one run (`test: [a, b]`, paired): each candidate's
 * comparison equals a single-candidate run of it (estimates, intervals, p),
 * the gate admits the best admissible candidate and says why the other was
 * not chosen, the outputs carry every arm, and bad lists are refused. A/B
 * mode: N + 1 hash buckets as the GrowthBook SDK assigns them, every
 * candidate on its own bucket against control's, and an SRM over all arms
 * that rejects every candidate when the split is broken.
 */
// Dev-only, as in tests/stats/growthbook_sdk_test.ts: the SDK checks the N + 1 buckets.
// deno-lint-ignore no-import-prefix
import { GrowthBook } from "npm:@growthbook/growthbook@1.8.0";
import { assert, assertEquals, assertRejects, assertThrows } from "../_assert.ts";
import { assignUsers } from "../../src/replay/mod.ts";
import type { Dataset } from "../../src/data/mod.ts";
import type { Holdout } from "../../src/split/mod.ts";
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
  assertThrows(
    bad([i2i, random], { mode: { type: "ab", weights: [0.5, 0.5] } }),
    Error,
    "3 weights",
  );
  assertThrows(
    bad([i2i, random], { mode: { type: "ab", growthbook: { key: "x" } } }),
    Error,
    "two variations",
  );
  const s = resolveScenario({ ...base, test: [i2i, random] }, "");
  assertEquals(s.candidates!.map((c) => c.name), ["test1", "test2"]);
  await assertRejects(() => runPipeline(s, { write: false, oc: {} }), Error, "abreplay oc");
});

Deno.test("A/B with 3 candidates: the GrowthBook SDK's 4 buckets, equal weights unless given", () => {
  const users = Array.from({ length: 4000 }, (_, i) => `user-${i}`);
  const ds = { userIds: users } as unknown as Dataset;
  const holdout = { evalUsers: Int32Array.from(users, (_, i) => i) } as unknown as Holdout;
  for (
    const mode of [{ salt: "s1" }, { salt: "s2", weights: [0.4, 0.3, 0.2, 0.1], coverage: 0.8 }]
  ) {
    const s = resolveScenario(
      { ...base, test: [i2i, random, { type: "popular" }], mode: { type: "ab", ...mode } },
      "",
    );
    const weights = mode.weights ?? [0.25, 0.25, 0.25, 0.25];
    assertEquals(s.mode.weights, weights);
    const a = assignUsers(s, ds, holdout);
    const sdk = users.map((id) => {
      const gb = new GrowthBook({ attributes: { id } });
      const r = gb.run({
        key: "x",
        seed: mode.salt,
        hashVersion: 2,
        weights,
        coverage: mode.coverage ?? 1,
        variations: [0, 1, 2, 3],
      } as never);
      gb.destroy();
      return r.inExperiment ? r.variationId : -1;
    });
    a.groups.forEach((rows, arm) =>
      assertEquals(Array.from(rows), sdk.flatMap((v, i) => v === arm ? [i] : []), `arm ${arm}`)
    );
    assertEquals(a.excluded, sdk.filter((v) => v < 0).length);
  }
});

Deno.test("A/B with 2 candidates: own buckets, SRM over all arms; a broken split rejects all", async () => {
  const ab = { ...base, test: [{ ...i2i, name: "i2i" }, random], mode: { type: "ab" } };
  const run = await runPipeline(resolveScenario(ab, ""), { write: false, threads: 1 });
  const v = run.verdict as CandidatesVerdict;
  const [a, b] = run.candidates!;
  const control = a.result.arms.control.rows;
  assertEquals(b.result.arms.control.rows, control, "one control bucket");
  const all = [control, a.result.arms.test.rows, b.result.arms.test.rows];
  assertEquals(
    new Set(all.flatMap((r) => Array.from(r))).size,
    all.reduce((n, r) => n + r.length, 0),
  );
  assertEquals(v.srm!.observed, all.map((r) => r.length));
  assertEquals(a.result.comparison.srm!.observed, [control.length, all[1].length]);
  assertEquals(v.chosen, "i2i");
  const broken = await runPipeline(
    resolveScenario({ ...ab, mode: { type: "ab", simulateWeights: [0.5, 0.3, 0.2] } }, ""),
    { write: false, threads: 1 },
  );
  const bv = broken.verdict as CandidatesVerdict;
  assert(bv.srm!.flagged);
  assertEquals([bv.decision, bv.exitCode, bv.chosen], ["reject", 1, null]);
  for (const c of bv.candidates) {
    assert(c.why.includes("no sample ratio mismatch across all 3 arms"), c.why);
  }
});
