/**
 * How one metric row reads everywhere it appears (verdict, cards, tables,
 * charts): its change (lift, or Δ when there is no lift), its interval on the
 * same scale, the significance word, the p-value, and the tone (good / bad /
 * changed) that colours them. One function per text, so every place shows the
 * same characters for the same row.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { fmtFixed, fmtInterval, fmtP, fmtPct, sharedDecimals } from "./_format.ts";
import { better } from "./_glossary.ts";
import { type Direction, rowInterval, significance } from "./_rows.ts";
import type { ReportInput, ReportMetricRow } from "./types.ts";

/**
 * Decimals of the metric values below 1, shared by every table so columns
 * line up (a row with larger values gets its own, see {@linkcode rowDecimals}).
 */
export function sharedMetricDecimals(input: Pick<ReportInput, "metrics">): number {
  const small = input.metrics
    .flatMap((r) => [r.control, r.test])
    .filter((x): x is number => typeof x === "number" && Math.abs(x) < 1);
  return sharedDecimals(small);
}

/**
 * Decimals of one row: the shared ones, or three significant digits when a
 * value is 1 or more in magnitude (popularity counts, entropies).
 *
 * @example
 * ```ts
 * import { rowDecimals } from "./_row_text.ts";
 * const rows = [{ segment: "overall", control: 0.0412, test: 0.0468 }, { segment: "overall", control: 1234.5, test: 1100 }];
 * if (rowDecimals({ metrics: rows } as never, rows[0] as never) !== 4 || rowDecimals({ metrics: rows } as never, rows[1] as never) !== 0) throw new Error();
 * ```
 */
export function rowDecimals(input: Pick<ReportInput, "metrics">, row: ReportMetricRow): number {
  const big = Math.max(Math.abs(row.control ?? 0), Math.abs(row.test ?? 0));
  if (big >= 1) return Math.max(0, 2 - Math.floor(Math.log10(big)));
  return sharedMetricDecimals(input);
}

/** The texts of a row. */
export interface RowText {
  /** `lift` when the row has a lift, else `delta`. */
  scale: "lift" | "delta";
  /** "+13.6%" or "+0.0124". */
  change: string;
  /** "[+5.2%, +23.0%]" on the change's scale; "—" without an interval. */
  interval: string;
  dir: Direction;
}

/**
 * The row's change and interval, on the lift's scale when it has a lift.
 *
 * @example
 * ```ts
 * import { rowText } from "./_row_text.ts";
 * const row = { segment: "overall", control: 0.0412, test: 0.0468, delta: 0.0056, lift: 0.1359,
 *   liftCiBca: [0.0524, null], ciBca: [0.0022, 0.0093], ciPercentile: null, liftCiPercentile: null };
 * const t = rowText({ metrics: [row] } as never, row as never);
 * if (t.change !== "+13.6%" || t.interval !== "[+5.2%, +∞]" || t.dir !== 1) throw new Error(JSON.stringify(t));
 * const zero = { ...row, control: 0, delta: 0.0468, lift: null, liftCiBca: null };
 * if (rowText({ metrics: [zero] } as never, zero as never).interval !== "[+0.0022, +0.0093]") throw new Error();
 * ```
 */
export function rowText(input: Pick<ReportInput, "metrics">, row: ReportMetricRow): RowText {
  const iv = rowInterval(row);
  const dec = rowDecimals(input, row);
  const diff = (x: number) => fmtFixed(x, dec, true);
  const pct = (x: number) => fmtPct(x, true);
  const lift = iv ? iv.scale === "lift" : typeof row.lift === "number" && isFinite(row.lift);
  return {
    scale: lift ? "lift" : "delta",
    change: lift ? pct(row.lift!) : diff(row.delta!),
    interval: iv ? fmtInterval(iv.ci, lift ? pct : diff) : "—",
    dir: significance(row),
  };
}

/** The colour of a significant change: good or bad by the metric's better direction, else neutral. */
export type Tone = "good" | "bad" | "changed" | "ns";

/**
 * The tone of a row's significance for its metric.
 *
 * @example
 * ```ts
 * import { tone } from "./_row_text.ts";
 * if (tone("NDCG@10", 1) !== "good" || tone("NDCG@10", -1) !== "bad" || tone("ARP@10", 1) !== "changed" || tone("NDCG@10", 0) !== "ns") throw new Error();
 * ```
 */
export function tone(metric: string, dir: Direction): Tone {
  if (dir === 0) return "ns";
  const b = better(metric);
  if (b === "neither") return "changed";
  return (dir > 0) === (b === "higher") ? "good" : "bad";
}

/** "▲ significant", "▼ significant" or "not significant". */
export function sigWord(dir: Direction): string {
  return dir > 0 ? "▲ significant" : dir < 0 ? "▼ significant" : "not significant";
}

/**
 * The p-value as text, "p < 0.001" or "p = 0.046", with a † when it and the
 * interval disagree about significance at level α (normal approximation vs
 * bootstrap, near the border).
 *
 * @example
 * ```ts
 * import { pText } from "./_row_text.ts";
 * if (pText(0.0001, 1, 0.05).value !== "p &lt;\u00a00.001") throw new Error(pText(0.0001, 1, 0.05).value);
 * if (!pText(0.13, 1, 0.05).value.includes("†")) throw new Error("interval significant, p not");
 * if (pText(null, 0, 0.05).value !== "") throw new Error();
 * ```
 */
export function pText(p: number | null, dir: Direction, alpha: number | null): SafeHtml {
  if (p === null || !Number.isFinite(p)) return markup``;
  const text = p < 0.001 ? `p ${fmtP(p)}` : `p = ${fmtP(p)}`;
  const disagree = alpha !== null && (p < alpha) !== (dir !== 0);
  return disagree
    ? markup`${text}<a class="dagger" href="#g-p" title="The p-value (normal approximation) and the interval (bootstrap) disagree about significance: a borderline result.">†</a>`
    : markup`${text}`;
}

/**
 * A threshold on the lift: "0%" for zero, else signed ("+2.0%", "−5.0%").
 *
 * @example
 * ```ts
 * import { fmtThreshold } from "./_row_text.ts";
 * if (fmtThreshold(0) !== "0%" || fmtThreshold(0.02) !== "+2.0%" || fmtThreshold(-0.05) !== "−5.0%") throw new Error();
 * ```
 */
export function fmtThreshold(x: number): string {
  return x === 0 ? "0%" : fmtPct(x, true);
}

/** α of the run's intervals, when the input says. */
export function alphaOf(input: Pick<ReportInput, "stats" | "power">): number | null {
  return input.stats?.alpha ?? input.power?.alpha ?? null;
}

/** "95%" from the run's confidence level (α when only it is known); "" when unknown. */
export function levelText(input: Pick<ReportInput, "stats" | "power">): string {
  const alpha = alphaOf(input);
  const c = input.stats?.confidence ?? (alpha !== null ? 1 - alpha : null);
  return c === null ? "" : `${String(Number((100 * c).toPrecision(4)))}%`;
}

/** The raw interval of a row, as JSON with `null` for an infinite bound, for `data-ci` attributes. */
export function ciData(row: ReportMetricRow): string {
  const iv = rowInterval(row);
  return iv ? JSON.stringify(iv.ci.map((x) => (Number.isFinite(x) ? x : null))) : "null";
}
