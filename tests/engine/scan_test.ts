/**
 * `Engine.scan` when one of its concurrent streams fails mid-way: the scan
 * rejects with that stream's error only after every other stream has stopped,
 * so the connections and the database close with no fetch in flight. Before,
 * the first rejection closed the connections under the other streams' running
 * fetches and the process could abort inside DuckDB (seen in the fuzz test as
 * `__pthread_tpp_change_priority: Assertion ... failed`). Many rounds make the
 * race likely; a crash would end the test process.
 */
import { assert, assertEquals } from "../_assert.ts";
import { Engine } from "../../src/engine/mod.ts";

const LONG = "select range::INTEGER as x from range(0, 3000000)";
const FAILS = "select (case when range < 40000 then range else error('boom') end)::INTEGER as x " +
  "from range(0, 3000000)";

Deno.test("a failing stream: scan rejects after the others stopped; the engine closes safely", async () => {
  for (let round = 0; round < 25; round++) {
    const db = await Engine.open({ threads: 2 });
    const error = await db.scan([LONG, FAILS, LONG, LONG], { x: "i32" }, () => {})
      .then(() => null, (e) => e as Error);
    assert(error instanceof Error && /boom/.test(error.message), String(error));
    db.close();
  }
  // the engine still works after such failures (a fresh one, same process)
  const db = await Engine.open({ threads: 2 });
  let sum = 0;
  await db.scan(
    ["select 2::INTEGER as x", "select 3::INTEGER as x"],
    { x: "i32" },
    ({ x }, len) => {
      for (let i = 0; i < len; i++) sum += x[i];
    },
  );
  db.close();
  assertEquals(sum, 5);
});

Deno.test("a NULL anywhere in a scanned column is refused: first, middle or last row of a vector", async () => {
  const db = await Engine.open({ threads: 1 });
  try {
    // 5003 rows: vectors of 2048, 2048 and 907 (113 full bytes of the mask and 3 bits)
    for (const at of [0, 7, 8, 1000, 2047, 2048, 4999, 5000, 5002]) {
      const sql = `select (case when range = ${at} then null else range end)::INTEGER as x ` +
        `from range(0, 5003)`;
      const error = await db.scan([sql], { x: "i32" }, () => {}).then(() => null, (e) => e);
      assert(error instanceof Error && /NULL in a scanned column/.test(error.message), `row ${at}`);
    }
    let rows = 0;
    await db.scan(["select range::INTEGER as x from range(0, 5003)"], { x: "i32" }, (_, len) => {
      rows += len;
    });
    assertEquals(rows, 5003);
  } finally {
    db.close();
  }
});
