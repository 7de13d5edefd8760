import assert from "node:assert/strict";
import { createRecommender, listRecommenders } from "../../src/recommenders/registry.ts";

const ctx = { seed: 1, baseDir: "." };

Deno.test("registry lists every type, each param documented with a default", () => {
  assert.deepEqual(listRecommenders().map((f) => f.type), [
    "random",
    "popular",
    "trending",
    "newest",
    "item2item",
    "content",
    "hybrid",
    "precomputed",
    "http",
  ]);
  for (const f of listRecommenders()) {
    assert.ok(f.description.length > 10, f.type);
    for (const [name, p] of Object.entries(f.params)) {
      assert.ok("default" in p && p.doc.length > 5, `${f.type}.${name}`);
    }
  }
});

Deno.test("every registered type is created from its defaults alone, except precomputed and http (need a path, a url)", () => {
  for (const f of listRecommenders()) {
    if (f.type === "precomputed" || f.type === "http") continue;
    assert.equal(createRecommender({ type: f.type }, ctx).type, f.type);
  }
});

Deno.test("unknown types and params are ScenarioErrors with a path and a suggestion", () => {
  assert.throws(() => createRecommender({ type: "item2itm" }, ctx, "control"), {
    name: "ScenarioError",
    message:
      'control.type: unknown recommender type "item2itm" (did you mean "item2item"?). Fix: use one of: ' +
      "random, popular, trending, newest, item2item, content, hybrid, precomputed, http",
  });
  assert.throws(
    () => createRecommender({ type: "content", params: { profileTerm: 9 } }, ctx, "treatment"),
    {
      name: "ScenarioError",
      message:
        /^treatment\.params\.profileTerm: unknown param "profileTerm" for recommender "content" \(did you mean "profileTerms"\?\)/,
    },
  );
  assert.throws(
    () => createRecommender({ type: "item2item", params: { similarity: "pearson" } }, ctx),
    {
      name: "ScenarioError",
      message:
        'recommender.params.similarity: param "similarity" must be one of "cosine", "jaccard", "damped", got "pearson"',
    },
  );
  assert.throws(
    () => createRecommender({ type: "content", params: { fields: { title: "x" } } }, ctx),
    {
      name: "ScenarioError",
      message: 'recommender.params.fields.title: param "fields.title" must be a number, got "x"',
    },
  );
});
