/**
 * The broken-scenario corpus (tests/scenario/broken/): every file goes
 * through the real CLI (`abreplay run <file> --out <tmp> --quiet`) and must
 * exit 2 with the messages of its sibling `<name>.expect.txt`, no stack
 * trace, and nothing written under `--out`.
 *
 * Expectation lines: a plain line is a substring stderr must contain; `re:`
 * starts a regex it must match; `!` starts a substring it must NOT contain;
 * `#` starts a comment.
 */
import { assert, assertEquals } from "../_assert.ts";
import { cli } from "../_cli.ts";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("./broken/", import.meta.url));
const BATCH = 4;

const cases = [...Deno.readDirSync(DIR)]
  .map((e) => e.name)
  .filter((n) => /\.(json|ya?ml)$/.test(n))
  .sort();

/** Runs every case once, `BATCH` CLI processes at a time; the tests below share the results. */
let results: Promise<Map<string, { code: number; stderr: string; wrote: boolean }>> | undefined;
function runAll() {
  return results ??= (async () => {
    const tmp = await Deno.makeTempDir({ prefix: "abreplay-corpus-" });
    const out = new Map<string, { code: number; stderr: string; wrote: boolean }>();
    for (let i = 0; i < cases.length; i += BATCH) {
      await Promise.all(
        cases.slice(i, i + BATCH).map(async (name) => {
          const dest = `${tmp}/${name}.out`;
          const r = await cli(["run", `${DIR}${name}`, "--out", dest, "--quiet"]);
          const wrote = await Deno.stat(dest).then(() => true, () => false);
          out.set(name, { code: r.code, stderr: r.stderr, wrote });
        }),
      );
    }
    await Deno.remove(tmp, { recursive: true });
    return out;
  })();
}

function expectations(name: string): string[] {
  const file = `${DIR}${name.replace(/\.(json|ya?ml)$/, "")}.expect.txt`;
  return Deno.readTextFileSync(file).split("\n").filter((l) =>
    l.trim() !== "" && !l.startsWith("#")
  );
}

Deno.test("the corpus has at least 20 broken scenarios, each with an expectation file", () => {
  assert(cases.length >= 20, `only ${cases.length} cases`);
  for (const name of cases) assert(expectations(name).length > 0, `${name}: empty expectations`);
});

const dirBefore = () => [...Deno.readDirSync(DIR)].map((e) => e.name).sort();
const initial = dirBefore();

for (const name of cases) {
  Deno.test(`broken/${name}`, async () => {
    const r = (await runAll()).get(name)!;
    assertEquals(r.code, 2, `exit code of ${name}:\n${r.stderr}`);
    assert(!/\n\s+at /.test(r.stderr), `stack trace in stderr:\n${r.stderr}`);
    assert(r.stderr.startsWith("abreplay run: error: "), `not one clean error:\n${r.stderr}`);
    assert(!r.wrote, "nothing may be written under --out");
    for (const line of expectations(name)) {
      if (line.startsWith("re:")) {
        assert(
          new RegExp(line.slice(3)).test(r.stderr),
          `stderr does not match /${line.slice(3)}/:\n${r.stderr}`,
        );
      } else if (line.startsWith("!")) {
        assert(
          !r.stderr.includes(line.slice(1)),
          `stderr must not contain "${line.slice(1)}":\n${r.stderr}`,
        );
      } else assert(r.stderr.includes(line), `stderr does not contain "${line}":\n${r.stderr}`);
    }
  });
}

Deno.test("the corpus folder is left as it was", async () => {
  await runAll();
  assertEquals(dirBefore(), initial);
});
