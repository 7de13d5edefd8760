import assert from "node:assert/strict";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import { createRecommender } from "../../src/recommenders/registry.ts";
import { trainFingerprint } from "../../src/recommenders/fingerprint.ts";
import type { PrecomputedRecommender } from "../../src/recommenders/precomputed.ts";
import { allUsers, assertValidLists, listsOf, makeTrain, type Row } from "./_fixture.ts";

// u0 saw i0; u1 saw i1; u2 saw nothing but is known; i4 is not in the catalog.
const ROWS: Row[] = [[0, 0, 1], [1, 1, 1], [3, 2, 1]];
const data = makeTrain(ROWS, { nUsers: 4, nItems: 5, notInCatalog: [4] });

const CSV = `user_id,rank,item_id
u0,2,i2
u0,1,i3
u0,3,i0
u0,4,i99
u1,1,i2
u1,1,i0
u1,2,i2
u1,3,i4
zz,1,i2
zz,2,i3
u2,x,i1
u2,5,i1
`;

async function fitted(path: string, params: Record<string, unknown> = {}) {
  const dir = path.slice(0, path.lastIndexOf("/"));
  const m = createRecommender(
    { type: "precomputed", params: { path: path.slice(dir.length + 1), ...params } },
    { seed: 1, baseDir: dir },
  ) as PrecomputedRecommender;
  await m.fit(data);
  return m;
}

const EXPECTED_REPORT = {
  rows: 12,
  orderedBy: "rank",
  badRank: 1,
  splitFingerprint: null,
  unknownUsers: 1,
  unknownUserRows: 2,
  unknownItems: 1,
  unknownItemRows: 1,
  seenDropped: 1,
  unavailableDropped: 1,
  duplicatesDropped: 1,
  usersWithLists: 3,
};

Deno.test("precomputed CSV: lists by rank (ties in file order), drops and counts the rest", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  await Deno.writeTextFile(path, CSV);
  const m = await fitted(path);
  const lists = await m.recommend(allUsers(data), 3);
  // u0: i3 (rank 1), i2 (rank 2); i0 is seen, i99 unknown. u1: i2 then i0 (both rank 1, file order),
  // i2 again is a duplicate, i4 is unavailable. u2: i1 (the row with rank "x" is dropped). u3: none.
  assert.deepEqual(listsOf(lists), [[3, 2], [2, 0], [1], []]);
  assert.deepEqual(m.report, EXPECTED_REPORT);
  assertValidLists(data, lists);
  // A relative path resolves against the scenario's folder, also when given the scenario file itself.
  const dir = path.slice(0, path.lastIndexOf("/"));
  const viaFile = createRecommender(
    { type: "precomputed", params: { path: path.slice(dir.length + 1) } },
    { seed: 1, baseDir: path },
  );
  await viaFile.fit(data);
  assert.deepEqual((await viaFile.recommend(allUsers(data), 3)).items, lists.items);
  await Deno.remove(path);
});

Deno.test("precomputed JSON and Parquet give the same lists; a fallback fills short lists", async () => {
  const csv = await Deno.makeTempFile({ suffix: ".csv" });
  await Deno.writeTextFile(csv, CSV);
  const json = await Deno.makeTempFile({ suffix: ".json" });
  const parquet = await Deno.makeTempFile({ suffix: ".parquet" });
  const rows = CSV.trim().split("\n").slice(1).map((l) => l.split(","));
  await Deno.writeTextFile(
    json,
    JSON.stringify(rows.map(([u, r, i]) => ({ user_id: u, rank: r, item_id: i }))),
  );
  const db = await Engine.open();
  await db.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header=true, all_varchar=true))
    TO ${sqlString(parquet)} (FORMAT parquet)`);
  db.close();
  for (const path of [json, parquet]) {
    const m = await fitted(path);
    assert.deepEqual(
      listsOf(await m.recommend(allUsers(data), 3)),
      [[3, 2], [2, 0], [1], []],
      path,
    );
  }
  const withFallback = await fitted(csv, { fallback: "popular" });
  assert.deepEqual(listsOf(await withFallback.recommend(Int32Array.of(3), 3)), [[0, 1, 3]]);
  for (const p of [csv, json, parquet]) await Deno.remove(p);
});

Deno.test("precomputed: a missing file or column is a located DataError", async () => {
  await assert.rejects(() => fitted("/nonexistent/lists.csv"), {
    name: "DataError",
    message: /^\/nonexistent\/lists\.csv: precomputed lists file not found/,
  });
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  await Deno.writeTextFile(path, "user_id,item_id\nu0,i1\n");
  await assert.rejects(() => fitted(path), {
    name: "DataError",
    message: /neither a rank column "rank" nor a score column "score" found/,
  });
  await Deno.remove(path);
  assert.throws(() => createRecommender({ type: "precomputed" }, { seed: 1, baseDir: "." }), {
    name: "ScenarioError",
    message: 'recommender.params.path: param "path" must be a non-empty string, got null',
  });
});

Deno.test("precomputed scores: descending score, ties by item id whatever the row order; mapped columns", async () => {
  // u0: i3 and i2 tie at 0.9 → i2 first (item id order), then i3, then i1 (0.5); i0 is seen.
  // u1: 2.5 > 1e-3 > -4; the row with score "NaN" is dropped and counted. u2: i1.
  const rows = [
    ["u0", "i3", "0.9"],
    ["u0", "i1", "0.5"],
    ["u0", "i2", "0.9"],
    ["u0", "i0", "7"],
    ["u1", "i3", "-4"],
    ["u1", "i0", "2.5"],
    ["u1", "i2", "1e-3"],
    ["u1", "i1", "NaN"],
    ["u2", "i1", "0"],
  ];
  const expected = [[2, 3, 1], [0, 2, 3], [1], []];
  for (const order of [rows, [...rows].reverse()]) {
    const path = await Deno.makeTempFile({ suffix: ".csv" });
    await Deno.writeTextFile(
      path,
      "uid,book,s\n" + order.map((r) => r.join(",")).join("\n") + "\n",
    );
    const m = await fitted(path, { columns: { user: "uid", item: "book", score: "s" } });
    assert.deepEqual(listsOf(await m.recommend(allUsers(data), 3)), expected);
    assert.equal(m.report.orderedBy, "score");
    assert.equal(m.report.badRank, 1);
    assert.equal(m.report.seenDropped, 1);
    await Deno.remove(path);
  }
  // Unmapped names name the param that fixes them.
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  await Deno.writeTextFile(path, "uid,book,s\nu0,i1,1\n");
  await assert.rejects(() => fitted(path), {
    name: "DataError",
    message: /column "user_id" \(user ids\) not found; columns are uid, book, s/,
  });
  await Deno.remove(path);
  assert.throws(
    () =>
      createRecommender({ type: "precomputed", params: { path: "x", columns: { usr: "u" } } }, {
        seed: 1,
        baseDir: ".",
      }),
    {
      name: "ScenarioError",
      message: /unknown key "usr" in param "columns" \(did you mean "user"\?\)/,
    },
  );
});

Deno.test("precomputed: lists made for another split are refused (Parquet metadata or sidecar)", async () => {
  const ours = await trainFingerprint(data);
  const other = await trainFingerprint({ ...data, splitTime: data.splitTime + 1 });
  const dir = await Deno.makeTempDir();
  const csv = `${dir}/lists.csv`;
  await Deno.writeTextFile(csv, CSV);
  const db = await Engine.open();
  const parquet = (fp: string) => `${dir}/lists-${fp.slice(0, 6)}.parquet`;
  for (const fp of [ours, other]) {
    await db.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header=true, all_varchar=true))
      TO ${sqlString(parquet(fp))} (FORMAT parquet, KV_METADATA {'abreplay.split_fingerprint': ${
      sqlString(fp)
    }})`);
  }
  db.close();
  // The right fingerprint: accepted and reported; the lists are the unmarked file's.
  const ok = await fitted(parquet(ours));
  assert.equal(ok.report.splitFingerprint, ours);
  assert.deepEqual(listsOf(await ok.recommend(allUsers(data), 3)), [[3, 2], [2, 0], [1], []]);
  const escaped = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await assert.rejects(() => fitted(parquet(other)), {
    name: "DataError",
    message: new RegExp(
      "^" + escaped(
        `${parquet(other)}: the lists were made for another split (their fingerprint ${
          other.slice(0, 12)
        }…, from its metadata "abreplay.split_fingerprint"; this run's ${ours.slice(0, 12)}…)`,
      ),
    ),
  });
  // A sidecar (a copy of split.json) works for any format.
  await Deno.writeTextFile(
    `${csv}.split.json`,
    JSON.stringify({ splitFingerprint: other, counts: {} }),
  );
  await assert.rejects(() => fitted(csv), { name: "DataError", message: /made for another split/ });
  await Deno.writeTextFile(`${csv}.split.json`, JSON.stringify({ splitFingerprint: ours }));
  assert.equal((await fitted(csv, { requireSplit: true })).report.splitFingerprint, ours);
  await Deno.writeTextFile(`${csv}.split.json`, "{}");
  await assert.rejects(() => fitted(csv), {
    name: "DataError",
    message: /lists\.csv\.split\.json: the split sidecar holds no "splitFingerprint" string/,
  });
  // Without any fingerprint: accepted, unless requireSplit.
  await Deno.remove(`${csv}.split.json`);
  assert.equal((await fitted(csv)).report.splitFingerprint, null);
  await assert.rejects(() => fitted(csv, { requireSplit: true }), {
    name: "DataError",
    message: /carry no split fingerprint \(requireSplit is true\)/,
  });
  await Deno.remove(dir, { recursive: true });
});
