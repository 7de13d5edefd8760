/**
 * Number and date formatting for the report (display only: no statistics).
 * Missing or non-finite values render as an em dash; negative numbers use the
 * typographic minus sign U+2212.
 *
 * @module
 */

/** Shown for missing values. */
export const MISSING = "—";

const MINUS = "\u2212";

function finite(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function withMinus(s: string): string {
  return s.startsWith("-") ? MINUS + s.slice(1) : s;
}

/**
 * A metric value: 4 decimals, scientific below 0.001, grouped above 1000.
 *
 * @example
 * ```ts
 * import { fmtValue } from "./_format.ts";
 * const got = [fmtValue(0.04123456), fmtValue(0.00042), fmtValue(12345.6), fmtValue(null), fmtValue(-0.5)];
 * if (got.join("|") !== "0.0412|4.20e-4|12,346|—|−0.5000") throw new Error(got.join("|"));
 * ```
 */
export function fmtValue(x: number | null | undefined): string {
  if (!finite(x)) return MISSING;
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1000) return withMinus(Math.round(x).toLocaleString("en-US"));
  if (a >= 1e-3) return withMinus(x.toFixed(4));
  return withMinus(x.toExponential(2));
}

/**
 * A signed difference: like {@linkcode fmtValue} with an explicit `+`.
 *
 * @example
 * ```ts
 * import { fmtSigned } from "./_format.ts";
 * if (fmtSigned(0.0056) !== "+0.0056" || fmtSigned(-0.0056) !== "−0.0056" || fmtSigned(0) !== "0") throw new Error();
 * ```
 */
export function fmtSigned(x: number | null | undefined): string {
  const s = fmtValue(x);
  return finite(x) && x > 0 ? `+${s}` : s;
}

/**
 * Decimals for values of this magnitude (the largest finite absolute value):
 * 4 from 0.001 to 1, else about three significant digits.
 *
 * @example
 * ```ts
 * import { decimalsFor } from "./_format.ts";
 * const got = [decimalsFor([0.0412, 0.0004]), decimalsFor([0.0097]), decimalsFor([0.0003]), decimalsFor([12.5]), decimalsFor([1234]), decimalsFor([null])];
 * if (got.join() !== "4,4,6,1,0,4") throw new Error(got.join());
 * ```
 */
export function decimalsFor(values: readonly (number | null | undefined)[]): number {
  const scale = Math.max(0, ...values.filter(finite).map(Math.abs));
  if (scale === 0 || (scale >= 1e-3 && scale < 1)) return 4;
  return Math.min(8, Math.max(0, 2 - Math.floor(Math.log10(scale))));
}

/**
 * A number with fixed `decimals`; `signed` adds `+` to positive values.
 *
 * @example
 * ```ts
 * import { fmtFixed } from "./_format.ts";
 * if ([fmtFixed(0.00064, 4, true), fmtFixed(-0.0123, 4), fmtFixed(0, 4, true), fmtFixed(null, 2)].join("|") !== "+0.0006|−0.0123|0.0000|—") throw new Error();
 * ```
 */
export function fmtFixed(x: number | null | undefined, decimals: number, signed = false): string {
  if (!finite(x)) return MISSING;
  const s = withMinus(x.toFixed(decimals));
  return signed && x > 0 ? `+${s}` : s;
}

/**
 * A ratio as a percentage; `digits` defaults to 1 below 100% and 0 from 100%
 * on. `signed` adds `+`.
 *
 * @example
 * ```ts
 * import { fmtPct } from "./_format.ts";
 * const got = [fmtPct(0.1234), fmtPct(-0.05, true), fmtPct(6.327, true), fmtPct(0.8, false, 0)];
 * if (got.join("|") !== "12.3%|−5.0%|+633%|80%") throw new Error(got.join("|"));
 * ```
 */
export function fmtPct(x: number | null | undefined, signed = false, digits?: number): string {
  if (!finite(x)) return MISSING;
  const s = withMinus((x * 100).toFixed(digits ?? (Math.abs(x) >= 1 ? 0 : 1))) + "%";
  return signed && x > 0 ? `+${s}` : s;
}

/**
 * An interval `[lo, hi]` with the given formatter; a bound that is not finite
 * (or `null`, as JSON writes ∞) is shown as −∞ / +∞.
 *
 * @example
 * ```ts
 * import { fmtInterval, fmtPct } from "./_format.ts";
 * if (fmtInterval([-0.01, 0.2], (x) => fmtPct(x, true)) !== "[−1.0%, +20.0%]") throw new Error();
 * if (fmtInterval([5.28, Infinity], (x) => fmtPct(x, true)) !== "[+528%, +∞]") throw new Error();
 * if (fmtInterval([null, null] as never, fmtPct) !== "[−∞, +∞]" || fmtInterval(null, fmtPct) !== "—") throw new Error();
 * ```
 */
export function fmtInterval(
  ci: readonly [number, number] | null | undefined,
  fmt: (x: number) => string,
): string {
  if (!ci) return MISSING;
  const lo = finite(ci[0]) ? fmt(ci[0]) : `${MINUS}∞`;
  const hi = finite(ci[1]) ? fmt(ci[1]) : "+∞";
  return `[${lo}, ${hi}]`;
}

/**
 * Decimals shared by the metric values of one table, so a column lines up:
 * two significant digits of the smallest non-zero magnitude, from 4 to 6
 * decimals.
 *
 * @example
 * ```ts
 * import { sharedDecimals } from "./_format.ts";
 * const got = [sharedDecimals([0.0939, 0.0037]), sharedDecimals([0.0939, 0.000139, 0]), sharedDecimals([1e-9]), sharedDecimals([])];
 * if (got.join() !== "4,5,6,4") throw new Error(got.join());
 * ```
 */
export function sharedDecimals(values: readonly (number | null | undefined)[]): number {
  const nonzero = values.filter(finite).map(Math.abs).filter((x) => x > 0);
  if (nonzero.length === 0) return 4;
  return Math.min(6, Math.max(4, 1 - Math.floor(Math.log10(Math.min(...nonzero)))));
}

/**
 * A p-value: 3 decimals, `< 0.001` below (with a no-break space).
 *
 * @example
 * ```ts
 * import { fmtP } from "./_format.ts";
 * if ([fmtP(0.04567), fmtP(0.0000123), fmtP(1), fmtP(null)].join("|") !== "0.046|<\u00a00.001|1.000|—") throw new Error();
 * ```
 */
export function fmtP(p: number | null | undefined): string {
  if (!finite(p)) return MISSING;
  return p < 0.001 ? "<\u00a00.001" : p.toFixed(3);
}

/**
 * An integer count with thousands separators.
 *
 * @example
 * ```ts
 * import { fmtInt } from "./_format.ts";
 * if (fmtInt(1234567) !== "1,234,567") throw new Error();
 * ```
 */
export function fmtInt(n: number | null | undefined): string {
  return finite(n) ? withMinus(Math.round(n).toLocaleString("en-US")) : MISSING;
}

/**
 * A duration in milliseconds: two significant digits below 10 ms, whole `ms`
 * below one second, then seconds, then minutes.
 *
 * @example
 * ```ts
 * import { fmtMs } from "./_format.ts";
 * if ([fmtMs(0.1043), fmtMs(3.14), fmtMs(61.4), fmtMs(1834), fmtMs(125000)].join("|") !== "0.10 ms|3.1 ms|61 ms|1.83 s|2 min 5 s") throw new Error();
 * ```
 */
export function fmtMs(ms: number | null | undefined): string {
  if (!finite(ms)) return MISSING;
  if (ms < 10) return `${ms === 0 ? "0" : ms.toPrecision(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * An ISO instant as `YYYY-MM-DD HH:MM:SS UTC`; other strings are returned as is.
 *
 * @example
 * ```ts
 * import { fmtInstant } from "./_format.ts";
 * if (fmtInstant("2014-06-08T05:53:47.000Z") !== "2014-06-08 05:53:47 UTC") throw new Error();
 * if (fmtInstant("yesterday") !== "yesterday") throw new Error();
 * ```
 */
export function fmtInstant(iso: string): string {
  const t = Date.parse(iso);
  if (!/^\d{4}-\d\d-\d\dT/.test(iso) || Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/**
 * Rounds to `digits` significant digits, for compact embedded chart data.
 *
 * @example
 * ```ts
 * import { roundSig } from "./_format.ts";
 * if (roundSig(0.0123456789) !== 0.012346 || roundSig(123456.7, 3) !== 123000) throw new Error();
 * ```
 */
export function roundSig(x: number, digits = 5): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}
