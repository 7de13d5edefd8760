/**
 * The same six books as goodbooks-10k CSV rows and as UCSD Goodreads JSON
 * lines (tests/fixtures/books_twin/README.md) load into the same canonical
 * metadata once the UCSD author and series ids are named.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Engine } from "../../src/engine/mod.ts";
import { loadBooks } from "../../src/data/books.ts";
import type { BookTable } from "../../src/data/types.ts";

const DIR = fileURLToPath(new URL("../fixtures/books_twin/", import.meta.url));
const UCSD = DIR + "goodreads_books.json";
const AUTHORS = DIR + "goodreads_book_authors.json";
const SERIES = DIR + "goodreads_book_series.json";

const shared = (t: BookTable) =>
  t.ids.map((id, r) => ({
    id,
    title: t.title[r],
    authors: t.authors[r],
    series: t.series[r],
    language: t.language[r],
    year: t.year[r],
  }));

async function withDb<T>(f: (db: Engine) => Promise<T>): Promise<T> {
  const db = await Engine.open();
  try {
    return await f(db);
  } finally {
    db.close();
  }
}

Deno.test("UCSD books JSON with author and series names = its goodbooks-10k CSV twin", async () => {
  const [csv, ucsd] = await withDb(async (db) => [
    await loadBooks(db, DIR + "books.csv"),
    await loadBooks(db, UCSD, undefined, { authorNames: AUTHORS, seriesNames: SERIES }),
  ]);
  assert.equal(csv.ids.length, 6);
  assert.deepEqual(shared(ucsd), shared(csv));
  // Spot values, read off the CSV rows by hand.
  assert.deepEqual(shared(csv)[1], {
    id: "3",
    title: "Harry Potter and the Sorcerer's Stone (Harry Potter, #1)",
    authors: ["J.K. Rowling", "Mary GrandPré"],
    series: ["Harry Potter"],
    language: "eng",
    year: 1997,
  });
  // What only the UCSD format has: shelves and descriptions.
  assert.deepEqual(ucsd.tags[0], ["to-read", "young-adult"]);
  assert.deepEqual(csv.tags[0], []);
  assert.equal(ucsd.description[0], "Could you survive on your own in the wild?");
  assert.deepEqual([ucsd.report.unnamedAuthors, ucsd.report.unnamedSeries], [0, 0]);
});

Deno.test("without the name files UCSD authors and series stay ids; unknown ids are counted", async () => {
  await withDb(async (db) => {
    const raw = await loadBooks(db, UCSD);
    assert.deepEqual([raw.authors[1], raw.series[1]], [["1077326", "2927"], ["45175"]]);
    assert.equal(raw.report.unnamedAuthors, undefined);
    const partial = await Deno.makeTempFile({ suffix: ".json" });
    const lines = (await Deno.readTextFile(AUTHORS)).split("\n").filter((l) => !l.includes("2927"));
    await Deno.writeTextFile(partial, lines.join("\n"));
    const t = await loadBooks(db, UCSD, undefined, { authorNames: partial });
    assert.deepEqual(t.authors[1], ["J.K. Rowling", "2927"]);
    assert.equal(t.report.unnamedAuthors, 1);
    await Deno.remove(partial);
  });
});

Deno.test("name files are refused for books that already hold names", async () => {
  await withDb(async (db) => {
    await assert.rejects(
      () => loadBooks(db, DIR + "books.csv", undefined, { authorNames: AUTHORS }),
      {
        name: "DataError",
        message: /books\.csv: author and series names apply to UCSD goodreads_books files only/,
      },
    );
    await assert.rejects(() => loadBooks(db, UCSD, undefined, { seriesNames: DIR + "books.csv" }), {
      name: "DataError",
      message: /cannot read the series names/,
    });
  });
});
