/**
 * Catalog of the data generator: authors, books, series, release instants, popularity
 * weights, and samplers that draw a book released by a given instant, with probability
 * proportional to its weight, in O(log n).
 *
 * @module
 */
import type { StreamRng } from "../rng/mod.ts";
import { GENRES } from "./_words.ts";

/** Sizes and time range of a catalog. */
export interface CatalogParams {
  /** Number of books. */
  items: number;
  /** Number of authors (clipped to `items`). */
  authors: number;
  /** First and last instant of the data, epoch seconds. */
  t0: number;
  t1: number;
  /** Year of `t0` (backlist books are published before it). */
  startYear: number;
  /** Pareto tail index of author popularity (smaller = more skewed). */
  popularityAlpha: number;
  /** Share of books already released at `t0`. */
  backlistShare: number;
}

/**
 * Index of the first element of sorted `a[lo..hi)` greater than `x` (`hi` when none).
 *
 * @example
 * ```ts
 * import { upperBound } from "./_catalog.ts";
 * if (upperBound([1, 2, 2, 5], 2) !== 3) throw new Error("upperBound");
 * ```
 */
export function upperBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Draws a book released at or before `t` (and after `t - window` when `window > 0`)
 * with probability proportional to its weight: prefix sums over books sorted by release.
 *
 * @example
 * ```ts
 * import { ReleaseSampler } from "./_catalog.ts";
 * const s = new ReleaseSampler(Int32Array.of(0, 1), Float64Array.of(0, 10), Float64Array.of(1, 1));
 * if (s.sample(0.99, 5, 0) !== 0 || s.sample(0.5, 5, 3) !== -1) throw new Error("sampler");
 * ```
 */
export class ReleaseSampler {
  /** Books in release order. */
  readonly books: Int32Array;
  private readonly rel: Float64Array;
  private readonly cum: Float64Array;

  /** `books` in any order; `release` and `weight` are indexed by book. */
  constructor(books: Int32Array, release: Float64Array, weight: Float64Array) {
    this.books = books.slice().sort((a, b) => release[a] - release[b] || a - b);
    const n = this.books.length;
    this.rel = new Float64Array(n);
    this.cum = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) {
      const b = this.books[j];
      this.rel[j] = release[b];
      this.cum[j + 1] = this.cum[j] + weight[b];
    }
  }

  /** Book for uniform `u` in [0, 1), or -1 when no book is released in the window. */
  sample(u: number, t: number, window: number): number {
    const hi = upperBound(this.rel, t);
    const lo = window > 0 ? upperBound(this.rel, t - window, 0, hi) : 0;
    if (lo >= hi) return -1;
    const x = this.cum[lo] + u * (this.cum[hi] - this.cum[lo]);
    const j = upperBound(this.cum, x, lo + 1, hi + 1) - 1;
    return this.books[Math.min(j, hi - 1)];
  }

  /** Book released by `t` for uniform `u` in [0, 1), ignoring weights, or -1 when none. */
  sampleUniform(u: number, t: number): number {
    const hi = upperBound(this.rel, t);
    return hi > 0 ? this.books[Math.floor(u * hi)] : -1;
  }
}

/** Every per-book and per-author array of the generated catalog (dense indices). */
export interface Catalog {
  nItems: number;
  nAuthors: number;
  /** Genre index (into `GENRES`) per book and per author. */
  bookGenre: Uint8Array;
  authorGenre: Uint8Array;
  /** Main author per book; second author or -1. */
  bookAuthor: Int32Array;
  coAuthor: Int32Array;
  /** Popularity weight per book (heavy-tailed). */
  weight: Float64Array;
  /** Release instant per book, epoch seconds; no interaction happens before it. */
  release: Float64Array;
  /** Publication year per book, NaN when unknown. */
  pubYear: Float64Array;
  /** Series per book (-1 none) and 0-based position in it. */
  seriesOf: Int32Array;
  seriesPos: Int32Array;
  /** CSR: books of series `s` in order are `seriesBooks[seriesStart[s] .. seriesStart[s+1])`. */
  seriesStart: Int32Array;
  seriesBooks: Int32Array;
  /** CSR: books of author `a` in release order (main author only). */
  authorStart: Int32Array;
  authorBooks: Int32Array;
  /** Samplers over all books and over each genre's books. */
  global: ReleaseSampler;
  byGenre: ReleaseSampler[];
}

/**
 * Builds a random catalog.
 *
 * @example
 * ```ts
 * import { buildCatalog } from "./_catalog.ts";
 * import { StreamRng } from "../rng/mod.ts";
 * const c = buildCatalog(new StreamRng(1), { items: 40, authors: 10, t0: 0, t1: 1e8, startYear: 1970, popularityAlpha: 1.1, backlistShare: 0.4 });
 * if (c.nItems !== 40 || c.release[0] !== 0) throw new Error("catalog");
 * ```
 */
export function buildCatalog(rng: StreamRng, p: CatalogParams): Catalog {
  const n = p.items;
  const nA = Math.max(1, Math.min(p.authors, n));
  const genreSize = GENRES.map((g) => g.size);
  const authorGenre = new Uint8Array(nA);
  const authorPop = new Float64Array(nA);
  for (let a = 0; a < nA; a++) {
    authorGenre[a] = rng.pick(genreSize);
    authorPop[a] = Math.pow(1 - rng.next(), -1 / p.popularityAlpha);
  }
  const bookAuthor = assignAuthors(rng, n, authorPop);
  const bookGenre = new Uint8Array(n);
  const coAuthor = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  const release = new Float64Array(n);
  const pubYear = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const a = bookAuthor[b];
    bookGenre[b] = rng.next() < 0.85 ? authorGenre[a] : rng.pick(genreSize);
    if (rng.next() < 0.06) coAuthor[b] = rng.int(nA);
    if (coAuthor[b] === a) coAuthor[b] = -1;
    weight[b] = authorPop[a] * Math.exp(0.9 * rng.normal());
    const backlist = b === 0 || rng.next() < p.backlistShare;
    release[b] = backlist ? p.t0 : p.t0 + Math.floor(rng.next() * (p.t1 - p.t0));
    pubYear[b] = backlist
      ? p.startYear - 1 - Math.floor(80 * Math.pow(rng.next(), 3))
      : new Date(release[b] * 1000).getUTCFullYear();
    if (rng.next() < 0.04) pubYear[b] = NaN;
  }
  const [authorStart, authorBooks] = csr(nA, bookAuthor, release);
  const series = buildSeries(rng, authorStart, authorBooks, bookGenre, weight);
  const byGenre = GENRES.map((_, gi) => {
    const books = [];
    for (let b = 0; b < n; b++) if (bookGenre[b] === gi) books.push(b);
    return new ReleaseSampler(Int32Array.from(books), release, weight);
  });
  const all = new Int32Array(n).map((_, i) => i);
  return {
    nItems: n,
    nAuthors: nA,
    bookGenre,
    authorGenre,
    bookAuthor,
    coAuthor,
    weight,
    release,
    pubYear,
    ...series,
    authorStart,
    authorBooks,
    global: new ReleaseSampler(all, release, weight),
    byGenre,
  };
}

/** Every author gets one book; the rest go to authors drawn by popularity^0.6 (prolific ones). */
function assignAuthors(rng: StreamRng, n: number, authorPop: Float64Array): Int32Array {
  const nA = authorPop.length;
  const cum = new Float64Array(nA + 1);
  for (let a = 0; a < nA; a++) cum[a + 1] = cum[a] + Math.pow(authorPop[a], 0.6);
  const bookAuthor = new Int32Array(n);
  for (let b = 0; b < n; b++) {
    bookAuthor[b] = b < nA ? b : Math.min(nA - 1, upperBound(cum, rng.next() * cum[nA]) - 1);
  }
  // Shuffle so that book index says nothing about the author.
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = bookAuthor[i];
    bookAuthor[i] = bookAuthor[j];
    bookAuthor[j] = t;
  }
  return bookAuthor;
}

/** CSR of books grouped by `key`, each group sorted by `release` (then book index). */
function csr(nKeys: number, key: Int32Array, release: Float64Array): [Int32Array, Int32Array] {
  const start = new Int32Array(nKeys + 1);
  for (let b = 0; b < key.length; b++) start[key[b] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nKeys);
  const books = new Int32Array(key.length);
  for (let b = 0; b < key.length; b++) books[fill[key[b]]++] = b;
  for (let k = 0; k < nKeys; k++) {
    books.subarray(start[k], start[k + 1]).sort((a, b) => release[a] - release[b] || a - b);
  }
  return [start, books];
}

type SeriesArrays = Pick<Catalog, "seriesOf" | "seriesPos" | "seriesStart" | "seriesBooks">;

/**
 * Groups some authors' books (in release order) into series of 2–5 volumes; a series keeps
 * its first volume's genre, and later volumes are less popular (readers drop out).
 */
function buildSeries(
  rng: StreamRng,
  authorStart: Int32Array,
  authorBooks: Int32Array,
  bookGenre: Uint8Array,
  weight: Float64Array,
): SeriesArrays {
  const n = authorBooks.length;
  const seriesOf = new Int32Array(n).fill(-1);
  const seriesPos = new Int32Array(n);
  const starts: number[] = [0];
  const members: number[] = [];
  for (let a = 0; a + 1 < authorStart.length; a++) {
    let j = authorStart[a];
    const end = authorStart[a + 1];
    if (end - j < 2 || rng.next() > 0.5) continue;
    while (end - j >= 2) {
      const len = Math.min(end - j, 2 + rng.int(4));
      const s = starts.length - 1;
      for (let k = 0; k < len; k++) {
        const b = authorBooks[j + k];
        seriesOf[b] = s;
        seriesPos[b] = k;
        bookGenre[b] = bookGenre[authorBooks[j]];
        weight[b] *= Math.pow(0.8, k);
        members.push(b);
      }
      starts.push(members.length);
      j += len;
      if (rng.next() < 0.5) break;
    }
  }
  return {
    seriesOf,
    seriesPos,
    seriesStart: Int32Array.from(starts),
    seriesBooks: Int32Array.from(members),
  };
}
