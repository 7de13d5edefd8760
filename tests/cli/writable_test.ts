/**
 * Output and cache locations that cannot be written (issue 13, case 3) are
 * found before any work: exit 2 with a message naming the location, no stack
 * trace, no stage run.
 */
import { assert, assertEquals } from "../_assert.ts";
import { runCli, STACK_LINE, writeScenario } from "./_helpers.ts";

/** A folder this process cannot create files in, even as root (then /sys is used). */
async function unwritableFolder(dir: string): Promise<{ path: string; undo: () => Promise<void> }> {
  if (Deno.uid() === 0) return { path: "/sys/kernel/abreplay-test", undo: async () => {} };
  const path = `${dir}/locked`;
  await Deno.mkdir(path);
  await Deno.chmod(path, 0o555);
  return { path: `${path}/inner`, undo: () => Deno.chmod(path, 0o755) };
}

Deno.test("an output folder that cannot be written: exit 2 before any work", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-writable-" });
  const locked = await unwritableFolder(dir);
  try {
    const r = await runCli(["run", writeScenario(dir), "--out", `${locked.path}/out`], {
      env: { ABREPLAY_CACHE_DIR: `${dir}/cache` },
    });
    assertEquals(r.code, 2, r.stderr);
    assert(r.stderr.includes(`${locked.path}/out`), r.stderr);
    assert(/cannot write/.test(r.stderr), r.stderr);
    assert(!STACK_LINE.test(r.stderr), r.stderr);
    assert(!/load done/.test(r.stderr), `checked before loading:\n${r.stderr}`);
  } finally {
    await locked.undo();
  }
});

Deno.test("a cache folder that cannot be written: exit 2 before any work", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-writable-" });
  const locked = await unwritableFolder(dir);
  try {
    const r = await runCli(["run", writeScenario(dir), "--out", `${dir}/out`], {
      env: { ABREPLAY_CACHE_DIR: `${locked.path}/cache` },
    });
    assertEquals(r.code, 2, r.stderr);
    assert(r.stderr.includes(`${locked.path}/cache`), r.stderr);
    assert(/ABREPLAY_CACHE_DIR/.test(r.stderr), `the fix is named:\n${r.stderr}`);
    assert(!/load done/.test(r.stderr), r.stderr);
  } finally {
    await locked.undo();
  }
});

Deno.test("an output path under a file: exit 2 naming it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-writable-" });
  await Deno.writeTextFile(`${dir}/file`, "");
  const r = await runCli(["run", writeScenario(dir), "--out", `${dir}/file/out`, "--quiet"], {
    env: { ABREPLAY_CACHE_DIR: `${dir}/cache` },
  });
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes(`${dir}/file`), r.stderr);
  assert(!STACK_LINE.test(r.stderr), r.stderr);
});
