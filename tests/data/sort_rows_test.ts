/**
 * `cleanSegments` (steps 1 and 3, ordering, in place on per-user segments)
 * against a second way: filter, comparator sort and a map from (user, item)
 * to the winning row.
 */
import assert from "node:assert/strict";
import { cleanSegments, cleanSegmentsParallel } from "../../src/data/sort_rows.ts";
import { cleanFlags, FLAG } from "../../src/data/clean.ts";
import { Rng } from "../../src/rng/mod.ts";

/** Random rows with many ties in ts and item, some empty ids and bad timestamps; rn = file position. */
function randomRows(
  n: number,
  nUsers: number,
  seed: number,
  order: "shuffled" | "sorted" | "reversed",
) {
  const rng = new Rng(seed);
  const rand = () => rng.next();
  const rows = Array.from({ length: n }, (_, r) => ({
    user: rand() < 0.03 ? -1 : Math.floor(rand() * nUsers),
    item: rand() < 0.03 ? -1 : Math.floor(rand() * 6),
    ts: rand() < 0.03 ? NaN : Math.floor(rand() * 5) + (rand() < 0.1 ? 0.5 : 0),
    flags: cleanFlags(rand() < 0.1 ? NaN : Math.floor(rand() * 16) / 2 - 1, rand() < 0.5 ? 1 : 0),
    rn: r,
  }));
  const key = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.user - b.user || a.ts - b.ts || a.item - b.item || a.rn - b.rn;
  if (order === "sorted") rows.sort(key);
  else if (order === "reversed") rows.sort((a, b) => a.user - b.user || key(b, a));
  else {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
  }
  return rows;
}

type Row = ReturnType<typeof randomRows>[number];

/** The rows scattered into per-user segments in arrival order, as the engine scan does. */
function segmentsOf(rows: Row[], nUsers: number) {
  const start = new Int32Array(nUsers + 2);
  for (const r of rows) start[(r.user < 0 ? nUsers : r.user) + 1]++;
  for (let s = 0; s <= nUsers; s++) start[s + 1] += start[s];
  const next = start.slice();
  const seg = {
    start,
    item: new Int32Array(rows.length),
    ts: new Float64Array(rows.length),
    flags: new Uint8Array(rows.length),
    rn: new Int32Array(rows.length),
  };
  for (const r of rows) {
    const p = next[r.user < 0 ? nUsers : r.user]++;
    seg.item[p] = r.item, seg.ts[p] = r.ts, seg.flags[p] = r.flags, seg.rn[p] = r.rn;
  }
  return seg;
}

for (const order of ["shuffled", "sorted", "reversed"] as const) {
  Deno.test(`cleanSegments equals filter + sort + keep-latest (${order} input)`, () => {
    for (
      const [n, nUsers, seed] of [[0, 3, 1], [1, 1, 2], [500, 7, 3], [5000, 40, 4], [3000, 2, 5]]
    ) {
      const rows = randomRows(n, nUsers, seed, order);
      const c = cleanSegments(segmentsOf(rows, nUsers), nUsers, 6);
      // Second way.
      const step1 = rows.filter((r) => r.user >= 0 && r.item >= 0 && Number.isFinite(r.ts));
      const best = new Map<string, Row>();
      for (const r of step1) {
        const k = `${r.user}:${r.item}`;
        const b = best.get(k);
        if (!b || r.ts > b.ts || (r.ts === b.ts && r.rn > b.rn)) best.set(k, r);
      }
      const kept = [...best.values()].sort((a, b) =>
        a.user - b.user || a.ts - b.ts || a.item - b.item || a.rn - b.rn
      );
      const users = [...new Set(kept.map((r) => r.user))].sort((a, b) => a - b);
      const label = `n=${n} seed=${seed}`;
      assert.deepEqual([...c.interactions.user], kept.map((r) => users.indexOf(r.user)), label);
      assert.deepEqual([...c.interactions.item], kept.map((r) => r.item), label);
      assert.deepEqual([...c.interactions.ts], kept.map((r) => r.ts), label);
      assert.deepEqual([...c.interactions.rating], kept.map((r) => r.flags & FLAG.RATING), label);
      assert.deepEqual(
        [...c.interactions.isRead],
        kept.map((r) => (r.flags & FLAG.READ ? 1 : 0)),
        label,
      );
      assert.deepEqual(
        [...c.userMap],
        Array.from({ length: nUsers }, (_, u) => users.indexOf(u)),
        `${label} userMap`,
      );
      assert.equal(c.rowsStep, step1.length, label);
      assert.equal(c.droppedEmptyId, rows.filter((r) => r.user < 0 || r.item < 0).length, label);
      assert.equal(
        c.droppedBadTimestamp,
        rows.filter((r) => r.user >= 0 && r.item >= 0 && !Number.isFinite(r.ts)).length,
        label,
      );
      const count = (bit: number) => step1.filter((r) => r.flags & bit).length;
      assert.equal(c.ratingNonNumeric, count(FLAG.NON_NUMERIC), label);
      assert.equal(c.ratingClipped, count(FLAG.CLIPPED), label);
      assert.equal(c.ratingRounded, count(FLAG.ROUNDED), label);
      assert.deepEqual(
        [...c.itemUsed],
        Array.from({ length: 6 }, (_, i) => (step1.some((r) => r.item === i) ? 1 : 0)),
        label,
      );
    }
  });
}

Deno.test("cleanFlags: step 2 of PROTOCOL §1, as SQL's round(least(greatest(r, 0), 5))", () => {
  for (
    const r of [-3, -0.5, 0, 0.49, 0.5, 1.5, 2.5, 3.2, 4.5, 5, 5.01, 9, NaN, Infinity, -Infinity]
  ) {
    const f = cleanFlags(r, 1);
    const finite = Number.isFinite(r);
    const clamped = Math.min(Math.max(r, 0), 5);
    // Half away from zero, written differently from the implementation.
    const rounded = finite ? Math.sign(clamped) * Math.floor(Math.abs(clamped) + 0.5) : 0;
    assert.equal(f & FLAG.RATING, rounded, `rating of ${r}`);
    assert.equal(Boolean(f & FLAG.READ), true);
    assert.equal(Boolean(f & FLAG.NON_NUMERIC), !finite, `non-numeric ${r}`);
    assert.equal(Boolean(f & FLAG.CLIPPED), finite && (r < 0 || r > 5), `clipped ${r}`);
    assert.equal(Boolean(f & FLAG.ROUNDED), finite && clamped !== rounded, `rounded ${r}`);
  }
});

Deno.test("cleanSegmentsParallel on 2 workers equals cleanSegments (shared segments, user ranges)", async () => {
  const nUsers = 300;
  const rows = randomRows(40_000, nUsers, 9, "shuffled");
  const shared = (seg: ReturnType<typeof segmentsOf>) => {
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(
        new SharedArrayBuffer(a.byteLength),
      );
      out.set(a as never);
      return out;
    };
    return {
      ...seg,
      item: copy(seg.item),
      ts: copy(seg.ts),
      flags: copy(seg.flags),
      rn: copy(seg.rn),
    };
  };
  const one = cleanSegments(segmentsOf(rows, nUsers), nUsers, 6);
  const two = await cleanSegmentsParallel(shared(segmentsOf(rows, nUsers)), nUsers, 6, 2, 1);
  const plain = (c: typeof one) => ({
    ...c,
    interactions: Object.fromEntries(
      Object.entries(c.interactions).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]),
    ),
    userMap: Array.from(c.userMap),
    itemUsed: Array.from(c.itemUsed),
  });
  assert.ok(one.interactions.user.length > 1000 && one.droppedBadTimestamp > 0);
  assert.deepEqual(plain(two), plain(one));
  // columns outside shared memory are cleaned on this thread (workers would write into copies)
  const local = await cleanSegmentsParallel(segmentsOf(rows, nUsers), nUsers, 6, 2, 1);
  assert.deepEqual(plain(local), plain(one));
});
