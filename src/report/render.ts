/**
 * Renders a {@linkcode ReportInput} into one self-contained HTML file: inline
 * CSS, inline Chart.js, chart data as escaped JSON, and a strict Content
 * Security Policy, so the page makes no network request.
 *
 * @module
 */
import { inlineScript, jsonScript, markup, type SafeHtml, trusted } from "./_html.ts";
import { fmtInstant } from "./_format.ts";
import { REPORT_CSS } from "./_styles.ts";
import { PAGE_SCRIPT } from "./_page_script.ts";
import { chartData } from "./_chart_data.ts";
import { loadChartJs } from "./chartjs.ts";
import { renderVerdict } from "./_verdict.ts";
import { renderKpis } from "./_cards.ts";
import { renderGlossary } from "./_glossary.ts";
import { renderSummary } from "./_summary.ts";
import { renderMetricTables } from "./_metrics_table.ts";
import { renderPanels } from "./_panels.ts";
import { renderClicks } from "./_clicks.ts";
import { renderCuped } from "./_cuped.ts";
import { renderSequential } from "./_sequential.ts";
import { renderExamples } from "./_examples.ts";
import { renderFooter } from "./_footer.ts";
import { renderCandidates } from "./_candidates.ts";
import type { ReportInput } from "./types.ts";

/** Options of {@linkcode renderReport}. */
export interface RenderOptions {
  /** Chart.js UMD source to inline. @default the installed `chart.js` package's `dist/chart.umd.min.js` */
  chartJs?: string;
}

/** The Content Security Policy of the report: inline script and style only, images from `data:` only. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const SECTIONS: [string, string][] = [
  ["verdict", "Verdict"],
  ["metrics", "Metrics"],
  ["charts", "Charts"],
  ["examples", "Example users"],
  ["summary", "Scenario and data"],
  ["glossary", "Glossary"],
  ["reproducibility", "Reproducibility"],
];

function masthead(input: ReportInput): SafeHtml {
  const { control, test } = input.arms;
  const lede = input.description ? markup`<p class="lede">${input.description}</p>` : null;
  const mode = input.mode.type === "paired" ? "paired replay" : "A/B split";
  const generated = markup`<time datetime="${input.generatedAt}">${
    fmtInstant(input.generatedAt)
  }</time>`;
  const design: [string, string][] = [];
  if (input.metrics.some((m) => m.cupedTheta != null)) design.push(["cuped", "CUPED"]);
  if (input.sequential) design.push(["sequential", "Sequential"]);
  if (input.clicks) design.push(["clicks", "Clicks"]);
  const candidates: [string, string][] = input.candidates ? [["candidates", "Candidates"]] : [];
  const sections = [...candidates, ...SECTIONS.slice(0, 3), ...design, ...SECTIONS.slice(3)];
  const toc = sections.map(([id, label]) => markup`<a href="#${id}">${label}</a>`);
  return markup`<header class="masthead"><div class="wrap">
<p class="eyebrow">abreplay · offline replay report</p>
<h1>${input.name}</h1>
${lede}
<div class="meta"><span>control <b>${control.label}</b> vs test <b>${test.label}</b></span>
<span>${mode} · top-${input.k}</span><span>generated ${generated}</span></div>
<nav class="toc" aria-label="Sections">${toc}</nav>
</div></header>`;
}

/**
 * Renders the report page. Every string from `input` is HTML-escaped; chart
 * data is embedded as JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped.
 *
 * @example
 * ```ts
 * import { renderReport, type ReportInput, type ReportMetricRow } from "./mod.ts";
 * const row: ReportMetricRow = { segment: "overall", metric: "NDCG@10", control: 0.04, test: 0.05, delta: 0.01, lift: 0.25,
 *   ciPercentile: [0.004, 0.016], ciBca: [0.005, 0.017], liftCiPercentile: [0.1, 0.4], liftCiBca: [0.12, 0.42],
 *   pValue: 0.001, pValueHolm: 0.002, gated: true, nControl: 500, nTest: 500 };
 * const input: ReportInput = {
 *   name: "</script><b>demo</b>", generatedAt: "2025-01-01T00:00:00Z", verdict: null,
 *   data: { source: "generated", fingerprint: "fp", report: { source: "generated", rowsRead: 10, rowsKept: 10 },
 *     splitInstant: "2024-01-01T00:00:00Z", users: 10, items: 5, catalogSize: 5, coldItems: 1, coldShare: 0.1,
 *     evalUsers: 8, trainRows: 8, testRows: 2 },
 *   mode: { type: "paired" }, k: 10,
 *   arms: { control: { label: "popular", type: "popular", params: {} }, test: { label: "item2item", type: "item2item", params: { neighbours: 50 } } },
 *   metrics: [row], bootstrap: null, srm: null, power: null,
 *   longTail: { buckets: [], control: [], test: [], coverage: { control: 0.01, test: 0.2 } },
 *   examples: [], footer: { scenarioHash: "h", dataFingerprint: "fp", versions: {}, seeds: {}, timingsMs: {} },
 * };
 * const page = await renderReport(input, { chartJs: "window.stub = 1;" });
 * if (!page.startsWith("<!DOCTYPE html>") || !page.includes("&lt;/script&gt;&lt;b&gt;demo") || page.includes("<b>demo")) throw new Error();
 * if (!page.includes("no gate configured") || !page.includes("+25.0%") || !page.includes('id="g-metric-NDCG"')) throw new Error();
 * ```
 */
export async function renderReport(
  input: ReportInput,
  options: RenderOptions = {},
): Promise<string> {
  const chartJs = options.chartJs ?? await loadChartJs();
  const charts = chartData(input);
  const decision = input.candidates
    ? input.candidates.decision.toUpperCase()
    : input.verdict
    ? input.verdict.decision.toUpperCase()
    : "NO GATE";
  const page = markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="abreplay">
<link rel="icon" href="data:,">
<title>${decision} · ${input.name} · abreplay report</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
${masthead(input)}
<main class="wrap">
${renderCandidates(input)}
${renderVerdict(input)}
${renderKpis(input)}
${renderMetricTables(input)}
${renderPanels(input, charts)}
${renderCuped(input)}
${renderSequential(input)}
${renderClicks(input)}
${renderExamples(input)}
${renderSummary(input)}
${renderGlossary(input)}
</main>
${renderFooter(input)}
${jsonScript("report-data", charts)}
${inlineScript(chartJs, "Chart.js")}
${inlineScript(PAGE_SCRIPT, "page script")}
</body>
</html>
`;
  return page.value;
}
