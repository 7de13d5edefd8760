/** The cleaned-data cache: a hit gives the same dataset as parsing; any change of the source misses. */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { Engine } from "../../src/engine/mod.ts";
import { loadDataset } from "../../src/data/mod.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/handworked.csv", import.meta.url));

async function load(path: string, cacheDir: string | null) {
  const db = await Engine.open();
  try {
    return await loadDataset(db, { source: { path }, cacheDir });
  } finally {
    db.close();
  }
}

Deno.test("cache hit equals a fresh parse; a changed file misses", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.copyFile(FIXTURE, `${dir}/data.csv`);
  const cache = `${dir}/cache`;
  const fresh = await load(`${dir}/data.csv`, null);
  const first = await load(`${dir}/data.csv`, cache); // miss: writes the entry
  const entries = [...Deno.readDirSync(cache)].map((e) => e.name);
  assertEquals(entries.length, 1);
  assert(!entries[0].endsWith(".tmp"));
  const second = await load(`${dir}/data.csv`, cache); // hit
  for (const ds of [first, second]) {
    assertEquals(ds.userIds, fresh.userIds);
    assertEquals(ds.itemIds, fresh.itemIds);
    assertEquals(ds.interactions, fresh.interactions);
    assertEquals(ds.report, fresh.report);
    assertEquals(ds.fingerprint, fresh.fingerprint);
  }
  // same size, one byte changed → a new entry
  const text = await Deno.readTextFile(`${dir}/data.csv`);
  await Deno.writeTextFile(
    `${dir}/data.csv`,
    text.replace("u1,b,2019-03-01T00:00:00Z,0,true", "u1,b,2019-03-01T00:00:00Z,5,true"),
  );
  const changed = await load(`${dir}/data.csv`, cache);
  assertEquals([...Deno.readDirSync(cache)].length, 2);
  assert(changed.interactions.rating.some((r, k) => r !== fresh.interactions.rating[k]));
});
