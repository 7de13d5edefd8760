/**
 * Data beyond one file: the same interactions as one Parquet file, as a
 * hive-partitioned folder and as a glob give byte-identical metrics.json
 * (but for the data fingerprint, which identifies the files read); engine
 * settings do not change results; `data.sampleUsers` keeps whole users by
 * the documented md5 rule.
 */
import { assert, assertEquals } from "../_assert.ts";
import { createHash } from "node:crypto";
import { cli } from "../_cli.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import { loadDataset } from "../../src/data/mod.ts";

/** A generated Parquet file at `${dir}/single/events.parquet`. */
async function generated(dir: string): Promise<string> {
  const gen = await cli([
    "generate",
    "--out",
    `${dir}/gen`,
    "--format",
    "parquet",
    "--users",
    "900",
    "--items",
    "500",
    "--interactions",
    "15000",
    "--quiet",
  ]);
  assertEquals(gen.code, 0, gen.stderr);
  await Deno.mkdir(`${dir}/single`);
  await Deno.rename(`${dir}/gen/interactions.parquet`, `${dir}/single/events.parquet`);
  return `${dir}/single/events.parquet`;
}

/** Runs a popular-vs-item2item scenario on `path` (relative to `folder`); metrics.json as text. */
async function metricsText(folder: string, path: string, extra: Record<string, unknown> = {}) {
  await Deno.writeTextFile(
    `${folder}/s.json`,
    JSON.stringify({
      name: "parts",
      data: { path, cache: false },
      control: { type: "popular" },
      test: { type: "item2item", params: { neighbours: 20 } },
      stats: { B: 300 },
      ...extra,
    }),
  );
  const r = await cli(["run", `${folder}/s.json`, "--out", `${folder}/out`, "--quiet", "--json"]);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout;
}

/** The text with `data.fingerprint` replaced (it names the files, not the data). */
const withoutFingerprint = (text: string) =>
  text.replace(/"fingerprint": "[^"]*"/, '"fingerprint": "-"');

Deno.test("one Parquet file, a hive-partitioned folder and a glob give byte-identical metrics.json", async () => {
  const dir = await Deno.makeTempDir();
  const single = await generated(dir);
  // The same rows in three partitions by user (rows of a user stay in file order).
  await Deno.mkdir(`${dir}/parts`);
  const db = await Engine.open();
  try {
    await db.run(
      `COPY (SELECT *, abs(hash(user_id)) % 3 AS part FROM read_parquet(${sqlString(single)}))
       TO ${sqlString(`${dir}/parts/events.parquet`)} (FORMAT parquet, PARTITION_BY (part))`,
    );
  } finally {
    db.close();
  }
  const files = [...Deno.readDirSync(`${dir}/parts/events.parquet`)].map((e) => e.name).sort();
  assertEquals(files, ["part=0", "part=1", "part=2"]);
  await Deno.writeTextFile(`${dir}/parts/events.parquet/_SUCCESS`, ""); // a marker, skipped

  const one = await metricsText(`${dir}/single`, "events.parquet");
  const folder = await metricsText(`${dir}/parts`, "events.parquet");
  assert(one.includes('"rowsKept"') && one.includes("NDCG@10"));
  assert(
    JSON.parse(one).data.fingerprint !== JSON.parse(folder).data.fingerprint,
    "the fingerprint names the files read",
  );
  assertEquals(withoutFingerprint(folder), withoutFingerprint(one));
  // A glob, with engine settings: the same bytes but for what names the source.
  const glob = await metricsText(`${dir}/parts`, "events.parquet/part=*/*.parquet", {
    engine: { threads: 1, memoryLimit: "512MB", tempDirectory: "spill" },
  });
  const sourceFree = (t: string) =>
    withoutFingerprint(t).replace(/"scenarioHash": "[^"]*"/, "").replace(/"source": "[^"]*"/, "");
  assertEquals(JSON.parse(glob).data.report.source, "*.parquet");
  assertEquals(sourceFree(glob), sourceFree(one));
});

Deno.test("data.sampleUsers keeps whole users, chosen by md5 of the id", async () => {
  const dir = await Deno.makeTempDir();
  const path = await generated(dir);
  const db = await Engine.open();
  try {
    const all = await loadDataset(db, { source: { path } });
    const half = await loadDataset(db, { source: { path, sampleUsers: 0.5 } });
    const inSample = (u: string) =>
      parseInt(createHash("md5").update(u).digest("hex").slice(0, 8), 16) / 2 ** 32 < 0.5;
    assertEquals(half.userIds, all.userIds.filter(inSample));
    assert(
      half.userIds.length > 0.4 * all.userIds.length &&
        half.userIds.length < 0.6 * all.userIds.length,
    );
    // Every row of a kept user is kept.
    const rowsOf = (ds: typeof all, id: string) => {
      const u = ds.userIds.indexOf(id);
      return ds.interactions.user.filter((x) => x === u).length;
    };
    for (const id of half.userIds.slice(0, 50)) assertEquals(rowsOf(half, id), rowsOf(all, id), id);
    assertEquals(half.report.sampleUsers, 0.5);
    assertEquals(
      half.report.rowsKept + half.report.duplicatesRemoved + half.report.rowsOutsideSample!,
      all.report.rowsKept + all.report.duplicatesRemoved,
    );
    assertEquals(all.report.sampleUsers, undefined);
  } finally {
    db.close();
  }
});
