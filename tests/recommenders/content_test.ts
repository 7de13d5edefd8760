import assert from "node:assert/strict";
import { ContentRecommender } from "../../src/recommenders/content.ts";
import { buildTfidf, tokenize } from "../../src/recommenders/_tfidf.ts";
import {
  allUsers,
  assertValidLists,
  listsOf,
  makeTrain,
  type MetaInput,
  type Row,
} from "./_fixture.ts";

const META: (MetaInput | null)[] = [
  { title: "Dune", authors: ["herbert"], series: ["dune"], tags: ["scifi", "classics"] },
  { title: "Dune Messiah", authors: ["herbert"], tags: ["scifi"] }, // series missing
  { title: "Emma", authors: ["austen"], tags: ["classics", "romance"] },
  { title: "Persuasion", authors: ["austen"], tags: ["classics", "romance"] },
  { title: "Neuromancer", authors: ["gibson"], tags: ["scifi", "cyberpunk"] },
  { title: "Children of Dune", authors: ["herbert"], series: ["dune"], tags: ["scifi"] }, // cold: no train user
  null, // no metadata at all: content can never reach it
];
// u0 read Dune, u1 Emma, u2 Neuromancer, u3 Dune Messiah.
const ROWS: Row[] = [[0, 0, 1], [1, 2, 1], [2, 4, 1], [3, 1, 1]];
const data = makeTrain(ROWS, { meta: META });
const OPTS = { maxDfRatio: 1, fallback: null } as const;

Deno.test("tokenize drops stop words, numbers and one-letter tokens", () => {
  assert.deepEqual(tokenize("Harry Potter and the Sorcerer's Stone (Harry Potter, #1)"), [
    "harry",
    "potter",
    "sorcerer",
    "stone",
    "harry",
    "potter",
  ]);
});

Deno.test("TF-IDF keeps terms within the df bounds and L2-normalises rows", () => {
  const m = buildTfidf(data.items!, data.nItems, {
    fields: { title: 1, authors: 3, series: 3, tags: 1, description: 0.5 },
    maxTags: 30,
    minDf: 2,
    maxDfRatio: 1,
  });
  // kept (df ≥ 2): w:dune, a:herbert, s:dune, g:scifi, g:classics, a:austen, g:romance
  assert.equal(m.nTerms, 7);
  const terms = (i: number) => m.items.offsets[i + 1] - m.items.offsets[i];
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(terms), [5, 3, 3, 3, 1, 4, 0]);
  let norm = 0;
  for (let p = m.items.offsets[0]; p < m.items.offsets[1]; p++) norm += m.items.value[p] ** 2;
  assert.ok(Math.abs(norm - 1) < 1e-6);
});

Deno.test("scores are cosines to the profile (reference values computed by hand in Python)", () => {
  const m = new ContentRecommender(OPTS);
  m.fit(data);
  const score = new Float64Array(data.nItems), touched = new Int32Array(data.nItems);
  m.scoreUser(0, score, touched);
  // idf = ln(7/(1+df)) + 1; v0 = Dune, cos(v0, Dune Messiah) = 0.66381, cos(v0, Children of Dune) = 0.97926
  assert.ok(Math.abs(score[1] - 0.663807) < 1e-5, String(score[1]));
  assert.ok(Math.abs(score[5] - 0.979260) < 1e-5, String(score[5]));
});

Deno.test("content recommends the cold item first and never items without metadata", async () => {
  const m = new ContentRecommender(OPTS);
  m.fit(data);
  const lists = await m.recommend(allUsers(data), 4);
  assert.deepEqual(listsOf(lists), [
    [5, 1, 4, 2], // Dune → Children of Dune (cold), Dune Messiah, scifi, classics (2 before 3 on a tie)
    [3, 0], // Emma → Persuasion, then Dune via "classics"; nothing else shares a term
    [1, 5, 0], // Neuromancer → scifi books, shortest vector first
    [5, 0, 4], // Dune Messiah → same author and title word
  ]);
  assertValidLists(data, lists);
  assert.deepEqual(m.explain(0, Int32Array.of(5)), ['similar to "Dune"']);
});

Deno.test("the fallback fills short lists", async () => {
  const m = new ContentRecommender({ maxDfRatio: 1 });
  m.fit(data);
  // popular: items 0, 1, 2, 4 have one user each; then 3, 5, 6
  assert.deepEqual(listsOf(await m.recommend(Int32Array.of(1), 4)), [[3, 0, 1, 4]]);
});

Deno.test("without any metadata content falls back entirely", async () => {
  const d = makeTrain(ROWS);
  const m = new ContentRecommender();
  m.fit(d);
  assert.deepEqual(listsOf(await m.recommend(Int32Array.of(0), 3)), [[1, 2, 4]]);
});
