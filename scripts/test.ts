/**
 * Test entry point used by `deno task test` and CI.
 *
 * Runs `deno test` over `tests/` and the JSDoc examples of `src/` and `mod.ts`
 * (`--doc`), streams its output, and ends with one plain line
 * `N passed, N failed` read by CI. Exit code is deno test's.
 *
 * @module
 */
const args = ["test", "-A", "--doc", "--no-check=remote", "tests/", "src/", "mod.ts", ...Deno.args];
const child = new Deno.Command(Deno.execPath(), {
  args,
  stdout: "piped",
  stderr: "inherit",
}).spawn();

let tail = "";
const decoder = new TextDecoder();
for await (const chunk of child.stdout) {
  await Deno.stdout.write(chunk);
  tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4000);
}
const status = await child.status;
// deno test ends with e.g. "ok | 12 passed (3 steps) | 0 failed (1s)"
// deno-lint-ignore no-control-regex
const plain = tail.replace(/\x1b\[[0-9;]*m/g, "");
const m = [...plain.matchAll(/(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)].pop();
const passed = m ? Number(m[1]) : 0;
const failed = m ? Number(m[2]) : (status.success ? 0 : 1);
console.log(`\n${passed} passed, ${failed} failed`);
Deno.exit(status.code);
