/**
 * Runs at the same time (issue 13, case 10): four runs of different scenarios
 * started together on an empty cache all succeed and leave one cache entry
 * each, no temporaries; two runs writing the same folder at once leave it
 * whole, all files from one of them.
 */
import { assert, assertEquals } from "../_assert.ts";
import { runCli, tempsUnder, writeScenario } from "./_helpers.ts";

// Generator options no other test uses, so that the cache starts cold even where
// ABREPLAY_CACHE_DIR were ignored.
const GENERATE = { seed: 1014, users: 2000, items: 800, interactions: 60000 };

Deno.test("4 runs of different scenarios at once on an empty cache all succeed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-concurrent-" });
  const cache = `${dir}/cache`;
  const common = { data: { generate: GENERATE }, split: { holdoutFraction: 0.2 } };
  const scenarios = [
    writeScenario(dir, { ...common, name: "a" }, "a.json"),
    writeScenario(dir, {
      ...common,
      name: "b",
      control: { type: "popular" },
      test: { type: "item2item" },
    }, "b.json"),
    writeScenario(dir, {
      ...common,
      name: "c",
      mode: { type: "ab", salt: "c", weights: [0.5, 0.5], coverage: 1 },
    }, "c.json"),
    writeScenario(
      dir,
      { ...common, name: "d", eval: { k: 5 }, test: { type: "newest" } },
      "d.json",
    ),
  ];
  const results = await Promise.all(
    scenarios.map((s, i) =>
      runCli(["run", s, "--out", `${dir}/out${i}`, "--quiet"], {
        env: { ABREPLAY_CACHE_DIR: cache },
      })
    ),
  );
  results.forEach((r, i) => assertEquals(r.code, 0, `run ${i}: ${r.stderr}`));
  assertEquals(tempsUnder(dir), []);
  const entries = [...Deno.readDirSync(cache)].map((e) => e.name).sort();
  assertEquals(entries.length, 2, `one generated dataset and the clean folder: ${entries}`);
  assertEquals([...Deno.readDirSync(`${cache}/clean`)].length, 1, "one cleaned-data entry");
});

Deno.test("two runs writing the same folder at once: it ends whole, from one run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-concurrent-" });
  const out = `${dir}/out`;
  const s = writeScenario(dir);
  const env = { ABREPLAY_CACHE_DIR: `${dir}/cache` };
  const results = await Promise.all(
    [1, 2].map((seed) =>
      runCli(["run", s, "--out", out, "--quiet", "--seed", String(seed)], { env })
    ),
  );
  results.forEach((r) => assertEquals(r.code, 0, r.stderr));
  const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  const metrics = JSON.parse(await Deno.readTextFile(`${out}/metrics.json`));
  const report = JSON.parse(await Deno.readTextFile(`${out}/report.json`));
  assert([1, 2].includes(manifest.seeds.scenario));
  assertEquals(metrics.scenarioHash, manifest.scenarioHash, "metrics.json and manifest.json agree");
  assertEquals(report.footer.scenarioHash, manifest.scenarioHash, "report.json agrees");
  const verdict = await Deno.readTextFile(`${out}/verdict.json`);
  assert(verdict.length > 0);
  assertEquals(tempsUnder(dir), []);
});
