/**
 * Book metadata of the data generator: titles from genre words (series volumes carry the
 * series name, as on Goodreads), shelves weighted toward the genre, descriptions, languages.
 *
 * @module
 */
import type { Catalog } from "./_catalog.ts";
import type { StreamRng } from "../rng/mod.ts";
import type { GeneratedBook } from "./generate.ts";
import { BLURBS, COMMON_SHELVES, GENRES, LANGUAGES, SERIES_SUFFIX } from "./_words.ts";

/** String ids of the catalog's entities. */
export interface CatalogIds {
  itemIds: string[];
  authorIds: string[];
  seriesIds: string[];
}

const pickOf = <T>(rng: StreamRng, a: readonly T[]): T => a[rng.int(a.length)];

/**
 * Metadata of every book, aligned with `cat` and `ids.itemIds`.
 *
 * @example
 * ```ts
 * import { bookMetadata } from "./_books.ts";
 * import { buildCatalog } from "./_catalog.ts";
 * import { StreamRng } from "../rng/mod.ts";
 * const cat = buildCatalog(new StreamRng(1), { items: 3, authors: 1, t0: 0, t1: 1e8, startYear: 1970, popularityAlpha: 1.1, backlistShare: 0.4 });
 * const books = bookMetadata(new StreamRng(2), cat, { itemIds: ["1", "2", "3"], authorIds: ["9"], seriesIds: ["7"] });
 * if (books[0].shelves[0].name !== "to-read" || books[2].authors[0] !== "9") throw new Error("meta");
 * ```
 */
export function bookMetadata(rng: StreamRng, cat: Catalog, ids: CatalogIds): GeneratedBook[] {
  const seriesName = seriesNames(rng, cat);
  let maxW = 0;
  for (let b = 0; b < cat.nItems; b++) maxW = Math.max(maxW, cat.weight[b]);
  const books: GeneratedBook[] = [];
  for (let b = 0; b < cat.nItems; b++) {
    const genre = GENRES[cat.bookGenre[b]];
    const s = cat.seriesOf[b];
    let title = bookTitle(rng, cat.bookGenre[b]);
    if (s >= 0) title = `${title} (${seriesName[s]}, #${cat.seriesPos[b] + 1})`;
    const authors = [ids.authorIds[cat.bookAuthor[b]]];
    if (cat.coAuthor[b] >= 0) authors.push(ids.authorIds[cat.coAuthor[b]]);
    books.push({
      itemId: ids.itemIds[b],
      title,
      authors,
      series: s >= 0 ? [ids.seriesIds[s]] : [],
      shelves: shelves(rng, cat.bookGenre[b], 3 + 3000 * Math.sqrt(cat.weight[b] / maxW)),
      description: describe(rng, cat.bookGenre[b]),
      language: LANGUAGES.codes[rng.pick(LANGUAGES.weights)],
      year: cat.pubYear[b],
      genre: genre.shelves[0],
      release: cat.release[b],
    });
  }
  return books;
}

/** "The Ember Chronicles": a noun of the series' genre and a suffix. */
function seriesNames(rng: StreamRng, cat: Catalog): string[] {
  const names: string[] = [];
  for (let s = 0; s + 1 < cat.seriesStart.length; s++) {
    const g = GENRES[cat.bookGenre[cat.seriesBooks[cat.seriesStart[s]]]];
    names.push(`The ${pickOf(rng, g.noun)} ${pickOf(rng, SERIES_SUFFIX)}`);
  }
  return names;
}

/** A title from the genre's words, with an occasional word of another genre (noise). */
function bookTitle(rng: StreamRng, gi: number): string {
  const g = GENRES[gi];
  const other = GENRES[rng.int(GENRES.length)];
  const adj = () => pickOf(rng, g.adj);
  const noun = () => pickOf(rng, rng.next() < 0.1 ? other.noun : g.noun);
  switch (rng.int(5)) {
    case 0:
      return `The ${adj()} ${noun()}`;
    case 1:
      return `${noun()} of the ${adj()} ${noun()}`;
    case 2:
      return `The ${noun()}'s ${noun()}`;
    case 3:
      return `A ${noun()} for the ${adj()} ${noun()}`;
    default:
      return `${noun()}`;
  }
}

/** Popular shelves: `to-read`, the genre's shelves, some common ones, now and then a stray. */
function shelves(rng: StreamRng, gi: number, base: number): { name: string; count: number }[] {
  const g = GENRES[gi];
  const counts = new Map<string, number>();
  const add = (name: string, f: number) =>
    counts.set(name, (counts.get(name) ?? 0) + Math.max(1, Math.round(base * f)));
  add("to-read", 12 + rng.next());
  add(g.shelves[0], 2 + rng.next());
  for (let i = 0, n = 2 + rng.int(3); i < n; i++) add(pickOf(rng, g.shelves), 0.3 + rng.next());
  for (let i = 0, n = 1 + rng.int(3); i < n; i++) {
    add(COMMON_SHELVES[1 + rng.int(COMMON_SHELVES.length - 1)], 0.1 + 0.9 * rng.next());
  }
  if (rng.next() < 0.3) add(GENRES[rng.int(GENRES.length)].shelves[0], 0.2 * rng.next());
  return [...counts].map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}

/** A one-line blurb from the genre's words. */
function describe(rng: StreamRng, gi: number): string {
  const g = GENRES[gi];
  const w = (a: readonly string[]) => pickOf(rng, a).toLowerCase();
  return `A ${w(g.adj)} tale of ${w(g.noun)} and ${w(g.noun)}. ${pickOf(rng, BLURBS)}`;
}
