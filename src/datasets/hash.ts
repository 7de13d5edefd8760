/**
 * Streaming file digests (SHA-256 and MD5 in one pass) through node:crypto,
 * whose incremental hashes suit multi-GB files (WebCrypto digests whole buffers).
 *
 * @module
 */
import { createHash } from "node:crypto";

/** Digests of a file. */
export interface FileDigest {
  size: number;
  sha256: string;
  md5: string;
}

/**
 * SHA-256, MD5 and size of the file at `path`, read once in chunks;
 * `onProgress(bytesRead)` after each chunk.
 *
 * @example
 * ```ts
 * import { hashFile } from "./hash.ts";
 * const p = await Deno.makeTempFile();
 * await Deno.writeTextFile(p, "abc");
 * const d = await hashFile(p);
 * if (d.sha256 !== "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") throw new Error();
 * if (d.md5 !== "900150983cd24fb0d6963f7d28e17f72" || d.size !== 3) throw new Error();
 * ```
 */
export async function hashFile(
  path: string,
  onProgress?: (bytes: number) => void,
): Promise<FileDigest> {
  const sha = createHash("sha256"), md5 = createHash("md5");
  let size = 0;
  const f = await Deno.open(path);
  for await (const chunk of f.readable) { // the stream closes the file
    sha.update(chunk);
    md5.update(chunk);
    size += chunk.length;
    onProgress?.(size);
  }
  return { size, sha256: sha.digest("hex"), md5: md5.digest("hex") };
}
