/**
 * DuckDB's allocator settings, applied before the DuckDB library allocates
 * (this module is imported ahead of it by `duckdb.ts`).
 *
 * DuckDB allocates with its own jemalloc, which by default hands freed pages
 * back to the kernel almost at once. Each hand-back is an `madvise` that
 * flushes every core's TLB, and the next allocation faults the pages in
 * again — on the VMs we run on, both are expensive. Streaming 35M rows
 * frees a result chunk per 2,048 rows, so this churn made the row scan about
 * 3× slower (measured: 18.5 s → 7.8 s CPU for the 35M-row scan, same peak
 * RSS). Freed pages are now kept for reuse for 5 s. A
 * `DUCKDB_JE_MALLOC_CONF` already in the environment wins.
 *
 * @module
 */
const CONF = "dirty_decay_ms:5000,muzzy_decay_ms:5000";

try {
  if (!Deno.env.get("DUCKDB_JE_MALLOC_CONF")) Deno.env.set("DUCKDB_JE_MALLOC_CONF", CONF);
} catch {
  // No env permission: DuckDB keeps its defaults (slower, same results).
}
