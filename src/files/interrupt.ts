/**
 * What an interrupted run undoes. Code that creates a temporary file, a lock or
 * a folder registers a synchronous cleanup with {@linkcode atInterrupt} and
 * unregisters it once the thing is published or removed. On SIGINT/SIGTERM the
 * listener installed by {@linkcode handleInterrupts} runs every registered
 * cleanup, then calls the caller's `exit` (the CLI exits 130 / 143).
 *
 * Publishing a set of files runs {@linkcode uninterruptible}: a signal that
 * arrives meanwhile is held until the last rename is done, so an interrupt
 * never leaves a folder half old, half new.
 *
 * Process-wide state (one set of signal listeners per process), like the
 * signals themselves.
 *
 * @module
 */

const cleanups = new Set<() => void>();
let critical = 0;
let held: Deno.Signal | null = null;
let onSignal: ((signal: Deno.Signal) => void) | null = null;
let stopping = false;
/** How long file operations already under way get to settle before the second cleanup pass. */
const SETTLE_MS = 100;

/**
 * Registers `cleanup` to run (synchronously) if the process is interrupted;
 * returns the function that unregisters it.
 *
 * @example
 * ```ts
 * import { atInterrupt, runInterruptCleanups } from "./interrupt.ts";
 * let ran = 0;
 * const done = atInterrupt(() => ran++);
 * runInterruptCleanups();
 * done();
 * runInterruptCleanups();
 * if (ran !== 1) throw new Error(String(ran));
 * ```
 */
export function atInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/**
 * Runs every registered cleanup, newest first, and forgets those that
 * succeeded; one that failed (e.g. its file is still being created) stays
 * registered for another pass.
 */
export function runInterruptCleanups(): void {
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
      cleanups.delete(fn);
    } catch {
      // kept for the next pass
    }
  }
}

/**
 * True once a SIGINT/SIGTERM is being handled: nothing new may be created
 * (see `Temp`), the process exits shortly.
 */
export function interrupting(): boolean {
  return stopping;
}

/**
 * Runs `fn` with interrupts held: a SIGINT/SIGTERM arriving meanwhile takes
 * effect when `fn` settles.
 *
 * @example
 * ```ts
 * import { uninterruptible } from "./interrupt.ts";
 * if (await uninterruptible(() => Promise.resolve(7)) !== 7) throw new Error();
 * ```
 */
export async function uninterruptible<T>(fn: () => Promise<T>): Promise<T> {
  critical++;
  try {
    return await fn();
  } finally {
    critical--;
    if (critical === 0 && held) {
      const signal = held;
      held = null;
      interrupted(signal);
    }
  }
}

function interrupted(signal: Deno.Signal): void {
  if (critical > 0) {
    held = signal;
    return;
  }
  if (stopping) return;
  stopping = true;
  runInterruptCleanups();
  // A file operation already under way may still create what was just removed:
  // let it settle, clean again, then exit.
  setTimeout(() => {
    runInterruptCleanups();
    onSignal?.(signal);
  }, SETTLE_MS);
}

const SIGNALS: Deno.Signal[] = ["SIGINT", "SIGTERM"];

/**
 * Installs SIGINT/SIGTERM listeners that run the registered cleanups (twice:
 * at once, and again 100 ms later for files whose creation was under way),
 * then `exit(signal)`; returns the function that removes them. Signals the
 * platform cannot listen to (SIGTERM on Windows) are skipped.
 *
 * @example
 * ```ts
 * import { handleInterrupts } from "./interrupt.ts";
 * const remove = handleInterrupts(() => {});
 * remove();
 * ```
 */
export function handleInterrupts(exit: (signal: Deno.Signal) => void): () => void {
  onSignal = exit;
  const installed: [Deno.Signal, () => void][] = [];
  for (const signal of SIGNALS) {
    const listener = () => interrupted(signal);
    try {
      Deno.addSignalListener(signal, listener);
      installed.push([signal, listener]);
    } catch {
      // not supported here
    }
  }
  return () => {
    for (const [signal, listener] of installed) Deno.removeSignalListener(signal, listener);
    if (onSignal === exit) onSignal = null;
  };
}

/**
 * Test hook: when the environment variable `ABREPLAY_HOLD_AT` equals `name`,
 * prints `abreplay: holding at <name>` on stderr and never resolves (the test
 * then signals or kills the process at a known moment). Otherwise a no-op.
 *
 * @example
 * ```ts
 * import { holdPoint } from "./interrupt.ts";
 * await holdPoint("nowhere"); // ABREPLAY_HOLD_AT is not "nowhere": returns at once
 * ```
 */
export function holdPoint(name: string): Promise<void> {
  let at: string | undefined;
  try {
    at = Deno.env.get("ABREPLAY_HOLD_AT");
  } catch {
    at = undefined;
  }
  if (at !== name) return Promise.resolve();
  console.error(`abreplay: holding at ${name}`);
  return new Promise<void>(() => setInterval(() => {}, 60_000));
}
