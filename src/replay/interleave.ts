/**
 * Team-draft interleaving (Radlinski, Kurup & Joachims, CIKM 2008, Algorithm
 * 2): two rankings A (control) and B (test) of a user are merged into one
 * list of at most k items. While both rankings still hold an item not yet in
 * the merged list, the team with fewer picks — on a tie, the one a fair coin
 * chooses — appends its highest-ranked item not yet in the list and owns it.
 * A click is credited to the team that owns the clicked item; the user
 * prefers B when B's team got more clicks, A when A's did, neither on a tie.
 *
 * @module
 */

/** A source of uniforms in [0, 1) (an injected seeded `Rng`). */
export interface CoinSource {
  /** The next uniform in [0, 1). */
  next(): number;
}

/** The interleaved lists of every user. */
export interface Interleaved {
  /** `lists[j*k + p]`, -1 for an empty slot. */
  lists: Int32Array;
  /** `team[j*k + p]`: 0 = A (control) picked it, 1 = B (test), -1 = empty slot. */
  team: Int8Array;
}

/**
 * Interleaves rows of `a` and `b` (both `n × k`, -1 = empty slot) by team
 * draft. A coin is drawn (`u < 0.5` ⇒ A picks first) only when the teams
 * have equal sizes, so the number of draws per user depends on the lists.
 *
 * @example
 * ```ts
 * import { teamDraft } from "./interleave.ts";
 * // A = [1, 2, 3], B = [2, 4, 5]; coins: B first, then A first
 * const coins = [0.7, 0.2];
 * const r = teamDraft(Int32Array.of(1, 2, 3), Int32Array.of(2, 4, 5), 3, { next: () => coins.shift()! });
 * // B picks 2; A picks 1; tie → coin says A: 3 (its best not yet shown); the list is full
 * if (r.lists.join() !== "2,1,3" || r.team.join() !== "1,0,0") throw new Error(r.lists.join());
 * ```
 */
export function teamDraft(a: Int32Array, b: Int32Array, k: number, rng: CoinSource): Interleaved {
  if (a.length !== b.length || a.length % k !== 0) {
    throw new RangeError(
      `teamDraft: lists of ${a.length} and ${b.length} slots are not both n × ${k}`,
    );
  }
  const n = a.length / k;
  const lists = new Int32Array(n * k).fill(-1);
  const team = new Int8Array(n * k).fill(-1);
  const shown = new Set<number>();
  for (let j = 0; j < n; j++) {
    shown.clear();
    const base = j * k;
    let ia = 0, ib = 0, na = 0, nb = 0, len = 0;
    const nextOf = (l: Int32Array, i: number) => {
      while (i < k && l[base + i] >= 0 && shown.has(l[base + i])) i++;
      return i < k && l[base + i] >= 0 ? i : k;
    };
    while (len < k) {
      ia = nextOf(a, ia);
      ib = nextOf(b, ib);
      if (ia >= k || ib >= k) break;
      const pickA = na < nb || (na === nb && rng.next() < 0.5);
      const item = pickA ? a[base + ia] : b[base + ib];
      lists[base + len] = item;
      team[base + len] = pickA ? 0 : 1;
      shown.add(item);
      len++;
      if (pickA) na++;
      else nb++;
    }
  }
  return { lists, team };
}

/**
 * Per-user preference from the clicks on interleaved lists: `+1` when the
 * test team (B) got more clicks, `−1` when control's (A) did, 0 on a tie.
 *
 * @example
 * ```ts
 * import { teamPreference } from "./interleave.ts";
 * // user 0 clicked positions 1 and 3 (teams B, A) → tie; user 1 clicked position 2 (team B) → +1
 * const team = Int8Array.of(1, 0, 0, 0, 1, 0);
 * const clicked = Uint8Array.of(1, 0, 1, 0, 1, 0);
 * if (teamPreference(team, clicked, 3).join() !== "0,1") throw new Error();
 * ```
 */
export function teamPreference(team: Int8Array, clicked: Uint8Array, k: number): Float64Array {
  const n = team.length / k;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let d = 0;
    for (let p = 0; p < k; p++) {
      if (clicked[j * k + p] !== 1) continue;
      if (team[j * k + p] === 1) d++;
      else if (team[j * k + p] === 0) d--;
    }
    out[j] = Math.sign(d);
  }
  return out;
}
