/**
 * `abreplay fit` saves a model; a scenario replaying it (`"model": dir`)
 * gives byte-identical metrics to fitting in the run; a model fitted on other
 * data is refused with a clear error (exit 2).
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/handworked.csv", import.meta.url));

Deno.test("fit, then replay the saved model: identical metrics", async () => {
  const dir = await Deno.makeTempDir();
  const base = {
    data: { path: FIXTURE },
    split: { date: "2020-01-01" },
    eval: { k: 3, coldThreshold: 2 },
    stats: { B: 200 },
  };
  await Deno.writeTextFile(
    `${dir}/fit.json`,
    JSON.stringify({
      name: "fitme",
      ...base,
      control: { type: "random" },
      test: { type: "item2item", params: { neighbours: 5 } },
    }),
  );
  const f = await cli([
    "fit",
    `${dir}/fit.json`,
    "--arm",
    "test",
    "--out",
    `${dir}/model`,
    "--quiet",
  ]);
  assertEquals(f.code, 0, f.stderr);
  assert(f.stdout.includes("saved item2item model"), f.stdout);
  const a = await cli(["run", `${dir}/fit.json`, "--out", `${dir}/a`, "--quiet"]);
  await Deno.writeTextFile(
    `${dir}/replay.json`,
    JSON.stringify({
      name: "fitme",
      ...base,
      control: { type: "random" },
      test: { model: "model" },
    }),
  );
  const b = await cli(["run", `${dir}/replay.json`, "--out", `${dir}/b`, "--quiet"]);
  assertEquals([a.code, b.code], [0, 0], a.stderr + b.stderr);
  const ma = JSON.parse(await Deno.readTextFile(`${dir}/a/metrics.json`));
  const mb = JSON.parse(await Deno.readTextFile(`${dir}/b/metrics.json`));
  assertEquals(mb.arms.test, ma.arms.test);
  assertEquals(mb.comparison, ma.comparison);

  // the same model on other data (a later split) is refused
  await Deno.writeTextFile(
    `${dir}/other.json`,
    JSON.stringify({
      name: "fitme",
      ...base,
      split: { date: "2020-01-10" },
      control: { type: "random" },
      test: { model: "model" },
    }),
  );
  const c = await cli(["run", `${dir}/other.json`, "--out", `${dir}/c`, "--quiet"]);
  assertEquals(c.code, 2, c.stderr);
  assert(/fitted on other data/.test(c.stderr), c.stderr);
});
