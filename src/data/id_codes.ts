/**
 * Dense integer ids for the string ids of the view `raw`, built in the
 * engine from the **distinct** raw ids only (35M rows have 0.7M users and
 * 93k books): each distinct raw id is trimmed once, the trimmed ids are
 * sorted (so the numbering does not depend on file order), and each raw id
 * gets its 64-bit `hash` and its code (−1 for an empty id). Rows then come
 * with `hash(id)` only and take their codes from a JS table of the hashes
 * (`hash_codes.ts`) — no string comparison, no trimming and no join per
 * row. The hash is checked to be collision-free on the distinct ids (else
 * the next seed is tried), so the lookup is exact.
 *
 * Engine tables (regular, so that concurrent scan connections see them):
 * `abr_uc(h, code, n)` (n = rows of that raw user id) and `abr_ic(h, code)`;
 * the sorted ids `abr_uall(t)` and `abr_iall(t, in_meta)` are written in
 * order, so that a code is a rowid.
 *
 * @module
 */
import { type Engine, sqlString } from "../engine/mod.ts";
import type { BookTable } from "./types.ts";
import { type HashCodes, hashCodes } from "./hash_codes.ts";

/** The id dictionaries, before ids used only by dropped rows are removed. */
export interface IdCodes {
  /** Sorted trimmed user ids; index = user code. */
  userIds: string[];
  /** Sorted item ids of the interactions (trimmed) and of the metadata; index = item code. */
  itemIds: string[];
  /** 1 when the item code has a metadata row. */
  itemInMeta: Uint8Array;
  /** Rows per user code; the last entry counts rows with an empty user id. */
  userRows: Float64Array;
  /** SQL of a `raw` row's user and item id hashes (UBIGINT), the keys of `users` and `items`. */
  hashUser: string;
  hashItem: string;
  /** User code by id hash: −1 for an empty id, −2 outside the sample. */
  users: HashCodes;
  /** Item code by id hash: −1 for an empty id. */
  items: HashCodes;
  /** SQL condition keeping the rows of sampled users (`true` without a sample). */
  inSample: string;
  /** Rows of users outside the sample. */
  rowsOutside: number;
}

/** Hash seeds tried in turn (a collision among 10⁶ ids has probability ~10⁻⁷ per seed). */
const SEEDS = 8;

/** Code of a (non-empty) user id outside the `sampleUsers` sample. */
const OUTSIDE = -2;

/**
 * SQL: is the trimmed user id `t` in the sample of fraction `p`? The first 32
 * bits of its md5, as a fraction of 2³², below `p` — reproducible anywhere
 * (`int(hashlib.md5(t.encode()).hexdigest()[:8], 16) / 2**32 < p`).
 */
const inSampleSql = (t: string, p: number) => `('0x' || md5(${t})[1:8])::UBIGINT < ${p * 2 ** 32}`;

/**
 * Builds the dictionaries of `raw` (rows with `ok`) and, with `books`, its
 * metadata ids; with `sampleUsers` < 1, user ids outside the sample get no
 * code (their rows are filtered out by `inSample`).
 */
export async function buildIdCodes(
  db: Engine,
  books: BookTable | null,
  sampleUsers = 1,
): Promise<IdCodes> {
  // The longest query first: the caller's thread can work until it returns.
  await db.run(
    `CREATE OR REPLACE TABLE abr_du AS SELECT user_id AS raw, count(*)::DOUBLE AS n FROM raw WHERE ok GROUP BY user_id`,
  );
  await db.run("CREATE OR REPLACE TABLE abr_meta (item_id VARCHAR)");
  if (books && books.ids.length > 0) {
    // Insert in batches of literal VALUES; metadata is at most ~10^5–10^6 ids.
    for (let i = 0; i < books.ids.length; i += 5000) {
      const values = books.ids.slice(i, i + 5000).map((id) => `(${sqlString(id)})`).join(",");
      await db.run(`INSERT INTO abr_meta VALUES ${values}`);
    }
  }
  await db.run(
    `CREATE OR REPLACE TABLE abr_di AS SELECT item_id AS raw FROM raw WHERE ok GROUP BY item_id`,
  );
  const hashU = await collisionFreeHash(db, "abr_du");
  const hashI = await collisionFreeHash(db, "abr_di");
  await userCodes(db, hashU, sampleUsers);
  await db.run(`CREATE OR REPLACE TABLE abr_iall AS
    SELECT t, bool_or(meta) AS in_meta
    FROM (SELECT trim(raw) AS t, false AS meta FROM abr_di WHERE trim(raw) <> ''
          UNION ALL SELECT item_id, true FROM abr_meta)
    GROUP BY t ORDER BY t`);
  // A metadata id may be '': an interaction's empty id still gets -1.
  await db.run(`CREATE OR REPLACE TABLE abr_ic AS
    SELECT ${hashI("d.raw")} AS h,
      CASE WHEN trim(d.raw) = '' THEN -1 ELSE coalesce(a.rowid, -1) END::INTEGER AS code
    FROM abr_di d LEFT JOIN abr_iall a ON trim(d.raw) = a.t`);
  const uc = await db.columns("SELECT h, code, n FROM abr_uc", { h: "u64", code: "i32", n: "f64" });
  const ic = await db.columns("SELECT h, code FROM abr_ic", { h: "u64", code: "i32" });
  const itemInMeta = (await db.columns("SELECT in_meta FROM abr_iall ORDER BY rowid", {
    in_meta: "u8",
  })).in_meta;
  const userIds = await idList(db, "abr_uall");
  const itemIds = await idList(db, "abr_iall");
  // Rows per user code (several raw ids may trim to one code), the empty id last.
  const userRows = new Float64Array(userIds.length + 1);
  let rowsOutside = 0;
  uc.code.forEach((c, k) => {
    if (c === OUTSIDE) rowsOutside += uc.n[k];
    else userRows[c < 0 ? userIds.length : c] += uc.n[k];
  });
  return {
    userIds,
    itemIds,
    itemInMeta,
    userRows,
    hashUser: hashU("raw.user_id"),
    hashItem: hashI("raw.item_id"),
    users: hashCodes(uc.h, uc.code),
    items: hashCodes(ic.h, ic.code),
    inSample: sampleUsers < 1
      ? `${hashU("raw.user_id")} IN (SELECT h FROM abr_uc WHERE code <> ${OUTSIDE})`
      : "true",
    rowsOutside,
  };
}

/**
 * `abr_uall`: the sorted distinct trimmed non-empty user ids (of the sample),
 * a table written in order so that code = rowid; `abr_uc`: each raw id's
 * hash, code (−1 empty, {@linkcode OUTSIDE} outside the sample) and rows.
 * When every raw id is already trimmed and there is no sample (the usual
 * case), the raw ids are the distinct ids: one sort of `abr_du` numbers
 * them, without a join of the raw ids back onto the sorted ones (on the
 * full YA shape, 696k ids: ~0.7 s).
 */
async function userCodes(
  db: Engine,
  hashU: (x: string) => string,
  sampleUsers: number,
): Promise<void> {
  const plain = sampleUsers >= 1 &&
    (await db.row<{ ws: boolean | null }>(
        "SELECT bool_or(raw <> trim(raw)) AS ws FROM abr_du",
      ))?.ws === false;
  if (plain) {
    // '' sorts first and a missing id last: the other ids' codes are their rank after ''
    await db.run(
      "CREATE OR REPLACE TABLE abr_us AS SELECT raw, n FROM abr_du ORDER BY raw NULLS LAST",
    );
    const { e } = (await db.row<{ e: number }>(
      "SELECT count(*)::INTEGER AS e FROM abr_us WHERE raw = ''",
    ))!;
    await db.run(`CREATE OR REPLACE TABLE abr_uall AS SELECT raw AS t FROM abr_us WHERE raw <> ''`);
    const code = `CASE WHEN raw IS NULL OR raw = '' THEN -1 ELSE rowid - ${e} END::INTEGER`;
    await db.run(`CREATE OR REPLACE TABLE abr_uc AS
      SELECT ${hashU("raw")} AS h, ${code} AS code, n FROM abr_us`);
    await db.run("DROP TABLE abr_us");
    return;
  }
  const sampled = sampleUsers < 1 ? inSampleSql("trim(raw)", sampleUsers) : "true";
  await db.run(`CREATE OR REPLACE TABLE abr_uall AS
    SELECT DISTINCT trim(raw) AS t FROM abr_du WHERE trim(raw) <> '' AND ${sampled} ORDER BY t`);
  await db.run(`CREATE OR REPLACE TABLE abr_uc AS
    SELECT ${hashU("d.raw")} AS h,
      CASE WHEN trim(d.raw) <> '' AND a.t IS NULL THEN ${OUTSIDE} ELSE coalesce(a.rowid, -1) END::INTEGER AS code,
      d.n
    FROM abr_du d LEFT JOIN abr_uall a ON trim(d.raw) = a.t`);
}

/** Drops the tables of {@linkcode buildIdCodes}. */
export async function dropIdCodes(db: Engine): Promise<void> {
  await db.run(
    ["abr_meta", "abr_du", "abr_di", "abr_uall", "abr_uc", "abr_iall", "abr_ic"]
      .map((t) => `DROP TABLE IF EXISTS ${t}`).join("; "),
  );
}

/** The SQL hash (as a function of the column) that is distinct on the distinct `raw` of `table`. */
async function collisionFreeHash(db: Engine, table: string): Promise<(x: string) => string> {
  for (let seed = 0; seed < SEEDS; seed++) {
    const hash = (x: string) => seed === 0 ? `hash(${x})` : `hash(${x}, ${seed})`;
    const r = await db.row<{ ok: boolean }>(
      `SELECT count(DISTINCT ${hash("raw")}) = count(*) AS ok FROM ${table}`,
    );
    if (r!.ok) return hash;
  }
  throw new Error(`internal: ${SEEDS} hash seeds all collide on the ids of ${table}`);
}

/**
 * The `t` column of `table` in rowid order, as one text through the engine
 * (700k ids as one value instead of 700k values): newline-joined, or JSON
 * when an id contains a newline. One thread, so the aggregate sees the rows
 * in table order.
 */
async function idList(db: Engine, table: string): Promise<string[]> {
  const nl = (await db.row<{ nl: boolean | null }>(
    `SELECT bool_or(contains(t, chr(10))) AS nl FROM ${table}`,
  ))?.nl;
  if (nl === null || nl === undefined) return []; // no rows
  const threads =
    (await db.row<{ n: number }>("SELECT current_setting('threads')::INTEGER AS n"))!.n;
  await db.run("SET threads = 1");
  try {
    if (nl) {
      const r = await db.row<{ j: string }>(`SELECT to_json(list(t))::VARCHAR AS j FROM ${table}`);
      return JSON.parse(r!.j);
    }
    const r = await db.row<{ text: string }>(`SELECT string_agg(t, chr(10)) AS text FROM ${table}`);
    return r!.text.split("\n");
  } finally {
    await db.run(`SET threads = ${threads}`);
  }
}
