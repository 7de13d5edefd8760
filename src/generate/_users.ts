/**
 * Reader simulation of the data generator: heavy-tailed activity, an active period per user
 * with increasing timestamps, and a taste model (favourite genres and authors, series read
 * in order, next book of an author already read) that item-based CF and content models can
 * learn from.
 *
 * @module
 */
import type { Interactions } from "../data/mod.ts";
import type { Catalog } from "./_catalog.ts";
import type { StreamRng } from "../rng/mod.ts";
import { GENRES } from "./_words.ts";

/** Parameters of the reader simulation. */
export interface SimParams {
  users: number;
  /** Target number of interactions (before dedupe). */
  interactions: number;
  /** First and last instant, epoch seconds. */
  t0: number;
  t1: number;
  /** Sigma of the log-normal user activity. */
  activitySigma: number;
  /** Probability of continuing a series/author from the user's history. */
  pContinue: number;
  /** Probability of a favourite author's book. */
  pFavourite: number;
  /** Probability of a book of a favourite genre (else a globally popular one). */
  pGenre: number;
  /** Probability that a genre/global pick is restricted to recent releases. */
  pRecent: number;
  /** Share of rows that repeat an earlier (user, book) pair. */
  duplicateShare: number;
}

const DAY = 86_400;
const RECENT_WINDOW = 180 * DAY;
/** Goodreads-like shares of ratings 1..5 among rated interactions. */
const RATING_SHARES = [2, 6, 21, 35, 36];
const GENRE_SIZE = GENRES.map((g) => g.size);
const TRIES = 6;

/**
 * Interactions per user: log-normal weights scaled to the target, at least 1, at most 50%
 * of the catalog; the scale is corrected twice for clipping.
 *
 * @example
 * ```ts
 * import { activityCounts } from "./_users.ts";
 * import { StreamRng } from "../rng/mod.ts";
 * const c = activityCounts(new StreamRng(1), 100, 2000, 1.4, 500);
 * const total = c.reduce((s, x) => s + x, 0);
 * if (Math.abs(total - 2000) > 100) throw new Error(`total ${total}`);
 * ```
 */
export function activityCounts(
  rng: StreamRng,
  users: number,
  target: number,
  sigma: number,
  items: number,
): Int32Array {
  const w = new Float64Array(users);
  let sum = 0;
  for (let u = 0; u < users; u++) sum += w[u] = Math.exp(sigma * rng.normal());
  const cap = Math.max(1, Math.floor(items * 0.5));
  const counts = new Int32Array(users);
  let scale = target / sum;
  for (let pass = 0; pass < 3; pass++) {
    let total = 0;
    for (let u = 0; u < users; u++) {
      counts[u] = Math.min(cap, Math.max(1, Math.round(w[u] * scale)));
      total += counts[u];
    }
    scale *= target / total;
  }
  return counts;
}

/** Mutable state of one user while their rows are generated. */
interface UserState {
  rowStart: number;
  rows: number;
  seen: Set<number>;
  genreW: number[];
  genres: number[];
  favAuthors: number[];
}

/**
 * Simulates every user's interactions; rows are grouped by user, in time order.
 *
 * @example
 * ```ts
 * import { simulate } from "./_users.ts";
 * import { buildCatalog } from "./_catalog.ts";
 * import { StreamRng } from "../rng/mod.ts";
 * const cat = buildCatalog(new StreamRng(1), { items: 60, authors: 15, t0: 0, t1: 1e8, startYear: 1970, popularityAlpha: 1.1, backlistShare: 0.4 });
 * const x = simulate(new StreamRng(2), cat, { users: 20, interactions: 200, t0: 0, t1: 1e8, activitySigma: 1, pContinue: 0.3, pFavourite: 0.1, pGenre: 0.4, pRecent: 0.2, duplicateShare: 0.005 });
 * if (x.user.length < 150 || x.ts.some((t, r) => t < cat.release[x.item[r]])) throw new Error("simulate");
 * ```
 */
export function simulate(rng: StreamRng, cat: Catalog, p: SimParams): Interactions {
  const counts = activityCounts(rng, p.users, p.interactions, p.activitySigma, cat.nItems);
  const cap = counts.reduce((s, c) => s + c, 0);
  const out: Interactions = {
    user: new Int32Array(cap),
    item: new Int32Array(cap),
    ts: new Float64Array(cap),
    rating: new Uint8Array(cap),
    isRead: new Uint8Array(cap),
  };
  let maxCount = 1;
  for (let u = 0; u < p.users; u++) maxCount = Math.max(maxCount, counts[u]);
  const times = new Float64Array(maxCount);
  let r = 0;
  for (let u = 0; u < p.users; u++) {
    const n = counts[u];
    userTimes(rng, p, n, times);
    const st = newUser(rng, cat, r, times[n - 1]);
    const pRead = 0.15 + 0.7 * rng.next();
    const pRate = 0.7 + 0.3 * rng.next();
    for (let k = 0; k < n; k++) {
      const t = times[k];
      const b = chooseBook(rng, cat, p, st, out.item, t);
      if (b < 0) continue;
      st.seen.add(b);
      out.user[r] = u;
      out.item[r] = b;
      out.ts[r] = t;
      const read = rng.next() < pRead;
      out.isRead[r] = read ? 1 : 0;
      out.rating[r] = read && rng.next() < pRate ? 1 + rng.pick(RATING_SHARES) : 0;
      r++;
      st.rows++;
    }
  }
  if (r === cap) return out;
  return {
    user: out.user.slice(0, r),
    item: out.item.slice(0, r),
    ts: out.ts.slice(0, r),
    rating: out.rating.slice(0, r),
    isRead: out.isRead.slice(0, r),
  };
}

/**
 * Fills `out[0..n)` with strictly increasing integer instants spread over a random active
 * period inside [t0, t1]; later starts are likelier (the site grows), heavy users stay longer.
 */
function userTimes(rng: StreamRng, p: SimParams, n: number, out: Float64Array): void {
  const span = p.t1 - p.t0;
  const minLen = Math.min(span, Math.max(30 * DAY, n * 3600));
  const len = Math.max(minLen, span * Math.pow(rng.next(), 1.5));
  const start = p.t0 + Math.floor((span - len) * Math.pow(rng.next(), 0.6));
  let acc = 0;
  for (let k = 0; k < n; k++) out[k] = acc += -Math.log(1 - rng.next());
  acc += -Math.log(1 - rng.next());
  let prev = -Infinity;
  for (let k = 0; k < n; k++) {
    const t = Math.max(prev + 1, start + Math.floor((len * out[k]) / acc));
    out[k] = prev = Math.min(t, p.t1 - (n - 1 - k));
  }
}

/** Draws a user's 1–3 favourite genres (weighted) and 0–3 favourite authors. */
function newUser(rng: StreamRng, cat: Catalog, rowStart: number, tEnd: number): UserState {
  const nGenres = 1 + rng.pick([5, 3, 2]);
  const genres: number[] = [];
  const genreW: number[] = [];
  for (let i = 0; i < nGenres; i++) {
    genres.push(rng.pick(GENRE_SIZE));
    genreW.push(Math.pow(rng.next(), 1 + i) + 0.05);
  }
  const favAuthors: number[] = [];
  const nFav = rng.int(4);
  for (let i = 0; i < nFav; i++) {
    const b = cat.byGenre[genres[rng.pick(genreW)]].sample(rng.next(), tEnd, 0);
    if (b >= 0) favAuthors.push(cat.bookAuthor[b]);
  }
  return { rowStart, rows: 0, seen: new Set(), genres, genreW, favAuthors };
}

/**
 * One book for the user at instant `t`: continuation, favourite author, favourite genre or
 * global popularity, falling back down that chain, then to a uniform unread book; -1 when
 * every attempt hit a book already read.
 */
function chooseBook(
  rng: StreamRng,
  cat: Catalog,
  p: SimParams,
  st: UserState,
  items: Int32Array,
  t: number,
): number {
  const h = st.rows;
  if (h > 0 && rng.next() < p.duplicateShare) return items[st.rowStart + rng.int(h)];
  let x = rng.next();
  let b = -1;
  if (h > 0 && (x -= p.pContinue) < 0) b = continuation(rng, cat, st, items, t);
  else if (st.favAuthors.length > 0 && (x -= p.pFavourite) < 0) {
    b = fromAuthor(rng, cat, st, st.favAuthors[rng.int(st.favAuthors.length)], t);
  }
  if (b < 0 && x < p.pGenre) {
    b = fromSampler(rng, cat.byGenre[st.genres[rng.pick(st.genreW)]], st, t, p.pRecent);
  }
  if (b < 0) b = fromSampler(rng, cat.global, st, t, p.pRecent);
  for (let k = 0; k < TRIES && b < 0; k++) {
    b = cat.global.sampleUniform(rng.next(), t);
    if (st.seen.has(b)) b = -1;
  }
  return b;
}

/** Next unread released volume of a series in the recent history, else that author's book. */
function continuation(
  rng: StreamRng,
  cat: Catalog,
  st: UserState,
  items: Int32Array,
  t: number,
): number {
  const h = st.rows;
  const back = h <= 5 || rng.next() < 0.7 ? 1 + rng.int(Math.min(h, 5)) : 1 + rng.int(h);
  const a = items[st.rowStart + h - back];
  const s = cat.seriesOf[a];
  if (s >= 0 && rng.next() < 0.8) {
    for (let j = cat.seriesStart[s] + cat.seriesPos[a] + 1; j < cat.seriesStart[s + 1]; j++) {
      const b = cat.seriesBooks[j];
      if (cat.release[b] > t) break;
      if (!st.seen.has(b)) return b;
    }
  }
  return fromAuthor(rng, cat, st, cat.bookAuthor[a], t);
}

/** An unread book of `author` released by `t`, or -1. */
function fromAuthor(
  rng: StreamRng,
  cat: Catalog,
  st: UserState,
  author: number,
  t: number,
): number {
  const lo = cat.authorStart[author];
  let hi = cat.authorStart[author + 1];
  while (hi > lo && cat.release[cat.authorBooks[hi - 1]] > t) hi--;
  for (let k = 0; k < TRIES && hi > lo; k++) {
    const b = cat.authorBooks[lo + rng.int(hi - lo)];
    if (!st.seen.has(b)) return b;
  }
  return -1;
}

/** An unread book from `s`, restricted to recent releases with probability `pRecent`, or -1. */
function fromSampler(
  rng: StreamRng,
  s: Catalog["global"],
  st: UserState,
  t: number,
  pRecent: number,
): number {
  const window = rng.next() < pRecent ? RECENT_WINDOW : 0;
  for (let k = 0; k < TRIES; k++) {
    const b = s.sample(rng.next(), t, k < TRIES / 2 ? window : 0);
    if (b >= 0 && !st.seen.has(b)) return b;
  }
  return -1;
}
