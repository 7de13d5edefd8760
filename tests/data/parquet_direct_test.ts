/**
 * The load's direct Parquet path against the engine path: Parquet files
 * written by DuckDB with nulls, empty ids, duplicates, non-ASCII ids, ids
 * that share long prefixes, several row groups and files, both codecs, and
 * every timestamp, rating and is_read type the direct path takes must load
 * into the same dataset, value for value; files it declines (ids the engine
 * would trim, text ratings, another codec) must still load, through the
 * engine. Each case also checks which path ran, so that a silent decline
 * cannot make the comparison trivial.
 */
import { assert, assertEquals } from "../_assert.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import { type BookTable, type Dataset, loadDataset } from "../../src/data/mod.ts";
import { loadParquetDirect, seconds } from "../../src/data/parquet_direct.ts";
import { bigSharedArray } from "../../src/big_buffer.ts";

/** Rows of a small interaction table, as SQL (DuckDB), with awkward values on purpose. */
const ROWS = `
  SELECT
    CASE WHEN i % 211 = 0 THEN NULL WHEN i % 157 = 0 THEN '' ELSE
      'u' || (i * 7919 % 61) || CASE WHEN i % 5 = 0 THEN 'é' WHEN i % 7 = 0 THEN 'x🙂' ELSE '' END
    END AS user_id,
    CASE WHEN i % 199 = 0 THEN NULL WHEN i % 173 = 0 THEN '' ELSE
      'book-with-a-long-prefix-' || (i * 104729 % 83) || CASE WHEN i % 3 = 0 THEN 'Ω' ELSE '' END
    END AS item_id,
    CASE WHEN i % 191 = 0 THEN NULL ELSE
      TIMESTAMPTZ '2017-01-01 00:00:00+00' + to_microseconds((i * 7368787 % 900000000000)::BIGINT)
    END AS timestamp,
    CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 9) - 2 END::INTEGER AS rating,
    CASE WHEN i % 17 = 0 THEN NULL ELSE i % 2 = 0 END AS is_read
  FROM range(0, 4000) t(i)`;

/** Writes `select` as Parquet at `path` with COPY `options`. */
async function write(db: Engine, path: string, select: string, options = "") {
  await db.run(
    `COPY (${select}) TO ${sqlString(path)} (FORMAT parquet${options ? `, ${options}` : ""})`,
  );
}

/** Both paths on `path`; returns whether the direct path took the file, after checking equality. */
async function compare(
  db: Engine,
  path: string,
  extra: { books?: BookTable; columns?: Record<string, string> } = {},
) {
  const source = { path, ...(extra.columns ? { columns: extra.columns } : {}) };
  const direct = await loadDataset(db, { source, books: extra.books ?? null });
  const engine = await loadDataset(db, {
    source,
    books: extra.books ?? null,
    parquetDirect: false,
  });
  assertSame(direct, engine);
  const files = (await Deno.stat(path)).isDirectory
    ? [...Deno.readDirSync(path)].map((e) => `${path}/${e.name}`).sort()
    : [path];
  // The direct path on this thread and on two workers (the big-file setting): the same result.
  const n = direct.report.rowsRead;
  const columns = () => ({
    item: bigSharedArray(Int32Array, n),
    ts: bigSharedArray(Float64Array, n),
    flags: bigSharedArray(Uint8Array, n),
    rn: bigSharedArray(Int32Array, n),
  });
  const books = extra.books ?? null;
  const here = await loadParquetDirect(files, source, books, columns(), 1);
  const workers = await loadParquetDirect(files, source, books, columns(), 2, 0);
  assertEquals(here === null, workers === null);
  if (here && workers) {
    assertEquals(workers.codes, here.codes);
    for (const k of ["start", "item", "ts", "flags", "rn"] as const) {
      assertEquals(Array.from(workers.segments[k]), Array.from(here.segments[k]), k);
    }
    const placed = new Set(here.segments.rn.subarray(0, here.segments.start.at(-1)));
    assertEquals(placed.size, n, "every row placed once");
  }
  return here !== null;
}

function assertSame(a: Dataset, b: Dataset) {
  assertEquals(a.userIds, b.userIds);
  assertEquals(a.itemIds, b.itemIds);
  assertEquals(a.report, b.report);
  for (const k of ["user", "item", "ts", "rating", "isRead"] as const) {
    const x = a.interactions[k], y = b.interactions[k];
    assertEquals(x.length, y.length, k);
    for (let r = 0; r < x.length; r++) {
      if (!Object.is(x[r], y[r])) throw new Error(`${k}[${r}]: direct ${x[r]}, engine ${y[r]}`);
    }
  }
}

async function withDb(fn: (db: Engine, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  const db = await Engine.open();
  try {
    await fn(db, dir);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("direct Parquet: same dataset as the engine, several row groups, both codecs", async () => {
  await withDb(async (db, dir) => {
    for (const codec of ["snappy", "uncompressed"]) {
      const path = `${dir}/${codec}.parquet`;
      await write(db, path, ROWS, `COMPRESSION ${codec}, ROW_GROUP_SIZE 1000`);
      const groups = await db.row<{ n: number }>(
        `SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM parquet_metadata(${
          sqlString(path)
        })`,
      );
      assert(groups!.n >= 2, `${groups!.n} row groups`);
      assert(await compare(db, path), `the direct path declined ${codec}`);
    }
  });
});

Deno.test("direct Parquet: ids sort by bytes as the engine sorts them, metadata ids included", async () => {
  await withDb(async (db, dir) => {
    const path = `${dir}/ids.parquet`;
    await write(db, path, ROWS);
    const books: BookTable = {
      ids: ["book-with-a-long-prefix-5", "zzz-only-in-metadata", "Äpfel", ""],
      title: ["a", "b", "c", "d"],
      authors: [[], [], [], []],
      series: [[], [], [], []],
      tags: [[], [], [], []],
      description: ["", "", "", ""],
      language: ["", "", "", ""],
      year: new Float64Array(4).fill(NaN),
      available: new Uint8Array(4).fill(1),
      report: {},
    };
    assert(await compare(db, path, { books }));
    const ds = await loadDataset(db, { source: { path }, books });
    assert(ds.itemIds.includes("zzz-only-in-metadata") && ds.itemIds.includes(""));
    assert(ds.userIds.some((u) => u.includes("🙂")) && ds.userIds.some((u) => u.endsWith("é")));
  });
});

Deno.test("direct Parquet: timestamp, rating and is_read types", async () => {
  await withDb(async (db, dir) => {
    const variants: [string, string][] = [
      ["naive", "timestamp::TIMESTAMP AS timestamp"],
      ["millis", "timestamp::TIMESTAMP_MS AS timestamp"],
      ["nanos", "timestamp::TIMESTAMP_NS AS timestamp"],
      ["date", "timestamp::DATE AS timestamp"],
      ["seconds", "epoch(timestamp)::BIGINT AS timestamp"],
      ["fractional", "epoch(timestamp)::DOUBLE AS timestamp"],
    ];
    const ratings = [
      "rating::DOUBLE / 2 AS rating",
      "rating::FLOAT * 1.25 AS rating",
      "rating::BIGINT AS rating",
    ];
    const reads = ["is_read::INTEGER * 2 AS is_read", "is_read::DOUBLE AS is_read"];
    for (const [k, [name, ts]] of variants.entries()) {
      const path = `${dir}/${name}.parquet`;
      await write(
        db,
        path,
        `SELECT user_id, item_id, ${ts}, ${ratings[k % 3]}, ${reads[k % 2]} FROM (${ROWS})`,
        "ROW_GROUP_SIZE 1500",
      );
      assert(await compare(db, path), `the direct path declined ${name}`);
    }
    // Without rating and is_read columns, and with the source's own column names.
    const path = `${dir}/renamed.parquet`;
    await write(db, path, `SELECT user_id AS who, item_id AS what, timestamp AS t FROM (${ROWS})`);
    assert(
      await compare(db, path, { columns: { user_id: "who", item_id: "what", timestamp: "t" } }),
    );
  });
});

Deno.test("direct Parquet: a folder of files numbers rows across files", async () => {
  await withDb(async (db, dir) => {
    await Deno.mkdir(`${dir}/parts`);
    await write(db, `${dir}/parts/a.parquet`, `${ROWS} WHERE i < 1500`, "ROW_GROUP_SIZE 700");
    await write(db, `${dir}/parts/b.parquet`, `${ROWS} WHERE i >= 1500`);
    assert(await compare(db, `${dir}/parts`));
  });
});

Deno.test("direct Parquet: declined files still load, through the engine", async () => {
  await withDb(async (db, dir) => {
    const cases: [string, string, string][] = [
      [
        "spaces",
        `SELECT ' ' || user_id AS user_id, item_id, timestamp, rating, is_read FROM (${ROWS})`,
        "",
      ],
      [
        "text rating",
        `SELECT user_id, item_id, timestamp, rating::VARCHAR AS rating, is_read FROM (${ROWS})`,
        "",
      ],
      ["zstd", ROWS, "COMPRESSION zstd"],
      [
        "integer ids",
        `SELECT hash(user_id) % 50 AS user_id, item_id, timestamp FROM (${ROWS})`,
        "",
      ],
    ];
    for (const [name, select, options] of cases) {
      const path = `${dir}/${name.replace(" ", "_")}.parquet`;
      await write(db, path, select, options);
      assert(!(await compare(db, path)), `the direct path took ${name}`);
    }
  });
});

Deno.test("direct Parquet: a corrupt file is declined, not misread or crashed on", async () => {
  await withDb(async (db, dir) => {
    const path = `${dir}/corrupt.parquet`;
    await write(db, path, ROWS);
    const bytes = await Deno.readFile(path);
    // Overwrite a run of bytes inside the first column chunk's pages (past the magic).
    bytes.fill(0xff, 40, 140);
    await Deno.writeFile(path, bytes);
    const cols = {
      item: new Int32Array(4000),
      ts: new Float64Array(4000),
      flags: new Uint8Array(4000),
      rn: new Int32Array(4000),
    };
    for (const threads of [1, 2]) {
      const got = await loadParquetDirect([path], { path }, null, cols, threads, 0);
      assertEquals(got, null);
    }
  });
});

Deno.test("direct Parquet: epoch seconds as the engine's ICU arithmetic, exact integer steps", () => {
  // Reference in BigInt: ms = floor(us / 1000), sub = us − 1000·ms, epoch = ms / 1000 + sub / 10⁶.
  const reference = (us: bigint) => {
    let ms = us / 1000n;
    if (us < 0n && ms * 1000n !== us) ms -= 1n;
    return Number(ms) / 1000 + Number(us - ms * 1000n) / 1e6;
  };
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const cases: number[] = [
    0,
    -1,
    999,
    -999,
    1000,
    -1000,
    3_999_999_999_999_999,
    4e15,
    -4e15,
    2 ** 53 - 1,
  ];
  for (let k = 0; k < 20000; k++) {
    const scale = [1e6, 1e12, 1.5e15, 3.9e15, 8e15][k % 5];
    cases.push(Math.round((next() * 2 - 1) * scale));
  }
  for (const us of cases) {
    const want = reference(BigInt(us));
    if (!Object.is(seconds(us, "micros"), want)) {
      throw new Error(`${us}: ${seconds(us, "micros")} ≠ ${want}`);
    }
  }
  assertEquals(seconds(1500, "millis"), reference(1_500_000n));
  assertEquals(seconds(-3, "days"), reference(-3n * 86_400_000_000n));
  assert(Number.isNaN(seconds(NaN, "micros")) && seconds(2.5, "plain") === 2.5);
});

Deno.test("direct Parquet: pyarrow's layouts (pages v1 and v2, PLAIN fallback, ms/us/ns) as the engine reads them; mostly-PLAIN ids declined", async () => {
  // Written by scripts/parquet_writer_fixtures.py (pyarrow), not by DuckDB.
  const dir = new URL("../fixtures/parquet_writers/", import.meta.url).pathname;
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".parquet"));
  assertEquals(names.length, 5);
  const db = await Engine.open();
  try {
    for (const name of names.sort()) {
      // Item ids in PLAIN pages only (no dictionary): declined, the engine hashes them faster.
      const direct = name !== "v1_item_plain.parquet";
      assertEquals(await compare(db, `${dir}${name}`), direct, `direct path for ${name}`);
    }
  } finally {
    db.close();
  }
});
