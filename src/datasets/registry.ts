/**
 * The datasets `abreplay data fetch` knows: name → file, where it comes from,
 * its size and checksum when published, and its terms of use.
 *
 * Sources (checked 2026-11-30; see README "Datasets"):
 * - UCSD Goodreads (Wan & McAuley, RecSys 2018; Wan, Misra, Nakashole &
 *   McAuley, ACL 2019): file names from `dataset_names.csv` and URLs from
 *   `download.ipynb` of github.com/MengtingWan/goodreads (commit e8205dd,
 *   2025-02-03; the links on the dataset page changed to the same host that
 *   day). The May 2023 host is kept as a mirror. No size or checksum of the
 *   genre files is published, so they are recorded on first download.
 *   `goodreads_book_authors.json.gz` (MD5 and size) and
 *   `goodreads_book_series.json.gz` (MD5) are pinned in the DVC files of
 *   github.com/PIReTship/bookdata-tools (commit 8b9f50d).
 * - goodbooks-10k `books.csv`: pinned to commit 6dd165b of
 *   github.com/zygmuntz/goodbooks-10k; size and SHA-256 computed from that
 *   commit's blob d694afdf (byte-identical to /work/shared/data's copy).
 *
 * @module
 */

/** What a dataset file holds (which scenario field may name it). */
export type DatasetKind = "interactions" | "books" | "authors" | "series";

/** One registered file. */
export interface DatasetEntry {
  /** Name used by `abreplay data fetch` and scenarios' `dataset` fields. */
  name: string;
  /** What the file holds: interactions, books, authors or series. */
  kind: DatasetKind;
  /** File name inside the data folder. */
  file: string;
  /** One line for `abreplay data list`. */
  description: string;
  /** Download addresses, tried in order; none for a file that is only copied (`--from`). */
  urls: string[];
  /** Size in bytes, when published. */
  size?: number;
  /** SHA-256 (hex), when published or computed from a pinned public copy. */
  sha256?: string;
  /** MD5 (hex), when that is what is published. */
  md5?: string;
  /** Where `size` / `sha256` / `md5` come from (or why they are unknown). */
  checksumSource: string;
  /** Home page of the data. */
  homepage: string;
  /** Terms of use, in one line. */
  terms: string;
}

const UCSD = "https://mcauleylab.ucsd.edu/public_datasets/gdrive/goodreads/";
const UCSD_2023 = "https://datarepo.eng.ucsd.edu/mcauley_group/gdrive/goodreads/";
const UCSD_HOME = "https://mengtingwan.github.io/data/goodreads.html";
const UCSD_TERMS =
  "academic use only, do not redistribute; cite Wan & McAuley (RecSys 2018) and Wan, Misra, Nakashole & McAuley (ACL 2019)";
const UNKNOWN = "not published: checksum unknown — recorded on first download";
const BOOKDATA = "MD5 from PIReTship/bookdata-tools @8b9f50d";

/** UCSD genre subsets: file-name part → dataset-name part. */
const GENRES: [string, string][] = [
  ["children", "children"],
  ["comics_graphic", "comics-graphic"],
  ["fantasy_paranormal", "fantasy-paranormal"],
  ["history_biography", "history-biography"],
  ["mystery_thriller_crime", "mystery-thriller-crime"],
  ["poetry", "poetry"],
  ["romance", "romance"],
  ["young_adult", "ya"],
];

const ucsd = (path: string) => [UCSD + path, UCSD_2023 + path];

/** A UCSD genre file: interactions or book metadata of genre `g`. */
function genreEntry(g: string, slug: string, kind: "interactions" | "books"): DatasetEntry {
  const file = `goodreads_${kind}_${g}.json.gz`;
  const what = kind === "books" ? "book metadata" : "shelf interactions";
  return {
    name: `goodreads-${slug}${kind === "books" ? "-books" : ""}`,
    kind,
    file,
    description: `UCSD Goodreads ${g.replaceAll("_", " ")} ${what}`,
    urls: ucsd(`byGenre/${file}`),
    checksumSource: UNKNOWN,
    homepage: UCSD_HOME,
    terms: UCSD_TERMS,
  };
}

/** Every registered dataset, in `abreplay data list` order. */
export const DATASETS: readonly DatasetEntry[] = [
  {
    name: "goodreads-ya-sample",
    kind: "interactions",
    file: "goodreads_interactions_young_adult_sample.json",
    description:
      "5,000 real Young Adult interactions (64 users); not downloadable, copy it with --from",
    urls: [],
    size: 1660773,
    sha256: "22029a1cbe0120968fb13579051554d678f935e01ebc65f6bba427a163cd2395",
    checksumSource: "the team's sample (shared/data), hashed when it was registered",
    homepage: UCSD_HOME,
    terms: UCSD_TERMS,
  },
  {
    name: "goodbooks-10k",
    kind: "books",
    file: "goodbooks10k_books.csv",
    description: "goodbooks-10k books.csv: metadata of the 10,000 most-rated Goodreads books",
    urls: [
      "https://raw.githubusercontent.com/zygmuntz/goodbooks-10k/6dd165b555a7b47b2dd36743a425776e641ff50c/books.csv",
    ],
    size: 3286659,
    sha256: "4d21d0e0433128657c752e3a3d0405ac0ec11675d6c70c64cb0abf4ab1acb76a",
    checksumSource: "computed from blob d694afdf of zygmuntz/goodbooks-10k @6dd165b",
    homepage: "https://github.com/zygmuntz/goodbooks-10k",
    terms: "CC BY-SA 4.0 (the repository's LICENSE); attribute Zygmunt Zając",
  },
  ...GENRES.flatMap(([g, slug]) => [
    genreEntry(g, slug, "interactions"),
    genreEntry(g, slug, "books"),
  ]),
  {
    name: "goodreads-authors",
    kind: "authors",
    file: "goodreads_book_authors.json.gz",
    description: "UCSD Goodreads authors (author_id → name), for books' author names",
    urls: ucsd("goodreads_book_authors.json.gz"),
    size: 17877585,
    md5: "b193c3febd961fb69443b65ba05b83a7",
    checksumSource: `${BOOKDATA} (goodreads/dvc.lock); SHA-256 recorded on first download`,
    homepage: UCSD_HOME,
    terms: UCSD_TERMS,
  },
  {
    name: "goodreads-series",
    kind: "series",
    file: "goodreads_book_series.json.gz",
    description: "UCSD Goodreads book series (series_id → title), for books' series names",
    urls: ucsd("goodreads_book_series.json.gz"),
    md5: "5b2310a918b455eeb996474a05422655",
    checksumSource:
      `${BOOKDATA} (data/goodreads/goodreads_book_series.json.gz.dvc); SHA-256 recorded on first download`,
    homepage: UCSD_HOME,
    terms: UCSD_TERMS,
  },
];

/**
 * The registered dataset called `name`, or undefined.
 *
 * @example
 * ```ts
 * import { findDataset } from "./registry.ts";
 * if (findDataset("goodbooks-10k")?.file !== "goodbooks10k_books.csv") throw new Error();
 * if (findDataset("nope") !== undefined) throw new Error();
 * ```
 */
export function findDataset(name: string): DatasetEntry | undefined {
  return DATASETS.find((d) => d.name === name);
}

/**
 * Names of the registered datasets of `kinds`.
 *
 * @example
 * ```ts
 * import { datasetNames } from "./registry.ts";
 * const books = datasetNames("books");
 * if (!books.includes("goodbooks-10k") || books.includes("goodreads-ya")) throw new Error();
 * ```
 */
export function datasetNames(...kinds: DatasetKind[]): string[] {
  return DATASETS.filter((d) => kinds.includes(d.kind)).map((d) => d.name);
}
