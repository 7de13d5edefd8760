/**
 * `Engine.append` (through `writeParquetRows`) over several chunks, the last one
 * partial: every finite number comes back exactly (−0 and subnormals
 * included), every non-finite one as NULL, in row order, next to its text.
 */
import { assertEquals } from "../_assert.ts";
import { Engine, sqlString, writeParquetRows } from "../../src/engine/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

Deno.test("Engine.append: 5,000 rows over three chunks keep every number exactly and non-finite ones as NULL", async () => {
  const n = 5000;
  const rng = new Rng(8);
  const special = [NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308];
  const x = Float64Array.from(
    { length: n },
    (_, r) =>
      r % 7 === 0 ? special[(r / 7) % special.length] : (rng.next() - 0.5) * 10 ** rng.int(20),
  );
  const y = Float64Array.from({ length: n }, (_, r) => (r >= 4096 ? NaN : r)); // a chunk of NULLs
  const id = Array.from({ length: n }, (_, r) => `u${r}`);
  const path = await Deno.makeTempFile({ suffix: ".parquet" });
  const db = await Engine.open({ threads: 1 });
  try {
    await writeParquetRows(db, path, n, {
      id: { type: "VARCHAR", at: (r) => id[r] },
      x: { type: "DOUBLE", at: (r) => x[r] },
      y: { type: "DOUBLE", at: (r) => y[r] },
    });
    const back = await db.columns(
      `SELECT id, coalesce(x, 'NaN'::DOUBLE) AS x, coalesce(y, -1) AS y, (x IS NULL)::INTEGER AS xn
       FROM read_parquet(${sqlString(path)})`,
      { id: "str", x: "f64", y: "f64", xn: "i32" },
    );
    assertEquals(back.id, id);
    for (let r = 0; r < n; r++) {
      const want = Number.isFinite(x[r]) ? x[r] : NaN;
      if (!Object.is(back.x[r], want)) throw new Error(`row ${r}: ${back.x[r]} ≠ ${want}`);
      assertEquals(back.xn[r], Number.isFinite(x[r]) ? 0 : 1, `row ${r}`);
      assertEquals(back.y[r], r >= 4096 ? -1 : r, `row ${r}`);
    }
  } finally {
    db.close();
    await Deno.remove(path);
  }
});
