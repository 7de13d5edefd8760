/**
 * Half-sampling of the concentration of recommendations (Gini and entropy of
 * the recommendation counts over the catalog, PROTOCOL §4.1). Like coverage,
 * these statistics of a whole set of lists change with the number of users
 * (fewer users leave more items at 0), so arms are compared at an equal
 * number of users and the ordinary bootstrap's duplicated users would bias
 * them; `size` users are drawn without replacement per replicate, as in
 * `cover_bootstrap.ts`, whose draws this shares. The same pass yields each
 * replicate's coverage too (the items with a count above 0): with the
 * coverage job's seed, one draw serves coverage, Gini and entropy.
 *
 * @module
 */
import { concentration, type ItemUsers, itemUsers } from "../metrics/mod.ts";
import { halfSamples } from "./cover_bootstrap.ts";
import { embeddedModule } from "../wasm.ts";
import { LANES_WASM_BASE64 } from "./_lanes_wasm.ts";

/** One arm's lists for a concentration job: row `q` (user q) is `lists[q*k .. q*k+k)`, -1 pads. */
export interface ListFamily {
  lists: Int32Array;
  k: number;
}

/** A half-sampling job of Gini and entropy: families of lists over the same n users. */
export interface ConcentrationJob {
  /** Users (rows) of every family. */
  n: number;
  /** Users drawn without replacement per replicate. */
  size: number;
  /** One or more arms' lists over those users (paired arms share the draws). */
  families: ListFamily[];
  /** Items of the catalog (the Gini's and entropy's denominator). */
  catalogSize: number;
  /** Item ids are below this. */
  nItems: number;
  resamples: number;
  seed: number;
}

/** Replicates per family in the result of {@linkcode concentrationBootstrap}: Gini, entropy, covered items. */
export const CONCENTRATION_REPLICATES = 3;

/**
 * Replicates `[gini_0, entropy_0, covered_0, gini_1, entropy_1, covered_1, …]`,
 * three per family: entry b is the statistic over the lists of replicate b's
 * users (`covered`: how many items they recommend, as `coverBootstrap` counts
 * them over the same draws).
 *
 * @example
 * ```ts
 * import { concentrationBootstrap } from "./concentration_bootstrap.ts";
 * // every user is recommended the same single item: Gini 1 − 1/C, entropy 0 in every replicate
 * const lists = new Int32Array(10).fill(3);
 * const [g, h, c] = concentrationBootstrap({ n: 10, size: 5, families: [{ lists, k: 1 }], catalogSize: 4, nItems: 4, resamples: 3, seed: 1 });
 * if (g.some((x) => x !== 0.75) || h.some((x) => x !== 0) || c.some((x) => x !== 1)) throw new Error();
 * ```
 */
export function concentrationBootstrap(job: ConcentrationJob): Float64Array[] {
  const { families, resamples, size } = job;
  const out = families.flatMap(() =>
    Array.from({ length: CONCENTRATION_REPLICATES }, () => new Float64Array(resamples))
  );
  // each family's counters only for the items it recommends (popular lists hold ~100 items of a
  // catalog of 10⁵): the counters stay in cache and the statistics scan a short array — the
  // catalog's other items count 0 either way, and `concentration` takes their number from C
  const dense = families.map((f) => denseItems(f.lists, job.nItems));
  // users with the same set of items (popular: ~20k sets for 166k users) are counted as a group:
  // the drawn users are counted per group (LANES replicates per pass over the n users), then each
  // group's count is added to its k items per replicate — when that is cheaper than a pass over
  // all n·k (user, item) pairs: n/LANES + groups·k < n·k/LANES (Σ over integers: same counts)
  const grouped = families.map(({ k }, f) =>
    listGroups(dense[f].lists, k, job.n, Math.floor((job.n * (k - 1)) / (LANES * k)))
  );
  // the users of each group, or of each item (every dense id occurs, so the distinct items of
  // `itemUsers` are 0 .. items−1 in order), counted LANES replicates at once (`LaneCounter`)
  const sets = families.map(({ k }, f) =>
    itemUsers(grouped[f]?.group ?? dense[f].lists, grouped[f] ? 1 : k)
  );
  const items = Math.max(1, ...dense.map((d) => d.items));
  const counts = new Int32Array(items);
  const scratch = new Int32Array(size * Math.max(1, ...families.map((f) => f.k)) + 1);
  const lanes = new LaneCounter(job.n, sets);
  const mask = lanes.mask;
  /** Replicate b's three statistics of family f from its item counts. */
  const record = (f: number, b: number, c: Int32Array) => {
    const n = dense[f].items;
    let covered = 0;
    for (let i = 0; i < n; i++) if (c[i] > 0) covered++;
    const { gini, entropy } = concentration(c.subarray(0, n), job.catalogSize, scratch);
    const o = CONCENTRATION_REPLICATES * f;
    out[o][b] = gini;
    out[o + 1][b] = entropy;
    out[o + 2][b] = covered;
  };
  /** Counts and records the lanes' replicates `first ..` of every family. */
  const flush = (first: number, drawn: number) => {
    families.forEach(({ k }, f) => {
      lanes.count(f);
      const groups = grouped[f];
      for (let r = 0; r < drawn; r++) {
        if (!groups) record(f, first + r, lanes.counts[f][r]);
        else {
          addGroups(groups, k, lanes.counts[f][r], counts);
          record(f, first + r, counts);
          counts.fill(0, 0, dense[f].items);
        }
      }
    });
    mask.fill(0);
  };
  halfSamples(job, (users, b) => {
    const lane = b % LANES;
    for (let q = 0; q < users.length; q++) mask[users[q]] |= 1 << lane;
    if (lane === LANES - 1 || b === resamples - 1) flush(b - lane, lane + 1);
  });
  return out;
}

/** Replicates counted together by {@linkcode LaneCounter}: one bit of a user's mask byte each. */
const LANES = 8;

/**
 * `SPREAD[2m]`, `SPREAD[2m + 1]`: mask byte m's bits 0–3 and 4–7, one per
 * byte of a 32-bit word — adding them counts four replicates per word.
 */
const SPREAD = (() => {
  const t = new Uint32Array(512);
  for (let m = 0; m < 256; m++) {
    for (let bit = 0; bit < 4; bit++) {
      t[2 * m] |= ((m >> bit) & 1) << (8 * bit);
      t[2 * m + 1] |= ((m >> (bit + 4)) & 1) << (8 * bit);
    }
  }
  return t;
})();

/**
 * Every set's count in LANES replicates at once, a set being family f's item
 * (or group of users with the same items): `counts[f][r][i]` = Σ over the
 * users u of set i (with multiplicity) of bit r of `mask[u]` (1 when u is drawn in replicate
 * r). The bits are added as bytes of two 32-bit words (SWAR, {@linkcode SPREAD}),
 * emptied into the counts every 255 users before a byte can overflow: per
 * (item, user) one mask read and two adds for eight replicates, where
 * counting list by list costs eight increments. Integer sums: the counts
 * equal a replicate-by-replicate count exactly. The loop is `lanes.wat`,
 * run on one WebAssembly memory holding the mask, the families' item → user
 * lists and the counts (the mask and counts are views on it).
 */
class LaneCounter {
  /** The users' mask bytes (bit r: drawn in replicate r). */
  readonly mask: Uint8Array;
  /** Per family, its LANES count arrays (of items, or of groups). */
  readonly counts: Int32Array[][];
  readonly #lanes: (...args: number[]) => void;
  readonly #at: { items: number; offsets: number; members: number }[];
  readonly #mask: number;
  readonly #out: number;

  constructor(n: number, sets: ItemUsers[]) {
    const align = (x: number) => Math.ceil(x / 8) * 8;
    const maxItems = Math.max(1, ...sets.map((u) => u.items.length));
    // SPREAD at byte 0, then the mask, the counts and each family's lists
    this.#mask = SPREAD.byteLength;
    this.#out = align(this.#mask + n);
    let end = this.#out + 4 * LANES * maxItems;
    this.#at = sets.map((u) => {
      const at = {
        items: u.items.length,
        offsets: end,
        members: align(end + u.offsets.byteLength),
      };
      end = align(at.members + u.members.byteLength);
      return at;
    });
    const pages = Math.max(1, Math.ceil(end / 65536));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const module = embeddedModule(LANES_WASM_BASE64);
    const { exports } = new WebAssembly.Instance(module, { env: { memory } });
    this.#lanes = exports.lanes as (...args: number[]) => void;
    const buffer = memory.buffer;
    new Uint32Array(buffer, 0, SPREAD.length).set(SPREAD);
    this.mask = new Uint8Array(buffer, this.#mask, n);
    this.counts = this.#at.map((at, f) => {
      new Int32Array(buffer, at.offsets, at.items + 1).set(sets[f].offsets);
      new Int32Array(buffer, at.members, sets[f].members.length).set(sets[f].members);
      return Array.from(
        { length: LANES },
        (_, r) => new Int32Array(buffer, this.#out + 4 * r * at.items, at.items),
      );
    });
  }

  /** Counts family f's sets in the LANES replicates the mask holds (into `counts[f]`). */
  count(f: number): void {
    const at = this.#at[f];
    this.#lanes(at.items, at.offsets, at.members, this.#mask, 0, this.#out);
  }
}

/** Users grouped by their set of items: `group[u]`, and group g's items `lists[g·k .. g·k+k)`. */
interface ListGroups {
  group: Int32Array;
  lists: Int32Array;
  count: number;
}

/** Adds each group's count of drawn users (`inGroup[g]`) to the counts of its items. */
function addGroups(groups: ListGroups, k: number, inGroup: Int32Array, counts: Int32Array): void {
  const { lists, count } = groups;
  for (let g = 0; g < count; g++) {
    const c = inGroup[g];
    if (c === 0) continue;
    for (let p = g * k; p < g * k + k; p++) if (lists[p] >= 0) counts[lists[p]] += c;
  }
}

/**
 * The n users' lists grouped by their set of items (each list sorted, hashed
 * into an open-addressing table); null when there are more than `limit` sets.
 */
function listGroups(lists: Int32Array, k: number, n: number, limit: number): ListGroups | null {
  const cap = 2 ** Math.ceil(Math.log2(2 * limit + 2));
  const table = new Int32Array(cap).fill(-1);
  const sets = new Int32Array(limit * k);
  const group = new Int32Array(n);
  const row = new Int32Array(k);
  let count = 0;
  for (let u = 0; u < n; u++) {
    for (let p = 0; p < k; p++) { // insertion sort of the user's k items
      const x = lists[u * k + p];
      let q = p;
      for (; q > 0 && row[q - 1] > x; q--) row[q] = row[q - 1];
      row[q] = x;
    }
    let h = 0x811c9dc5;
    for (let p = 0; p < k; p++) h = Math.imul(h ^ row[p], 0x01000193);
    for (let slot = h & (cap - 1);; slot = (slot + 1) & (cap - 1)) {
      const g = table[slot];
      if (g < 0) {
        if (count === limit) return null;
        table[slot] = count;
        sets.set(row, count * k);
        group[u] = count++;
        break;
      }
      let same = true;
      for (let p = 0; p < k && same; p++) same = sets[g * k + p] === row[p];
      if (same) {
        group[u] = g;
        break;
      }
    }
  }
  return { group, lists: sets.subarray(0, count * k), count };
}

/** The lists with each item renumbered densely (first appearance order), and how many items. */
function denseItems(lists: Int32Array, nItems: number): { lists: Int32Array; items: number } {
  const id = new Int32Array(nItems).fill(-1);
  const out = new Int32Array(lists.length);
  let items = 0;
  for (let p = 0; p < lists.length; p++) {
    const i = lists[p];
    if (i < 0) out[p] = -1;
    else {
      if (id[i] < 0) id[i] = items++;
      out[p] = id[i];
    }
  }
  return { lists: out, items };
}
