/**
 * Large shared buffers backed by 2 MiB pages where the kernel allows it.
 *
 * Fresh memory is slow on the VMs we run on: every first-touched 4 KiB page
 * faults, ~4 s per GiB (measured: filling a new 1 GiB SharedArrayBuffer
 * 4.0–4.1 s). Linux's transparent huge pages, when asked for with
 * `madvise(MADV_HUGEPAGE)` (the usual `madvise` mode), fault 2 MiB at a time:
 * the same fill takes 2.3–2.7 s. The advice goes through Deno's FFI to libc;
 * without FFI permission, on another OS or another libc, buffers are plain
 * (same contents, slower first touch).
 *
 * @module
 */

const MADV_HUGEPAGE = 14;
const HUGE = 2n << 20n;
/** Below this size the advice is not worth a call. */
const MIN_BYTES = 16 << 20;

type Advise = (start: bigint, length: bigint) => void;
let advise: Advise | null | undefined;

function adviser(): Advise | null {
  if (advise !== undefined) return advise;
  advise = null;
  try {
    if (Deno.build.os !== "linux") return null;
    const libc = Deno.dlopen("libc.so.6", {
      madvise: { parameters: ["pointer", "usize", "i32"], result: "i32" },
    });
    advise = (start, length) =>
      void libc.symbols.madvise(Deno.UnsafePointer.create(start), length, MADV_HUGEPAGE);
  } catch {
    // No FFI permission or no glibc: plain pages.
  }
  return advise;
}

/**
 * A zeroed SharedArrayBuffer of `bytes`; from 16 MiB on, its whole 2 MiB
 * pages are advised to be huge before anything touches them.
 *
 * @example
 * ```ts
 * import { bigSharedBuffer } from "./big_buffer.ts";
 * const a = new Float64Array(bigSharedBuffer(64 << 20));
 * a.fill(1);
 * if (a.length !== 8 << 20 || a[123] !== 1) throw new Error();
 * ```
 */
export function bigSharedBuffer(bytes: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes);
  const fn = bytes >= MIN_BYTES ? adviser() : null;
  if (fn) {
    const ptr = Deno.UnsafePointer.of(new Uint8Array(buffer));
    if (ptr) {
      const addr = BigInt(Deno.UnsafePointer.value(ptr));
      const start = (addr + HUGE - 1n) & ~(HUGE - 1n);
      const length = (addr + BigInt(bytes) - start) & ~(HUGE - 1n);
      if (length > 0n) fn(start, length);
    }
  }
  return buffer;
}

/**
 * A zeroed typed array of `length` elements on a {@linkcode bigSharedBuffer}:
 * workers read it without a copy, and large ones fault in by huge pages.
 *
 * @example
 * ```ts
 * import { bigSharedArray } from "./big_buffer.ts";
 * const a = bigSharedArray(Int32Array, 3);
 * a[2] = 7;
 * if (!(a.buffer instanceof SharedArrayBuffer) || a.join() !== "0,0,7") throw new Error();
 * ```
 */
export function bigSharedArray<T>(
  Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Ctor(bigSharedBuffer(length * Ctor.BYTES_PER_ELEMENT));
}
