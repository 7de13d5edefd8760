/**
 * `src/parquet`'s writer read back by DuckDB (an independent reader): every
 * finite double exactly (−0, subnormals, extremes), non-finite numbers as
 * NULL, BIGINTs beyond 2³² and negative, UTF-8 text, several row groups,
 * key–value metadata; and Snappy's compressor round-trips through the
 * decompressor on data with and without repeats.
 */
import { assert, assertEquals } from "../_assert.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import { ROW_GROUP_ROWS, writeParquet } from "../../src/parquet/mod.ts";
import { snappyCompress, snappyDecompress } from "../../src/parquet/snappy.ts";
import { Rng } from "../../src/rng/mod.ts";

Deno.test("writeParquet: DuckDB reads back every value, null and row group", async () => {
  const n = ROW_GROUP_ROWS + 4321;
  const rng = new Rng(3);
  const special = [NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308, 0];
  const x = Float64Array.from(
    { length: n },
    (
      _,
      r,
    ) => (r % 7 === 0 ? special[(r / 7) % special.length] : (rng.next() - 0.5) * 10 ** rng.int(20)),
  );
  const allThere = Float64Array.from({ length: n }, (_, r) => r * 0.5);
  const big = Float64Array.from(
    { length: n },
    (_, r) => (r % 3 === 0 ? -1 : 1) * (r * 2 ** 33 + r),
  );
  const id = Array.from(
    { length: n },
    (_, r) => (r % 11 === 0 ? "" : `u${r}${r % 5 === 0 ? "é🙂" : ""}`),
  );
  const path = await Deno.makeTempFile({ suffix: ".parquet" });
  const db = await Engine.open({ threads: 1 });
  try {
    await writeParquet(path, { id, x, allThere, big }, {
      integers: ["big"],
      metadata: { k: "v", version: "1" },
    });
    const types = await db.rows<{ name: string; type: string }>(
      `SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet(${
        sqlString(path)
      }))`,
    );
    assertEquals(types.map((t) => `${t.name}:${t.type}`), [
      "id:VARCHAR",
      "x:DOUBLE",
      "allThere:DOUBLE",
      "big:BIGINT",
    ]);
    const back = await db.columns(
      `SELECT id, coalesce(x, 'NaN'::DOUBLE) AS x, (x IS NULL)::INTEGER AS xn, allThere, big::DOUBLE AS big
       FROM read_parquet(${sqlString(path)})`,
      { id: "str", x: "f64", xn: "i32", allThere: "f64", big: "f64" },
    );
    assertEquals(back.id, id);
    for (let r = 0; r < n; r++) {
      const want = Number.isFinite(x[r]) ? x[r] : NaN;
      if (!Object.is(back.x[r], want)) throw new Error(`row ${r}: ${back.x[r]} ≠ ${want}`);
      if (back.xn[r] !== (Number.isFinite(x[r]) ? 0 : 1)) throw new Error(`row ${r}: null flag`);
      if (back.allThere[r] !== allThere[r] || back.big[r] !== big[r]) throw new Error(`row ${r}`);
    }
    const kv = await db.rows<{ k: string; v: string }>(
      `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${
        sqlString(path)
      }) ORDER BY k`,
    );
    assertEquals(kv, [{ k: "k", v: "v" }, { k: "version", v: "1" }]);
    const groups = await db.row<{ g: number }>(
      `SELECT count(DISTINCT row_group_id)::INTEGER AS g FROM parquet_metadata(${sqlString(path)})`,
    );
    assertEquals(groups!.g, 2);
  } finally {
    db.close();
    await Deno.remove(path);
  }
});

Deno.test("writeParquet: an empty table and a table of only nulls", async () => {
  const db = await Engine.open({ threads: 1 });
  const path = await Deno.makeTempFile({ suffix: ".parquet" });
  try {
    await writeParquet(path, { x: new Float64Array(0) });
    const none = await db.row<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(path)})`,
    );
    assertEquals(none!.n, 0);
    await writeParquet(path, { x: new Float64Array(100).fill(NaN) });
    const nulls = await db.row<{ n: number; v: number }>(
      `SELECT count(*)::INTEGER AS n, count(x)::INTEGER AS v FROM read_parquet(${sqlString(path)})`,
    );
    assertEquals([nulls!.n, nulls!.v], [100, 0]);
  } finally {
    db.close();
    await Deno.remove(path);
  }
});

Deno.test("snappyCompress: round trips, long literals and long runs included", () => {
  const rng = new Rng(9);
  const cases: Uint8Array[] = [
    new Uint8Array(0),
    Uint8Array.of(1, 2, 3),
    new Uint8Array(200_000), // zeros: copies of 64 bytes
    Uint8Array.from({ length: 100_000 }, () => rng.int(256)), // no repeats: long literals
    Uint8Array.from({ length: 150_000 }, (_, k) => (k % 1000 < 700 ? k % 7 : rng.int(256))),
  ];
  for (const src of cases) {
    const packed = snappyCompress(src);
    const out = new Uint8Array(src.length);
    assertEquals(snappyDecompress(packed, out), src.length);
    assertEquals(out, src);
  }
  assert(snappyCompress(cases[2]).length < 10_000);
});

Deno.test("snappyDecompress: every element kind by hand, and corrupt input refused", () => {
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  // literal with a 1-byte length (61 bytes), then a 1-byte-offset copy (len 4 + 3, offset 61),
  // a 4-byte-offset copy (len 2, offset 3) and an overlapping 2-byte-offset copy (len 10, offset 1)
  const lit = "x".repeat(30) + "y".repeat(31);
  const src = Uint8Array.of(
    61 + 7 + 2 + 10,
    60 << 2,
    60,
    ...new TextEncoder().encode(lit),
    ((7 - 4) << 2) | 1,
    61,
    ((2 - 1) << 2) | 3,
    3,
    0,
    0,
    0,
    ((10 - 1) << 2) | 2,
    1,
    0,
  );
  const out = new Uint8Array(80);
  assertEquals(snappyDecompress(src, out), 80);
  assertEquals(text(out), lit + "x".repeat(7) + "xx" + "x".repeat(10));
  const bad = [
    Uint8Array.of(5, 4 << 2, 1, 2), // literal past the input
    Uint8Array.of(4, 0, 65, (3 << 2) | 2, 2, 0), // copy from before the start
    Uint8Array.of(3, 0, 65, (3 << 2) | 2, 1, 0), // copy past the declared length
    Uint8Array.of(9, 0, 65), // fewer bytes than declared
  ];
  for (const b of bad) {
    let threw = false;
    try {
      snappyDecompress(b, new Uint8Array(16));
    } catch {
      threw = true;
    }
    assert(threw, `accepted ${b.join()}`);
  }
});
