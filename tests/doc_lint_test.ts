/**
 * The public API (`mod.ts`) is documented: `deno doc --lint mod.ts` finds no
 * undocumented export and no public type referring to a private one.
 */
import { assertEquals } from "./_assert.ts";
import { fileURLToPath } from "node:url";

Deno.test("deno doc --lint mod.ts reports no problem", async () => {
  const root = fileURLToPath(new URL("../", import.meta.url));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", "mod.ts"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  // deno-lint-ignore no-control-regex
  const text = new TextDecoder().decode(out.stderr).replace(/\x1b\[[0-9;]*m/g, "");
  const problems = text.split("\n").filter((l) => /^error\[/.test(l));
  assertEquals(problems, [], text.slice(0, 4000));
  assertEquals(out.code, 0, text.slice(0, 4000));
});
