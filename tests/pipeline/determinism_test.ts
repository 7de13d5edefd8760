/**
 * Same scenario + same data ⇒ byte-identical metrics.json (PROTOCOL §7), and
 * the PROTOCOL acceptance run on the real Goodreads-YA sample (skipped when
 * ../shared/data is absent).
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SAMPLE = fileURLToPath(
  new URL("../../../shared/data/goodreads_interactions_young_adult_sample.json", import.meta.url),
);
const hasSample = await Deno.stat(SAMPLE).then(() => true, () => false);

async function runTwice(scenario: string, extra: string[] = []) {
  const dir = await Deno.makeTempDir();
  const a = await cli(["run", scenario, "--out", `${dir}/a`, "--quiet", ...extra], root);
  const b = await cli(["run", scenario, "--out", `${dir}/b`, "--quiet", ...extra], root);
  assertEquals(a.code, 0, a.stderr);
  assertEquals(b.code, 0, b.stderr);
  return {
    a: await Deno.readFile(`${dir}/a/metrics.json`),
    b: await Deno.readFile(`${dir}/b/metrics.json`),
    stdout: a.stdout,
    dir,
  };
}

Deno.test({
  name: "sample scenario (random vs popular, holdoutFraction 0.2) runs and is byte-identical twice",
  ignore: !hasSample,
  async fn() {
    // The sample's datasets (goodreads-ya-sample, goodbooks-10k) are both in shared/data.
    const { a, b, stdout, dir } = await runTwice("scenarios/sample.json", [
      "--data-dir",
      fileURLToPath(new URL(".", `file://${SAMPLE}`)),
    ]);
    assertEquals(a, b);
    const m = JSON.parse(new TextDecoder().decode(a));
    assertEquals(m.split.trainRows + m.split.testRows, 5000);
    assert(m.split.testRows >= 1000, "at least 20% of rows in test");
    assertEquals(m.arms.control.type, "random");
    assertEquals(m.arms.test.type, "popular");
    assert(stdout.includes("NDCG@10"));
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/a/manifest.json`));
    assert(manifest.timingsMs.load > 0, "timings live in the manifest");
    assertEquals(manifest.dataFingerprint, m.data.fingerprint);
  },
});

Deno.test("hand-worked scenario twice: identical metrics.json bytes", async () => {
  const dir = await Deno.makeTempDir();
  const fixture = fileURLToPath(new URL("../fixtures/handworked.csv", import.meta.url));
  await Deno.writeTextFile(
    `${dir}/s.json`,
    JSON.stringify({
      name: "twice",
      data: { path: fixture },
      split: { date: "2020-01-01" },
      eval: { k: 3, coldThreshold: 2 },
      control: { type: "random" },
      test: { type: "popular" },
    }),
  );
  const { a, b } = await runTwice(`${dir}/s.json`);
  assertEquals(a, b);
});
