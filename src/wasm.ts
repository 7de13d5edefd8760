/**
 * WebAssembly modules embedded in the source: each `.wat` kernel is
 * assembled by `scripts/build_wasm.ts` into a `_<name>_wasm.ts` file holding
 * its bytes as base64, and compiled here once per thread (the modules are a
 * few hundred bytes: synchronous compilation is fine).
 *
 * @module
 */

const compiled = new Map<string, WebAssembly.Module>();

/**
 * The compiled module of `base64` (cached: one compilation per module and thread).
 *
 * @example
 * ```ts
 * import { embeddedModule } from "./wasm.ts";
 * // the empty module: magic number and version 1
 * const m = embeddedModule(btoa("\0asm\x01\0\0\0"));
 * if (WebAssembly.Module.exports(m).length !== 0 || embeddedModule(btoa("\0asm\x01\0\0\0")) !== m) throw new Error();
 * ```
 */
export function embeddedModule(base64: string): WebAssembly.Module {
  let m = compiled.get(base64);
  if (!m) {
    m = new WebAssembly.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    compiled.set(base64, m);
  }
  return m;
}
