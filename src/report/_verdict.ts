/**
 * The verdict banner (one line per gate reason) and the headline cards of the
 * gated metrics.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { fmtInt, fmtInterval, fmtP, fmtPct, fmtSigned } from "./_format.ts";
import { baseMetric, deltaCi, direction, liftCi, primaryMetrics } from "./_rows.ts";
import type { ReportInput, ReportMetricRow, ReportReason } from "./types.ts";

const OUTCOME_TEXT: Record<ReportReason["outcome"], string> = {
  pass: "✓ pass",
  fail: "✗ fail",
  inconclusive: "? inconclusive",
};

function renderReason(r: ReportReason): SafeHtml {
  const pill = markup`<span class="pill ${r.outcome}">${
    OUTCOME_TEXT[r.outcome] ?? r.outcome
  }</span>`;
  return markup`<tr><td>${pill}</td><th scope="row">${r.rule}</th><td>${r.detail}</td></tr>`;
}

/**
 * The verdict banner: decision word, one sentence, and one line per reason;
 * "no gate configured" when there is no verdict.
 *
 * @example
 * ```ts
 * import { renderVerdict } from "./_verdict.ts";
 * const arms = { control: { label: "popular" }, test: { label: "<i>new</i>" } };
 * const out = renderVerdict({ verdict: null, arms } as never).value;
 * if (!out.includes("no gate configured")) throw new Error(out);
 * const verdict = { decision: "reject", reasons: [{ rule: "r", outcome: "fail", detail: "<b>" }] };
 * const rej = renderVerdict({ verdict, arms } as never).value;
 * if (!rej.includes("REJECT") || !rej.includes("&lt;b&gt;") || !rej.includes("&lt;i&gt;new")) throw new Error(rej);
 * ```
 */
export function renderVerdict(input: Pick<ReportInput, "verdict" | "arms">): SafeHtml {
  const { verdict, arms } = input;
  const c = arms.control.label;
  const t = arms.test.label;
  if (!verdict) {
    return markup`<section class="verdict none" id="verdict" aria-label="Verdict">
<div class="verdict-head"><span class="verdict-word">NO GATE</span>
<span class="verdict-say">no gate configured: results only, no admit/reject decision.</span></div>
</section>`;
  }
  const say = {
    admit: markup`<b>${t}</b> may replace <b>${c}</b>.`,
    reject: markup`Keep <b>${c}</b>: <b>${t}</b> did not pass the gate.`,
    inconclusive: markup`Not enough evidence to decide between <b>${c}</b> and <b>${t}</b>.`,
  }[verdict.decision];
  const reasons = verdict.reasons.length > 0
    ? markup`<table class="reasons"><tbody>${verdict.reasons.map(renderReason)}</tbody></table>`
    : markup`<p class="small">The gate gave no reasons.</p>`;
  return markup`<section class="verdict ${verdict.decision}" id="verdict" aria-label="Verdict">
<div class="verdict-head"><span class="verdict-word">${verdict.decision.toUpperCase()}</span>
<span class="verdict-say">${say}</span></div>
${reasons}
</section>`;
}

/** The rows of the headline cards: the gated rows, else the primary metric's overall row (at most 3). */
function headlineRows(input: Pick<ReportInput, "metrics" | "bootstrap">): ReportMetricRow[] {
  const gated = input.metrics.filter((r) => r.gated);
  if (gated.length > 0) return gated.slice(0, 3);
  const base = primaryMetrics(input)[0];
  const row = input.metrics.find((r) => r.segment === "overall" && r.metric === base) ??
    input.metrics.find((r) => baseMetric(r.metric) === base);
  return row ? [row] : [];
}

function renderCard(row: ReportMetricRow): SafeHtml {
  const useLift = row.lift !== null && Number.isFinite(row.lift);
  const dir = direction(useLift ? liftCi(row) : deltaCi(row));
  const value = useLift ? fmtPct(row.lift, true) : fmtSigned(row.delta);
  const ci = useLift
    ? fmtInterval(liftCi(row), (x) => fmtPct(x, true))
    : fmtInterval(deltaCi(row), fmtSigned);
  const p = row.pValueHolm !== null ? `p (Holm) ${fmtP(row.pValueHolm)}` : `p ${fmtP(row.pValue)}`;
  return markup`<div class="kpi"><div class="label">${row.metric} ${useLift ? "lift" : "Δ"}</div>
<div class="value${dir > 0 ? " up" : dir < 0 ? " down" : ""}">${value}</div>
<div class="sub">CI ${ci} · ${p}</div></div>`;
}

/**
 * Headline cards: lift (or Δ when there is no lift) and interval of the gated
 * metrics, and the users evaluated.
 */
export function renderKpis(input: Pick<ReportInput, "metrics" | "bootstrap" | "data">): SafeHtml {
  const d = input.data;
  const users = markup`<div class="kpi"><div class="label">Users evaluated</div>
<div class="value">${fmtInt(d.evalUsers)}</div>
<div class="sub">${fmtInt(d.users)} users · ${fmtInt(d.items)} items</div></div>`;
  return markup`<div class="kpis">${headlineRows(input).map(renderCard)}${users}</div>`;
}
