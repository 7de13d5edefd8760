/**
 * One writer at a time, by exclusive advisory locks (`flock`) that the
 * operating system releases when their holder dies, however it dies, so a
 * lock left by a crashed or killed process is taken over at once by the next
 * writer.
 *
 * - {@linkcode lockFile}: one open file under its lock (e.g. a partial
 *   download that a second fetch of the same file must not write into).
 * - {@linkcode withFolderLock}: one writer per folder: `<dir>/.abreplay.lock`
 *   holds the writer's pid under the lock; the pid only names the holder in
 *   the waiting note.
 *
 * @module
 */
import { join } from "node:path";
import { atInterrupt } from "./interrupt.ts";

/** Name of the lock file inside a folder. */
export const LOCK_NAME = ".abreplay.lock";

/** Options of {@linkcode withFolderLock}. */
export interface LockOptions {
  /** Called once when another live process holds the lock (with its pid, if readable). */
  onWait?: (holder: number | null) => void;
  /** Poll interval while waiting, ms. @default 50 */
  pollMs?: number;
}

/** Options of {@linkcode lockFile}. */
export interface LockFileOptions {
  /** Called once when another process holds the lock. */
  onWait?: () => void | Promise<void>;
  /** Poll interval while waiting, ms. @default 50 */
  pollMs?: number;
}

/**
 * Opens `path` for reading and writing (created when missing) and takes its
 * exclusive lock, waiting while another process holds it; returns the open,
 * locked file (closing it releases the lock). The holder waited for may have
 * renamed or removed the file meanwhile: only the file still at `path`
 * counts, so the lock is taken again on the current one.
 *
 * @example
 * ```ts
 * import { lockFile } from "./lock.ts";
 * const path = `${await Deno.makeTempDir()}/data.part`;
 * const first = await lockFile(path);
 * let waited = false;
 * const second = lockFile(path, { onWait: () => { waited = true; }, pollMs: 5 });
 * await new Promise((r) => setTimeout(r, 30));
 * first.close();
 * (await second).close();
 * if (!waited) throw new Error("the second waited for the first");
 * ```
 */
export async function lockFile(path: string, options: LockFileOptions = {}): Promise<Deno.FsFile> {
  let noted = false;
  for (;;) {
    const file = await Deno.open(path, { read: true, write: true, create: true });
    if (await file.tryLock(true)) {
      const [mine, now] = [await file.stat(), await Deno.stat(path).catch(() => null)];
      if (now && (mine.ino === null || mine.ino === now.ino)) return file;
      file.close();
      continue;
    }
    file.close();
    if (!noted) {
      noted = true;
      await options.onWait?.();
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
  }
}

/**
 * Runs `fn` holding the lock of folder `dir` (which must exist), waiting while
 * another process holds it. The lock file is removed on release.
 *
 * @example
 * ```ts
 * import { withFolderLock } from "./lock.ts";
 * const dir = await Deno.makeTempDir();
 * const order: string[] = [];
 * await Promise.all(["a", "b"].map((name) =>
 *   withFolderLock(dir, async () => {
 *     order.push(`${name} in`);
 *     await new Promise((r) => setTimeout(r, 20));
 *     order.push(`${name} out`);
 *   })
 * ));
 * // one holder at a time, in whichever order they got the lock
 * const [x, y] = [order[0][0], order[2][0]];
 * if (x === y || order.join() !== `${x} in,${x} out,${y} in,${y} out`) throw new Error(order.join());
 * if ([...Deno.readDirSync(dir)].length !== 0) throw new Error("lock file removed");
 * ```
 */
export async function withFolderLock<T>(
  dir: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const path = join(dir, LOCK_NAME);
  const file = await acquire(path, options);
  const forget = atInterrupt(() => Deno.removeSync(path));
  try {
    return await fn();
  } finally {
    forget();
    await Deno.remove(path).catch(() => {});
    file.close(); // closing releases the lock
  }
}

async function acquire(path: string, options: LockOptions): Promise<Deno.FsFile> {
  const file = await lockFile(path, {
    pollMs: options.pollMs,
    onWait: async () => {
      const holder = Number.parseInt(await Deno.readTextFile(path).catch(() => ""), 10);
      options.onWait?.(Number.isInteger(holder) ? holder : null);
    },
  });
  await file.truncate(0);
  await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
  return file;
}
