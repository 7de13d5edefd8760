/**
 * Files the database reader rejects (issue 13, case 5) give a located exit-2
 * message naming the file and a fix, never exit 4 with the reader's dump.
 */
import { assert, assertEquals } from "../_assert.ts";
import { exists, FIXTURE, listTree, runCli, STACK_LINE, writeScenario } from "./_helpers.ts";

const CSV = Deno.readTextFileSync(FIXTURE);

async function runOn(file: string, bytes: Uint8Array | string) {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-reader-" });
  const path = `${dir}/${file}`;
  if (typeof bytes === "string") await Deno.writeTextFile(path, bytes);
  else await Deno.writeFile(path, bytes);
  const scenario = writeScenario(dir, { data: { path }, split: { holdoutFraction: 0.2 } });
  const r = await runCli(["run", scenario, "--out", `${dir}/out`, "--quiet"], {
    env: { ABREPLAY_CACHE_DIR: `${dir}/cache` },
  });
  assertEquals(r.code, 2, r.stderr + r.stdout);
  assert(r.stderr.includes(path), `names the file:\n${r.stderr}`);
  assert(/Fix: /.test(r.stderr), `gives a fix:\n${r.stderr}`);
  assert(!STACK_LINE.test(r.stderr), r.stderr);
  assert(r.stderr.trim().split("\n").length <= 3, `a short message, not a dump:\n${r.stderr}`);
  assert(!exists(`${dir}/out`));
  assertEquals(listTree(`${dir}/cache`), []);
  return r.stderr;
}

Deno.test("a CSV with \\r\\r\\n line endings: exit 2 naming the line endings", async () => {
  const err = await runOn("data.csv", CSV.replaceAll("\n", "\r\r\n"));
  assert(/line ending/.test(err), err);
});

Deno.test("a UTF-16 CSV: exit 2 naming the encoding", async () => {
  const text = "\ufeff" + CSV;
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    bytes[2 * i] = text.charCodeAt(i) & 255, bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  const err = await runOn("data.csv", bytes);
  assert(/UTF-8|encoding/.test(err), err);
});

Deno.test("a truncated Parquet file: exit 2", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-reader-" });
  const made = await runCli([
    "generate",
    "--users",
    "50",
    "--items",
    "30",
    "--interactions",
    "400",
    "--format",
    "parquet",
    "--out",
    `${dir}/g`,
    "--quiet",
  ]);
  assertEquals(made.code, 0, made.stderr);
  const bytes = await Deno.readFile(`${dir}/g/interactions.parquet`);
  await runOn("data.parquet", bytes.subarray(0, bytes.length - 100));
});

Deno.test("a line longer than the reader's limit: exit 2", async () => {
  const lines = CSV.split("\n");
  lines.splice(3, 0, `u1,${"x".repeat(3_000_000)},2019-01-01T00:00:00Z,0,true`);
  await runOn("data.csv", lines.join("\n"));
});
