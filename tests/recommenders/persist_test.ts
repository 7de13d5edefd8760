import assert from "node:assert/strict";
import { createRecommender, type RecommenderSpec } from "../../src/recommenders/registry.ts";
import { loadModel, saveModel } from "../../src/recommenders/persist.ts";
import type { RecLists } from "../../src/recommenders/types.ts";
import { allUsers, makeTrain, tasteFixture } from "./_fixture.ts";

const data = tasteFixture(17, 90);
const ctx = { seed: 5, baseDir: "." };

function bytes(r: RecLists): Uint8Array {
  return new Uint8Array(r.items.buffer, r.items.byteOffset, r.items.byteLength);
}

async function listsFile(): Promise<string> {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  const lines = ["user_id,rank,item_id"];
  for (let u = 0; u < data.nUsers; u += 2) {
    for (let r = 1; r <= 5; r++) lines.push(`u${u},${r},i${(u * 7 + r * 3) % 72}`);
  }
  await Deno.writeTextFile(path, lines.join("\n") + "\n");
  return path;
}

const SPECS: RecommenderSpec[] = [
  { type: "random" },
  { type: "popular" },
  { type: "trending", params: { windowDays: 1 } },
  { type: "newest" },
  { type: "item2item" },
  { type: "item2item", params: { similarity: "jaccard", neighbours: 5, recencyHalfLife: null } },
  { type: "content" },
  { type: "hybrid" },
  { type: "hybrid", params: { fit: true, validationFraction: 0.3, maxPerAuthor: 1 } },
];

Deno.test("every model saves and reloads to byte-identical lists and explanations", async () => {
  const specs = [...SPECS, {
    type: "precomputed",
    params: { path: await listsFile(), fallback: "popular" },
  }];
  const users = allUsers(data);
  for (const spec of specs) {
    const dir = await Deno.makeTempDir();
    const m = createRecommender(spec, ctx);
    await m.fit(data);
    const before = await m.recommend(users, 10);
    await saveModel(dir, m, data, ctx);
    const loaded = await loadModel(dir, data, { seed: 999, baseDir: "/elsewhere" });
    const after = await loaded.recommend(users, 10);
    assert.equal(loaded.type, spec.type);
    assert.deepEqual(bytes(after), bytes(before), JSON.stringify(spec));
    if (m.explain) {
      assert.deepEqual(
        loaded.explain!(3, after.items.subarray(30, 40)),
        m.explain(3, before.items.subarray(30, 40)),
      );
    }
    // Saving the reloaded model writes the same files.
    const dir2 = await Deno.makeTempDir();
    await saveModel(dir2, loaded, data, ctx); // ctx: the context the model was created with
    for await (const f of Deno.readDir(dir)) {
      assert.deepEqual(
        await Deno.readFile(`${dir2}/${f.name}`),
        await Deno.readFile(`${dir}/${f.name}`),
        f.name,
      );
    }
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(dir2, { recursive: true });
  }
});

Deno.test("model.json records format, version, params and the data fingerprint", async () => {
  const dir = await Deno.makeTempDir();
  const m = createRecommender({ type: "item2item", params: { neighbours: 7 } }, ctx);
  m.fit(data);
  await saveModel(dir, m, data, ctx);
  const doc = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  assert.equal(doc.format, "abreplay-model");
  assert.equal(doc.version, 1);
  assert.equal(doc.params.neighbours, 7);
  assert.match(doc.fingerprint, /^[0-9a-f]{64}$/);
  assert.deepEqual(doc.state.arrays.map((a: { name: string }) => a.name), [
    "neighbours.offsets",
    "neighbours.index",
    "neighbours.value",
    "fallback",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loading refuses other data, other versions and missing directories", async () => {
  const dir = await Deno.makeTempDir();
  const m = createRecommender({ type: "popular" }, ctx);
  m.fit(data);
  await saveModel(dir, m, data, ctx);
  const other = makeTrain([[0, 1, 5]], { nItems: 3 });
  await assert.rejects(() => loadModel(dir, other, ctx), {
    name: "DataError",
    message: new RegExp(`^${dir}/model\\.json: the model was fitted on other data`),
  });
  const doc = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  await Deno.writeTextFile(`${dir}/model.json`, JSON.stringify({ ...doc, version: 99 }));
  await assert.rejects(() => loadModel(dir, data, ctx), {
    name: "DataError",
    message: /version 99/,
  });
  await assert.rejects(() => loadModel(`${dir}/none`, data, ctx), {
    name: "DataError",
    message: /no saved model here/,
  });
  await Deno.remove(dir, { recursive: true });
});
