import assert from "node:assert/strict";
import { datasetNames, DATASETS } from "../../src/datasets/mod.ts";

// The UCSD byGenre file names, as listed in dataset_names.csv of MengtingWan/goodreads.
const UCSD_GENRE_FILES = [
  "children",
  "comics_graphic",
  "fantasy_paranormal",
  "history_biography",
  "mystery_thriller_crime",
  "poetry",
  "romance",
  "young_adult",
]
  .flatMap((g) => [`goodreads_books_${g}.json.gz`, `goodreads_interactions_${g}.json.gz`]);

Deno.test("registry: unique names and files, well-formed checksums, addresses ending in the file", () => {
  assert.equal(new Set(DATASETS.map((d) => d.name)).size, DATASETS.length);
  assert.equal(new Set(DATASETS.map((d) => d.file)).size, DATASETS.length);
  for (const d of DATASETS) {
    if (d.sha256) assert.match(d.sha256, /^[0-9a-f]{64}$/, d.name);
    if (d.md5) assert.match(d.md5, /^[0-9a-f]{32}$/, d.name);
    if (!d.sha256 && !d.md5) assert.match(d.checksumSource, /recorded on first download/, d.name);
    for (const u of d.urls) {
      assert.match(u, /^https:\/\//, d.name);
      if (d.name !== "goodbooks-10k") assert.ok(u.endsWith(`/${d.file}`), `${d.name}: ${u}`);
    }
  }
  const ucsdGenre = DATASETS.filter((d) => d.urls.some((u) => u.includes("/byGenre/")));
  assert.deepEqual(ucsdGenre.map((d) => d.file).sort(), UCSD_GENRE_FILES.sort());
  assert.deepEqual(datasetNames("authors", "series"), ["goodreads-authors", "goodreads-series"]);
});
