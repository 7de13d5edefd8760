/**
 * The README's recommender table: every registered model (except
 * `precomputed`, which replays lists made elsewhere) on one dataset, through
 * the same split, serving contract and metrics as `abreplay run`.
 *
 *   deno run -A scripts/recommender_table.ts                 # built-in data (with books)
 *   deno run -A scripts/recommender_table.ts --sample        # ../shared/data YA sample + goodbooks-10k
 *
 * Prints two Markdown tables: NDCG@10, Recall@10, Coverage@10, ColdNDCG@10, ColdRecall@10;
 * then the PROTOCOL §4.1 metrics (IPS-NDCG@10, Novelty@10, ARP@10, LongTailShare@10,
 * ILD-content@10, ILD-author@10, Gini@10, Entropy@10).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { Engine } from "../src/engine/mod.ts";
import { loadBooks, loadDataset } from "../src/data/mod.ts";
import { makeHoldout } from "../src/split/mod.ts";
import { createRecommender } from "../src/recommenders/mod.ts";
import { evaluateArm } from "../src/metrics/mod.ts";
import { serve } from "../src/replay/serve.ts";
import { trainDataOf } from "../src/replay/train_data.ts";
import { generatedFiles, itemStatsOf, silentProgress } from "../src/pipeline/mod.ts";

/** One row of the table. */
export interface TableRow {
  type: string;
  metrics: Record<string, number>;
  lists: Int32Array;
  users: Int32Array;
}

/** Runs every model on the given files; returns one row per model. */
export async function recommenderTable(
  interactions: string,
  books: string,
  types: { type: string; params?: Record<string, unknown> }[],
) {
  const db = await Engine.open();
  const ds = await loadDataset(db, {
    source: { path: interactions },
    books: await loadBooks(db, books),
  });
  db.close();
  const holdout = makeHoldout(ds, { split: { holdoutFraction: 0.2 } });
  const train = trainDataOf(ds, holdout);
  const items = itemStatsOf(holdout, train);
  const rows: TableRow[] = [];
  for (const spec of types) {
    const rec = createRecommender(spec, { seed: 42, baseDir: "." });
    await rec.fit(train);
    const served = await serve(rec, train, holdout.evalUsers, 10);
    const ev = evaluateArm({
      lists: served.lists,
      k: 10,
      items,
      relOffsets: holdout.relOffsets,
      relItems: holdout.relItems,
      cold: holdout.cold,
      catalogSize: holdout.catalogSize,
    });
    const m = { ...ev.segments.overall.mean, ...ev.segments.cold.mean };
    rows.push({ type: spec.type, metrics: m, lists: served.lists, users: served.users });
  }
  return { ds, holdout, rows };
}

/** The model list of the table. */
export const TABLE_MODELS = [
  { type: "random" },
  { type: "popular" },
  { type: "trending" },
  { type: "newest" },
  { type: "item2item" },
  { type: "content" },
  { type: "hybrid" },
];

if (import.meta.main) {
  const sample = Deno.args.includes("--sample");
  const files = sample
    ? {
      interactions: fileURLToPath(
        new URL(
          "../../shared/data/goodreads_interactions_young_adult_sample.json",
          import.meta.url,
        ),
      ),
      books: fileURLToPath(new URL("../../shared/data/goodbooks10k_books.csv", import.meta.url)),
    }
    : await generatedFiles({}, silentProgress);
  const { holdout, rows } = await recommenderTable(files.interactions, files.books, TABLE_MODELS);
  console.log(
    `${holdout.evalUsers.length} eval users, ${holdout.catalogSize} catalog items, split ${
      new Date(holdout.T * 1000).toISOString().slice(0, 10)
    }\n`,
  );
  const tables = [
    ["NDCG@10", "Recall@10", "Coverage@10", "ColdNDCG@10", "ColdRecall@10"],
    [
      "IPS-NDCG@10",
      "Novelty@10",
      "ARP@10",
      "LongTailShare@10",
      "ILD-content@10",
      "ILD-author@10",
      "Gini@10",
      "Entropy@10",
    ],
  ];
  for (const cols of tables) {
    console.log(`\n| model | ${cols.join(" | ")} |`);
    console.log(`|---|${cols.map(() => "---:").join("|")}|`);
    for (const r of rows) {
      const cell = (c: string) => {
        const v = r.metrics[c];
        return !Number.isFinite(v) ? "—" : c.startsWith("ARP") ? v.toFixed(1) : v.toFixed(4);
      };
      console.log(`| ${r.type} | ${cols.map(cell).join(" | ")} |`);
    }
  }
}
