import assert from "node:assert/strict";
import { PopularRecommender } from "../../src/recommenders/popular.ts";
import { newestOrder, NewestRecommender } from "../../src/recommenders/newest.ts";
import { createRecommender } from "../../src/recommenders/registry.ts";
import { allUsers, assertValidLists, listsOf, makeTrain, type Row } from "./_fixture.ts";

const DAY = 86400;
// Items 0..4. Item 1: 3 users long ago; item 2: 2 users in the last 10 days; item 3: 1 recent user.
const ROWS: Row[] = [
  [0, 1, 0],
  [1, 1, 0],
  [2, 1, 0],
  [0, 2, 95 * DAY],
  [3, 2, 96 * DAY],
  [1, 3, 99 * DAY],
  [4, 0, 10 * DAY],
];
const data = makeTrain(ROWS, { nItems: 5, splitTime: 100 * DAY });

Deno.test("popular ranks by distinct train users, ties to the lower index, skips seen", async () => {
  const m = new PopularRecommender();
  m.fit(data);
  // counts: i0 1, i1 3, i2 2, i3 1, i4 0 → order 1, 2, 0, 3, 4
  assert.deepEqual(Array.from(m.order), [1, 2, 0, 3, 4]);
  const lists = await m.recommend(allUsers(data), 3);
  assert.deepEqual(listsOf(lists), [
    [0, 3, 4], // user 0 saw 1 and 2
    [2, 0, 4], // user 1 saw 1 and 3
    [2, 0, 3], // user 2 saw 1
    [1, 0, 3], // user 3 saw 2
    [1, 2, 3], // user 4 saw 0
  ]);
  assertValidLists(data, lists);
});

Deno.test("trending counts only the window and breaks ties by all-time popularity", async () => {
  const m = createRecommender({ type: "trending", params: { windowDays: 10 } }, {
    seed: 1,
    baseDir: ".",
  });
  m.fit(data);
  // window [90d, 100d): i2 2, i3 1, the rest 0 → then all-time: i1 3, i0 1, i4 0
  assert.deepEqual(listsOf(await m.recommend(Int32Array.of(4), 5)), [[2, 3, 1, 4]]);
  assert.deepEqual(m.explain!(4, Int32Array.of(2)), ["popular now (2 recent readers)"]);
});

Deno.test("popular never returns non-catalog items", async () => {
  const d = makeTrain(ROWS, { nItems: 5, notInCatalog: [1] });
  const m = new PopularRecommender();
  m.fit(d);
  assert.deepEqual(listsOf(await m.recommend(Int32Array.of(4), 5)), [[2, 3, 4]]);
});

Deno.test("newest by year: dated items first, ties by popularity, undated last", async () => {
  const d = makeTrain(ROWS, {
    nItems: 5,
    meta: [{ year: 2001 }, { year: 2010 }, { year: 2010 }, null, { year: 2005 }],
  });
  // 2010: i1 (3 users) before i2 (2); then i4 (2005), i0 (2001); i3 has no year
  assert.deepEqual(Array.from(newestOrder(d, "year")), [1, 2, 4, 0, 3]);
  const m = new NewestRecommender();
  m.fit(d);
  assert.deepEqual(listsOf(await m.recommend(Int32Array.of(0), 2)), [[4, 0]]);
  assert.deepEqual(m.explain(0, Int32Array.of(4, 3)), ["new (2005)", "new arrival"]);
});

Deno.test("newest by first appearance in train; auto falls back to it without years", () => {
  // first seen: i3 99d, i2 95d, i0 10d, i1 0; i4 never
  assert.deepEqual(Array.from(newestOrder(data, "firstSeen")), [3, 2, 0, 1, 4]);
  assert.deepEqual(Array.from(newestOrder(data, "auto")), [3, 2, 0, 1, 4]);
});

Deno.test("invalid params name their scenario path", () => {
  assert.throws(
    () =>
      createRecommender(
        { type: "trending", params: { windowDays: -1 } },
        { seed: 1, baseDir: "." },
        "treatment",
      ),
    {
      name: "ScenarioError",
      message: 'treatment.params.windowDays: param "windowDays" must be a number >= 0, got -1',
    },
  );
  assert.throws(
    () => createRecommender({ type: "newest", params: { by: "date" } }, { seed: 1, baseDir: "." }),
    {
      name: "ScenarioError",
      message: /recommender\.params\.by: param "by" must be one of "auto", "year", "firstSeen"/,
    },
  );
});
