/**
 * Replacing one file abreplay owns, all or nothing: written under a
 * per-process temporary name (`temp.ts`), then renamed over the target.
 *
 * @module
 */
import { Temp } from "./temp.ts";
import { writeError } from "./writable.ts";

/**
 * Replaces file `path` (one abreplay owns, e.g. a record it keeps next to a
 * download) with `data`, all or nothing: written under a per-process
 * temporary name, then renamed. For output files that may meet a user's file,
 * use `writeOutputFile` (`output_folder.ts`).
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic_file.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/a.json`, "{}");
 * await writeFileAtomic(`${dir}/a.json`, "[]");
 * if (await Deno.readTextFile(`${dir}/a.json`) !== "[]") throw new Error();
 * if ([...Deno.readDirSync(dir)].length !== 1) throw new Error("no temporary left");
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = new Temp(path);
  try {
    await writeData(tmp.path, data);
    await tmp.moveTo();
  } catch (e) {
    await tmp.discard();
    throw writeError(e, path, "file");
  }
}

/** Writes text or bytes to `path` (no temporary: for files inside a temporary folder). */
export function writeData(path: string, data: string | Uint8Array): Promise<void> {
  return typeof data === "string" ? Deno.writeTextFile(path, data) : Deno.writeFile(path, data);
}
