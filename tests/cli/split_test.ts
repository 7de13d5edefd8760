/**
 * `abreplay split` from the command line: --export is required (exit 2, the
 * fix named); with it, the export is written and --json prints split.json.
 */
import { assert, assertEquals } from "../_assert.ts";
import { cli } from "../_cli.ts";

Deno.test("abreplay split: --export required; --json prints the split document", async () => {
  const dir = await Deno.makeTempDir();
  const scenario = `${dir}/s.json`;
  await Deno.writeTextFile(
    scenario,
    JSON.stringify({
      name: "cli-split",
      data: { generate: { seed: 5, users: 400, items: 250, interactions: 12000 } },
      control: { type: "popular" },
      test: { type: "random" },
    }),
  );
  const missing = await cli(["split", scenario]);
  assertEquals(missing.code, 2);
  assert(missing.stderr.includes("--export DIR is required"), missing.stderr);
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["s.json"]);
  const ok = await cli(["split", scenario, "--export", `${dir}/out`, "--json"]);
  assertEquals(ok.code, 0, ok.stderr);
  const doc = JSON.parse(ok.stdout);
  assertEquals(doc, JSON.parse(await Deno.readTextFile(`${dir}/out/split.json`)));
  assertEquals(doc.format, "abreplay-split");
  assert(/^[0-9a-f]{64}$/.test(doc.splitFingerprint));
  await Deno.remove(dir, { recursive: true });
});
