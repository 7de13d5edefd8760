import assert from "node:assert/strict";
import { sortRowsInPlace } from "../../src/data/sort_rows.ts";
import { dedupeSorted } from "../../src/data/dataset.ts";
import { Rng } from "../../src/rng/mod.ts";

/** Random rows with many ties in ts and item, shuffled; rn = original index. */
function randomRows(n: number, nUsers: number, seed: number, presorted: boolean) {
  const rng = new Rng(seed);
  const rand = () => rng.next();
  const rows = Array.from({ length: n }, (_, r) => ({
    user: Math.floor(rand() * nUsers),
    item: Math.floor(rand() * 6),
    ts: Math.floor(rand() * 5) + (rand() < 0.1 ? 0.5 : 0),
    rating: Math.floor(rand() * 6),
    isRead: rand() < 0.5 ? 1 : 0,
    rn: r,
  }));
  if (presorted) {
    rows.sort((a, b) => a.user - b.user || a.ts - b.ts || a.item - b.item || a.rn - b.rn);
  } else {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
  }
  return rows;
}

type Row = ReturnType<typeof randomRows>[number];

function columnsOf(rows: Row[]) {
  return {
    user: Int32Array.from(rows, (r) => r.user),
    item: Int32Array.from(rows, (r) => r.item),
    ts: Float64Array.from(rows, (r) => r.ts),
    rating: Uint8Array.from(rows, (r) => r.rating),
    isRead: Uint8Array.from(rows, (r) => r.isRead),
  };
}

for (const presorted of [false, true]) {
  Deno.test(`sortRowsInPlace matches a comparator sort (${presorted ? "presorted" : "shuffled"} input)`, () => {
    for (
      const [n, nUsers, seed] of [[0, 3, 1], [1, 1, 2], [500, 7, 3], [5000, 40, 4], [3000, 2, 5]]
    ) {
      const rows = randomRows(n, nUsers, seed, presorted);
      const cols = columnsOf(rows);
      sortRowsInPlace(cols, Int32Array.from(rows, (r) => r.rn), nUsers);
      const expected = [...rows].sort((a, b) =>
        a.user - b.user || a.ts - b.ts || a.item - b.item || a.rn - b.rn
      );
      assert.deepEqual([...cols.user], expected.map((r) => r.user));
      assert.deepEqual([...cols.item], expected.map((r) => r.item));
      assert.deepEqual([...cols.ts], expected.map((r) => r.ts));
      assert.deepEqual([...cols.rating], expected.map((r) => r.rating), `n=${n}`);
      assert.deepEqual([...cols.isRead], expected.map((r) => r.isRead));
    }
  });
}

Deno.test("dedupeSorted keeps the latest row per (user, item), file order breaking ties", () => {
  const rows = randomRows(4000, 30, 9, false);
  const cols = columnsOf(rows);
  const d = dedupeSorted(sortRowsInPlace(cols, Int32Array.from(rows, (r) => r.rn), 30), 6);
  // Second way: a map from (user, item) to the winning row by (ts, rn).
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const k = `${r.user}:${r.item}`;
    const b = best.get(k);
    if (!b || r.ts > b.ts || (r.ts === b.ts && r.rn > b.rn)) best.set(k, r);
  }
  const expected = [...best.values()].sort((a, b) =>
    a.user - b.user || a.ts - b.ts || a.item - b.item || a.rn - b.rn
  );
  assert.equal(d.user.length, expected.length);
  assert.deepEqual([...d.rating], expected.map((r) => r.rating));
  assert.deepEqual([...d.item], expected.map((r) => r.item));
  assert.deepEqual([...d.user], expected.map((r) => r.user));
});
