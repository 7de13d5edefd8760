/**
 * `scenarios/sample.json` runs from a copy of the repository outside the
 * team's folders, with its data in a data folder named by
 * $ABREPLAY_DATA_DIR or --data-dir: as a user who cloned the repository
 * elsewhere would run it. Needs the team's sample (shared/data); skipped
 * without it.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SHARED = ["/work/shared/data", join(REPO, "../shared/data"), join(REPO, "../../shared/data")];
const FILES = ["goodreads_interactions_young_adult_sample.json", "goodbooks10k_books.csv"];
const isFile = (p: string) => Deno.stat(p).then((s) => s.isFile, () => false);

let shared: string | undefined;
for (const d of SHARED) {
  if ((await Promise.all(FILES.map((f) => isFile(join(d, f))))).every(Boolean)) {
    shared = d;
    break;
  }
}

/** A copy of what a clone needs to run the CLI (node_modules linked, not copied). */
async function copyRepo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-clone-" });
  for (const f of ["deno.json", "deno.lock"]) await Deno.copyFile(join(REPO, f), join(dir, f));
  for (const d of ["src", "scenarios"]) {
    const r = await new Deno.Command("cp", { args: ["-R", join(REPO, d), join(dir, d)] }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  }
  await Deno.symlink(join(REPO, "node_modules"), join(dir, "node_modules"));
  return dir;
}

async function abreplay(cwd: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "src/cli/main.ts", ...args],
    cwd,
    env: { ABREPLAY_DATA_DIR: "", ...env },
    stdin: "null",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test({
  name:
    "scenarios/sample.json runs in a copy outside the team's folders, data from the data folder",
  ignore: !shared,
  // Without shared/data (e.g. a user's clone) there is no sample to copy: nothing to test.
  fn: async () => {
    const clone = await copyRepo();
    try {
      const scenario = await Deno.readTextFile(join(clone, "scenarios/sample.json"));
      assert.ok(!/"path"|shared/.test(scenario), "sample.json names its data by dataset only");
      // Not fetched yet: a clear error naming the command.
      const before = await abreplay(clone, ["validate", "scenarios/sample.json", "-q"], {
        ABREPLAY_DATA_DIR: join(clone, "data"),
      });
      assert.equal(before.code, 2);
      assert.match(before.stderr, /abreplay data fetch goodreads-ya-sample --from/);
      assert.match(before.stderr, /abreplay data fetch goodbooks-10k`/);
      // Fetch both into the clone's default data folder (data/datasets), copying from shared/.
      for (const name of ["goodreads-ya-sample", "goodbooks-10k"]) {
        const f = await abreplay(clone, ["data", "fetch", name, "--from", shared!, "-q"]);
        assert.equal(f.code, 0, f.stderr);
        assert.match(f.stdout, /copied, registry sha256/);
      }
      const fetched = await abreplay(clone, [
        "run",
        "scenarios/sample.json",
        "--out",
        "out1",
        "-q",
      ]);
      assert.equal(fetched.code, 0, fetched.stderr);
      // Or point the data folder straight at a folder holding the files.
      const pointed = await abreplay(
        clone,
        ["run", "scenarios/sample.json", "--out", "out2", "-q"],
        { ABREPLAY_DATA_DIR: shared! },
      );
      assert.equal(pointed.code, 0, pointed.stderr);
      const metrics = (o: string) => Deno.readTextFile(join(clone, o, "metrics.json"));
      assert.equal(await metrics("out1"), await metrics("out2"));
      const report = JSON.parse(await Deno.readTextFile(join(clone, "out1", "report.json")));
      const titles = report.examples.flatMap((
        e: { history: { itemId: string; title: string }[] },
      ) => e.history.filter((i) => i.title !== i.itemId).map((i) => i.title));
      assert.ok(titles.includes("Divergent (Divergent, #1)"), titles.join("; "));
    } finally {
      await Deno.remove(clone, { recursive: true });
    }
  },
});
