/**
 * Data fingerprints (PROTOCOL §7): file size + SHA-256 of the content.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { relative } from "node:path";

/**
 * `size:sha256-hex-prefix` of a file, streamed (constant memory).
 *
 * @example
 * ```ts
 * import { fileFingerprint } from "./fingerprint.ts";
 * const p = await Deno.makeTempFile();
 * await Deno.writeTextFile(p, "abc");
 * const fp = await fileFingerprint(p);
 * if (fp !== "3:ba7816bf8f01cfea") throw new Error(fp);
 * ```
 */
export async function fileFingerprint(path: string): Promise<string> {
  const hash = createHash("sha256");
  let size = 0;
  using file = await Deno.open(path, { read: true });
  for await (const chunk of file.readable) {
    size += chunk.length;
    hash.update(chunk);
  }
  return `${size}:${hash.digest("hex").slice(0, 16)}`;
}

/**
 * Fingerprint of a source's files (in order): {@linkcode fileFingerprint}
 * for one file; for several, `total size:sha256 prefix` over each file's
 * path relative to `base`, size and content — so a renamed, added, removed
 * or changed partition changes it.
 */
export async function filesFingerprint(files: string[], base: string): Promise<string> {
  if (files.length === 1) return await fileFingerprint(files[0]);
  const hash = createHash("sha256");
  let size = 0;
  for (const f of files) {
    const st = await Deno.stat(f);
    hash.update(`${relative(base, f)}\0${st.size}\0`);
    using file = await Deno.open(f, { read: true });
    for await (const chunk of file.readable) hash.update(chunk);
    size += st.size;
  }
  return `${size}:${hash.digest("hex").slice(0, 16)}`;
}

/**
 * Stable SHA-256 hex of a JSON-able value (object keys sorted).
 *
 * @example
 * ```ts
 * import { hashJson } from "./fingerprint.ts";
 * if (hashJson({ b: 1, a: [2] }) !== hashJson({ a: [2], b: 1 })) throw new Error("unstable");
 * ```
 */
export function hashJson(value: unknown): string {
  return createHash("sha256").update(stableStringify(value)).digest("hex");
}

/** JSON with object keys sorted recursively; the canonical form for hashing. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object" && !ArrayBuffer.isView(v)) {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}
