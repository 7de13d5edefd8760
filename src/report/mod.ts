/**
 * Report stage: renders an already-computed {@linkcode ReportInput} into one
 * self-contained HTML file for stakeholders (verdict, data summary, metrics
 * tables, Chart.js charts, example users, reproducibility footer). It computes
 * no metric or statistic.
 *
 * @example
 * ```ts
 * import { loadChartJs, renderReport } from "./mod.ts";
 * if (typeof renderReport !== "function" || !(await loadChartJs()).includes("Chart.js")) throw new Error();
 * ```
 * @module
 */
export type * from "./types.ts";
export { type RenderOptions, renderReport, REPORT_CSP } from "./render.ts";
export { loadChartJs } from "./chartjs.ts";
