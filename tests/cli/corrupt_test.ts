/**
 * A corrupt or truncated file is not a bad row (issue 13, case 4): exit 2
 * whatever `data.badRows` says. Rows really skipped under `badRows: "skip"`
 * are counted on stderr, not only in metrics.json.
 */
import { assert, assertEquals } from "../_assert.ts";
import {
  exists,
  fixtureJsonLines,
  listTree,
  runCli,
  STACK_LINE,
  writeScenario,
} from "./_helpers.ts";

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function runOn(file: string, bytes: Uint8Array | string, badRows: string) {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-badfile-" });
  const path = `${dir}/${file}`;
  if (typeof bytes === "string") await Deno.writeTextFile(path, bytes);
  else await Deno.writeFile(path, bytes);
  const scenario = writeScenario(dir, { data: { path, badRows }, split: { holdoutFraction: 0.2 } });
  const r = await runCli(["run", scenario, "--out", `${dir}/out`], {
    env: { ABREPLAY_CACHE_DIR: `${dir}/cache` },
  });
  return { ...r, dir, path };
}

function assertCorrupt(r: Awaited<ReturnType<typeof runOn>>, pattern: RegExp) {
  assertEquals(r.code, 2, r.stderr + r.stdout);
  assert(r.stderr.includes(r.path), `names the file:\n${r.stderr}`);
  assert(pattern.test(r.stderr), `expected ${pattern}:\n${r.stderr}`);
  assert(!STACK_LINE.test(r.stderr), r.stderr);
  assert(!exists(`${r.dir}/out`), "no output");
  assertEquals(listTree(`${r.dir}/cache`), [], "no cache entry");
}

for (const badRows of ["skip", "error"]) {
  Deno.test(`a truncated .json.gz is exit 2 under badRows "${badRows}"`, async () => {
    const gz = await gzip(fixtureJsonLines(20));
    const r = await runOn("data.json.gz", gz.subarray(0, Math.floor(gz.length / 2)), badRows);
    assertCorrupt(r, /truncated|corrupt/);
  });
}

Deno.test("a .json.gz with a flipped byte (checksum mismatch) is exit 2 under skip", async () => {
  const gz = await gzip(fixtureJsonLines(20));
  const flipped = gz.slice();
  flipped[Math.floor(gz.length * 0.6)] ^= 0x20;
  assertCorrupt(await runOn("data.json.gz", flipped, "skip"), /corrupt|truncated/);
});

Deno.test("a plain JSON-lines file cut in the middle of a line is exit 2 under skip", async () => {
  const text = fixtureJsonLines(20);
  assertCorrupt(await runOn("data.json", text.slice(0, text.length - 30), "skip"), /truncated/);
});

Deno.test('badRows "skip" prints how many lines it skipped on stderr', async () => {
  const lines = fixtureJsonLines(1).split("\n");
  lines.splice(3, 0, "{not json", "also not json");
  const r = await runOn("data.json", lines.join("\n"), "skip");
  assertEquals(r.code, 0, r.stderr);
  assert(/skipped 2 malformed lines/.test(r.stderr), r.stderr);
  assert(r.stderr.includes(r.path), r.stderr);
  // also on a cache hit, and under --quiet
  const again = await runCli(
    ["run", `${r.dir}/s.json`, "--out", `${r.dir}/out2`, "--quiet"],
    { env: { ABREPLAY_CACHE_DIR: `${r.dir}/cache` } },
  );
  assertEquals(again.code, 0, again.stderr);
  assert(/skipped 2 malformed lines/.test(again.stderr), again.stderr);
});
