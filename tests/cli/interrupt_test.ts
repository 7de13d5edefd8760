/**
 * Interrupted runs (issue 13, case 2): SIGINT/SIGTERM while the cache entry
 * or the outputs are being written remove the run's temporary files and exit
 * 130/143, leaving neither a half-written output nor a cache entry; the
 * leftovers of a process that died without cleaning up (kill -9) are removed
 * by the next run.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import {
  exists,
  listTree,
  runCli,
  SMALL_GENERATE,
  spawnCli,
  tempsUnder,
  writeScenario,
} from "./_helpers.ts";

async function setup(generate: Record<string, number> = SMALL_GENERATE) {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-interrupt-" });
  const cache = `${dir}/cache`;
  return {
    dir,
    cache,
    out: `${dir}/reports/out`,
    env: { ABREPLAY_CACHE_DIR: cache },
    scenario: writeScenario(dir, { data: { generate }, split: { holdoutFraction: 0.2 } }),
  };
}

/** Reads a child's stderr until `line` appears (resolves) or the stream ends (rejects). */
async function waitForLine(stream: ReadableStream<Uint8Array>, line: string): Promise<string> {
  let text = "";
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`"${line}" never came; stderr:\n${text}`);
    text += value;
    if (text.includes(line)) {
      reader.releaseLock();
      return text;
    }
  }
}

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  Deno.test(`${signal} while the outputs are written: exit ${code}, nothing left behind`, async () => {
    const { dir, cache, out, env, scenario } = await setup();
    const child = spawnCli(["run", scenario, "--out", out], {
      env: { ...env, ABREPLAY_HOLD_AT: "outputs" },
    });
    await waitForLine(child.stderr, "holding at outputs");
    child.kill(signal);
    const status = await child.status;
    await child.stdout.cancel();
    assertEquals(status.code, code);
    assert(!exists(out), `no output folder: ${listTree(out)}`);
    assertEquals(tempsUnder(dir), []);
    assertEquals(listTree(cache), [], "no cache entry from an interrupted run");
  });
}

Deno.test("SIGINT after loading: no cache entry, no temporary, exit 130", async () => {
  const { dir, cache, out, env, scenario } = await setup();
  const child = spawnCli(["run", scenario, "--out", out], {
    env: { ...env, ABREPLAY_HOLD_AT: "loaded" },
  });
  await waitForLine(child.stderr, "holding at loaded");
  assert(tempsUnder(cache).length > 0, "the cache entries are still temporary");
  child.kill("SIGINT");
  assertEquals((await child.status).code, 130);
  await child.stdout.cancel();
  assertEquals(listTree(cache), []);
  assertEquals(tempsUnder(dir), []);
});

Deno.test("SIGINT as soon as a temporary appears leaves none behind", async () => {
  // No test hook: watch the folders and interrupt the moment anything temporary shows up.
  const { dir, out, env, scenario } = await setup({
    seed: 3,
    users: 1500,
    items: 600,
    interactions: 40_000,
  });
  const child = spawnCli(["run", scenario, "--out", out, "--quiet"], { env });
  const exited = child.status;
  let seen: string[] = [];
  let finished = false;
  exited.then(() => (finished = true));
  while (!finished && seen.length === 0) {
    seen = tempsUnder(dir);
    if (seen.length === 0) await new Promise((r) => setTimeout(r, 2));
  }
  assert(seen.length > 0, "the run wrote no temporary file at all?");
  child.kill("SIGINT");
  const status = await exited;
  await child.stdout.cancel();
  await child.stderr.cancel();
  assertEquals(status.code, 130, `saw ${seen}`);
  assertEquals(tempsUnder(dir), [], `after interrupting at ${seen}`);
});

Deno.test("leftovers of dead processes are removed by the next run; live ones are not", async () => {
  const { dir, cache, out, env, scenario } = await setup();
  const ok = await runCli(["run", scenario, "--out", out, "--quiet"], { env });
  assertEquals(ok.code, 0, ok.stderr);
  const dead = new Deno.Command("true").spawn();
  await dead.status;
  const alive = new Deno.Command("sleep", { args: ["30"] }).spawn();
  const pid = dead.pid;
  const leftovers = [
    join(cache, `.gen-x.abreplay-${pid}-a.tmp/interactions.csv`),
    join(cache, "clean", `.0123456789abcdef01234567.abreplay-${pid}-b.tmp/rows.parquet`),
    join(cache, "clean", `0123456789abcdef01234567.${pid}.tmp/rows.parquet`), // before this change
    join(out, `.stage.abreplay-${pid}-c.tmp/metrics.json`),
    join(dir, "reports", `.out.${pid}.tmp/metrics.json`), // before this change
    join(dir, "reports", `.out.${pid}.old/metrics.json`), // before this change
  ];
  const live = join(cache, "clean", `.live.abreplay-${alive.pid}-d.tmp`);
  try {
    for (const f of [...leftovers, join(live, "x")]) {
      await Deno.mkdir(join(f, ".."), { recursive: true });
      await Deno.writeTextFile(f, "left over");
    }
    const again = await runCli(["run", scenario, "--out", out, "--quiet"], { env });
    assertEquals(again.code, 0, again.stderr);
    for (const f of leftovers) assert(!exists(join(f, "..")), `${f} was not cleaned`);
    assert(exists(live), "a live process's temporary is left alone");
  } finally {
    alive.kill("SIGKILL");
    await alive.status;
  }
});
