/**
 * How long-running stages report progress. The CLI renders it (bars on a TTY,
 * a plain line every few seconds otherwise); library callers may pass
 * {@linkcode silentProgress}.
 *
 * @module
 */

/** Receives stage starts, progress and ends. */
export interface Progress {
  /** A stage starts (e.g. "load", "fit control"). */
  start(stage: string): void;
  /** `done` of `total` units of the current stage. */
  tick(done: number, total: number): void;
  /** The current stage ended after `ms`. */
  end(stage: string, ms: number): void;
  /** A one-line note (cache hits, what is being generated). */
  note(text: string): void;
  /** A one-line warning about the data or the run; shown even where notes are not. */
  warn?(text: string): void;
}

/** A progress sink that prints nothing. */
export const silentProgress: Progress = { start() {}, tick() {}, end() {}, note() {} };

/** Times `fn` as stage `name`, recording wall ms in `timings`. */
export async function stage<T>(
  progress: Progress,
  timings: Record<string, number>,
  name: string,
  fn: () => T | Promise<T>,
): Promise<T> {
  progress.start(name);
  const t0 = performance.now();
  const out = await fn();
  const ms = performance.now() - t0;
  timings[name] = Math.round(ms * 10) / 10;
  progress.end(name, ms);
  return out;
}

/**
 * The note shown while another abreplay process writes the same folder.
 *
 * @example
 * ```ts
 * import { waitNote } from "./progress.ts";
 * const notes: string[] = [];
 * waitNote({ start() {}, tick() {}, end() {}, note: (t) => notes.push(t) }, "reports/x")(42);
 * if (notes[0] !== "waiting: another abreplay (pid 42) is writing reports/x") throw new Error(notes[0]);
 * ```
 */
export function waitNote(progress: Progress, dir: string): (pid: number | null) => void {
  return (pid) =>
    progress.note(`waiting: another abreplay (pid ${pid ?? "unknown"}) is writing ${dir}`);
}
