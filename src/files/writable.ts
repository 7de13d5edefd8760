/**
 * Checking, before any work, that a folder can be written, and turning file
 * system failures while writing into located errors (exit code 2, not a
 * stack trace).
 *
 * @module
 */
import { dirname, join } from "node:path";
import { OutputError } from "../errors.ts";
import { tempPath } from "./temp.ts";

/**
 * The error to report for file system error `e` met while writing `path`
 * (`what` names it for the user, e.g. "output folder"), or `e` itself when it
 * is not a file system error.
 *
 * @example
 * ```ts
 * import { writeError } from "./writable.ts";
 * const e = writeError(new Deno.errors.PermissionDenied("denied"), "/x/out", "output folder");
 * if (!(e instanceof Error) || !e.message.startsWith("/x/out: cannot write the output folder")) {
 *   throw new Error(String(e));
 * }
 * ```
 */
export function writeError(e: unknown, path: string, what: string, hint?: string): unknown {
  if (e instanceof OutputError) return e;
  const code = (e as { code?: string })?.code;
  const reason = e instanceof Deno.errors.PermissionDenied
    ? "permission denied"
    : e instanceof Deno.errors.NotADirectory
    ? "a part of the path is a file, not a folder"
    : e instanceof Deno.errors.IsADirectory
    ? "it is a folder"
    : code === "ENOSPC"
    ? "no space left on the device"
    : code === "EROFS"
    ? "read-only file system"
    : code === "EDQUOT"
    ? "disk quota exceeded"
    : e instanceof Deno.errors.NotFound
    ? "a folder on the path does not exist or was removed"
    : null;
  if (reason === null) return e;
  return new OutputError(`cannot write the ${what}: ${reason}`, {
    file: path,
    hint: hint ?? `choose a writable location`,
  });
}

/**
 * Checks that folder `dir` can be written, creating nothing that stays: the
 * nearest existing folder on the path must be a folder where a file can be
 * created (probed with a temporary file). Throws an {@linkcode OutputError}
 * naming `dir` otherwise.
 *
 * @example
 * ```ts
 * import { checkWritable } from "./writable.ts";
 * const dir = await Deno.makeTempDir();
 * await checkWritable(`${dir}/not/yet/there`, "output folder");
 * await Deno.writeTextFile(`${dir}/file`, "");
 * const e = await checkWritable(`${dir}/file/sub`, "output folder").catch((e) => e);
 * if (!String(e).includes("is a file")) throw new Error(String(e));
 * ```
 */
export async function checkWritable(dir: string, what: string, hint?: string): Promise<void> {
  let at = dir;
  for (;;) {
    const st = await Deno.stat(at).catch((e) => e instanceof Deno.errors.NotFound ? null : e);
    if (st instanceof Error) throw writeError(st, dir, what, hint);
    if (st && !st.isDirectory) {
      throw new OutputError(`cannot write the ${what}: ${at} is a file, not a folder`, {
        file: dir,
        hint: hint ?? "choose another location",
      });
    }
    if (st) break;
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  // Synchronous, so that no signal is handled between creating and removing the probe.
  const probe = tempPath(join(at, "write-probe"));
  try {
    Deno.writeFileSync(probe, new Uint8Array(0), { createNew: true });
    Deno.removeSync(probe);
  } catch (e) {
    throw writeError(e, dir, what, hint);
  }
}
