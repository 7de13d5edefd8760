/**
 * Plain-text tables for the terminal.
 *
 * @module
 */

/**
 * Renders rows as an aligned text table (first column left, others right).
 *
 * @example
 * ```ts
 * import { textTable } from "./table.ts";
 * const t = textTable(["m", "v"], [["NDCG@10", "0.1"]]);
 * if (!t.includes("NDCG@10  0.1")) throw new Error(t);
 * ```
 */
export function textTable(head: string[], rows: string[][]): string {
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) =>
    r.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join("  ").trimEnd();
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

/** Formats a number with `d` decimals, "—" for NaN/null. */
export function num(x: number | null | undefined, d = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(d);
}

/** Formats a fraction as a signed percentage. */
export function pct(x: number | null | undefined, d = 1): string {
  return x === null || x === undefined || !Number.isFinite(x)
    ? "—"
    : `${x >= 0 ? "+" : ""}${(100 * x).toFixed(d)}%`;
}
