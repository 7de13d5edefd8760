/**
 * The metrics tables: one plain-HTML table per segment (readable without
 * JavaScript), one row per metric, Δ and lift cells coloured when their
 * interval excludes zero.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { decimalsFor, fmtFixed, fmtInt, fmtInterval, fmtP, fmtPct } from "./_format.ts";
import { deltaCi, direction, liftCi, SEGMENTS } from "./_rows.ts";
import type { ReportInput, ReportMetricRow } from "./types.ts";

const SEGMENT_TEXT: Record<ReportMetricRow["segment"], string> = {
  overall: "all evaluation users",
  warm: "relevant items seen in training (warm)",
  cold: "relevant items new or rare in training (cold)",
};

function dirClass(d: number): string {
  return d > 0 ? "up" : d < 0 ? "down" : "";
}

function arrow(d: number): string {
  return d > 0 ? " ▲" : d < 0 ? " ▼" : "";
}

const HEADERS = [
  "Metric",
  "Control",
  "Test",
  "Δ",
  "Lift",
  "Δ CI pct",
  "Δ CI BCa",
  "Lift CI pct",
  "Lift CI BCa",
  "p",
  "p Holm",
];

function renderRow(row: ReportMetricRow, showN: boolean): SafeHtml {
  const dDir = direction(deltaCi(row));
  const lDir = direction(liftCi(row)) || (row.lift !== null ? dDir : 0);
  const dec = decimalsFor([row.control, row.test, row.delta]);
  const val = (x: number | null) => fmtFixed(x, dec);
  const diff = (x: number | null) => fmtFixed(x, dec, true);
  const pct = (x: number) => fmtPct(x, true);
  const gate = row.gated ? markup`<span class="gate" title="used by the gate">gate</span>` : null;
  const n = showN
    ? markup`<td class="muted">${fmtInt(row.nControl)} / ${fmtInt(row.nTest)}</td>`
    : null;
  return markup`<tr><th scope="row">${row.metric}${gate}</th>
<td>${val(row.control)}</td><td>${val(row.test)}</td>
<td class="${dirClass(dDir)}">${diff(row.delta)}${arrow(dDir)}</td>
<td class="${dirClass(lDir)}">${fmtPct(row.lift, true)}</td>
<td class="ci">${fmtInterval(row.ciPercentile, diff)}</td>
<td class="ci">${fmtInterval(row.ciBca, diff)}</td>
<td class="ci">${fmtInterval(row.liftCiPercentile, pct)}</td>
<td class="ci">${fmtInterval(row.liftCiBca, pct)}</td>
<td>${fmtP(row.pValue)}</td>
<td>${row.gated ? fmtP(row.pValueHolm) : "—"}</td>${n}</tr>`;
}

function renderTable(segment: ReportMetricRow["segment"], rows: ReportMetricRow[]): SafeHtml {
  const uniform = rows.every((r) => r.nControl === rows[0].nControl && r.nTest === rows[0].nTest);
  const n = uniform
    ? ` · n = ${fmtInt(rows[0].nControl)} control / ${fmtInt(rows[0].nTest)} test users`
    : "";
  const title = segment[0].toUpperCase() + segment.slice(1);
  const headers = uniform ? HEADERS : [...HEADERS, "n (C / T)"];
  return markup`<div class="table-scroll"><table class="metrics" id="metrics-${segment}">
<caption>${title} <span>· ${SEGMENT_TEXT[segment]}${n}</span></caption>
<thead><tr>${headers.map((h) => markup`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => renderRow(r, !uniform))}</tbody></table></div>`;
}

/**
 * One table per segment that has rows, then a legend.
 *
 * @example
 * ```ts
 * import { renderMetricTables } from "./_metrics_table.ts";
 * const row = {
 *   segment: "cold", metric: "Cold<Recall>", control: 0.1, test: 0.2, delta: 0.1, lift: 1,
 *   ciPercentile: [0.05, 0.15], ciBca: null, liftCiPercentile: null, liftCiBca: null,
 *   pValue: 0.01, pValueHolm: null, gated: false, nControl: 5, nTest: 5,
 * };
 * const arms = { control: { label: "a" }, test: { label: "b" } };
 * const out = renderMetricTables({ metrics: [row], arms } as never).value;
 * if (!out.includes("Cold&lt;Recall&gt;") || !out.includes('class="up">+0.1000 ▲')) throw new Error(out);
 * if (out.includes("Overall")) throw new Error("no overall rows, so no overall table");
 * ```
 */
export function renderMetricTables(input: Pick<ReportInput, "metrics" | "arms">): SafeHtml {
  const { control, test } = input.arms;
  const tables = SEGMENTS.map((segment) => {
    const rows = input.metrics.filter((r) => r.segment === segment);
    return rows.length === 0 ? null : renderTable(segment, rows);
  });
  const body = tables.some((t) => t !== null)
    ? tables
    : markup`<p class="na">Not available: no metrics in this run.</p>`;
  return markup`<section class="card" id="metrics"><h2>Metrics</h2>
<p class="small muted">Control = <b>${control.label}</b>, test = <b>${test.label}</b>.</p>
${body}
<p class="legend">Δ = test − control; lift = Δ / control. CI: bootstrap confidence interval of Δ or
of the lift, percentile (pct) and bias-corrected accelerated (BCa).
<b class="up-text">▲</b> / <b class="down-text">▼</b> and colour: the BCa interval of Δ (percentile
when BCa is missing) lies above / below 0. <span class="gate">gate</span> marks metrics the gate
uses; their p-values are Holm-adjusted.</p>
</section>`;
}
