/**
 * The output-folder rule (issue 13, case 1): abreplay writes only into a
 * folder that is new, empty or one it wrote before; anything else is exit 2
 * naming the folder and the fix, and `--force` adds abreplay's files next to
 * the foreign ones without touching them. Nothing abreplay did not create is
 * ever deleted or overwritten.
 */
import { assert, assertEquals } from "../_assert.ts";
import { runOutputs } from "../../src/pipeline/mod.ts";
import {
  exists,
  listTree,
  runInProcess,
  STACK_LINE,
  tempsUnder,
  writeScenario,
} from "./_helpers.ts";

const OUTPUTS = runOutputs({ oc: false }).map((f) => f.name).sort();

async function setup() {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-outdir-" });
  const env = { ABREPLAY_CACHE_DIR: `${dir}/cache` };
  return { dir, env, scenario: writeScenario(dir) };
}

function assertRefused(r: { code: number; stderr: string }, folder: string) {
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes(folder), `the message names the folder:\n${r.stderr}`);
  assert(
    /--out/.test(r.stderr) && /--force/.test(r.stderr),
    `the message gives the fix:\n${r.stderr}`,
  );
  assert(!STACK_LINE.test(r.stderr), r.stderr);
}

Deno.test("a folder with someone else's files is refused; the files stay", async () => {
  const { dir, env, scenario } = await setup();
  const out = `${dir}/x`;
  await Deno.mkdir(out);
  await Deno.writeTextFile(`${out}/keep.txt`, "hi");
  const r = await runInProcess(["run", scenario, "--out", out, "--quiet"], env);
  assertRefused(r, out);
  assertEquals(listTree(out), ["keep.txt"]);
  assertEquals(await Deno.readTextFile(`${out}/keep.txt`), "hi");
});

Deno.test("--out . in a working folder with files is refused", async () => {
  const { dir, env, scenario } = await setup();
  const work = `${dir}/work`;
  await Deno.mkdir(work);
  await Deno.writeTextFile(`${work}/notes.md`, "mine");
  const cwd = Deno.cwd();
  Deno.chdir(work);
  try {
    const r = await runInProcess(["run", scenario, "--out", ".", "--quiet"], env);
    assertRefused(r, work);
  } finally {
    Deno.chdir(cwd);
  }
  assertEquals(listTree(work), ["notes.md"]);
});

Deno.test("--out at an existing file is refused; the file is unchanged", async () => {
  const { dir, env, scenario } = await setup();
  const file = `${dir}/results.txt`;
  await Deno.writeTextFile(file, "precious");
  const r = await runInProcess(["run", scenario, "--out", file, "--quiet"], env);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes(file), r.stderr);
  assertEquals(await Deno.readTextFile(file), "precious");
  assertEquals(tempsUnder(dir), []);
});

Deno.test("--force adds abreplay's files next to foreign ones; later runs replace only its own", async () => {
  const { dir, env, scenario } = await setup();
  const out = `${dir}/shared`;
  await Deno.mkdir(out);
  await Deno.writeTextFile(`${out}/keep.txt`, "hi");
  const r = await runInProcess(["run", scenario, "--out", out, "--quiet", "--force"], env);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(await Deno.readTextFile(`${out}/keep.txt`), "hi");
  for (const f of OUTPUTS) assert(exists(`${out}/${f}`), f);
  // Now abreplay knows its files: a second run needs no --force and keeps keep.txt.
  await Deno.writeTextFile(`${out}/later.txt`, "added by the user");
  const again = await runInProcess(["run", scenario, "--out", out, "--quiet", "--seed", "5"], env);
  assertEquals(again.code, 0, again.stderr);
  assertEquals(await Deno.readTextFile(`${out}/keep.txt`), "hi");
  assertEquals(await Deno.readTextFile(`${out}/later.txt`), "added by the user");
  const m = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  assertEquals(m.seeds.scenario, 5, "the outputs are the second run's");
  assertEquals(tempsUnder(dir), []);
});

Deno.test("--force never overwrites a foreign file with an output's name", async () => {
  const { dir, env, scenario } = await setup();
  const out = `${dir}/clash`;
  await Deno.mkdir(out);
  await Deno.writeTextFile(`${out}/metrics.json`, '{"mine": true}');
  const r = await runInProcess(["run", scenario, "--out", out, "--quiet", "--force"], env);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes("metrics.json"), r.stderr);
  assertEquals(listTree(out), ["metrics.json"]);
  assertEquals(await Deno.readTextFile(`${out}/metrics.json`), '{"mine": true}');
});

Deno.test("a folder abreplay wrote is rewritten; an empty folder is used", async () => {
  const { dir, env, scenario } = await setup();
  const out = `${dir}/empty`;
  await Deno.mkdir(out);
  const first = await runInProcess(["run", scenario, "--out", out, "--quiet"], env);
  assertEquals(first.code, 0, first.stderr);
  const second = await runInProcess(["run", scenario, "--out", out, "--quiet"], env);
  assertEquals(second.code, 0, second.stderr);
  assertEquals(listTree(out).filter((f) => !f.startsWith(".")), OUTPUTS);
  assertEquals(tempsUnder(dir), []);
});

Deno.test("a run folder written before the marker existed (manifest.json) is recognised", async () => {
  const { dir, env, scenario } = await setup();
  const out = `${dir}/legacy`;
  const r = await runInProcess(["run", scenario, "--out", out, "--quiet"], env);
  assertEquals(r.code, 0, r.stderr);
  for (const f of listTree(out)) if (f.startsWith(".")) await Deno.remove(`${out}/${f}`);
  assertEquals(listTree(out), OUTPUTS);
  const again = await runInProcess(["run", scenario, "--out", out, "--quiet"], env);
  assertEquals(again.code, 0, again.stderr);
});
