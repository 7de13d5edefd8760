/**
 * The half-sampling kernels against a direct computation: each replicate's
 * users re-drawn with `halfSamples` (same seed), their recommendation counts
 * taken over the original item ids, Gini from the sorted counts (the
 * definition, not the histogram), entropy term by term, coverage as the
 * items with a count above 0 (lists counted user by user, and a family of
 * few distinct sets counted by group) — and coverage's own job over the same draws
 * gives the same replicates, so coverage, Gini and entropy may share one draw.
 */
import { assert, assertEquals } from "../_assert.ts";
import {
  CONCENTRATION_REPLICATES,
  concentrationBootstrap,
  coverBootstrap,
  halfSamples,
} from "../../src/stats/mod.ts";
import { itemUsers } from "../../src/metrics/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

/** Gini by sorting all C catalog counts (zeros included): Σ (2r − C − 1) x_(r) / (C · T). */
function sortGini(counts: number[], catalog: number): number {
  const x = [...counts, ...new Array(catalog - counts.length).fill(0)].sort((a, b) => a - b);
  const total = x.reduce((s, v) => s + v, 0);
  let g = 0;
  x.forEach((v, r) => (g += (2 * (r + 1) - catalog - 1) * v));
  return g / (catalog * total);
}

/** Entropy term by term, bits: −Σ p log2 p over items with p > 0. */
function directEntropy(counts: number[]): number {
  const total = counts.reduce((s, v) => s + v, 0);
  return -counts.filter((v) => v > 0).reduce((s, v) => s + (v / total) * Math.log2(v / total), 0);
}

/** Lists of n users at cut-off k over nItems items: a skewed head (like popular) or spread out. */
function lists(rng: Rng, n: number, k: number, nItems: number, skew: boolean): Int32Array {
  const out = new Int32Array(n * k).fill(-1);
  for (let u = 0; u < n; u++) {
    const len = rng.int(k + 1); // some users get short or empty lists
    for (let p = 0; p < len; p++) {
      const i = skew ? Math.floor(nItems * rng.next() ** 4) : rng.int(nItems);
      if (!out.subarray(u * k, u * k + p).includes(i)) out[u * k + p] = i;
    }
  }
  return out;
}

Deno.test("concentrationBootstrap: Gini, entropy and coverage of each half-sample equal a direct computation", () => {
  const rng = new Rng(17);
  for (const [n, size, k, nItems, catalog] of [[60, 30, 5, 40, 50], [200, 100, 10, 500, 700]]) {
    // a few sets of items in shuffled order (as popular recommends): counted by group
    const templates = [0, 1, 2].map(() => lists(rng, 1, k, nItems, false));
    const few = new Int32Array(n * k);
    for (let u = 0; u < n; u++) {
      const t = [...templates[rng.int(3)]].sort(() => rng.next() - 0.5);
      few.set(t, u * k);
    }
    const families = [
      { lists: lists(rng, n, k, nItems, true), k },
      { lists: lists(rng, n, k, nItems, false), k },
      { lists: few, k },
    ];
    const job = { n, size, families, catalogSize: catalog, nItems, resamples: 43, seed: 99 }; // 5 batches of 8 lanes and a partial one
    const reps = concentrationBootstrap(job);
    assertEquals(reps.length, CONCENTRATION_REPLICATES * families.length);
    halfSamples(job, (users, b) => {
      families.forEach(({ lists, k }, f) => {
        const counts = new Array(nItems).fill(0);
        for (const u of users) {
          for (let p = 0; p < k; p++) if (lists[u * k + p] >= 0) counts[lists[u * k + p]]++;
        }
        const [gini, entropy, covered] = reps.slice(3 * f, 3 * f + 3).map((r) => r[b]);
        assert(Math.abs(gini - sortGini(counts, catalog)) < 1e-12, `Gini ${gini} (${b}, ${f})`);
        assert(Math.abs(entropy - directEntropy(counts)) < 1e-12, `entropy ${entropy}`);
        assertEquals(covered, counts.filter((v) => v > 0).length);
      });
    });
    // coverage's own job over the same seed and users: the same replicates, exactly
    const sets = families.map((f) => itemUsers(f.lists, f.k));
    const cover = coverBootstrap({ n, size, families: sets, resamples: 43, seed: 99 });
    assertEquals(cover, [reps[2], reps[5], reps[8]]);
  }
});

Deno.test("concentrationBootstrap: an item or a group in more drawn lists than a byte counts (lanes emptied in time)", () => {
  // every user's list holds item 0 and two of many others (distinct sets: counted item by item);
  // nearly everyone is drawn, so a block of more than 255 of item 0's users would overflow a byte;
  // the second family's users share two lists (counted by group, each group > 255 users)
  const rng = new Rng(5);
  const n = 1200, size = 1195, k = 3, nItems = 5000;
  const lists = new Int32Array(n * k);
  for (let u = 0; u < n; u++) lists.set([0, 1 + rng.int(2499), 2500 + rng.int(2499)], u * k);
  const shared = new Int32Array(n * k);
  for (let u = 0; u < n; u++) shared.set(u % 3 === 0 ? [4, 7, 9] : [9, 4, 8], u * k);
  const families = [{ lists, k }, { lists: shared, k }];
  const job = { n, size, families, catalogSize: nItems, nItems, resamples: 11, seed: 4 };
  const reps = concentrationBootstrap(job);
  halfSamples(job, (users, b) => {
    families.forEach(({ lists }, f) => {
      const [gini, entropy, covered] = reps.slice(3 * f, 3 * f + 3).map((r) => r[b]);
      const counts = new Array(nItems).fill(0);
      for (const u of users) for (let p = 0; p < k; p++) counts[lists[u * k + p]]++;
      assertEquals(counts[f === 0 ? 0 : 4], size);
      assert(Math.abs(gini - sortGini(counts, nItems)) < 1e-12, `Gini ${gini} (${b}, ${f})`);
      assert(Math.abs(entropy - directEntropy(counts)) < 1e-12, `entropy ${entropy}`);
      assertEquals(covered, counts.filter((v) => v > 0).length);
    });
  });
});
