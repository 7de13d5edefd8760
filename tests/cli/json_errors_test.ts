/**
 * Under `--json` an error is one JSON object on stdout (issue 13, case 9):
 * {code, error, message, file, line, path, hint} (+ `errors` when several
 * problems were found at once). stdout holds exactly one JSON document under
 * `--json`, success or failure; stderr keeps the human-readable paragraph.
 */
import { assert, assertEquals } from "../_assert.ts";
import { runCli, runInProcess, writeScenario } from "./_helpers.ts";

const FIELDS = ["code", "error", "message", "file", "line", "path", "hint"];

function parseOne(stdout: string) {
  const doc = JSON.parse(stdout); // throws unless stdout is exactly one JSON document
  for (const f of FIELDS) assert(f in doc, `field ${f} in ${stdout}`);
  return doc;
}

Deno.test("--json: a data error with its file and line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-json-" });
  const data = `${dir}/data.json`;
  await Deno.writeTextFile(
    data,
    '{"user_id":"u","book_id":"1","date_added":"2017-01-01"}\n{oops\n',
  );
  const r = await runInProcess(
    ["run", writeScenario(dir, { data: { path: data } }), "--out", `${dir}/out`, "--json"],
    { ABREPLAY_CACHE_DIR: `${dir}/cache` },
  );
  assertEquals(r.code, 2);
  const e = parseOne(r.stdout);
  assertEquals([e.code, e.error, e.file, e.line, e.path], [2, "DataError", data, 2, null]);
  assert(/malformed JSON/.test(e.message) && !e.message.includes(data), e.message);
  assert(/badRows/.test(e.hint), e.hint);
});

Deno.test("--json: every scenario problem in errors[]", async () => {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-json-" });
  const s = writeScenario(dir, { control: { type: "populr" }, eval: { k: 0 } });
  const r = await runInProcess(["run", s, "--json"]);
  assertEquals(r.code, 2);
  const e = parseOne(r.stdout);
  assertEquals(e.error, "MultiError");
  assertEquals(e.errors.map((x: { path: string }) => x.path).sort(), ["control.type", "eval.k"]);
  assert(e.errors.every((x: { line: number }) => x.line > 0), JSON.stringify(e.errors));
});

Deno.test("--json: a usage error and an unknown command", async () => {
  const usage = parseOne((await runInProcess(["run", "--bogus", "--json"])).stdout);
  assertEquals([usage.code, usage.error], [2, "UsageError"]);
  const unknown = await runInProcess(["nope", "--json"]);
  assertEquals(unknown.code, 2);
  assertEquals(parseOne(unknown.stdout).error, "UsageError");
});

Deno.test("--json through a real process: stdout is the one error object", async () => {
  const r = await runCli(["gate", "/nonexistent/s.json", "--json"]);
  assertEquals(r.code, 2);
  const e = parseOne(r.stdout);
  assertEquals([e.error, e.file], ["ScenarioError", "/nonexistent/s.json"]);
  assert(r.stderr.includes("scenario file not found"), "stderr keeps the human message");
});
