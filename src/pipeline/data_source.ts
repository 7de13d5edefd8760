/**
 * Turns a scenario's `data` section into a loaded {@linkcode Dataset}: either a
 * file, or the built-in generator whose output is cached on disk under
 * `<cache>/gen-<hash>/` (canonical CSV + UCSD books) so that the same
 * options load the same bytes through the same loader as real data.
 *
 * The cache folder is `$ABREPLAY_CACHE_DIR`, else `data/cache/` of the
 * repository. Entries are built under per-process temporary names and
 * published by one rename (`src/files/`); leftovers of dead processes are
 * swept before a cache folder is used.
 *
 * @module
 */
import { join, resolve } from "node:path";
import type { Engine } from "../engine/mod.ts";
import { type Dataset, hashJson, loadBooks, loadDataset, readerError } from "../data/mod.ts";
import { generate, resolveOptions, writeCanonicalCsv, writeUcsdBooks } from "../generate/mod.ts";
import { checkWritable, makeFolder, publishWhenDone, sweepStale, Temp } from "../files/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import type { Progress } from "./progress.ts";

/** Default cache folder for generated data (git-ignored). */
export const CACHE_DIR: string = resolve(import.meta.dirname ?? ".", "../../data/cache");

/**
 * The cache folder in use: `$ABREPLAY_CACHE_DIR` when set, else {@linkcode CACHE_DIR}.
 *
 * @example
 * ```ts
 * import { CACHE_DIR, cacheRoot } from "./data_source.ts";
 * if (!Deno.env.get("ABREPLAY_CACHE_DIR") && cacheRoot() !== CACHE_DIR) throw new Error();
 * ```
 */
export function cacheRoot(): string {
  let env: string | undefined;
  try {
    env = Deno.env.get("ABREPLAY_CACHE_DIR");
  } catch {
    env = undefined; // no permission to read the environment: the default
  }
  return env ? resolve(env) : CACHE_DIR;
}

/** Cleaned-data cache entries before per-process temporary names: `<key>.<pid>.tmp`. */
const legacyCleanTemp = (name: string) => {
  const m = /^[0-9a-f]{24}\.(\d+)\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
};

/**
 * Checks, before any work, that the cache folders `s` will write can be
 * written (the generator's when it generates, the cleaned-data cache unless
 * `data.cache` is false). Throws an `OutputError` naming the folder.
 */
export async function checkCacheWritable(s: Scenario): Promise<void> {
  const root = cacheRoot();
  const hint = `set ABREPLAY_CACHE_DIR to a writable folder${
    s.data.generate ? "" : ", or set data.cache to false"
  }`;
  if (s.data.generate) await checkWritable(root, "cache folder", hint);
  if (s.data.cache !== false) await checkWritable(join(root, "clean"), "cache folder", hint);
}

/**
 * Paths of a generated dataset in the cache, generating it when missing. While
 * publishing is deferred (a CLI command), a fresh dataset is read from its
 * temporary folder and published when the command succeeds.
 */
export async function generatedFiles(
  options: Record<string, number>,
  progress: Progress,
  cacheDir: string = cacheRoot(),
): Promise<{ interactions: string; books: string; params: Record<string, number> }> {
  const params = resolveOptions(options);
  const dir = join(cacheDir, `gen-${hashJson(params).slice(0, 16)}`);
  const files = (at: string) => ({
    interactions: join(at, "interactions.csv"),
    books: join(at, "books.json"),
    params: params as unknown as Record<string, number>,
  });
  const exists = (p: string) => Deno.stat(p).then(() => true, () => false);
  await sweepStale(cacheDir);
  if (await exists(files(dir).interactions) && await exists(files(dir).books)) return files(dir);
  progress.note(
    `generating data (${params.interactions} interactions, seed ${params.seed}) into ${dir}`,
  );
  await makeFolder(cacheDir);
  const tmp = new Temp(dir);
  try {
    await Deno.mkdir(tmp.path);
    const data = generate(params);
    await writeUcsdBooks(data, files(tmp.path).books);
    await writeCanonicalCsv(data, files(tmp.path).interactions);
  } catch (e) {
    await tmp.discard();
    throw e;
  }
  return files(await publishWhenDone(tmp));
}

/** Loads the scenario's dataset (and books metadata when given). */
export async function loadScenarioData(
  db: Engine,
  s: Scenario,
  progress: Progress,
): Promise<Dataset> {
  let path = s.data.path;
  let booksPath = s.data.books?.path;
  let booksFormat = s.data.books?.format;
  let fingerprint: string | undefined;
  if (s.data.generate) {
    const g = await generatedFiles(s.data.generate, progress);
    path = g.interactions;
    booksPath ??= g.books;
    booksFormat ??= "goodreads-books-json";
    fingerprint = `generator:${hashJson(g.params).slice(0, 16)}`;
  }
  const books = booksPath
    ? await loadBooks(db, booksPath, booksFormat, {
      authorNames: s.data.books?.authors?.path,
      seriesNames: s.data.books?.series?.path,
    }).catch((e) => {
      throw readerError(e, booksPath!);
    })
    : null;
  const cacheDir = s.data.cache === false ? null : join(cacheRoot(), "clean");
  if (cacheDir) {
    await sweepStale(cacheDir, legacyCleanTemp);
    await makeFolder(cacheDir);
  }
  const ds = await loadDataset(db, {
    source: {
      path: path!,
      format: s.data.format,
      columns: s.data.columns,
      badRows: s.data.badRows,
      sampleUsers: s.data.sampleUsers,
    },
    books,
    cacheDir,
  });
  if (fingerprint) ds.fingerprint = `${fingerprint}/${ds.fingerprint}`;
  return ds;
}
