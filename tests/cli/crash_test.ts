/**
 * Crashes (issue 13, acceptance): 20 runs killed with SIGKILL at seeded random
 * moments (four at a time, on the same cache and output folder) leave
 * temporaries behind (each run sweeps those of the runs before it), and one
 * more is killed while its outputs are assembled; the next clean run succeeds
 * and removes every leftover, so no temporary older than that run survives it.
 */
import { assert, assertEquals } from "../_assert.ts";
import { Rng } from "../../src/rng/mod.ts";
import { exists, listTree, runCli, spawnCli, tempsUnder, writeScenario } from "./_helpers.ts";

const GENERATE = { seed: 77, users: 500, items: 300, interactions: 6_000 };
const KILLS = 20;
const AT_ONCE = 4;

Deno.test("20 runs killed at random moments, then one clean run: no temporary survives", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-crash-" });
  const env = { ABREPLAY_CACHE_DIR: `${dir}/cache` };
  const out = `${dir}/reports/out`;
  const scenario = writeScenario(dir, {
    data: { generate: GENERATE },
    split: { holdoutFraction: 0.2 },
  });
  // kill moments spread over one clean run's duration (measured alone, on a cache and output of
  // its own): the four concurrent runs take longer than that, so most are killed midway on a
  // fast machine as on a slow one (a fixed 0.1–3.1 s window let 11 of 20 runs finish once the
  // statistics got faster)
  const t0 = performance.now();
  const probe = await runCli(["run", scenario, "--out", `${dir}/probe`, "--quiet"], {
    env: { ABREPLAY_CACHE_DIR: `${dir}/probe-cache` },
  });
  assertEquals(probe.code, 0, "the clean probe run succeeds");
  const window = Math.max(500, performance.now() - t0);
  const rng = new Rng(20261130);
  let killedMidway = 0;
  const seen = new Set<string>(); // temporaries seen after any round (the next round sweeps them)
  for (let round = 0; round < KILLS / AT_ONCE; round++) {
    await Promise.all(Array.from({ length: AT_ONCE }, async () => {
      const delay = 100 + Math.floor(rng.next() * (window - 100));
      const child = spawnCli(["run", scenario, "--out", out, "--quiet"], { env });
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch {
          // already exited
        }
      }, delay);
      const status = await child.status;
      clearTimeout(timer);
      await child.stdout.cancel();
      await child.stderr.cancel();
      if (status.signal === "SIGKILL") killedMidway++;
      else assertEquals(status.code, 0, "a run that was not killed succeeds");
    }));
    for (const t of tempsUnder(dir)) seen.add(t.replace(/abreplay-\d+-\w+/, "abreplay-PID-N"));
  }
  // One more, killed at a known moment (outputs assembled, caches built, nothing published),
  // so that the clean run surely has leftovers to remove.
  const held = spawnCli(["run", scenario, "--out", out], {
    env: { ...env, ABREPLAY_HOLD_AT: "outputs" },
  });
  const reader = held.stderr.pipeThrough(new TextDecoderStream()).getReader();
  for (let text = ""; !text.includes("holding at outputs");) {
    const { value, done } = await reader.read();
    assert(!done, `the held run ended early:\n${text}`);
    text += value;
  }
  held.kill("SIGKILL");
  await held.status;
  await reader.cancel();
  await held.stdout.cancel();
  const left = tempsUnder(dir);
  console.log(
    `${killedMidway} of ${KILLS} runs killed before finishing; kinds of leftovers seen: ${
      [...seen].join(", ")
    }; before the clean run: ${left.length}`,
  );
  assert(killedMidway >= KILLS / 2, `only ${killedMidway} runs were killed before finishing`);
  // Which kinds of temporaries the random kills leave depends on the machine's speed (on a
  // loaded machine a run may be killed before it creates any); the held run always leaves some.
  assert(left.some((t) => t.startsWith("reports/out/.outputs.abreplay-")), left.join(", "));
  const clean = await runCli(["run", scenario, "--out", out, "--quiet"], { env });
  assertEquals(clean.code, 0, clean.stderr);
  assertEquals(tempsUnder(dir), [], `left before the clean run: ${left.join(", ")}`);
  for (const f of ["manifest.json", "metrics.json", "per_user.parquet", "report.html"]) {
    assert(exists(`${out}/${f}`), `${f} in ${listTree(out)}`);
  }
});
