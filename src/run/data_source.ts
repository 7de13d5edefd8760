/**
 * Turns a scenario's `data` section into a loaded {@linkcode Dataset}: either a
 * file, or the built-in generator whose output is cached on disk under
 * `data/cache/gen-<hash>/` (canonical CSV + UCSD books) so that the same
 * options load the same bytes through the same loader as real data.
 *
 * @module
 */
import { join, resolve } from "node:path";
import type { Engine } from "../engine/mod.ts";
import { type Dataset, hashJson, loadBooks, loadDataset } from "../data/mod.ts";
import { generate, resolveOptions, writeCanonicalCsv, writeUcsdBooks } from "../data/generate.ts";
import type { Scenario } from "../scenario/types.ts";
import type { Progress } from "./progress.ts";

/** Default cache folder for generated data (git-ignored). */
export const CACHE_DIR: string = resolve(import.meta.dirname ?? ".", "../../data/cache");

/** Paths of a generated dataset in the cache, generating it when missing. */
export async function generatedFiles(
  options: Record<string, number>,
  progress: Progress,
  cacheDir = CACHE_DIR,
): Promise<{ interactions: string; books: string; params: Record<string, number> }> {
  const params = resolveOptions(options);
  const dir = join(cacheDir, `gen-${hashJson(params).slice(0, 16)}`);
  const interactions = join(dir, "interactions.csv");
  const books = join(dir, "books.json");
  const exists = await Deno.stat(interactions).then(() => true, () => false) &&
    await Deno.stat(books).then(() => true, () => false);
  if (!exists) {
    progress.note(
      `generating data (${params.interactions} interactions, seed ${params.seed}) into ${dir}`,
    );
    await Deno.mkdir(dir, { recursive: true });
    const data = generate(params);
    await writeUcsdBooks(data, books);
    await writeCanonicalCsv(data, interactions);
  }
  return { interactions, books, params: params as unknown as Record<string, number> };
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
  const books = booksPath ? await loadBooks(db, booksPath, booksFormat) : null;
  const ds = await loadDataset(db, {
    source: {
      path: path!,
      format: s.data.format,
      columns: s.data.columns,
      badRows: s.data.badRows,
      sampleUsers: s.data.sampleUsers,
    },
    books,
    cacheDir: s.data.cache === false ? null : join(CACHE_DIR, "clean"),
  });
  if (fingerprint) ds.fingerprint = `${fingerprint}/${ds.fingerprint}`;
  return ds;
}
