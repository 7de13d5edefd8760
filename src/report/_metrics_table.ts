/**
 * The metrics tables: one plain-HTML table per segment (readable without
 * JavaScript), one row per metric with control, test, the change (lift, or Δ
 * when the control is 0), an inline interval bar (GrowthBook-style, on one
 * axis per table) and the significance word with the p-value. On a phone each
 * row stacks into a card. Every other statistic (percentile and BCa intervals
 * of Δ and lift, Monte Carlo error, Holm-adjusted p, users) is in one
 * collapsed table below, which scrolls sideways with its first column fixed.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtFixed, fmtInt, fmtInterval, fmtP, fmtPct } from "./_format.ts";
import { axisPos, ciBar, deltaAxis, type LiftAxis, liftAxis } from "./_cibar.ts";
import { metricLink, termLink } from "./_glossary.ts";
import { bounds, guardrailRows, primaryMetric, rowInterval, SEGMENTS } from "./_rows.ts";
import {
  alphaOf,
  ciData,
  levelText,
  pText,
  rowDecimals,
  rowText,
  sigWord,
  tone,
} from "./_row_text.ts";
import type { ReportInput, ReportMetricRow } from "./types.ts";

const SEGMENT_TEXT: Record<ReportMetricRow["segment"], string> = {
  overall: "all evaluation users, every book they went on to read",
  warm: "only books with enough readers in training (warm)",
  cold: "only books new or rare in training (cold)",
};

/** The role badge of a gated row. */
function role(input: ReportInput, row: ReportMetricRow): HtmlValue {
  if (row.metric === primaryMetric(input)) {
    return markup`<span class="gate" title="the gate's primary metric">primary</span>`;
  }
  if (guardrailRows(input).some((g) => g.row === row)) {
    return markup`<span class="gate" title="a guardrail of the gate">guardrail</span>`;
  }
  return row.gated ? markup`<span class="gate" title="used by the gate">gate</span>` : null;
}

/** The lift axis shared by the rows of a table that have a lift (with their thresholds). */
function tableAxis(input: ReportInput, rows: ReportMetricRow[]): LiftAxis {
  return liftAxis(rows.flatMap((r) => {
    const iv = rowInterval(r);
    const tau = thresholdOf(input, r);
    return iv?.scale === "lift" ? [[r.lift!, ...iv.ci, ...(tau === undefined ? [] : [tau])]] : [];
  }));
}

/** The gate's threshold for a row, when it has one. */
function thresholdOf(input: ReportInput, row: ReportMetricRow): number | undefined {
  if (input.gate && row.metric === input.gate.primary.metric) return input.gate.primary.threshold;
  return guardrailRows(input).find((g) => g.row === row)?.threshold;
}

function renderRow(
  input: ReportInput,
  row: ReportMetricRow,
  axis: LiftAxis,
  segmentUsers: ReportMetricRow | undefined,
): SafeHtml {
  const t = rowText(input, row);
  const iv = rowInterval(row);
  const dec = rowDecimals(input, row);
  const lift = t.scale === "lift";
  const bar = iv
    ? ciBar({
      ci: iv.ci,
      point: lift ? row.lift : row.delta,
      axis: lift ? axis : deltaAxis(iv.ci),
      tone: tone(row.metric, t.dir),
      threshold: lift ? thresholdOf(input, row) : undefined,
      label: `${t.change}, interval ${t.interval}`,
    })
    : null;
  // a metric that leaves users out (no list, or < 2 books for ILD: PROTOCOL §4.1) says how many it covers
  const fewer = segmentUsers && row.equalSize === undefined &&
    (row.nControl < segmentUsers.nControl || row.nTest < segmentUsers.nTest);
  const equal = row.equalSize !== undefined
    ? markup`<div class="note">compared at ${fmtInt(row.equalSize)} users per arm</div>`
    : fewer
    ? markup`<div class="note">on the ${fmtInt(row.nControl)} / ${
      fmtInt(row.nTest)
    } users with a value</div>`
    : null;
  const cls = tone(row.metric, t.dir);
  return markup`<tr data-metric="${row.metric}" data-segment="${row.segment}" data-ci="${
    ciData(row)
  }" data-sig="${String(t.dir)}">
<th scope="row">${metricLink(row.metric, input.k)}${role(input, row)}${equal}</th>
<td data-label="Control">${fmtFixed(row.control, dec)}</td><td data-label="Test">${
    fmtFixed(row.test, dec)
  }</td>
<td data-label="Change" class="${cls}">${lift ? "" : "Δ "}${t.change}</td>
<td data-label="${
    levelText(input)
  } interval" class="ci-cell">${bar}<span class="ci-text">${t.interval}</span></td>
<td data-label="Significance" class="sig ${cls}">${sigWord(t.dir)} <span class="p">${
    pText(row.pValue, t.dir, alphaOf(input))
  }</span></td></tr>`;
}

/** Axis labels of a table's lift bars: left edge, 0 (unless near an edge), right edge. */
function axisHead(axis: LiftAxis): SafeHtml {
  const zero = axisPos(axis, 0);
  const mid = zero > 0.2 && zero < 0.8
    ? markup`<span class="mid" style="left:${(100 * zero).toFixed(2)}%">0</span>`
    : null;
  return markup`<span class="axis-head"><span class="lo">${
    fmtPct(axis.min, true)
  }</span>${mid}<span class="hi">${fmtPct(axis.max, true)}</span></span>`;
}

function renderTable(
  input: ReportInput,
  segment: ReportMetricRow["segment"],
  rows: ReportMetricRow[],
): SafeHtml {
  const uniform = rows.every((r) => r.nControl === rows[0].nControl && r.nTest === rows[0].nTest);
  const means = rows.filter((r) => r.equalSize === undefined);
  const n = means.length > 0
    ? ` · ${fmtInt(means[0].nControl)} control / ${fmtInt(means[0].nTest)} test users`
    : "";
  const title = segment[0].toUpperCase() + segment.slice(1);
  const axis = tableAxis(input, rows);
  return markup`<table class="metrics stack" id="metrics-${segment}">
<caption>${title} <span>· ${SEGMENT_TEXT[segment]}${
    uniform || means.length > 0 ? n : ""
  }</span></caption>
<thead><tr><th scope="col">Metric</th><th scope="col">Control</th><th scope="col">Test</th>
<th scope="col">${termLink("lift", "Change")}</th><th scope="col" class="ci-head">${
    levelText(input)
  } ${termLink("ci", "interval")}${axisHead(axis)}</th><th scope="col">${
    termLink("significant", "Significance")
  }</th></tr></thead>
<tbody>${rows.map((r) => renderRow(input, r, axis, means[0]))}</tbody></table>`;
}

/** Every statistic of a row, for the collapsed table. */
function detailRow(input: ReportInput, row: ReportMetricRow): SafeHtml {
  const dec = rowDecimals(input, row);
  const diff = (x: number) => fmtFixed(x, dec, true);
  const pct = (x: number) => fmtPct(x, true);
  const mc = row.liftCiMcSd
    ? fmtInterval(bounds(row.liftCiMcSd), (x) => `±${fmtPct(x, false, 2)}`)
    : "—";
  return markup`<tr><th scope="row">${row.metric}</th><td>${row.segment}</td>
<td>${fmtFixed(row.delta, dec, true)}</td><td>${fmtInterval(bounds(row.ciPercentile), diff)}</td>
<td>${fmtInterval(bounds(row.ciBca), diff)}</td><td>${fmtPct(row.lift, true)}</td>
<td>${fmtInterval(bounds(row.liftCiPercentile), pct)}</td><td>${
    fmtInterval(bounds(row.liftCiBca), pct)
  }</td><td>${mc}</td><td>${fmtP(row.pValue)}</td><td>${fmtP(row.pValueHolm)}</td>
<td>${fmtInt(row.equalSize ?? row.nControl)} / ${fmtInt(row.equalSize ?? row.nTest)}</td>
<td>${fmtInt(row.resamples ?? input.stats?.resamples)}</td></tr>`;
}

function detailTable(input: ReportInput): SafeHtml {
  const heads: [string, HtmlValue][] = [
    ["Metric", null],
    ["Segment", null],
    ["Δ", termLink("delta", "Δ")],
    ["Δ pct", markup`Δ ${termLink("percentile", "pct")}`],
    ["Δ BCa", markup`Δ ${termLink("bca", "BCa")}`],
    ["Lift", termLink("lift")],
    ["Lift pct", markup`Lift ${termLink("percentile", "pct")}`],
    ["Lift BCa", markup`Lift ${termLink("bca", "BCa")} (gate)`],
    ["MC", markup`${termLink("mc", "± Monte Carlo")} (sd)`],
    ["p", termLink("p", "p")],
    ["p Holm", termLink("holm", "p Holm")],
    ["n", "users C / T"],
    ["B", termLink("bootstrap", "B")],
  ];
  return markup`<details class="allstats"><summary>All statistics: percentile and BCa intervals of Δ and lift, Monte Carlo error, Holm-adjusted p, users, resamples</summary>
<p class="scroll-hint">Swipe sideways for more columns →</p>
<div class="scroll-x"><table class="metrics wide sticky" id="metrics-all">
<thead><tr>${heads.map(([t, h]) => markup`<th scope="col">${h ?? t}</th>`)}</tr></thead>
<tbody>${input.metrics.map((r) => detailRow(input, r))}</tbody></table></div>
<p class="legend">Δ and lift intervals at level ${
    levelText(input)
  }; ± Monte Carlo: sd of each bound of the lift's BCa interval from the bootstrap's randomness. The gate decides on the lift's BCa interval; the Holm-adjusted p is reported for PROTOCOL §6 and not used by the gate (admission needs every rule to pass, which already bounds the chance of a wrong admission). Coverage is compared at equal size: n is the users per arm of each half-sample.</p>
</details>`;
}

/**
 * One table per segment that has rows, a legend, and the collapsed table of
 * every statistic.
 *
 * @example
 * ```ts
 * import { renderMetricTables } from "./_metrics_table.ts";
 * const row = {
 *   segment: "cold", metric: "Cold<Recall>", control: 0.1, test: 0.2, delta: 0.1, lift: 1,
 *   ciPercentile: [0.05, 0.15], ciBca: null, liftCiPercentile: null, liftCiBca: [0.5, 1.5],
 *   pValue: 0.01, pValueHolm: null, gated: false, nControl: 5, nTest: 5,
 * };
 * const arms = { control: { label: "a" }, test: { label: "b" } };
 * const out = renderMetricTables({ metrics: [row], arms, k: 10 } as never).value;
 * if (!out.includes("Cold&lt;Recall&gt;") || !out.includes('class="changed">+100%')) throw new Error(out);
 * if (out.includes("Overall ")) throw new Error("no overall rows, so no overall table");
 * ```
 */
export function renderMetricTables(input: ReportInput): SafeHtml {
  const { control, test } = input.arms;
  const tables = SEGMENTS.map((segment) => {
    const rows = input.metrics.filter((r) => r.segment === segment);
    return rows.length === 0 ? null : renderTable(input, segment, rows);
  });
  const some = tables.some((t) => t !== null);
  const body = some ? tables : markup`<p class="na">Not available: no metrics in this run.</p>`;
  return markup`<section class="card" id="metrics"><h2>Metrics</h2>
<p class="small muted">Control = <b>${control.label}</b>, test = <b>${test.label}</b>. Metric names link to their definitions.</p>
${body}
<p class="legend"><b>Change</b>: the ${
    termLink("lift")
  } (test − control) / control; Δ (test − control) when the control's value is 0.
<b>Interval</b>: the bar spans the ${levelText(input)} ${
    termLink("ci", "interval")
  } of the change (◆ the estimate, ┆ 0, dashed: the gate's threshold,
an arrow: no limit on that side); one axis per table for the lifts, a Δ bar on its own scale.
<b>Significance</b>: ${
    termLink("significant")
  } when the interval excludes 0, coloured green when the metric improved and red when it got worse.
The ${
    termLink("p", "p-value")
  } is shown for reference; † marks a p-value that disagrees with the interval (borderline).</p>
${some ? detailTable(input) : null}
</section>`;
}
