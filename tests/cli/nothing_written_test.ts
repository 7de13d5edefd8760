/**
 * Exit 2 writes nothing (issue 13, case 6): inputs that load but cannot be
 * split leave no cleaned-data cache entry (and no output), and a file with no
 * usable interaction is named in the message.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import { exists, listTree, ROOT, runCli, writeScenario } from "./_helpers.ts";

const HEADER = "user_id,item_id,timestamp,rating,is_read\n";
const REPO_CACHE = join(ROOT, "data/cache/clean");

const cases: [string, string, string, RegExp][] = [
  [
    "one instant",
    "data.csv",
    HEADER +
    Array.from({ length: 10 }, (_, i) => `u${i},i${i % 3},2019-01-01T00:00:00Z,0,true\n`).join(""),
    /split/,
  ],
  ["an empty .json", "data.json", "", /no interactions/],
  ["a header-only CSV", "data.csv", HEADER, /no interactions/],
];

for (const [what, file, text, message] of cases) {
  Deno.test(`${what}: exit 2, no cache entry, no output`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "abreplay-nothing-" });
    const path = `${dir}/${file}`;
    await Deno.writeTextFile(path, text);
    const scenario = writeScenario(dir, { data: { path }, split: { holdoutFraction: 0.2 } });
    const repoBefore = listTree(REPO_CACHE);
    const r = await runCli(["run", scenario, "--out", `${dir}/out`, "--quiet"], {
      env: { ABREPLAY_CACHE_DIR: `${dir}/cache` },
    });
    assertEquals(r.code, 2, r.stderr);
    assert(message.test(r.stderr), r.stderr);
    if (what !== "one instant") assert(r.stderr.includes(path), `names the file:\n${r.stderr}`);
    assertEquals(listTree(`${dir}/cache`), [], "no entry in the cache");
    assertEquals(listTree(REPO_CACHE), repoBefore, "no entry in the repository's cache either");
    assert(!exists(`${dir}/out`));
    assertEquals(listTree(dir).filter((f) => f !== file && f !== "s.json"), []);
  });
}

Deno.test("a good run does fill the cache it is given (the checks above are not vacuous)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-nothing-" });
  const r = await runCli(["run", writeScenario(dir), "--out", `${dir}/out`, "--quiet"], {
    env: { ABREPLAY_CACHE_DIR: `${dir}/cache` },
  });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(listTree(`${dir}/cache`).filter((p) => /^clean\/[^/]+\/$/.test(p)).length, 1);
});
