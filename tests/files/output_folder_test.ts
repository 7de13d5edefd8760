/**
 * The output-folder rule of `src/files/output_folder.ts`, called directly: failures
 * leave nothing (not even the parents it created), writers of one folder take
 * turns, a foreign file that appears while a run works is never overwritten,
 * and abreplay's files of another kind are not replaced without --force.
 */
import { assertEquals, assertRejects } from "../_assert.ts";
import { OutputError } from "../../src/errors.ts";
import { MARKER, writeOutputFile, writeOutputFolder } from "../../src/files/output_folder.ts";

const files = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
const write = (names: Record<string, string>) => async (tmp: string) => {
  for (const [n, text] of Object.entries(names)) await Deno.writeTextFile(`${tmp}/${n}`, text);
};

Deno.test("a failing fill leaves nothing, not even the parent folders it created", async () => {
  const root = await Deno.makeTempDir();
  await assertRejects(
    () =>
      writeOutputFolder(`${root}/a/b/out`, async (tmp) => {
        await Deno.writeTextFile(`${tmp}/x.txt`, "half");
        throw new Error("the run failed");
      }, { kind: "run" }),
    /the run failed/,
  );
  assertEquals(files(root), []);
});

Deno.test("two writers of one folder take turns: it ends with one writer's complete set", async () => {
  const dir = await Deno.makeTempDir();
  const slow = (tag: string) => async (tmp: string) => {
    for (const n of ["1", "2", "3"]) {
      await Deno.writeTextFile(`${tmp}/${n}.txt`, tag);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await Promise.all([
    writeOutputFolder(dir, slow("a"), { kind: "run" }),
    writeOutputFolder(dir, slow("b"), { kind: "run" }),
  ]);
  const tags = new Set(["1", "2", "3"].map((n) => Deno.readTextFileSync(`${dir}/${n}.txt`)));
  assertEquals(tags.size, 1, "all files from the same writer");
  assertEquals(files(dir), [MARKER, "1.txt", "2.txt", "3.txt"]);
  const marker = JSON.parse(await Deno.readTextFile(`${dir}/${MARKER}`));
  assertEquals([marker.complete, marker.files], [true, ["1.txt", "2.txt", "3.txt"]]);
});

Deno.test("a foreign file that appears during the work is never overwritten", async () => {
  const dir = await Deno.makeTempDir();
  await assertRejects(
    () =>
      writeOutputFolder(dir, async (tmp) => {
        await Deno.writeTextFile(`${dir}/metrics.json`, "the user's"); // someone else, meanwhile
        await Deno.writeTextFile(`${tmp}/metrics.json`, "abreplay's");
      }, { kind: "run", force: true }),
    OutputError,
  );
  assertEquals(await Deno.readTextFile(`${dir}/metrics.json`), "the user's");
  assertEquals(files(dir), ["metrics.json"]);
});

Deno.test("abreplay's files of another kind are replaced only with force; old files of ours go", async () => {
  const dir = await Deno.makeTempDir();
  await writeOutputFolder(dir, write({ "model.json": "m", "w.bin": "w" }), { kind: "model" });
  await assertRejects(
    () => writeOutputFolder(dir, write({ "metrics.json": "r" }), { kind: "run" }),
    /abreplay's model files/,
  );
  await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
  await writeOutputFolder(dir, write({ "metrics.json": "r" }), { kind: "run", force: true });
  assertEquals(files(dir), [MARKER, "metrics.json", "notes.txt"]);
});

Deno.test("one file into an abreplay folder keeps the others; elsewhere only a new file", async () => {
  const dir = await Deno.makeTempDir();
  await writeOutputFolder(dir, write({ "report.html": "1", "report.json": "{}" }), { kind: "run" });
  await writeOutputFile(`${dir}/report.html`, "2");
  assertEquals(await Deno.readTextFile(`${dir}/report.html`), "2");
  assertEquals(files(dir), [MARKER, "report.html", "report.json"]);
  const other = await Deno.makeTempDir();
  await Deno.writeTextFile(`${other}/page.html`, "the user's");
  await assertRejects(() => writeOutputFile(`${other}/page.html`, "x"), /exists/);
  assertEquals(await Deno.readTextFile(`${other}/page.html`), "the user's");
});
