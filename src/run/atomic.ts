/**
 * Atomic output: files are written to a temporary sibling and renamed into
 * place, and a run's folder is assembled aside and swapped in whole, so a
 * failed run never leaves a half-written output.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

/**
 * Writes `data` to `path` via `path.<pid>.tmp` + rename.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/a.txt`, "hi");
 * if (await Deno.readTextFile(`${dir}/a.txt`) !== "hi") throw new Error();
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${Deno.pid}.tmp`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/**
 * Builds a folder with `fill(tmpDir)` next to `dir`, then replaces `dir` with
 * it. If `fill` throws, nothing at `dir` changes.
 */
export async function replaceDirAtomic(
  dir: string,
  fill: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(dir);
  await Deno.mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.${Deno.pid}.tmp`);
  await Deno.remove(tmp, { recursive: true }).catch(() => {});
  await Deno.mkdir(tmp);
  try {
    await fill(tmp);
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
  const old = join(parent, `.${basename(dir)}.${Deno.pid}.old`);
  const hadOld = await Deno.rename(dir, old).then(() => true, () => false);
  await Deno.rename(tmp, dir);
  if (hadOld) await Deno.remove(old, { recursive: true });
}
