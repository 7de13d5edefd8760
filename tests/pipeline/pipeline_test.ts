/**
 * runPipeline from the public API (mod.ts): the hand-worked fixture run end
 * to end in one call — without writing (nothing on disk, the verdict and the
 * report's input returned) and with writing (exactly the registered formats
 * in the folder, the manifest listing the others, verdict.md equal to the
 * returned Markdown).
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { resolveScenario, RUN_OUTPUTS, runPipeline } from "../../mod.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/handworked.csv", import.meta.url));

function scenario() {
  return resolveScenario({
    name: "library",
    data: { path: FIXTURE, cache: false },
    split: { date: "2020-01-01" },
    eval: { k: 3, coldThreshold: 2 },
    control: { type: "random" },
    test: { type: "popular" },
    stats: { B: 200 },
  }, fileURLToPath(new URL("../fixtures/library.json", import.meta.url)));
}

Deno.test("runPipeline with write: false gates and assembles the report, writing nothing", async () => {
  const dir = await Deno.makeTempDir();
  const r = await runPipeline(scenario(), { out: `${dir}/out`, write: false });
  assertEquals(r.files, []);
  assertEquals([...Deno.readDirSync(dir)], [], "nothing written");
  assert(["admit", "reject", "inconclusive"].includes(r.verdict.decision));
  assertEquals(r.report.verdict?.decision, r.verdict.decision);
  assertEquals(r.report.k, 3);
  assertEquals(r.result.arms.test.recommender.type, "popular");
  assert(r.verdictMarkdown.includes(r.verdict.decision.toUpperCase()), r.verdictMarkdown);
});

Deno.test("runPipeline writes exactly the registered formats, all at once", async () => {
  const dir = await Deno.makeTempDir();
  const r = await runPipeline(scenario(), { out: `${dir}/out` });
  const want = RUN_OUTPUTS.filter((f) => f.when?.({ oc: false }) ?? true).map((f) => f.name);
  assertEquals(r.dir, `${dir}/out`);
  assertEquals(r.files.map((f) => f.split("/").pop()).sort(), [...want].sort());
  const listed = [...Deno.readDirSync(r.dir)].map((e) => e.name).filter((n) => !n.startsWith("."));
  assertEquals(listed.sort(), [...want].sort());
  const manifest = JSON.parse(await Deno.readTextFile(`${r.dir}/manifest.json`));
  assertEquals(manifest.files, want.filter((n) => n !== "manifest.json").sort());
  assertEquals(await Deno.readTextFile(`${r.dir}/verdict.md`), r.verdictMarkdown);
  assertEquals(JSON.parse(await Deno.readTextFile(`${r.dir}/verdict.json`)), r.verdict);
});
