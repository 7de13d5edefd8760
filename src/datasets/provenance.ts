/**
 * The provenance record abreplay writes beside each dataset file it
 * publishes or verifies (`<file>.abreplay.json`): where the bytes came from, when, and
 * their size and digests. Its presence also marks the file as created by
 * abreplay (only such files are ever replaced or deleted), and for datasets
 * whose checksum is not published it holds the SHA-256 recorded on first
 * download (trust on first use), checked on every later fetch.
 *
 * @module
 */
import { writeFileAtomic } from "../files/mod.ts";

/** Contents of `<file>.abreplay.json`. */
export interface Provenance {
  /** Registered dataset name. */
  dataset: string;
  /** Address downloaded from, or `file://…` of the `--from` copy. */
  source: string;
  /** When the file was published (ISO 8601, UTC). */
  fetchedAt: string;
  /** Size of the file in bytes. */
  size: number;
  /** SHA-256 of the file (hex). */
  sha256: string;
  /** MD5 of the file (hex). */
  md5: string;
  /** What the digests were checked against. */
  verifiedBy: "registry sha256" | "registry md5" | "recorded on first download";
  /** True when abreplay wrote the file (only then may it replace or delete it). */
  created: boolean;
}

/** Path of the provenance record of dataset file `path`. */
export function provenancePath(path: string): string {
  return `${path}.abreplay.json`;
}

/** The provenance record of `path`, or undefined when abreplay did not create that file. */
export async function readProvenance(path: string): Promise<Provenance | undefined> {
  try {
    const p = JSON.parse(await Deno.readTextFile(provenancePath(path)));
    return typeof p?.sha256 === "string" ? p as Provenance : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the provenance record of `path` atomically.
 *
 * @example
 * ```ts
 * import { readProvenance, writeProvenance } from "./provenance.ts";
 * const dir = await Deno.makeTempDir();
 * const rec = { dataset: "x", source: "file:///x", fetchedAt: "2026-01-01T00:00:00.000Z", size: 1,
 *   sha256: "00", md5: "00", verifiedBy: "registry sha256" as const, created: true };
 * await writeProvenance(`${dir}/x.csv`, rec);
 * if ((await readProvenance(`${dir}/x.csv`))?.source !== "file:///x") throw new Error();
 * if ((await readProvenance(`${dir}/y.csv`)) !== undefined) throw new Error();
 * ```
 */
export async function writeProvenance(path: string, p: Provenance): Promise<void> {
  await writeFileAtomic(provenancePath(path), JSON.stringify(p, null, 2) + "\n");
}
