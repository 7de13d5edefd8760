/**
 * The test summary line counts skips (issue 13, case 8), and under CI a
 * missing Chromium fails the browser tests instead of skipping them.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import { ROOT } from "./_helpers.ts";

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { ...env, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("scripts/test.ts ends with N passed, N failed, N skipped", async () => {
  // A project of its own: scripts/test.ts runs tests/, src/ and mod.ts of the working folder.
  const dir = await Deno.makeTempDir({ prefix: "abreplay-summary-" });
  await Deno.mkdir(`${dir}/tests`);
  await Deno.mkdir(`${dir}/src`);
  await Deno.writeTextFile(`${dir}/mod.ts`, "export const x = 1;\n");
  await Deno.writeTextFile(
    `${dir}/tests/a_test.ts`,
    `Deno.test("passes", () => {});
Deno.test("passes too", () => {});
Deno.test({ name: "skipped", ignore: true, fn() {} });
`,
  );
  const r = await run(["run", "-A", join(ROOT, "scripts/test.ts")], dir);
  assertEquals(r.code, 0, r.stderr);
  const last = r.stdout.trim().split("\n").pop();
  assertEquals(last, "2 passed, 0 failed, 1 skipped");
});

Deno.test("without CI a missing Chromium skips the browser test; under CI=true it fails it", async () => {
  const file = "tests/report/browser_test.ts";
  const missing = { ABREPLAY_CHROMIUM: "/nonexistent/chromium" };
  const local = await run(["test", "-A", file], ROOT, { ...missing, CI: "false" });
  assertEquals(local.code, 0, local.stdout + local.stderr);
  assert(/1 ignored/.test(local.stdout), local.stdout);
  const ci = await run(["test", "-A", file], ROOT, { ...missing, CI: "true" });
  assert(ci.code !== 0, `under CI the missing browser must fail the run:\n${ci.stdout}`);
  assert(/1 failed/.test(ci.stdout), ci.stdout);
  assert(/Chromium/i.test(ci.stdout + ci.stderr), "the failure says why");
});
