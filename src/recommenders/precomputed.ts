/**
 * `precomputed`: replays lists produced elsewhere, read from a CSV, JSON
 * (array or one object a line) or Parquet file with columns `user_id`, `rank`,
 * `item_id`. A user's list is their rows by ascending `rank` (ties: file
 * order). Rows of unknown users or items, with a non-numeric rank, of seen,
 * unavailable or repeated items are dropped and counted in `report`; users
 * without a list get the `fallback` (none by default: an empty list).
 *
 * @module
 */
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import { ListBuilder } from "./_lists.ts";
import { type FallbackKind, fallbackOrder, FALLBACKS } from "./_fallback.ts";

/** Params of `precomputed`. */
export interface PrecomputedParams {
  /** Lists file (relative paths resolve against the scenario's folder). */
  path: string;
  /** File format. @default "auto" (by extension) */
  format: "auto" | "csv" | "json" | "parquet";
  /** Fills users without (enough) precomputed items. @default null */
  fallback: FallbackKind;
}

/** What reading the lists file found. */
export interface PrecomputedReport {
  rows: number;
  badRank: number;
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
    const rows = await readLists(this.params.path, this.params.format);
    const userPos = new Map(data.userIds.map((id, u) => [id, u]));
    const itemPos = new Map(data.itemIds.map((id, i) => [id, i]));
    const report: PrecomputedReport = {
      rows: rows.n,
      badRank: rows.badRank,
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
  badRank: number;
  users: string[];
  items: string[];
  uc: Int32Array;
  ic: Int32Array;
}

async function readLists(path: string, format: PrecomputedParams["format"]): Promise<ListRows> {
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
    for (const c of ["user_id", "rank", "item_id"]) {
      if (!cols.has(c)) {
        throw new DataError(`column "${c}" not found; columns are ${[...cols].join(", ")}`, {
          file: path,
          hint: "precomputed lists need columns user_id, rank, item_id",
        });
      }
    }
    await db.run(
      `CREATE TEMP TABLE pre AS SELECT CAST("user_id" AS VARCHAR) AS u, CAST("item_id" AS VARCHAR) AS i,
      TRY_CAST("rank" AS DOUBLE) AS r, rowid AS rn FROM pre_src`,
    );
    const n = (await db.row<{ n: number }>("SELECT count(*)::INTEGER AS n FROM pre"))!.n;
    const bad = (await db.row<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM pre WHERE r IS NULL OR u IS NULL OR i IS NULL",
    ))!.n;
    await db.run("DELETE FROM pre WHERE r IS NULL OR u IS NULL OR i IS NULL");
    const users = (await db.columns("SELECT DISTINCT u FROM pre ORDER BY u", { u: "str" })).u;
    const items = (await db.columns("SELECT DISTINCT i FROM pre ORDER BY i", { i: "str" })).i;
    const codes = await db.columns(
      `SELECT uc, ic FROM pre
       JOIN (SELECT u, (row_number() OVER (ORDER BY u) - 1)::INTEGER AS uc FROM (SELECT DISTINCT u FROM pre)) USING (u)
       JOIN (SELECT i, (row_number() OVER (ORDER BY i) - 1)::INTEGER AS ic FROM (SELECT DISTINCT i FROM pre)) USING (i)
       ORDER BY uc, r, rn`,
      { uc: "i32", ic: "i32" },
    );
    return { n, badRank: bad, users, items, uc: codes.uc, ic: codes.ic };
  } finally {
    db.close();
  }
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
    "Replays lists from a CSV/JSON/Parquet file (user_id, rank, item_id) made by a model trained elsewhere.",
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
  },
  create: (params, ctx) => {
    const { path, format, fallback } = params as unknown as PrecomputedParams;
    return new PrecomputedRecommender({
      path: path.startsWith("/") ? path : `${baseDirOf(ctx.baseDir)}/${path}`,
      format,
      fallback,
    });
  },
};
