/**
 * One writer per folder at a time: `<dir>/.abreplay.lock` holds the writer's
 * pid under an exclusive advisory lock (`flock`). The operating system
 * releases the lock when its holder dies, however it dies, so a lock left by
 * a crashed or killed process is taken over at once by the next writer;
 * the pid in the file only names the holder in the waiting note.
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
 * if (order.join() !== "a in,a out,b in,b out") throw new Error(order.join());
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
  let noted = false;
  for (;;) {
    const file = await Deno.open(path, { read: true, write: true, create: true });
    if (await file.tryLock(true)) {
      // The holder we waited for may have removed the file we locked: only the
      // file still at `path` counts.
      const current = await Deno.stat(path).catch(() => null);
      if (current && current.ino === (await file.stat()).ino) {
        await file.truncate(0);
        await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
        return file;
      }
      file.close();
      continue;
    }
    if (!noted) {
      noted = true;
      const holder = Number.parseInt(await Deno.readTextFile(path).catch(() => ""), 10);
      options.onWait?.(Number.isInteger(holder) ? holder : null);
    }
    file.close();
    await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
  }
}
