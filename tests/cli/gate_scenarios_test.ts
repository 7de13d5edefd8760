/**
 * The committed CI-gate examples exit 0 (admit), 1 (reject) and 3
 * (inconclusive, underpowered), each verdict naming the deciding rule; a
 * second run gives byte-identical metrics.json and verdict.json.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

const cases: [string, number, string, RegExp][] = [
  ["gate-admit", 0, "admit", /primary NDCG@10 lift > \+10\.00%.*pass/],
  ["gate-reject", 1, "reject", /primary NDCG@10 non-inferior within -2\.00%.*fail/],
  ["gate-underpowered", 3, "inconclusive", /powered for a \+5\.00% MDE.*inconclusive/],
];

for (const [name, code, decision, rule] of cases) {
  Deno.test(`abreplay gate scenarios/${name}.json exits ${code} (${decision})`, async () => {
    const dir = await Deno.makeTempDir();
    const r = await cli(["gate", `scenarios/${name}.json`, "--out", `${dir}/a`, "--quiet"], root);
    assertEquals(r.code, code, r.stderr + r.stdout);
    assert(r.stdout.includes(decision.toUpperCase()), r.stdout);
    assert(rule.test(r.stdout), `expected the deciding rule ${rule} in:\n${r.stdout}`);
    const v = JSON.parse(await Deno.readTextFile(`${dir}/a/verdict.json`));
    assertEquals([v.decision, v.exitCode], [decision, code]);
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
