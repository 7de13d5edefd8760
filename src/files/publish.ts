/**
 * Publishing finished cache entries, now or when the command succeeds.
 *
 * A cache entry (a folder or file built under a {@linkcode Temp} name) is
 * published by one rename onto its final name. Entries are keyed by their
 * content, so when the final name already exists another process built the
 * same entry first: ours is dropped, theirs is kept (never replaced while
 * someone may be reading it).
 *
 * The CLI defers publishing for the length of a command
 * ({@linkcode deferPublishing}): entries become visible only when the command
 * succeeds ({@linkcode commitPublishing}), and are removed when it fails
 * ({@linkcode discardPublishing}), so an invalid run leaves no cache entry.
 * Library callers that never defer publish at once.
 *
 * @module
 */
import { dirname } from "node:path";
import { atInterrupt } from "./interrupt.ts";
import type { Temp } from "./temp.ts";

let pending: Temp[] | null = null;
/** Folders created for held entries, deepest last, with their interrupt cleanups. */
const made: { dir: string; forget: () => void }[] = [];

/**
 * Renames `temp` onto its target unless the target exists (then `temp` is
 * removed). Returns where the content is now: the target.
 *
 * @example
 * ```ts
 * import { publishEntry, Temp } from "./mod.ts";
 * const dir = await Deno.makeTempDir();
 * for (const text of ["first", "second"]) {
 *   const t = new Temp(`${dir}/entry`);
 *   await Deno.mkdir(t.path);
 *   await Deno.writeTextFile(`${t.path}/data`, text);
 *   await publishEntry(t);
 * }
 * if (await Deno.readTextFile(`${dir}/entry/data`) !== "first") throw new Error("kept the first");
 * if ([...Deno.readDirSync(dir)].length !== 1) throw new Error("the second was dropped");
 * ```
 */
export async function publishEntry(temp: Temp): Promise<string> {
  const exists = await Deno.lstat(temp.target).then(() => true, () => false);
  if (exists) await temp.discard();
  else {
    // A folder renames onto a missing or empty folder only: a racing publisher's
    // complete entry makes it fail, and then theirs stands.
    await temp.moveTo().catch(() => temp.discard());
  }
  return temp.target;
}

/**
 * Publishes `temp` now, or, while publishing is deferred, when the command
 * commits. Returns where the content can be read until then.
 */
export async function publishWhenDone(temp: Temp): Promise<string> {
  if (!pending) return await publishEntry(temp);
  pending.push(temp);
  return temp.path;
}

/** From now on, {@linkcode publishWhenDone} holds entries until commit or discard. */
export function deferPublishing(): void {
  pending ??= [];
}

/**
 * Creates folder `dir` and its missing parents. While publishing is deferred,
 * the folders it creates are removed again (when still empty) if the command
 * fails or is interrupted: a failed run does not even leave an empty cache
 * folder.
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing = await createFolders(dir);
  if (!pending) return;
  for (const d of missing) made.push({ dir: d, forget: atInterrupt(() => Deno.removeSync(d)) });
}

/**
 * Creates folder `dir` and its missing parents; returns those it created,
 * outermost first (what {@linkcode removeEmptyFolders} undoes).
 *
 * @example
 * ```ts
 * import { createFolders, removeEmptyFolders } from "./publish.ts";
 * const root = await Deno.makeTempDir();
 * const made = await createFolders(`${root}/a/b`);
 * if (made.join() !== `${root}/a,${root}/a/b`) throw new Error(made.join());
 * removeEmptyFolders(made);
 * if ([...Deno.readDirSync(root)].length !== 0) throw new Error("removed again");
 * ```
 */
export async function createFolders(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let d = dir; !(await Deno.stat(d).then(() => true, () => false)); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  await Deno.mkdir(dir, { recursive: true });
  return missing;
}

/** Removes `dirs` innermost first, each only if it is empty (never anything in them). */
export function removeEmptyFolders(dirs: string[]): void {
  for (const d of [...dirs].reverse()) {
    try {
      Deno.removeSync(d);
    } catch {
      return; // not empty (or gone): its parents are not empty either
    }
  }
}

/** Publishes every held entry (best effort: a cache entry that cannot be published is dropped). */
export async function commitPublishing(): Promise<void> {
  const temps = pending ?? [];
  pending = null;
  for (const t of temps) await publishEntry(t).catch(() => t.discard());
  for (const m of made.splice(0)) m.forget();
}

/** Removes every held entry, and the folders made for them if they are empty. */
export async function discardPublishing(): Promise<void> {
  const temps = pending ?? [];
  pending = null;
  for (const t of temps) await t.discard();
  for (const m of made.splice(0).reverse()) {
    m.forget();
    await Deno.remove(m.dir).catch(() => {}); // not recursive: only when empty
  }
}
