/**
 * Bad input through the real CLI: one clear paragraph on stderr, exit code 2,
 * nothing written under the output folder.
 */
import { assert, assertEquals } from "../_assert.ts";
import { cli } from "../_cli.ts";
import { fileURLToPath as fromFileUrl } from "node:url";

const FIXTURE = fromFileUrl(new URL("../fixtures/handworked.csv", import.meta.url));

async function scenarioFile(dir: string, scenario: Record<string, unknown>): Promise<string> {
  const path = `${dir}/s.json`;
  await Deno.writeTextFile(path, JSON.stringify(scenario));
  return path;
}

const base = (over: Record<string, unknown>) => ({
  name: "bad",
  data: { path: FIXTURE },
  split: { date: "2020-01-01" },
  control: { type: "random" },
  test: { type: "popular" },
  ...over,
});

async function expectInvalid(
  scenario: Record<string, unknown> | null,
  pattern: RegExp,
  setup?: (dir: string) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  await setup?.(dir);
  const file = scenario ? await scenarioFile(dir, scenario) : `${dir}/missing.json`;
  const out = `${dir}/out`;
  const r = await cli(["run", file, "--out", out, "--quiet"]);
  assertEquals(r.code, 2, r.stderr);
  assert(pattern.test(r.stderr), `stderr did not match ${pattern}:\n${r.stderr}`);
  assert(!r.stderr.includes("    at "), `no stack trace expected:\n${r.stderr}`);
  assertEquals(await Deno.stat(out).then(() => true, () => false), false, "nothing written");
  const left = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
    n !== "s.json" && n !== "data.json"
  );
  assertEquals(left, [], "no temp files left");
}

Deno.test("missing scenario file", () =>
  expectInvalid(null, /missing\.json: scenario file not found/));

Deno.test("missing data file", () =>
  expectInvalid(
    base({ data: { path: "nope.json" } }),
    /nope\.json: data file not found.*Fix: check data\.path/s,
  ));

Deno.test("malformed JSON data line names file and line", () =>
  expectInvalid(
    base({ data: { path: "data.json" } }),
    /data\.json:2: malformed JSON/,
    async (dir) => {
      await Deno.writeTextFile(
        `${dir}/data.json`,
        '{"user_id":"u","book_id":"1","date_added":"Wed Mar 29 00:12:52 -0700 2017"}\n{oops\n',
      );
    },
  ));

Deno.test("unknown recommender type suggests the closest", () =>
  expectInvalid(
    base({ test: { type: "populr" } }),
    /test\.type: unknown recommender type "populr" \(did you mean "popular"\?\)/,
  ));

Deno.test("a split that leaves no eval users", () =>
  expectInvalid(base({ split: { date: "2030-01-01" } }), /no eval users/));

Deno.test("malformed rows can be skipped and counted instead", async () => {
  const dir = await Deno.makeTempDir();
  const lines = (await Deno.readTextFile(FIXTURE)).split("\n").slice(1).filter(Boolean).map((l) => {
    const [u, i, t] = l.split(",");
    return JSON.stringify({ user_id: u, book_id: i, date_added: t, rating: 0, is_read: false });
  });
  lines.splice(3, 0, "{not json");
  await Deno.writeTextFile(`${dir}/data.json`, lines.join("\n") + "\n");
  const file = await scenarioFile(dir, base({ data: { path: "data.json", badRows: "skip" } }));
  const r = await cli(["run", file, "--out", `${dir}/out`, "--quiet"]);
  assertEquals(r.code, 0, r.stderr);
  const m = JSON.parse(await Deno.readTextFile(`${dir}/out/metrics.json`));
  assertEquals(m.data.report.malformedSkipped, 1);
});
