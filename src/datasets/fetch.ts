/**
 * `abreplay data fetch`: bring a registered dataset into the data folder.
 *
 * 1. A file already there is verified (size, then the registry's SHA-256 or
 *    MD5, else the SHA-256 recorded when it was first fetched) and kept.
 * 2. Otherwise the bytes go into `<file>.part`, locked against a concurrent
 *    fetch of the same file, either downloaded (resuming what an earlier
 *    run left in the partial file; `$ABREPLAY_DATASETS_URL` or `baseUrl`
 *    replaces the registered addresses with `<base>/<file>`) or copied
 *    from `from`.
 * 3. The partial file is verified; a mismatch deletes it (exit 2). A good
 *    one gets its provenance record and is renamed into place, so the
 *    data folder never holds a half-written or unverified dataset file.
 *
 * Files abreplay did not create (no provenance record, or one saying the
 * file was placed by hand) are verified but never replaced or deleted.
 *
 * @module
 */
import { join } from "node:path";
import { DataError } from "../errors.ts";
import { lockFile } from "../files/mod.ts";
import { BASE_URL_ENV, datasetPath } from "./data_dir.ts";
import {
  downloadInto,
  type DownloadOptions,
  InterruptedError,
  UnreachableError,
} from "./download.ts";
import { type FileDigest, hashFile } from "./hash.ts";
import { type Provenance, provenancePath, readProvenance, writeProvenance } from "./provenance.ts";
import type { DatasetEntry } from "./registry.ts";

/** Progress of a fetch, in bytes. */
export interface FetchProgress {
  /** `done` of `total` bytes (total unknown: undefined) of the step `label`. */
  bytes(label: string, done: number, total?: number): void;
  /** A one-line note. */
  note(text: string): void;
}

/** Options of {@linkcode fetchDataset}. */
export interface FetchOptions {
  /** Data folder (created when missing). */
  dir: string;
  /** Copy this file (or `<folder>/<entry.file>`) instead of downloading. */
  from?: string;
  /** Download `<baseUrl>/<entry.file>` instead of the registered addresses. @default $ABREPLAY_DATASETS_URL */
  baseUrl?: string;
  /** Replace a file abreplay fetched earlier. @default false */
  force?: boolean;
  /** Receives byte progress and notes. */
  progress?: FetchProgress;
  /** Retry and timeout settings of the download. */
  download?: Pick<DownloadOptions, "attempts" | "idleTimeoutMs" | "retryDelayMs">;
}

/** What {@linkcode fetchDataset} did. */
export interface FetchResult {
  /** Where the dataset file is now. */
  path: string;
  /** What the fetch did: downloaded it, copied it (`from`), or found it already there. */
  action: "downloaded" | "copied" | "present";
  /** The provenance record beside the file. */
  provenance: Provenance;
}

/** Fetches (or verifies) dataset `entry` into `opts.dir`. Throws located DataErrors (exit 2). */
export async function fetchDataset(entry: DatasetEntry, opts: FetchOptions): Promise<FetchResult> {
  await Deno.mkdir(opts.dir, { recursive: true });
  const target = datasetPath(entry, opts.dir);
  if (await exists(target)) {
    const rec = await readProvenance(target);
    if (!opts.force) {
      return {
        path: target,
        action: "present",
        provenance: await verifyPresent(entry, target, rec, opts),
      };
    }
    if (!rec?.created) {
      throw new DataError("refusing to replace a file abreplay did not create", {
        file: target,
        hint: "move it away yourself, then fetch again",
      });
    }
    await Deno.remove(target);
    await Deno.remove(provenancePath(target)).catch(() => {});
  }
  if (!opts.from && entry.urls.length === 0 && !baseUrl(opts)) {
    throw new DataError(`dataset "${entry.name}" cannot be downloaded: ${entry.description}`, {
      hint:
        `copy it: abreplay data fetch ${entry.name} --from <file, or folder holding ${entry.file}>`,
    });
  }
  const part = `${target}.part`;
  const file = await lockFile(part); // waits for another fetch of the same file
  try {
    if (await exists(target)) { // a concurrent fetch finished while we waited for the lock
      if ((await file.stat()).size === 0) await Deno.remove(part).catch(() => {});
      file.close();
      return fetchDataset(entry, { ...opts, force: false });
    }
    const source = opts.from
      ? await copyInto(file, entry, opts)
      : await download(file, entry, opts);
    const digest = await hashWithProgress(part, entry, opts.progress);
    const check = verify(entry, digest);
    if (!check.ok) {
      await Deno.remove(part);
      throw new DataError(
        `${entry.name}: ${check.problem}; the ${opts.from ? "copy" : "download"} was deleted`,
        {
          file: target,
          hint: opts.from
            ? `${opts.from} is not the registered file; get it again from ${
              entry.urls[0] ?? entry.homepage
            }`
            : "fetch again; if it persists, the published file changed: report it (see README, Datasets)",
        },
      );
    }
    const provenance: Provenance = {
      dataset: entry.name,
      source,
      fetchedAt: new Date().toISOString(),
      ...digest,
      verifiedBy: check.by,
      created: true,
    };
    await writeProvenance(target, provenance);
    await Deno.rename(part, target);
    return { path: target, action: opts.from ? "copied" : "downloaded", provenance };
  } finally {
    try {
      if ((await Deno.stat(part)).size === 0) await Deno.remove(part); // nothing to resume
    } catch { /* published or deleted */ }
    try {
      file.close();
    } catch { /* closed above */ }
  }
}

/** Verifies a file already in the data folder; records a hand-placed one. */
async function verifyPresent(
  entry: DatasetEntry,
  path: string,
  rec: Provenance | undefined,
  opts: FetchOptions,
): Promise<Provenance> {
  const digest = await hashWithProgress(path, entry, opts.progress);
  const check = verify(entry, digest, rec);
  if (!check.ok) {
    throw new DataError(`${entry.name}: ${check.problem}`, {
      file: path,
      hint: rec?.created
        ? `the file changed since abreplay fetched it; run \`abreplay data fetch ${entry.name} --force\` to fetch it again`
        : "abreplay did not create this file, so it is left as is: move it away and fetch again",
    });
  }
  if (rec) return rec;
  const placed: Provenance = {
    dataset: entry.name,
    source: "placed in the data folder by hand",
    fetchedAt: new Date().toISOString(),
    ...digest,
    verifiedBy: check.by,
    created: false,
  };
  await writeProvenance(path, placed);
  return placed;
}

type Check = { ok: true; by: Provenance["verifiedBy"] } | { ok: false; problem: string };

/**
 * Checks a digest against the registry (size, then SHA-256, else MD5), else
 * against the SHA-256 recorded on first download.
 */
export function verify(entry: DatasetEntry, d: FileDigest, recorded?: Provenance): Check {
  if (entry.size !== undefined && d.size !== entry.size) {
    return { ok: false, problem: `size mismatch: expected ${entry.size} bytes, found ${d.size}` };
  }
  const bad = (algo: string, want: string, got: string) => ({
    ok: false as const,
    problem: `${algo} mismatch: expected ${want}, found ${got}`,
  });
  if (entry.sha256) {
    return d.sha256 === entry.sha256
      ? { ok: true, by: "registry sha256" }
      : bad("SHA-256", entry.sha256, d.sha256);
  }
  if (entry.md5) {
    return d.md5 === entry.md5 ? { ok: true, by: "registry md5" } : bad("MD5", entry.md5, d.md5);
  }
  if (recorded && d.sha256 !== recorded.sha256) {
    return bad("SHA-256 (recorded on first download)", recorded.sha256, d.sha256);
  }
  return { ok: true, by: "recorded on first download" };
}

async function download(
  file: Deno.FsFile,
  entry: DatasetEntry,
  opts: FetchOptions,
): Promise<string> {
  const base = baseUrl(opts);
  const urls = base ? [`${base.replace(/\/+$/, "")}/${entry.file}`] : entry.urls;
  const target = datasetPath(entry, opts.dir);
  try {
    return await downloadInto(file, urls, {
      ...opts.download,
      size: entry.size,
      onProgress: (done, total) => opts.progress?.bytes(`download ${entry.name}`, done, total),
      note: (t) => opts.progress?.note(t),
    });
  } catch (e) {
    if (e instanceof UnreachableError) {
      throw new DataError(`could not download dataset "${entry.name}" (${e.message})`, {
        hint: `download ${
          urls[0]
        } by hand and save it as ${target}, or run \`abreplay data fetch ${entry.name} --from <downloaded file>\`; either way abreplay verifies it before use`,
      });
    }
    if (e instanceof InterruptedError) {
      throw new DataError(
        `download of ${e.url} interrupted after ${e.bytes} bytes (${e.message})`,
        {
          file: `${target}.part`,
          hint:
            `the partial file is kept: run \`abreplay data fetch ${entry.name}\` again to resume`,
        },
      );
    }
    throw e;
  }
}

const baseUrl = (opts: FetchOptions) => opts.baseUrl ?? Deno.env.get(BASE_URL_ENV);

async function copyInto(
  file: Deno.FsFile,
  entry: DatasetEntry,
  opts: FetchOptions,
): Promise<string> {
  let src = opts.from!;
  const st = await Deno.stat(src).catch(() => undefined);
  if (st?.isDirectory) src = join(src, entry.file);
  const size = (await Deno.stat(src).catch(() => undefined))?.size;
  if (size === undefined) {
    throw new DataError(`--from: ${src} not found`, {
      hint: `give the file itself, or a folder holding ${entry.file}`,
    });
  }
  await file.truncate(0);
  await file.seek(0, Deno.SeekMode.Start);
  let done = 0;
  for await (const chunk of (await Deno.open(src)).readable) {
    for (let w = 0; w < chunk.length;) w += await file.write(chunk.subarray(w));
    done += chunk.length;
    opts.progress?.bytes(`copy ${entry.name}`, done, size);
  }
  return new URL(`file://${src.startsWith("/") ? "" : "/"}${src}`).href;
}

function hashWithProgress(path: string, entry: DatasetEntry, progress?: FetchProgress) {
  let total: number | undefined;
  return Deno.stat(path).then((s) => {
    total = s.size;
    return hashFile(path, (n) => progress?.bytes(`verify ${entry.name}`, n, total));
  });
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}
