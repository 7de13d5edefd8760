/** PROTOCOL §2–3 split rules on hand-made columns. */
import { assertEquals, assertThrows } from "../_assert.ts";
import type { Dataset } from "../../src/data/types.ts";
import { makeHoldout, splitInstantFromFraction } from "../../src/split/mod.ts";
import { DataError, ScenarioError } from "../../src/errors.ts";

/** A dataset from (user, item, ts, rating, isRead) rows, sorted as the loader sorts. */
function dataset(
  rows: [number, number, number, number?, number?][],
  nUsers: number,
  nItems: number,
): Dataset {
  rows.sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[1] - b[1]);
  return {
    userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
    interactions: {
      user: Int32Array.from(rows, (r) => r[0]),
      item: Int32Array.from(rows, (r) => r[1]),
      ts: Float64Array.from(rows, (r) => r[2]),
      rating: Uint8Array.from(rows, (r) => r[3] ?? 0),
      isRead: Uint8Array.from(rows, (r) => r[4] ?? 0),
    },
    items: null,
    report: {} as Dataset["report"],
    fingerprint: "test",
  };
}

Deno.test("T is the ceil(q·n)-th largest timestamp; ties at T go to test", () => {
  // n = 10, q = 0.25 → ceil(2.5) = 3rd largest of 1..10 = 8
  assertEquals(
    splitInstantFromFraction(Float64Array.from({ length: 10 }, (_, i) => i + 1), 0.25),
    8,
  );
  // with ties: [1,2,3,3,3], q = 0.2 → 1st largest = 3 → test has 3 rows (≥ 20%)
  assertEquals(splitInstantFromFraction(new Float64Array([1, 2, 3, 3, 3]), 0.2), 3);
  assertThrows(() => splitInstantFromFraction(new Float64Array([1]), 0), ScenarioError);
  assertThrows(() => splitInstantFromFraction(new Float64Array([1]), 1), ScenarioError);
});

Deno.test("eval users, relevant sets, warm/cold and relevance filters", () => {
  const ds = dataset(
    [
      [0, 0, 1],
      [0, 1, 2],
      [0, 2, 10, 5, 1],
      [0, 3, 11, 0, 0], // u0: train {0,1}, test {2 (rated 5, read), 3}
      [1, 0, 3],
      [1, 4, 12, 2, 1], // u1: train {0}, test {4 (rated 2, read)}
      [2, 2, 13], // u2: no train → not evaluated
      [3, 1, 4], // u3: no test → not evaluated
    ],
    4,
    5,
  );
  const h = makeHoldout(ds, { split: { date: "1970-01-01T00:00:10Z" }, coldThreshold: 2 });
  assertEquals(h.T, 10);
  assertEquals(Array.from(h.evalUsers), [0, 1]);
  assertEquals(Array.from(h.relOffsets), [0, 2, 3]);
  assertEquals(Array.from(h.relItems), [2, 3, 4]);
  assertEquals(Array.from(h.trainCount), [2, 2, 0, 0, 0]);
  assertEquals(Array.from(h.cold), [0, 0, 1, 1, 1]);
  assertEquals(h.catalogSize, 5);
  const read = makeHoldout(ds, { split: { date: "1970-01-01T00:00:10Z" }, relevance: "read" });
  assertEquals(Array.from(read.relItems), [2, 4]);
  const rated = makeHoldout(ds, { split: { date: "1970-01-01T00:00:10Z" }, relevance: "rated>=4" });
  assertEquals(Array.from(rated.evalUsers), [0]);
  assertEquals(Array.from(rated.relItems), [2]);
  const unavailable = makeHoldout(ds, {
    split: { date: "1970-01-01T00:00:10Z" },
    unavailable: ["i4"],
  });
  assertEquals(unavailable.catalogSize, 4);
});

Deno.test("k-core drops users and items below c before splitting", () => {
  const ds = dataset([[0, 0, 1], [0, 1, 20], [1, 0, 2], [1, 1, 21], [2, 2, 3], [2, 0, 22]], 3, 3);
  const h = makeHoldout(ds, { split: { date: "1970-01-01T00:00:10Z", kCore: 2 } });
  assertEquals(h.kCoreDropped, 2); // item 2 has one row → dropped, then u2 has one row → dropped
  assertEquals(h.catalogSize, 2); // item 2 is in neither train nor test any more
  assertEquals(Array.from(h.evalUsers), [0, 1]);
});

Deno.test("a split that leaves no eval users is a clear error", () => {
  const ds = dataset([[0, 0, 1], [1, 1, 20]], 2, 2);
  assertThrows(
    () => makeHoldout(ds, { split: { date: "1970-01-01T00:00:10Z" } }),
    (e: unknown) =>
      e instanceof DataError && /no eval users/.test(e.message) &&
      /split\.date earlier/.test(e.message),
  );
});

Deno.test("quickselect equals sorting, on random and tied data", async () => {
  const { nthSmallest } = await import("../../src/stats/mod.ts");
  let x = 12345;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const n of [1, 2, 3, 10, 1000]) {
    for (const ties of [false, true]) {
      const a = Float64Array.from({ length: n }, () => ties ? Math.floor(rand() * 5) : rand());
      const sorted = Float64Array.from(a).sort();
      for (const r of [0, n >> 1, n - 1]) {
        assertEquals(nthSmallest(Float64Array.from(a), r), sorted[r]);
      }
    }
  }
});

Deno.test("train and test rows equal a row-by-row filter, in any row order, moved in place or copied", () => {
  // Rows sorted by (user, ts) as loaded, and the same rows shuffled; some times are NaN (test rows).
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (const shape of ["sorted", "random"] as const) {
    const rows: [number, number, number, number, number][] = [];
    for (let u = 0; u < 60; u++) {
      const len = 1 + Math.floor(rand() * 60);
      for (let q = 0; q < len; q++) {
        const ts = rand() < 0.02 ? NaN : Math.floor(rand() * 100);
        rows.push([u, q, ts, q % 6, q % 2]);
      }
    }
    const ds = dataset(rows, 60, 60);
    if (shape === "random") {
      const n = rows.length;
      const perm = Array.from({ length: n }, (_, r) => r).sort(() => rand() - 0.5);
      const c = ds.interactions;
      ds.interactions = {
        user: Int32Array.from(perm, (r) => c.user[r]),
        item: Int32Array.from(perm, (r) => c.item[r]),
        ts: Float64Array.from(perm, (r) => c.ts[r]),
        rating: Uint8Array.from(perm, (r) => c.rating[r]),
        isRead: Uint8Array.from(perm, (r) => c.isRead[r]),
      };
    }
    const all = ds.interactions;
    const pick = (keep: (r: number) => boolean) => {
      const idx = Array.from({ length: all.ts.length }, (_, r) => r).filter(keep);
      return [all.user, all.item, all.ts, all.rating, all.isRead].map((c) =>
        Array.from(idx, (r) => c[r])
      );
    };
    const date = "1970-01-01T00:01:00Z"; // T = 60
    const wantTrain = pick((r) => all.ts[r] < 60);
    const wantTest = pick((r) => !(all.ts[r] < 60));
    for (const consume of [false, true]) {
      const copy = { ...ds, interactions: { ...all } };
      if (consume) {
        copy.interactions = {
          user: all.user.slice(),
          item: all.item.slice(),
          ts: all.ts.slice(),
          rating: all.rating.slice(),
          isRead: all.isRead.slice(),
        };
      }
      const h = makeHoldout(copy, { split: { date }, consume });
      const cols = (x: typeof h.train) =>
        [x.user, x.item, x.ts, x.rating, x.isRead].map((c) => Array.from(c as ArrayLike<number>));
      assertEquals(cols(h.train), wantTrain, `${shape}, consume ${consume}: train`);
      assertEquals(cols(h.test), wantTest, `${shape}, consume ${consume}: test`);
    }
  }
});
