/**
 * Reading a data file with its damage reported as such: the row reader runs
 * while {@linkcode checkIntegrity} checks the whole file, and whatever goes
 * wrong comes out as one located {@linkcode DataError} (exit code 2):
 *
 * - a damaged file (corrupt compression, a cut last line, not UTF-8) is
 *   reported as damaged even when the reader succeeded by skipping "bad rows"
 *   (`badRows: "skip"`) or failed on the damage first;
 * - the reader's own errors about the content become located errors
 *   ({@linkcode readerError}).
 *
 * @module
 */
import { DataError } from "../errors.ts";
import { checkIntegrity } from "./integrity.ts";
import { readerError } from "./reader_error.ts";
import { type DataSourceOptions, inferFormat } from "./source.ts";

/**
 * Runs `read` (which parses `source.path`) with the file's integrity checked
 * alongside.
 *
 * @example
 * ```ts
 * import { readChecked } from "./read_checked.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "user_id,item_id,timestamp\nu,a"); // the last row is cut
 * const e = await readChecked({ path }, () => Promise.resolve("rows")).catch((e) => e);
 * if (!/truncated/.test(e.message)) throw new Error(String(e));
 * ```
 */
export async function readChecked<T>(
  source: DataSourceOptions,
  read: () => Promise<T>,
): Promise<T> {
  const format = source.format ?? inferFormat(source.path);
  // Only a DataError (damage found) counts: a file that cannot be opened is the reader's to report.
  const intact = checkIntegrity(source.path, format).then(
    (head) => ({ head }),
    (error) => error instanceof DataError ? { error } : { head: new Uint8Array(0) },
  );
  let out: T;
  try {
    out = await read();
  } catch (e) {
    const i = await intact;
    if ("error" in i) throw i.error;
    throw readerError(e, source.path, i.head);
  }
  const i = await intact;
  if ("error" in i) throw i.error;
  return out;
}
