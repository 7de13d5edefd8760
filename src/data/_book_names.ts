/**
 * Names for the ids of UCSD Goodreads books: `goodreads_book_authors.json.gz`
 * (`author_id` → `name`) and `goodreads_book_series.json.gz` (`series_id` →
 * `title`), so that UCSD books carry the same author and series names as
 * goodbooks-10k rows. Ids without a name stay ids and are counted.
 *
 * @module
 */
import { type Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import type { BookTable } from "./types.ts";

/** Which lookup: the key and name fields of its JSON lines. */
const LOOKUPS = {
  authors: { id: "author_id", name: "name", count: "unnamedAuthors" },
  series: { id: "series_id", name: "title", count: "unnamedSeries" },
} as const;

/** Replaces ids in `t.authors` / `t.series` by the names in lookup file `path`. */
export async function applyNames(
  db: Engine,
  t: BookTable,
  field: keyof typeof LOOKUPS,
  path: string,
): Promise<void> {
  const { id, name, count } = LOOKUPS[field];
  let cols: { id: string[]; name: string[] };
  try {
    cols = await db.columns(
      `SELECT CAST("${id}" AS VARCHAR) AS id, CAST("${name}" AS VARCHAR) AS name
       FROM read_json(${sqlString(path)}, format='newline_delimited',
         columns={'${id}': 'VARCHAR', '${name}': 'VARCHAR'})`,
      { id: "str", name: "str" },
    );
  } catch (e) {
    throw new DataError(`cannot read the ${field} names: ${(e as Error).message.split("\n")[0]}`, {
      file: path,
      hint: `give UCSD goodreads_book_${field}.json(.gz) lines with "${id}" and "${name}"`,
    });
  }
  const names = new Map<string, string>();
  for (let i = 0; i < cols.id.length; i++) {
    if (cols.id[i] !== "" && cols.name[i] !== "" && !names.has(cols.id[i])) {
      names.set(cols.id[i], cols.name[i]);
    }
  }
  let missing = 0;
  t[field] = t[field].map((ids) =>
    ids.map((x) => {
      const n = names.get(x);
      if (n === undefined) missing++;
      return n ?? x;
    })
  );
  t.report[count] = missing;
}
