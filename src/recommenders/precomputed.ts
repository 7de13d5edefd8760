/**
 * `precomputed`: replays lists produced elsewhere, read from a CSV, JSON
 * (array or one object a line) or Parquet file with columns `user_id`,
 * `item_id` and either `rank` or `score` (other names through the `columns`
 * param). A user's list is their rows by ascending `rank` (ties: file order)
 * or, in a file without a rank column, by descending `score` with ties broken
 * by ascending item id (byte order of the id), so a scored file gives the same
 * lists whatever its row order. Rows of unknown users or items, with a rank
 * or score that is not a finite number, of seen, unavailable or repeated
 * items are dropped and counted in `report`; users without a list get the
 * `fallback` (none by default: an empty list).
 *
 * **Made for this split.** Lists carry the fingerprint of the split they were
 * made for (`splitFingerprint` of `abreplay split --export`'s `split.json`),
 * either as the Parquet key–value metadata `abreplay.split_fingerprint` or in
 * a sidecar file `<lists file>.split.json` holding `"splitFingerprint"` (a
 * copy of `split.json` will do). A fingerprint other than this run's
 * ({@linkcode trainFingerprint} of the train data) is refused with a
 * `DataError` naming the file; lists without one are accepted unless
 * `requireSplit` is true.
 *
 * @module
 */
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import { ListBuilder } from "./_lists.ts";
import { type FallbackKind, fallbackOrder, FALLBACKS } from "./_fallback.ts";
import { trainFingerprint } from "./fingerprint.ts";

/** Column names of a lists file, by role. */
export interface ListColumns {
  /** User id column. @default "user_id" */
  user: string;
  /** Item id column. @default "item_id" */
  item: string;
  /** Rank column (1 = first); used when the file has it. @default "rank" */
  rank: string;
  /** Score column (higher = first); used when the file has no rank column. @default "score" */
  score: string;
}

/** Parquet key–value metadata key that holds a lists file's split fingerprint. */
export const SPLIT_FINGERPRINT_KEY = "abreplay.split_fingerprint";

/** Params of `precomputed`. */
export interface PrecomputedParams {
  /** Lists file (relative paths resolve against the scenario's folder). */
  path: string;
  /** File format. @default "auto" (by extension) */
  format: "auto" | "csv" | "json" | "parquet";
  /** Fills users without (enough) precomputed items. @default null */
  fallback: FallbackKind;
  /** Column names, by role. @default {user: "user_id", item: "item_id", rank: "rank", score: "score"} */
  columns: ListColumns;
  /** Refuse lists that carry no split fingerprint. @default false */
  requireSplit: boolean;
}

/** What reading the lists file found. */
export interface PrecomputedReport {
  rows: number;
  /** What ordered the lists: the rank or the score column. */
  orderedBy: "rank" | "score";
  /** Rows whose rank or score is not a finite number. */
  badRank: number;
  /** The split fingerprint the file carries (checked equal to this run's), or null. */
  splitFingerprint: string | null;
  unknownUsers: number;
  unknownUserRows: number;
  unknownItems: number;
  unknownItemRows: number;
  seenDropped: number;
  unavailableDropped: number;
  duplicatesDropped: number;
  usersWithLists: number;
}

/** Lists read from a file, per dense user (CSR). */
export class PrecomputedRecommender implements Recommender {
  readonly type = "precomputed";
  report!: PrecomputedReport;
  #offsets!: Int32Array;
  #items!: Int32Array;
  #lists!: ListBuilder;
  #fallback: Int32Array | null = null;

  constructor(readonly params: PrecomputedParams) {}

  async fit(data: TrainData): Promise<void> {
    const rows = await readLists(this.params.path, this.params.format, this.params.columns);
    await checkSplit(this.params, rows.split, data);
    const userPos = new Map(data.userIds.map((id, u) => [id, u]));
    const itemPos = new Map(data.itemIds.map((id, i) => [id, i]));
    const report: PrecomputedReport = {
      rows: rows.n,
      orderedBy: rows.orderedBy,
      badRank: rows.badRank,
      splitFingerprint: rows.split?.fingerprint ?? null,
      unknownUsers: 0,
      unknownUserRows: 0,
      unknownItems: 0,
      unknownItemRows: 0,
      seenDropped: 0,
      unavailableDropped: 0,
      duplicatesDropped: 0,
      usersWithLists: 0,
    };
    const uOf = Int32Array.from(rows.users, (id) => userPos.get(id) ?? -1);
    const iOf = Int32Array.from(rows.items, (id) => itemPos.get(id) ?? -1);
    report.unknownUsers = uOf.filter((u) => u < 0).length;
    report.unknownItems = iOf.filter((i) => i < 0).length;
    // Rows are sorted by (user code, rank, file order); user codes follow sorted ids.
    const perUser: number[][] = Array.from({ length: data.nUsers }, () => []);
    const lists = new ListBuilder(data);
    const seen = new ListBuilder(data);
    let current = -2;
    for (let r = 0; r < rows.uc.length; r++) {
      const u = uOf[rows.uc[r]], i = iOf[rows.ic[r]];
      if (u < 0) report.unknownUserRows++;
      else if (i < 0) report.unknownItemRows++;
      else {
        if (u !== current) lists.begin(u), seen.begin(u), current = u;
        if (lists.ok(i)) lists.take(i), perUser[u].push(i);
        else if (data.catalog[i] !== 1) report.unavailableDropped++;
        else if (!seen.ok(i)) report.seenDropped++;
        else report.duplicatesDropped++;
      }
    }
    const offsets = new Int32Array(data.nUsers + 1);
    perUser.forEach((l, u) => offsets[u + 1] = offsets[u] + l.length);
    report.usersWithLists = perUser.filter((l) => l.length > 0).length;
    this.report = report;
    this.#init(
      data,
      offsets,
      Int32Array.from(perUser.flat()),
      fallbackOrder(data, this.params.fallback),
    );
  }

  #init(
    data: TrainData,
    offsets: Int32Array,
    items: Int32Array,
    fallback: Int32Array | null,
  ): void {
    this.#offsets = offsets;
    this.#items = items;
    this.#lists = new ListBuilder(data);
    this.#fallback = fallback;
  }

  recommend(users: Int32Array, k: number): Promise<RecLists> {
    const items = new Int32Array(users.length * k).fill(-1);
    for (let j = 0; j < users.length; j++) {
      const u = users[j];
      this.#lists.begin(u);
      const own = this.#items.subarray(this.#offsets[u], this.#offsets[u + 1]);
      let filled = this.#lists.fillFrom(own, k, items, j * k, 0);
      if (this.#fallback) filled = this.#lists.fillFrom(this.#fallback, k, items, j * k, filled);
    }
    return Promise.resolve({ k, users, items });
  }

  explain(_user: number, items: Int32Array): string[] {
    return Array.from(items, (i) => i < 0 ? "" : "precomputed list");
  }

  exportState(): ModelState {
    const arrays: ModelState["arrays"] = { offsets: this.#offsets, items: this.#items };
    if (this.#fallback) arrays.fallback = this.#fallback;
    return { arrays, json: { report: this.report } };
  }

  importState(data: TrainData, state: ModelState): void {
    this.report = state.json.report as PrecomputedReport;
    const a = state.arrays;
    this.#init(
      data,
      a.offsets as Int32Array,
      a.items as Int32Array,
      (a.fallback as Int32Array) ?? null,
    );
  }
}

/** Rows of a lists file: distinct ids and (user code, item code) pairs in list order. */
interface ListRows {
  n: number;
  orderedBy: "rank" | "score";
  badRank: number;
  users: string[];
  items: string[];
  uc: Int32Array;
  ic: Int32Array;
  /** The split fingerprint the file carries, and where it was found. */
  split: { fingerprint: string; from: string } | null;
}

async function readLists(
  path: string,
  format: PrecomputedParams["format"],
  columns: ListColumns,
): Promise<ListRows> {
  try {
    if (!(await Deno.stat(path)).isFile) throw new Error();
  } catch {
    throw new DataError("precomputed lists file not found", {
      file: path,
      hint: "check the precomputed `path` param",
    });
  }
  const fmt = format !== "auto"
    ? format
    : /\.parquet$/i.test(path)
    ? "parquet"
    : /\.jsonl?(\.gz)?$/i.test(path)
    ? "json"
    : "csv";
  const scan = fmt === "csv"
    ? `read_csv(${sqlString(path)}, header=true, all_varchar=true)`
    : fmt === "json"
    ? `read_json_auto(${sqlString(path)})`
    : `read_parquet(${sqlString(path)})`;
  const db = await Engine.open();
  try {
    await db.run(`CREATE TEMP TABLE pre_src AS SELECT * FROM ${scan}`).catch((e) => {
      throw new DataError(`cannot read the lists file: ${String(e.message ?? e).split("\n")[0]}`, {
        file: path,
      });
    });
    const cols = new Set(
      (await db.rows<{ column_name: string }>("SELECT column_name FROM (DESCRIBE pre_src)"))
        .map((r) => r.column_name),
    );
    const orderedBy = cols.has(columns.rank) ? "rank" : "score";
    for (const role of ["user", "item", orderedBy] as const) {
      if (cols.has(columns[role])) continue;
      const what = role === "user" || role === "item"
        ? `column "${columns[role]}" (${role} ids) not found`
        : `neither a rank column "${columns.rank}" nor a score column "${columns.score}" found`;
      throw new DataError(`${what}; columns are ${[...cols].join(", ")}`, {
        file: path,
        hint:
          'precomputed lists need user, item and rank or score columns; name yours with the `columns` param, e.g. {"user": "uid", "item": "book", "score": "s"}',
      });
    }
    const q = (c: string) => `"${c.replaceAll('"', '""')}"`;
    // Ascending order key: the rank, or the negated score (ties then by item id).
    const key = orderedBy === "rank"
      ? `TRY_CAST(${q(columns.rank)} AS DOUBLE)`
      : `-TRY_CAST(${q(columns.score)} AS DOUBLE)`;
    await db.run(
      `CREATE TEMP TABLE pre AS SELECT CAST(${q(columns.user)} AS VARCHAR) AS u,
      CAST(${q(columns.item)} AS VARCHAR) AS i, ${key} AS r, rowid AS rn FROM pre_src`,
    );
    const n = (await db.row<{ n: number }>("SELECT count(*)::INTEGER AS n FROM pre"))!.n;
    const invalid = "r IS NULL OR NOT isfinite(r) OR u IS NULL OR i IS NULL";
    const bad = (await db.row<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM pre WHERE ${invalid}`,
    ))!.n;
    await db.run(`DELETE FROM pre WHERE ${invalid}`);
    const users = (await db.columns("SELECT DISTINCT u FROM pre ORDER BY u", { u: "str" })).u;
    const items = (await db.columns("SELECT DISTINCT i FROM pre ORDER BY i", { i: "str" })).i;
    const codes = await db.columns(
      `SELECT uc, ic FROM pre
       JOIN (SELECT u, (row_number() OVER (ORDER BY u) - 1)::INTEGER AS uc FROM (SELECT DISTINCT u FROM pre)) USING (u)
       JOIN (SELECT i, (row_number() OVER (ORDER BY i) - 1)::INTEGER AS ic FROM (SELECT DISTINCT i FROM pre)) USING (i)
       ORDER BY uc, r, ${orderedBy === "score" ? "ic, " : ""}rn`,
      { uc: "i32", ic: "i32" },
    );
    const split = fmt === "parquet" ? await parquetFingerprint(db, path) : null;
    return {
      n,
      orderedBy,
      badRank: bad,
      users,
      items,
      uc: codes.uc,
      ic: codes.ic,
      split: split ?? await sidecarFingerprint(path),
    };
  } finally {
    db.close();
  }
}

/** The split fingerprint in a Parquet file's key–value metadata, or null. */
async function parquetFingerprint(
  db: Engine,
  path: string,
): Promise<{ fingerprint: string; from: string } | null> {
  const row = await db.row<{ v: string }>(
    `SELECT decode(value) AS v FROM parquet_kv_metadata(${sqlString(path)})
     WHERE decode(key) = ${sqlString(SPLIT_FINGERPRINT_KEY)}`,
  );
  return row ? { fingerprint: row.v, from: `its metadata "${SPLIT_FINGERPRINT_KEY}"` } : null;
}

/** The `splitFingerprint` of the sidecar `<path>.split.json`, or null when there is none. */
async function sidecarFingerprint(
  path: string,
): Promise<{ fingerprint: string; from: string } | null> {
  const sidecar = `${path}.split.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(sidecar);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new DataError(`cannot read the split sidecar: ${(e as Error).message}`, {
      file: sidecar,
    });
  }
  let fp: unknown;
  try {
    fp = JSON.parse(text)?.splitFingerprint;
  } catch {
    fp = undefined;
  }
  if (typeof fp !== "string" || fp === "") {
    throw new DataError('the split sidecar holds no "splitFingerprint" string', {
      file: sidecar,
      hint: "copy the split.json of `abreplay split --export` here",
    });
  }
  return { fingerprint: fp, from: sidecar };
}

/** Refuses lists made for another split (or without a fingerprint, under `requireSplit`). */
async function checkSplit(
  params: PrecomputedParams,
  split: ListRows["split"],
  data: TrainData,
): Promise<void> {
  if (!split) {
    if (!params.requireSplit) return;
    throw new DataError("the lists carry no split fingerprint (requireSplit is true)", {
      file: params.path,
      hint:
        `write the export's splitFingerprint as Parquet metadata "${SPLIT_FINGERPRINT_KEY}" or copy split.json to ${params.path}.split.json`,
    });
  }
  const ours = await trainFingerprint(data);
  if (split.fingerprint === ours) return;
  throw new DataError(
    `the lists were made for another split (their fingerprint ${
      split.fingerprint.slice(0, 12)
    }…, from ${split.from}; this run's ${ours.slice(0, 12)}…)`,
    {
      file: params.path,
      hint:
        "export this scenario's split (`abreplay split <scenario> --export DIR`), fit the model on its train.parquet and write the lists again; or run the scenario the lists were made for (same data, split and eval.unavailable)",
    },
  );
}

/** The folder of `baseDir` (tolerates being given the scenario file itself). */
function baseDirOf(baseDir: string): string {
  let dir = baseDir.replace(/\/+$/, "") || "/";
  try {
    if (Deno.statSync(dir).isFile) dir = dir.slice(0, dir.lastIndexOf("/")) || ".";
  } catch {
    // A folder that does not exist yet: keep it; the missing file is reported at fit time.
  }
  return dir;
}

/** Registry entry of `precomputed`. */
export const precomputedFactory: RecommenderFactory = {
  type: "precomputed",
  description:
    "Replays lists from a CSV/JSON/Parquet file (user_id, item_id, rank or score) made by a model trained elsewhere; refuses lists made for another split.",
  params: {
    path: {
      kind: "string",
      default: null,
      doc: "Lists file; relative paths resolve against the scenario's folder.",
    },
    format: {
      kind: "choice",
      choices: ["auto", "csv", "json", "parquet"],
      default: "auto",
      doc: '"csv", "json", "parquet" or "auto" (by extension).',
    },
    fallback: {
      kind: "choice",
      choices: FALLBACKS,
      default: null,
      doc: 'Fills short lists: "popular", "trending", "newest" or null (none).',
    },
    columns: {
      kind: "names",
      default: { user: "user_id", item: "item_id", rank: "rank", score: "score" },
      doc:
        "Column names by role (user, item, rank, score); rank orders when present, else score (descending, ties by item id).",
    },
    requireSplit: {
      kind: "boolean",
      default: false,
      doc:
        "Refuse lists that carry no split fingerprint (Parquet metadata or a .split.json sidecar).",
    },
  },
  create: (params, ctx) => {
    const p = params as unknown as PrecomputedParams;
    return new PrecomputedRecommender({
      ...p,
      path: p.path.startsWith("/") ? p.path : `${baseDirOf(ctx.baseDir)}/${p.path}`,
    });
  },
};
