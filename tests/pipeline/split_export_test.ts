/**
 * `abreplay split --export`: the exported files checked against the split
 * recomputed from them in SQL (PROTOCOL §2–3: T = the ⌈q·n⌉-th largest
 * timestamp, eval users and relevant sets, the §1 weight); the export →
 * outside model (examples/item_cosine.py, NumPy/SciPy/pandas) → `precomputed`
 * round trip; lists made for another split refused; the output-folder rule.
 * The Python tests are skipped (ignored) where python3 lacks NumPy, SciPy,
 * pandas or pyarrow.
 */
import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { DataError, OutputError } from "../../src/errors.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import { createRecommender, type PrecomputedRecommender } from "../../src/recommenders/mod.ts";
import { resolveScenario, type Scenario } from "../../src/scenario/mod.ts";
import { exportSplit, prepareData, runPipeline, silentProgress } from "../../src/pipeline/mod.ts";

const SCRIPT = fileURLToPath(new URL("../../examples/item_cosine.py", import.meta.url));
const HAS_PYTHON = await new Deno.Command("python3", {
  args: ["-c", "import numpy, scipy, pandas, pyarrow"],
  stdout: "null",
  stderr: "null",
}).output().then((o) => o.success, () => false);

function scenario(holdoutFraction: number, test: Record<string, unknown> = { type: "random" }) {
  return resolveScenario({
    name: "export",
    data: { generate: { seed: 5, users: 400, items: 250, interactions: 12000 } },
    split: { holdoutFraction },
    eval: { k: 10 },
    control: { type: "popular" },
    test,
    stats: { B: 200 },
  }, "");
}

async function rows<T>(sql: string): Promise<T[]> {
  const db = await Engine.open({ threads: 1 });
  try {
    return await db.rows<T>(sql);
  } finally {
    db.close();
  }
}

Deno.test("the export holds the split PROTOCOL §2–3 defines, recomputed from its own files", async () => {
  const dir = await Deno.makeTempDir();
  const doc = await exportSplit(scenario(0.2), `${dir}/split`);
  const f = (name: string) => sqlString(`${dir}/split/${name}`);
  assertEquals(
    [...Deno.readDirSync(`${dir}/split`)].map((e) => e.name).sort(),
    [".abreplay.json", "eval_users.parquet", "split.json", "test.parquet", "train.parquet"],
  );
  assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/split/split.json`)), doc);
  // T is the ⌈0.2·n⌉-th largest of all timestamps; train before it, test at or after.
  const [t] = await rows<{ T: number; trainMax: number; testMin: number; n: number }>(`
    WITH a AS (SELECT epoch(timestamp) AS ts FROM read_parquet(${f("train.parquet")})
               UNION ALL SELECT epoch(timestamp) FROM read_parquet(${f("test.parquet")}))
    SELECT (SELECT ts FROM a ORDER BY ts DESC LIMIT 1 OFFSET (SELECT ceil(0.2 * count(*))::INTEGER - 1 FROM a)) AS T,
      (SELECT max(epoch(timestamp)) FROM read_parquet(${f("train.parquet")})) AS "trainMax",
      (SELECT min(epoch(timestamp)) FROM read_parquet(${f("test.parquet")})) AS "testMin",
      (SELECT count(*)::INTEGER FROM a) AS n`);
  assertEquals(t.T, doc.splitInstantSeconds);
  assert(t.trainMax < t.T && t.testMin >= t.T);
  assertEquals(t.n, doc.counts.trainRows + doc.counts.testRows);
  // Eval users: a train row and a test item not in their train history; n_train, n_relevant.
  const evalSql = `
    WITH tr AS (SELECT DISTINCT user_id, item_id FROM read_parquet(${f("train.parquet")})),
    rel AS (SELECT user_id, count(DISTINCT item_id)::INTEGER AS n_relevant
            FROM read_parquet(${f("test.parquet")}) te
            WHERE user_id IN (SELECT user_id FROM tr)
              AND NOT EXISTS (SELECT 1 FROM tr WHERE tr.user_id = te.user_id AND tr.item_id = te.item_id)
            GROUP BY user_id)
    SELECT rel.user_id, (SELECT count(*)::INTEGER FROM read_parquet(${f("train.parquet")}) x
                         WHERE x.user_id = rel.user_id) AS n_train, n_relevant
    FROM rel ORDER BY user_id`;
  const expected = await rows(evalSql);
  const exported = await rows(
    `SELECT user_id, n_train, n_relevant FROM read_parquet(${
      f("eval_users.parquet")
    }) ORDER BY user_id`,
  );
  assertEquals(exported, expected);
  assertEquals(exported.length, doc.counts.evalUsers);
  // The training weight of PROTOCOL §1, and the fingerprint in every file's metadata.
  const [w] = await rows<{ bad: number }>(
    `SELECT count(*)::INTEGER AS bad FROM read_parquet(${f("train.parquet")})
     WHERE abs(weight - (1 + 0.25 * rating + 0.5 * is_read::INTEGER)) > 1e-6`,
  );
  assertEquals(w.bad, 0);
  for (const name of ["train.parquet", "test.parquet", "eval_users.parquet"]) {
    const kv = await rows<{ v: string }>(
      `SELECT decode(value) AS v FROM parquet_kv_metadata(${f(name)})
       WHERE decode(key) = 'abreplay.split_fingerprint'`,
    );
    assertEquals(kv, [{ v: doc.splitFingerprint }], name);
  }
  // Deterministic: a second export (abreplay's own folder: no --force needed) is byte-identical.
  const before = await Deno.readFile(`${dir}/split/train.parquet`);
  await exportSplit(scenario(0.2), `${dir}/split`);
  assertEquals(await Deno.readFile(`${dir}/split/train.parquet`), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a folder with someone else's files is refused before any work; --force keeps them", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
  await assertRejects(() => exportSplit(scenario(0.2), dir), OutputError, dir);
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["notes.txt"]);
  await exportSplit(scenario(0.2), dir, { force: true });
  assertEquals(await Deno.readTextFile(`${dir}/notes.txt`), "mine");
  await Deno.remove(dir, { recursive: true });
});

/** Runs the outside model on the export in `split`, writing `out`. */
async function outsideModel(split: string, out: string): Promise<void> {
  const r = await new Deno.Command("python3", { args: [SCRIPT, "--split", split, "--out", out] })
    .output();
  assert(r.success, new TextDecoder().decode(r.stderr));
}

const precomputed = (path: string) => ({
  type: "precomputed",
  params: { path, columns: { user: "user", item: "item" }, requireSplit: true },
});

Deno.test({
  name: "round trip: export → outside model (Python) → precomputed replays exactly its lists",
  ignore: !HAS_PYTHON,
  async fn() {
    const dir = await Deno.makeTempDir();
    const doc = await exportSplit(scenario(0.2), `${dir}/split`);
    await outsideModel(`${dir}/split`, `${dir}/lists.csv`);
    const s: Scenario = scenario(0.2, precomputed(`${dir}/lists.csv`));
    const { holdout, train } = await prepareData(s, silentProgress, {});
    const rec = createRecommender(s.test, { seed: 1, baseDir: dir }) as PrecomputedRecommender;
    await rec.fit(train);
    assertEquals(rec.report.splitFingerprint, doc.splitFingerprint);
    assertEquals(rec.report.usersWithLists, doc.counts.evalUsers);
    assertEquals(rec.report.rows, 10 * doc.counts.evalUsers);
    for (const k of ["unknownUserRows", "unknownItemRows", "seenDropped", "duplicatesDropped"]) {
      assertEquals(rec.report[k as keyof typeof rec.report], 0, k);
    }
    // Served lists = the file's rows per user by descending score (ties by item id), read here.
    const byUser = new Map<string, [string, number][]>();
    for (const line of (await Deno.readTextFile(`${dir}/lists.csv`)).trim().split("\n").slice(1)) {
      const [u, i, sc] = line.split(",");
      byUser.set(u, [...(byUser.get(u) ?? []), [i, Number(sc)]]);
    }
    const served = await rec.recommend(holdout.evalUsers, 10);
    holdout.evalUsers.forEach((u, j) => {
      const want = (byUser.get(train.userIds[u]) ?? [])
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([i]) => i);
      const got = Array.from(served.items.subarray(j * 10, j * 10 + 10))
        .filter((i) => i >= 0).map((i) => train.itemIds[i]);
      assertEquals(got, want, train.userIds[u]);
    });
    // And the whole run replays it.
    const r = await runPipeline(s, { out: `${dir}/out`, write: false });
    assertEquals(r.result.arms.test.rows.length, doc.counts.evalUsers);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "lists made for another split are refused with a located error, nothing written",
  ignore: !HAS_PYTHON,
  async fn() {
    const dir = await Deno.makeTempDir();
    await exportSplit(scenario(0.2), `${dir}/split`);
    await outsideModel(`${dir}/split`, `${dir}/lists.parquet`);
    const other = scenario(0.3, precomputed(`${dir}/lists.parquet`));
    const e = await runPipeline(other, { out: `${dir}/out` }).then(() => null, (x) => x);
    assert(e instanceof DataError, String(e));
    assert(e.message.includes("the lists were made for another split"), e.message);
    assertEquals(e.location.file, `${dir}/lists.parquet`);
    assert(e.message.includes(`from ${dir}/lists.parquet.split.json`), e.message);
    assertEquals(await Deno.stat(`${dir}/out`).then(() => true, () => false), false);
    await Deno.remove(dir, { recursive: true });
  },
});
