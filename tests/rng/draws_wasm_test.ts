// The committed WebAssembly module is the build of its committed text source.
import { assertEquals } from "../_assert.ts";
import { build } from "../../scripts/build_wasm.ts";

Deno.test("src/rng/_draws_wasm.ts is scripts/build_wasm.ts's build of src/rng/draws.wat", async () => {
  const { text } = await build();
  const committed = await Deno.readTextFile(
    new URL("../../src/rng/_draws_wasm.ts", import.meta.url),
  );
  assertEquals(committed, text, "run `deno run -A scripts/build_wasm.ts` after editing draws.wat");
});
