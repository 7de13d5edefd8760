/**
 * Test entry point used by `deno task test` and CI.
 *
 * Runs `deno test` over `tests/` and the JSDoc examples of `src/` and `mod.ts`
 * (`--doc`), streams its output, and ends with one plain line
 * `N passed, N failed, N skipped` read by CI ("skipped" counts the tests deno
 * reports as ignored, e.g. browser tests without Chromium). Exit code is deno
 * test's.
 *
 * @module
 */

/**
 * The summary line for deno test's output `text` (the last "ok | … passed |
 * … failed | … ignored" line); `success` decides when no summary was printed.
 *
 * @example
 * ```ts
 * import { summaryLine } from "./test.ts";
 * const line = summaryLine("ok | 375 passed (12 steps) | 0 failed | 3 ignored (2m31s)", true);
 * if (line !== "375 passed, 0 failed, 3 skipped") throw new Error(line);
 * if (summaryLine("", false) !== "0 passed, 1 failed, 0 skipped") throw new Error();
 * ```
 */
export function summaryLine(text: string, success: boolean): string {
  // deno-lint-ignore no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
  const m = [
    ...plain.matchAll(
      /(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed(?: \(\d+ steps?\))?(?: \| (\d+) ignored)?/g,
    ),
  ]
    .pop();
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : (success ? 0 : 1);
  const skipped = m?.[3] ? Number(m[3]) : 0;
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

if (import.meta.main) {
  const args = [
    "test",
    "-A",
    "--doc",
    "--no-check=remote",
    "tests/",
    "src/",
    "mod.ts",
    ...Deno.args,
  ];
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
  console.log(`\n${summaryLine(tail, status.success)}`);
  Deno.exit(status.code);
}
