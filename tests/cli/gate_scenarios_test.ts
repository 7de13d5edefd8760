/**
 * The committed CI-gate examples exit 0 (admit), 1 (reject) and 3
 * (inconclusive, underpowered), each verdict naming the deciding rule; the A/B
 * demo, whose primary is conclusive, is admitted whatever the sensitivity
 * (it used to be "inconclusive: underpowered" with a lift CI far above 0); a
 * second run gives byte-identical metrics.json and verdict.json, and both are
 * byte-identical to `tests/fixtures/outputs/<name>/` (written by
 * `scripts/baseline_outputs.ts`): a change that should not move any number
 * (a refactor) keeps them; one that should rewrites them with that script and
 * says why in its commit. Through the
 * real CLI too: a negative minLift is refused with a pointer to
 * nonInferiorityMargin, and a run with one eval user is never admitted.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

const cases: [string, number, string, RegExp][] = [
  ["gate-admit", 0, "admit", /primary NDCG@10 lift > \+10\.00%.*pass/],
  ["gate-reject", 1, "reject", /primary NDCG@10 non-inferior within −2\.00%.*fail/],
  ["gate-underpowered", 3, "inconclusive", /sensitivity: power.*inconclusive.*underpowered/],
  ["ab-demo", 0, "admit", /primary NDCG@10 lift > \+0\.00%.*pass.*lies above/],
];

for (const [name, code, decision, rule] of cases) {
  Deno.test(`abreplay gate scenarios/${name}.json exits ${code} (${decision})`, async () => {
    const dir = await Deno.makeTempDir();
    const r = await cli(["gate", `scenarios/${name}.json`, "--out", `${dir}/a`, "--quiet"], root);
    assertEquals(r.code, code, r.stderr + r.stdout);
    assert(r.stdout.includes(decision.toUpperCase()), r.stdout);
    assert(rule.test(r.stdout), `expected the deciding rule ${rule} in:\n${r.stdout}`);
    assert(r.stdout.includes("**Operating characteristic**"), r.stdout);
    const v = JSON.parse(await Deno.readTextFile(`${dir}/a/verdict.json`));
    assertEquals([v.decision, v.exitCode], [decision, code]);
    for (const f of ["metrics.json", "verdict.json"]) {
      const want = await Deno.readTextFile(`${root}/tests/fixtures/outputs/${name}/${f}`);
      assertEquals(await Deno.readTextFile(`${dir}/a/${f}`), want, `${name}/${f} as pinned`);
    }
    if (name === "gate-admit") {
      const again = await cli(
        ["gate", `scenarios/${name}.json`, "--out", `${dir}/b`, "--quiet"],
        root,
      );
      assertEquals(again.code, code);
      for (const f of ["metrics.json", "verdict.json"]) {
        assertEquals(await Deno.readFile(`${dir}/b/${f}`), await Deno.readFile(`${dir}/a/${f}`), f);
      }
      const m1 = JSON.parse(await Deno.readTextFile(`${dir}/a/manifest.json`));
      assert(typeof m1.timingsMs["fit test"] === "number", "timings in the manifest");
    }
  });
}

Deno.test("a negative minLift is refused and points to nonInferiorityMargin", async () => {
  const dir = await Deno.makeTempDir();
  const s = JSON.parse(await Deno.readTextFile(`${root}/scenarios/gate-admit.json`));
  s.gate.primary.minLift = -0.05;
  delete s.$schema;
  await Deno.writeTextFile(`${dir}/s.json`, JSON.stringify(s));
  const r = await cli(["gate", `${dir}/s.json`, "--out", `${dir}/out`, "--quiet"]);
  assertEquals(r.code, 2, r.stderr);
  assert(/gate\.primary\.minLift/.test(r.stderr), r.stderr);
  assert(/"nonInferiorityMargin": 0\.05/.test(r.stderr), r.stderr);
  assertEquals(await Deno.stat(`${dir}/out`).then(() => true, () => false), false);
});

Deno.test("one eval user: no interval, never admitted (exit 3, not 0)", async () => {
  const dir = await Deno.makeTempDir();
  // five users with history in 2019; only u1 has test interactions (the latest rows)
  const rows = ["user_id,item_id,timestamp,rating,is_read"];
  for (const u of ["u1", "u2", "u3", "u4", "u5"]) {
    for (const [j, i] of ["a", "b", "c"].entries()) {
      rows.push(`${u},${i},2019-0${j + 1}-01T00:00:00Z,4,true`);
    }
  }
  for (const [j, i] of ["d", "e", "f", "g"].entries()) {
    rows.push(`u1,${i},2020-0${j + 1}-01T00:00:00Z,5,true`);
  }
  await Deno.writeTextFile(`${dir}/data.csv`, rows.join("\n") + "\n");
  await Deno.writeTextFile(
    `${dir}/s.json`,
    JSON.stringify({
      name: "one-user",
      data: { path: "data.csv", cache: false },
      split: { date: "2020-01-01" },
      control: { type: "popular" },
      test: { type: "random" },
      gate: { primary: { metric: "NDCG@10" }, requirePower: false },
    }),
  );
  const r = await cli(["gate", `${dir}/s.json`, "--out", `${dir}/out`, "--quiet"]);
  assertEquals(r.code, 3, r.stderr + r.stdout);
  assert(/no interval for NDCG@10/.test(r.stdout), r.stdout);
});
