import assert from "node:assert/strict";
import { Engine } from "../../src/engine/mod.ts";
import { loadBooks, seriesFromTitle } from "../../src/data/books.ts";
import type { BookTable } from "../../src/data/types.ts";
import { fileURLToPath } from "node:url";

const GOODREADS = [
  JSON.stringify({
    book_id: "10",
    title: "Dune (Dune Chronicles, #1)",
    authors: [{ author_id: "58", role: "" }, { author_id: "77", role: "Translator" }],
    series: ["45935"],
    popular_shelves: [{ count: "900", name: "to-read" }, { count: "120", name: "Science-Fiction" }],
    description: "Desert planet.",
    language_code: "eng",
    publication_year: "1965",
  }),
  "",
  // Missing fields everywhere: allowed and counted.
  JSON.stringify({
    book_id: "11",
    title: "",
    authors: [],
    series: [],
    popular_shelves: [],
    publication_year: "",
  }),
  JSON.stringify({ book_id: "10", title: "duplicate of 10" }),
  JSON.stringify({ book_id: "", title: "no id" }),
].join("\n") + "\n";

async function withDb<T>(f: (db: Engine) => Promise<T>): Promise<T> {
  const db = await Engine.open();
  try {
    return await f(db);
  } finally {
    db.close();
  }
}

async function temp(text: string | Uint8Array, suffix: string): Promise<string> {
  const path = await Deno.makeTempFile({ suffix });
  if (typeof text === "string") await Deno.writeTextFile(path, text);
  else await Deno.writeFile(path, text);
  return path;
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function rows(t: BookTable) {
  return t.ids.map((id, r) => ({
    id,
    title: t.title[r],
    authors: t.authors[r],
    series: t.series[r],
    tags: t.tags[r],
    description: t.description[r],
    language: t.language[r],
    year: t.year[r],
    available: t.available[r],
  }));
}

Deno.test("goodreads books JSON lines (plain and gzipped) map onto canonical item rows", async () => {
  for (
    const path of [await temp(GOODREADS, ".json"), await temp(await gzip(GOODREADS), ".json.gz")]
  ) {
    const t = await withDb((db) => loadBooks(db, path));
    assert.deepEqual(rows(t), [
      {
        id: "10",
        title: "Dune (Dune Chronicles, #1)",
        authors: ["58", "77"],
        series: ["45935"],
        tags: ["to-read", "Science-Fiction"],
        description: "Desert planet.",
        language: "eng",
        year: 1965,
        available: 1,
      },
      {
        id: "11",
        title: "",
        authors: [],
        series: [],
        tags: [],
        description: "",
        language: "",
        year: NaN,
        available: 1,
      },
    ]);
    assert.deepEqual(t.report, {
      rowsRead: 4,
      blankLines: 1,
      malformedSkipped: 0,
      missingId: 1,
      duplicateIds: 1,
      books: 2,
      missingTitle: 1,
      missingAuthors: 1,
      noSeries: 1,
      missingTags: 1,
      missingDescription: 1,
      missingLanguage: 1,
      missingYear: 1,
      unavailable: 0,
    });
    await Deno.remove(path);
  }
});

Deno.test("canonical JSON lines: lists, year and the available flag", async () => {
  const path = await temp(
    [
      {
        item_id: "a",
        title: "A",
        authors: ["x", "y"],
        series: ["s"],
        tags: ["t"],
        year: 2001,
        available: false,
      },
      { item_id: "b", title: "B", language: "en" },
    ].map((o) => JSON.stringify(o)).join("\n"),
    ".jsonl",
  );
  const t = await withDb((db) => loadBooks(db, path));
  assert.deepEqual(t.ids, ["a", "b"]);
  assert.deepEqual([t.authors, t.series, t.tags], [[["x", "y"], []], [["s"], []], [["t"], []]]);
  assert.deepEqual([Array.from(t.year), Array.from(t.available), t.language], [
    [2001, NaN],
    [0, 1],
    ["", "en"],
  ]);
  assert.equal(t.report.unavailable, 1);
  await Deno.remove(path);
});

Deno.test("goodbooks CSV: comma-separated authors, float years, series from the title", async () => {
  const path = await temp(
    "book_id,goodreads_book_id,authors,original_publication_year,title,language_code\n" +
      '1,2767052,Suzanne Collins,2008.0,"The Hunger Games (The Hunger Games, #1)",eng\n' +
      '2,3,"J.K. Rowling, Mary GrandPré",1997.0,"Harry Potter and the Sorcerer\'s Stone (Harry Potter, #1)",\n' +
      "3,9,Homer,-720.0,The Odyssey,eng\n" +
      "4,12,Anonymous,,Untitled,\n",
    ".csv",
  );
  const t = await withDb((db) => loadBooks(db, path));
  assert.deepEqual(t.ids, ["2767052", "3", "9", "12"]);
  assert.deepEqual(t.authors[1], ["J.K. Rowling", "Mary GrandPré"]);
  assert.deepEqual(t.series, [["The Hunger Games"], ["Harry Potter"], [], []]);
  assert.deepEqual(Array.from(t.year), [2008, 1997, -720, NaN]);
  assert.deepEqual([t.report.missingYear, t.report.missingLanguage, t.report.missingTags], [
    1,
    2,
    4,
  ]);
  await Deno.remove(path);
});

Deno.test("seriesFromTitle reads goodbooks-style suffixes only", () => {
  assert.equal(seriesFromTitle("Catching Fire (The Hunger Games, #2)"), "The Hunger Games");
  assert.equal(
    seriesFromTitle("The Name of the Wind (The Kingkiller Chronicle #1)"),
    "The Kingkiller Chronicle",
  );
  assert.equal(seriesFromTitle("Persuasion (Penguin Classics)"), null);
});

Deno.test("a malformed JSON line is a DataError with its line; badRows skip counts it", async () => {
  const path = await temp(GOODREADS.replace('{"book_id":"11"', '{"book_id":"11" oops'), ".json");
  await withDb(async (db) => {
    await assert.rejects(() => loadBooks(db, path), {
      name: "DataError",
      message: new RegExp(
        `^${path}:3: malformed JSON: the line is not one JSON object\\. Fix: repair the file`,
      ),
    });
    const t = await loadBooks(db, path, undefined, { badRows: "skip" });
    assert.deepEqual([t.ids, t.report.malformedSkipped], [["10"], 1]);
  });
  await Deno.remove(path);
});

Deno.test("missing files and columns are located DataErrors", async () => {
  await withDb(async (db) => {
    await assert.rejects(() => loadBooks(db, "/nonexistent/books.json"), {
      name: "DataError",
      message: "/nonexistent/books.json: books file not found. Fix: check the metadata path",
    });
    const path = await temp("id,name\n1,x\n", ".csv");
    await assert.rejects(() => loadBooks(db, path), {
      name: "DataError",
      message: /column "goodreads_book_id" not found/,
    });
    await Deno.remove(path);
  });
});

const REAL = "/work/shared/data/goodbooks10k_books.csv";
const hasReal = await Deno.stat(REAL).then(() => true, () => false);

Deno.test({
  name: "the real goodbooks-10k books.csv loads completely",
  ignore: !hasReal,
  fn: async () => {
    const t = await withDb((db) => loadBooks(db, REAL));
    assert.equal(t.ids.length, 10000);
    assert.equal(t.report.malformedSkipped, 0);
    const hg = t.ids.indexOf("2767052");
    assert.deepEqual([t.title[hg], t.authors[hg], t.series[hg], t.year[hg]], [
      "The Hunger Games (The Hunger Games, #1)",
      ["Suzanne Collins"],
      ["The Hunger Games"],
      2008,
    ]);
    assert.ok(t.report.noSeries > 3000 && t.report.noSeries < 9000, String(t.report.noSeries));
  },
});

// --- the same books as goodbooks-10k CSV rows and as UCSD JSON lines ---------
// (tests/fixtures/books_twin/README.md): once the UCSD author and series ids
// are named, both load into the same canonical metadata.

const TWIN = fileURLToPath(new URL("../fixtures/books_twin/", import.meta.url));
const UCSD = TWIN + "goodreads_books.json";
const AUTHORS = TWIN + "goodreads_book_authors.json";
const SERIES = TWIN + "goodreads_book_series.json";

/** The fields both formats carry. */
const shared = (t: BookTable) =>
  rows(t).map(({ tags: _t, description: _d, available: _a, ...r }) => r);

Deno.test("UCSD books JSON with author and series names = its goodbooks-10k CSV twin", async () => {
  const [csv, ucsd] = await withDb(async (db) => [
    await loadBooks(db, TWIN + "books.csv"),
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
      () => loadBooks(db, TWIN + "books.csv", undefined, { authorNames: AUTHORS }),
      {
        name: "DataError",
        message: /books\.csv: author and series names apply to UCSD goodreads_books files only/,
      },
    );
    await assert.rejects(
      () => loadBooks(db, UCSD, undefined, { seriesNames: TWIN + "books.csv" }),
      {
        name: "DataError",
        message: /cannot read the series names/,
      },
    );
  });
});
