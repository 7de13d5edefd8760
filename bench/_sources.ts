/**
 * Bench inputs: the shared peer's folder, and Goodreads-shaped Parquet files
 * from its generator (`gen_ya_like.py`) at a scale of the Young-Adult shape or
 * at the full Goodreads shape, generated on first use into `data/cache/bench/`;
 * CSV and UCSD json.gz copies of a Parquet file for the ingest comparison.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine, sqlString } from "../src/engine/mod.ts";

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("../", import.meta.url));
/** Where generated bench data goes (git-ignored). */
export const BENCH_CACHE: string = join(ROOT, "data/cache/bench");

/** Rows of the full Goodreads-YA shape (`gen_ya_like.py --n 35e6`). */
const YA_ROWS = 35e6;

/**
 * The generator command of a named size: a fraction of the YA shape (`1/8`,
 * `1/4`, `1/2`, `1` or `full`: the shared `gen_ya_like.py --n`, users =
 * rows / 50, 93,398 books), or `goodreads`, the full Goodreads shape (all
 * genres: 228,648,342 interactions, 876,145 users, 2,360,655 books; UCSD
 * Book Graph) from `scripts/gen_goodreads_shape.py`, which draws the same
 * shape chunk by chunk (the shared generator draws all rows at once and was
 * killed at 24.4 GB RSS on our 24 GiB machine).
 *
 * @example
 * ```ts
 * import { generatorCommand } from "./_sources.ts";
 * if (generatorCommand("1/8", "/p").join(" ") !== "/p/gen_ya_like.py --n 4375000") throw new Error();
 * if (!generatorCommand("goodreads", "/p")[0].endsWith("scripts/gen_goodreads_shape.py")) throw new Error();
 * ```
 */
export function generatorCommand(size: string, peer: string): string[] {
  if (size === "goodreads") return [join(ROOT, "scripts/gen_goodreads_shape.py")];
  const m = /^(\d+)(?:\/(\d+))?$/.exec(size === "full" ? "1" : size);
  if (!m) throw new Error(`unknown size "${size}": use 1/8, 1/4, 1/2, 1 (full) or goodreads`);
  const frac = Number(m[1]) / Number(m[2] ?? 1);
  return [join(peer, "gen_ya_like.py"), "--n", String(Math.round(YA_ROWS * frac))];
}

/**
 * The folder holding the shared peer (`peer_pipeline.py`, `gen_ya_like.py`):
 * `dir` when given, else the first `shared/bench` found walking up from the
 * repository root (`../shared/bench` in the usual layout).
 */
export function peerDir(dir?: string): string {
  if (dir) return resolve(dir);
  for (let d = resolve(ROOT);; d = dirname(d)) {
    const p = join(d, "shared/bench");
    if (exists(join(p, "peer_pipeline.py"))) return p;
    if (dirname(d) === d) break;
  }
  throw new Error("shared/bench/peer_pipeline.py not found above the repository: pass --peer DIR");
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The Parquet file of `size`, generated with the shared generator when missing. */
export async function generated(size: string, peer: string): Promise<string> {
  const out = join(BENCH_CACHE, `ya_${size.replace("/", "_")}.parquet`);
  if (exists(out)) return out;
  await Deno.mkdir(BENCH_CACHE, { recursive: true });
  const args = [...generatorCommand(size, peer), "--out", `${out}.tmp`];
  console.error(`generating ${size}: python3 ${args.join(" ")}`);
  const st = await new Deno.Command("python3", { args, stdout: "inherit", stderr: "inherit" })
    .output();
  if (!st.success) throw new Error(`generator failed (${st.code})`);
  await Deno.rename(`${out}.tmp`, out);
  return out;
}

/**
 * A copy of the Parquet `file` as `csv` (canonical columns) or `json.gz`
 * (UCSD Goodreads lines: `book_id`, `date_added` like `Wed Mar 29 00:12:52
 * +0000 2017`), written next to the bench cache once.
 */
export async function converted(file: string, format: "csv" | "json.gz"): Promise<string> {
  const base = file.replace(/^.*\//, "").replace(/\.parquet$/, "");
  const out = join(BENCH_CACHE, `${base}.${format}`);
  if (exists(out)) return out;
  await Deno.mkdir(BENCH_CACHE, { recursive: true });
  console.error(`converting ${file} to ${format} …`);
  const db = await Engine.open();
  const tmp = `${out}.${Deno.pid}.tmp`;
  try {
    const select = format === "csv"
      ? `SELECT user_id, item_id, strftime(timestamp, '%Y-%m-%dT%H:%M:%SZ') AS timestamp, rating, is_read`
      : `SELECT user_id, item_id AS book_id, rating, is_read::INTEGER::VARCHAR = '1' AS is_read,
          strftime(timestamp, '%a %b %d %H:%M:%S +0000 %Y') AS date_added`;
    const opts = format === "csv" ? "FORMAT csv, HEADER true" : "FORMAT json, COMPRESSION gzip";
    await db.run(
      `COPY (${select} FROM read_parquet(${sqlString(file)})) TO ${sqlString(tmp)} (${opts})`,
    );
    await Deno.rename(tmp, out);
  } finally {
    db.close();
    await Deno.remove(tmp).catch(() => {});
  }
  return out;
}
