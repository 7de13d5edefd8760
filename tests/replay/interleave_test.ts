/**
 * Team-draft interleaving (replay/interleave.ts) against a hand-worked
 * example, its invariants on random lists, and its fairness: with control and
 * test swapped the credit flips, and between identical rankers the
 * preference test's false-positive rate stays near α.
 */
import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { teamDraft, teamPreference } from "../../src/replay/mod.ts";
import { interleavingTest } from "../../src/compare/mod.ts";
import { hitTable, pbmClicks } from "../../src/metrics/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

Deno.test("team draft, worked by hand (Radlinski et al. 2008, Algorithm 2)", () => {
  // user 0: A = [a1 a2 a3 a4 a5] = [10 11 12 13 14], B = [11 20 10 21 22], k = 5
  //   round 1: teams 0–0, coin 0.3 < 0.5 → A picks 10
  //   round 2: A has more → B picks 11 (its first not shown)
  //   round 3: 1–1, coin 0.8 → B picks 20
  //   round 4: B has more → A picks 12 (11 already shown)
  //   round 5: 2–2, coin 0.1 → A picks 13 — list full
  // user 1: A = [1 2 -1 -1 -1] (short), B = [2 1 3 4 5]
  //   round 1: coin 0.9 → B picks 2; round 2: A picks 1; round 3: A has no item left → stop
  const coins = [0.3, 0.8, 0.1, 0.9];
  const a = Int32Array.of(10, 11, 12, 13, 14, 1, 2, -1, -1, -1);
  const b = Int32Array.of(11, 20, 10, 21, 22, 2, 1, 3, 4, 5);
  const r = teamDraft(a, b, 5, { next: () => coins.shift()! });
  assertEquals(Array.from(r.lists), [10, 11, 20, 12, 13, 2, 1, -1, -1, -1]);
  assertEquals(Array.from(r.team), [0, 1, 1, 0, 0, 1, 0, -1, -1, -1]);
  assertEquals(coins.length, 0, "a coin only when the teams are equal");
  // clicks on positions 2 and 3 (both B) for user 0, position 2 (A) for user 1
  const clicked = Uint8Array.of(0, 1, 1, 0, 0, 0, 1, 0, 0, 0);
  assertEquals(Array.from(teamPreference(r.team, clicked, 5)), [1, -1]);
  assertThrows(() => teamDraft(a, b.subarray(0, 5), 5, new Rng(1)), RangeError, "n × 5");
});

Deno.test("invariants on random lists: distinct items from A or B, teams within one, prefixes", () => {
  const rng = new Rng(3), k = 8, n = 300;
  const a = new Int32Array(n * k), b = new Int32Array(n * k);
  for (let j = 0; j < n; j++) {
    const perm = (l: Int32Array) => {
      const pool = Array.from({ length: 15 }, (_, i) => i);
      for (let p = 0; p < k; p++) l[j * k + p] = pool.splice(rng.int(pool.length), 1)[0];
    };
    perm(a);
    perm(b);
  }
  const r = teamDraft(a, b, k, new Rng(4));
  for (let j = 0; j < n; j++) {
    const row = Array.from(r.lists.subarray(j * k, j * k + k)).filter((x) => x >= 0);
    const team = Array.from(r.team.subarray(j * k, j * k + k)).filter((x) => x >= 0);
    assertEquals(new Set(row).size, row.length, "distinct");
    assertEquals(row.length, k, "full lists interleave to k items");
    const la = Array.from(a.subarray(j * k, j * k + k)),
      lb = Array.from(b.subarray(j * k, j * k + k));
    let na = 0, nb = 0;
    for (let p = 0; p < row.length; p++) {
      const own = team[p] === 0 ? la : lb;
      assert(own.includes(row[p]), `user ${j}: item ${row[p]} not from its team's list`);
      // the team picked its best item not shown before
      assertEquals(row[p], own.find((x) => !row.slice(0, p).includes(x)));
      team[p] === 0 ? na++ : nb++;
      assert(Math.abs(na - nb) <= 1, "teams stay within one pick");
    }
  }
});

Deno.test("identical rankers: the preference test rejects at about α (A/A over 400 seeds)", () => {
  // 2000 users, each with a random list of 10 out of 30 items, 5 relevant; A = B
  const k = 10, n = 2000, rng = new Rng(11);
  const lists = new Int32Array(n * k), relItems = new Int32Array(n * 5);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < k; p++) lists[j * k + p] = rng.int(1000) * 30 + p;
    for (let q = 0; q < 5; q++) relItems[j * 5 + q] = lists[j * k + rng.int(k)];
  }
  const relOffsets = Int32Array.from({ length: n + 1 }, (_, j) => j * 5);
  const theta = Float64Array.from({ length: k }, (_, p) => 1 / (p + 1));
  const base = hitTable(lists, k, relOffsets, relItems);
  const ctr = pbmClicks(base, theta, new Rng(1)).blockClick;
  let rejections = 0;
  const seeds = 400;
  for (let s = 0; s < seeds; s++) {
    const mixed = teamDraft(lists, lists, k, new Rng(100 + s));
    const t = hitTable(mixed.lists, k, relOffsets, relItems);
    const pref = teamPreference(mixed.team, pbmClicks(t, theta, new Rng(900 + s)).clicked, k);
    const r = interleavingTest(pref, ctr, ctr, { alpha: 0.05, power: 0.8 });
    if (r.pValue < 0.05) rejections++;
  }
  // binomial(400, 0.05): mean 20, sd 4.4 → 3 sd either side
  assert(rejections >= 7 && rejections <= 33, `${rejections} of ${seeds} rejected`);
});
