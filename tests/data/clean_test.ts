/** Loader and PROTOCOL §1 cleaning, on small files written by each test. */
import { assert, assertAlmostEquals, assertEquals, assertRejects } from "../_assert.ts";
import { Engine } from "../../src/engine/mod.ts";
import { DataError } from "../../src/errors.ts";
import { loadDataset } from "../../src/data/mod.ts";
import type { DataSourceOptions } from "../../src/data/mod.ts";

async function load(name: string, text: string, opts: Partial<DataSourceOptions> = {}) {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, text);
  const db = await Engine.open();
  try {
    return await loadDataset(db, { source: { path, ...opts } });
  } finally {
    db.close();
  }
}

const j = (o: Record<string, unknown>) => JSON.stringify(o);
const row = (user: string, book: string, date: string, rating: unknown = 0, isRead = false) =>
  j({ user_id: user, book_id: book, is_read: isRead, rating, date_added: date, review_id: "x" });

Deno.test("goodreads json: dates with offsets become UTC instants", async () => {
  const ds = await load(
    "a.json",
    [
      row("u", "1", "Wed Mar 29 00:12:52 -0700 2017"),
      row("u", "2", "Mon Jan 02 10:00:00 +0000 2017"),
    ].join("\n") + "\n",
  );
  // 2017-03-29T00:12:52-07:00 = 2017-03-29T07:12:52Z
  const ts = Array.from(ds.interactions.ts).sort();
  assertEquals(ts, [
    Date.parse("2017-01-02T10:00:00Z") / 1000,
    Date.parse("2017-03-29T07:12:52Z") / 1000,
  ]);
});

Deno.test("cleaning steps are applied in order and counted", async () => {
  const lines = [
    row("", "1", "Wed Mar 29 00:12:52 -0700 2017"), // empty user → dropped
    row("u1", "", "Wed Mar 29 00:12:52 -0700 2017"), // empty item → dropped
    row("u1", "1", "not a date"), // bad timestamp → dropped
    row("u1", "2", "Wed Mar 29 00:12:52 -0700 2017", "abc"), // non-numeric → 0
    row("u1", "3", "Wed Mar 29 00:12:52 -0700 2017", 9), // clipped to 5
    row("u1", "4", "Wed Mar 29 00:12:52 -0700 2017", 3.6), // rounded to 4
    row("u1", "5", "Wed Mar 29 00:12:52 -0700 2017", -2), // clipped to 0
    row("u2", "9", "Wed Mar 29 00:12:52 -0700 2017", 1, false), // dup, earlier in file, same ts
    row("u2", "9", "Wed Mar 29 00:12:52 -0700 2017", 2, true), // dup, tie → last in file wins
    row("u2", "8", "Thu Mar 30 00:00:00 +0000 2017", 5), // dup, later ts → wins
    row("u2", "8", "Wed Mar 29 00:00:00 +0000 2017", 1), // dup, earlier ts → dropped
    "",
  ];
  const ds = await load("b.json", lines.join("\n") + "\n");
  const r = ds.report;
  assertEquals(r.rowsRead, 11); // the blank line is not a row
  assertEquals([r.droppedEmptyId, r.droppedBadTimestamp], [2, 1]);
  assertEquals([r.ratingNonNumeric, r.ratingClipped, r.ratingRounded], [1, 2, 1]);
  assertEquals(r.duplicatesRemoved, 2);
  assertEquals(r.rowsKept, 6);
  const byItem = new Map<string, [number, number]>();
  for (let k = 0; k < ds.interactions.item.length; k++) {
    byItem.set(ds.itemIds[ds.interactions.item[k]], [
      ds.interactions.rating[k],
      ds.interactions.isRead[k],
    ]);
  }
  assertEquals(Object.fromEntries(byItem), {
    "2": [0, 0],
    "3": [5, 0],
    "4": [4, 0],
    "5": [0, 0],
    "9": [2, 1],
    "8": [5, 0],
  });
});

Deno.test("malformed JSON line: error names file and line; skip policy counts it", async () => {
  const text = [
    row("u", "1", "Wed Mar 29 00:12:52 -0700 2017"),
    '{"user_id": "x", "book_id": ',
    row("u", "2", "Wed Mar 29 00:12:52 -0700 2017"),
    "",
    "[1,2]",
  ].join("\n");
  await assertRejects(() => load("bad.json", text), DataError);
  try {
    await load("bad.json", text);
  } catch (e) {
    assert(e instanceof DataError);
    assert(/bad\.json:2: malformed JSON/.test(e.message), e.message);
    assert(e.message.includes("2 malformed lines"), e.message);
    assert(e.message.includes('badRows to "skip"'), e.message);
  }
  const ds = await load("bad.json", text, { badRows: "skip" });
  assertEquals(ds.report.malformedSkipped, 2);
  assertEquals(ds.report.blankLines, 1);
  assertEquals(ds.report.rowsKept, 2);
});

Deno.test("gzip json loads like plain json", async () => {
  const text = [
    row("u", "1", "Wed Mar 29 00:12:52 -0700 2017", 4, true),
    row("v", "1", "Wed Mar 29 00:12:52 -0700 2017"),
  ].join("\n") + "\n";
  const dir = await Deno.makeTempDir();
  const gz = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  await Deno.writeFile(`${dir}/a.json.gz`, gz);
  const db = await Engine.open();
  const ds = await loadDataset(db, { source: { path: `${dir}/a.json.gz` } });
  db.close();
  assertEquals(ds.report.rowsKept, 2);
  assertEquals(ds.userIds, ["u", "v"]);
  assertEquals(Array.from(ds.interactions.rating), [4, 0]);
});

Deno.test("canonical CSV: ISO and epoch timestamps, column mapping, malformed row line", async () => {
  const csv = "uid,iid,when,stars,read\na,x,2017-01-01T00:00:00Z,4,true\nb,x,1483228800,,false\n";
  const ds = await load("c.csv", csv, {
    columns: {
      user_id: "uid",
      item_id: "iid",
      timestamp: "when",
      rating: "stars",
      is_read: "read",
    },
  });
  assertEquals(Array.from(ds.interactions.ts), [1483228800, 1483228800]);
  assertEquals(ds.report.ratingNonNumeric, 1);
  assertAlmostEquals(ds.interactions.isRead[0], 1);
  const bad = "user_id,item_id,timestamp\na,x,2017-01-01\nb,y,2017-01-02,extra,fields\n";
  try {
    await load("d.csv", bad);
    throw new Error("expected a DataError");
  } catch (e) {
    assert(e instanceof DataError, String(e));
    assert(/d\.csv:3: malformed CSV row/.test(e.message), e.message);
  }
  const ok = await load("d.csv", bad, { badRows: "skip" });
  assertEquals(ok.report.malformedSkipped, 1);
  assertEquals(ok.report.rowsKept, 1);
});

Deno.test("missing file and missing column give located errors", async () => {
  const db = await Engine.open();
  try {
    await assertRejects(
      () => loadDataset(db, { source: { path: "/nonexistent/x.json" } }),
      /x\.json: data file not found/,
    );
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/_SUCCESS`, "");
    await assertRejects(
      () => loadDataset(db, { source: { path: dir } }),
      /no data files in the folder/,
    );
    await assertRejects(
      () => loadDataset(db, { source: { path: `${dir}/*.parquet` } }),
      /\*\.parquet: no file matches the pattern/,
    );
    for (const f of ["a.csv", "b.csv"]) await Deno.writeTextFile(`${dir}/${f}`, "user_id\n");
    await assertRejects(
      () => loadDataset(db, { source: { path: dir } }),
      /2 csv files: several files are read for Parquet only/,
    );
  } finally {
    db.close();
  }
  await assertRejects(
    () => load("e.csv", "user,item_id,timestamp\na,b,2017-01-01\n"),
    /column "user_id" \(for user_id\) not found.*data\.columns\.user_id/s,
  );
});

Deno.test("ids: trimmed, sorted, an id only in dropped rows is gone, metadata-only items stay", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/ids.csv`;
  await Deno.writeTextFile(
    path,
    [
      "user_id,item_id,timestamp,rating,is_read",
      '" u1 ",a,2019-01-01T00:00:00Z,1,true',
      "u1,b,2019-01-02T00:00:00Z,2,false",
      "u2,c,not a date,0,false", // u2 and c occur only here: dropped with the row
      '" ",d,2019-01-01T00:00:00Z,0,false', // empty user after trimming
      'u0," a ",2019-01-03T00:00:00Z,0,false',
    ].join("\n") + "\n",
  );
  const books = {
    ids: ["z", "b"],
    title: ["Z", "B"],
    authors: [[], []],
    series: [[], []],
    tags: [[], []],
    description: ["", ""],
    language: ["", ""],
    year: Float64Array.of(NaN, NaN),
    available: Uint8Array.of(1, 1),
    report: {},
  };
  const db = await Engine.open();
  try {
    const ds = await loadDataset(db, { source: { path }, books });
    assertEquals(ds.userIds, ["u0", "u1"]);
    assertEquals(ds.itemIds, ["a", "b", "z"]);
    assertEquals([...ds.interactions.user], [0, 1, 1]);
    assertEquals([...ds.interactions.item], [0, 0, 1]);
    const r = ds.report;
    assertEquals([r.droppedEmptyId, r.droppedBadTimestamp, r.rowsKept], [1, 1, 3]);
    assertEquals([r.users, r.items, r.metadataOnlyItems, r.itemsWithoutMetadata], [2, 2, 1, 1]);
    assertEquals(ds.items!.title, ["", "B", "Z"]);
  } finally {
    db.close();
  }
});

Deno.test("ids: already-trimmed ids (one sort, no join) get the codes the trimming path gives", async () => {
  // the same rows twice: ids as they are, and with one id padded (which sends the load
  // through the trimming path); empty ("") and missing user ids are dropped either way
  const rows = (pad: string) =>
    [
      "user_id,item_id,timestamp",
      `u3${pad},a,2019-01-01T00:00:00Z`,
      "u1,b,2019-01-02T00:00:00Z",
      '"",c,2019-01-01T00:00:00Z',
      ",d,2019-01-01T00:00:00Z",
      "u2,a,2019-01-03T00:00:00Z",
      "u10,b,2019-01-04T00:00:00Z",
      "u1,a,2019-01-05T00:00:00Z",
    ].join("\n") + "\n";
  const plain = await load("plain.csv", rows(""));
  const padded = await load("padded.csv", rows(" "));
  assertEquals(plain.userIds, ["u1", "u10", "u2", "u3"]);
  assertEquals(plain.userIds, padded.userIds);
  assertEquals([...plain.interactions.user], [...padded.interactions.user]);
  assertEquals([...plain.interactions.user], [0, 0, 1, 2, 3]);
  assertEquals([...plain.interactions.item], [...padded.interactions.item]);
  assertEquals(plain.report.droppedEmptyId, 2);
  assertEquals(padded.report.droppedEmptyId, 2);
});
