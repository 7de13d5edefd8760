/**
 * The headline cards under the verdict: the primary metric, then each
 * guardrail apart from it (each with its interval bar and the gate's
 * threshold), serving of the test arm, and the users evaluated.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtInt, fmtMs, fmtPct } from "./_format.ts";
import { ciBar, deltaAxis, liftAxis } from "./_cibar.ts";
import { metricLink, termLink } from "./_glossary.ts";
import { guardrailRows, primaryMetric, rowInterval, rowOf } from "./_rows.ts";
import {
  alphaOf,
  ciData,
  fmtThreshold,
  levelText,
  pText,
  rowText,
  sigWord,
  tone,
} from "./_row_text.ts";
import type { GateReason, ReportInput, ReportMetricRow } from "./types.ts";

function pill(r: GateReason | null | undefined): HtmlValue {
  if (!r) return null;
  const text = { pass: "✓ pass", fail: "✗ fail", inconclusive: "? undecided" }[r.outcome];
  return markup`<span class="pill ${r.outcome}">${text}</span>`;
}

/** One metric card: role, change, interval bar with the threshold, interval, significance. */
function metricCard(
  input: ReportInput,
  row: ReportMetricRow,
  role: "primary" | "guardrail",
  threshold: number | undefined,
  reason: GateReason | null | undefined,
): SafeHtml {
  const t = rowText(input, row);
  const iv = rowInterval(row);
  const lift = t.scale === "lift";
  const axis = iv
    ? lift ? liftAxis([[...iv.ci, row.lift!, threshold ?? 0]]) : deltaAxis(iv.ci)
    : null;
  const bar = iv && axis
    ? ciBar({
      ci: iv.ci,
      point: lift ? row.lift : row.delta,
      axis,
      tone: tone(row.metric, t.dir),
      threshold: lift ? threshold : undefined,
      label: `${t.change}, interval ${t.interval}`,
    })
    : null;
  const need = threshold === undefined
    ? null
    : role === "primary"
    ? markup`<span>· needs above ${fmtThreshold(threshold)}</span>`
    : markup`<span>· may drop ${fmtPct(-threshold)}</span>`;
  const roleText = role === "primary" ? termLink("primary") : termLink("guardrail");
  return markup`<div class="kpi ${role}" data-metric="${row.metric}">
<div class="label">${roleText} · ${metricLink(row.metric, input.k)} ${
    lift ? termLink("lift") : termLink("delta", "Δ")
  } ${pill(reason)}</div>
<div class="value ${tone(row.metric, t.dir)}">${t.change}</div>
${bar}
<div class="sub">${
    levelText(input)
  } interval <span class="ci-text" data-metric="${row.metric}" data-ci="${
    ciData(row)
  }">${t.interval}</span> ${need}</div>
<div class="sub">${termLink("significant", sigWord(t.dir))} · ${
    pText(row.pValue, t.dir, alphaOf(input))
  }</div></div>`;
}

function servingCard(input: ReportInput): HtmlValue {
  const s = input.serving?.test;
  if (!s) return null;
  const limit = input.gate ? markup` · limit ${fmtMs(input.gate.latencyP95Ms)}` : null;
  return markup`<div class="kpi"><div class="label">${
    termLink("latency", "Serving")
  } · ${input.arms.test.label}</div>
<div class="value">${fmtMs(s.latencyP95Ms)} <span class="unit">p95</span></div>
<div class="sub">median ${fmtMs(s.latencyP50Ms)}${
    s.latencyP99Ms !== undefined ? markup`, p99 ${fmtMs(s.latencyP99Ms)}` : null
  } per request${limit}</div>
<div class="sub">${fmtInt(s.failedUsers)} of ${fmtInt(s.users)} users failed (${
    fmtPct(s.errorRate)
  })</div></div>`;
}

/**
 * Headline cards: primary metric, guardrails, serving, users.
 *
 * @example
 * ```ts
 * import { renderKpis } from "./_cards.ts";
 * const row = { segment: "overall", metric: "NDCG@10", control: 0.04, test: 0.05, delta: 0.01, lift: 0.25,
 *   ciPercentile: null, ciBca: [0.004, 0.016], liftCiPercentile: null, liftCiBca: [0.1, 0.4],
 *   pValue: 0.0004, pValueHolm: null, gated: true, nControl: 500, nTest: 500 };
 * const input = { metrics: [row], bootstrap: null, k: 10, verdict: null, arms: { test: { label: "t" } },
 *   data: { evalUsers: 500, users: 600, items: 90 }, gate: null, stats: { alpha: 0.05, confidence: 0.95, resamples: 2000 } };
 * const out = renderKpis(input as never).value;
 * if (!out.includes("+25.0%") || !out.includes("[+10.0%, +40.0%]") || !out.includes("▲ significant")) throw new Error(out);
 * ```
 */
export function renderKpis(input: ReportInput): SafeHtml {
  const d = input.data;
  const name = primaryMetric(input);
  const primary = name ? rowOf(input, name) : null;
  const reasons = input.verdict?.reasons ?? [];
  const cards: HtmlValue[] = [];
  if (primary) {
    cards.push(metricCard(
      input,
      primary,
      "primary",
      input.gate?.primary.threshold,
      reasons.find((r) => r.rule.startsWith("primary")),
    ));
  }
  for (const { row, threshold } of guardrailRows(input)) {
    const reason = reasons.find((r) => r.rule.startsWith(`guardrail ${row.metric} `));
    cards.push(metricCard(input, row, "guardrail", threshold, reason));
  }
  cards.push(servingCard(input));
  cards.push(markup`<div class="kpi"><div class="label">Users evaluated</div>
<div class="value">${fmtInt(d.evalUsers)}</div>
<div class="sub">of ${fmtInt(d.users)} users · ${fmtInt(d.items)} items</div></div>`);
  return markup`<div class="kpis" aria-label="Key numbers">${cards}</div>`;
}
