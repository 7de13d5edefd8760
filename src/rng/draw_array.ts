/**
 * The WebAssembly bulk draws (`draws.wat`) and the Int32 arrays
 * they work on. Each {@linkcode drawArray} has its own memory (16 bytes of
 * generator state, then the array) and instance of the module (compiled once
 * per thread, `src/wasm.ts`); the memory never grows, so the array's view
 * stays valid.
 *
 * @module
 */
import { DRAWS_WASM_BASE64 } from "./_draws_wasm.ts";
import { embeddedModule } from "../wasm.ts";

/** An instance of the kernels over one array. */
export interface DrawKernel {
  /** The array (bytes 16.. of the memory). */
  array: Int32Array;
  /** The generator state words s0..s3 (bytes 0..15). */
  state: Int32Array;
  /** `count` times `array[int(n)] += 1`. */
  multinomial(n: number, count: number): void;
  /** Partial Fisher–Yates over `array[0 .. n)`: `count` swaps of i and `i + int(n − i)`. */
  shuffle(n: number, count: number): void;
}

/** The largest bound the kernels draw: Lemire's method on a 32×32-bit product, as `Rng.int` up to it. */
export const KERNEL_MAX = 2 ** 21;

const kernels = new WeakMap<Int32Array, DrawKernel>();

/** A new zeroed array of `length` (≤ {@linkcode KERNEL_MAX}) with its kernels. */
export function newKernel(length: number): DrawKernel {
  if (!(Number.isInteger(length) && length >= 0 && length <= KERNEL_MAX)) {
    throw new RangeError(`drawArray: length must be an integer in [0, 2^21], got ${length}`);
  }
  const pages = Math.max(1, Math.ceil((16 + 4 * length) / 65536));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const module = embeddedModule(DRAWS_WASM_BASE64);
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  const kernel: DrawKernel = {
    array: new Int32Array(memory.buffer, 16, length),
    state: new Int32Array(memory.buffer, 0, 4),
    multinomial: exports.multinomial as DrawKernel["multinomial"],
    shuffle: exports.shuffle as DrawKernel["shuffle"],
  };
  kernels.set(kernel.array, kernel);
  return kernel;
}

/** The kernels of `array` when it came from {@linkcode drawArray}. */
export function kernelOf(array: Int32Array): DrawKernel | undefined {
  return kernels.get(array);
}

/**
 * A zeroed Int32Array of `length` on which `Rng.multinomial` and
 * `Rng.shufflePrefix` run in WebAssembly in place (2–3× the JS loop); on
 * any other Int32Array they copy it in and out. For the arrays a bootstrap
 * draws into thousands of times. Above 2^21 entries, a plain Int32Array
 * (the draws of such bounds stay in JS).
 *
 * @example
 * ```ts
 * import { drawArray, Rng } from "./mod.ts";
 * const counts = drawArray(5);
 * new Rng(1).multinomial(counts, 100);
 * if (counts.reduce((a, b) => a + b) !== 100) throw new Error();
 * ```
 */
export function drawArray(length: number): Int32Array {
  return length > KERNEL_MAX ? new Int32Array(length) : newKernel(length).array;
}
