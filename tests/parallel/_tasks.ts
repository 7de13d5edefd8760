/** Task functions the pool tests run on workers. */

let remembered: string | null = null;

/** Sets this worker's module state. */
export function remember(text: string): string {
  remembered = text;
  return text;
}

/** This worker's module state, with `suffix`. */
export function recall(suffix: string): string {
  return `${remembered}${suffix}`;
}

/**
 * Counts itself in `counters[0]` (running now) and keeps the highest count
 * seen in `counters[1]`, while holding for `ms`; returns `x * 2`.
 */
export async function hold(counters: Int32Array, ms: number, x: number): Promise<number> {
  const now = Atomics.add(counters, 0, 1) + 1;
  for (let seen = Atomics.load(counters, 1); now > seen; seen = Atomics.load(counters, 1)) {
    if (Atomics.compareExchange(counters, 1, seen, now) === seen) break;
  }
  await new Promise((r) => setTimeout(r, ms));
  Atomics.sub(counters, 0, 1);
  return x * 2;
}

/** Fails with a message. */
export function fail(why: string): never {
  throw new Error(why);
}

/** Crashes the worker outside any task (an uncaught error in a timer). */
export function crash(): Promise<never> {
  setTimeout(() => {
    throw new Error("worker crashed");
  }, 0);
  return new Promise(() => {});
}

/** A fresh array of `n` values `i * 0.5`. */
export function halves(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i * 0.5);
}
