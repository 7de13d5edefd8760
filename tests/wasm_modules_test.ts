// Each committed WebAssembly module is the build of its committed text source.
import { assertEquals } from "./_assert.ts";
import { build } from "../scripts/build_wasm.ts";

Deno.test("every generated _*_wasm.ts is scripts/build_wasm.ts's build of its .wat", async () => {
  for (const { target, text } of await build()) {
    const committed = await Deno.readTextFile(new URL(`../${target}`, import.meta.url));
    assertEquals(
      committed,
      text,
      `${target}: run \`deno run -A scripts/build_wasm.ts\` after editing its .wat`,
    );
  }
});
