/**
 * The verdict banner: the decision, what it means in plain language (the
 * primary metric's lift and interval, the guardrails, serving, the split, and
 * how reliable the gate is at this size), then one line per gate rule.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtFixed, fmtInt, fmtMs, fmtP, fmtPct } from "./_format.ts";
import { metricLink, termLink } from "./_glossary.ts";
import { guardrailRows, primaryMetric, rowOf } from "./_rows.ts";
import {
  ciData,
  fmtThreshold,
  levelText,
  rowDecimals,
  rowText,
  sigWord,
  tone,
} from "./_row_text.ts";
import type { GateReason, ReportInput, ReportMetricRow, ReportServing } from "./types.ts";

const OUTCOME_TEXT: Record<GateReason["outcome"], string> = {
  pass: "✓ pass",
  fail: "✗ fail",
  inconclusive: "? inconclusive",
};

/** A reason's detail, with the measured latency where the gate points to serving.json (manifest.json in older runs). */
function reasonDetail(r: GateReason, input: Pick<ReportInput, "serving">): string {
  const test = input.serving?.test;
  if (!test || !r.rule.startsWith("latency")) return r.detail;
  return r.detail.replace(
    /\(value in (serving|manifest)\.json\)/,
    `(measured: ${fmtMs(test.latencyP95Ms)})`,
  );
}

function renderReason(r: GateReason, input: Pick<ReportInput, "serving">): SafeHtml {
  const pill = markup`<span class="pill ${r.outcome}">${
    OUTCOME_TEXT[r.outcome] ?? r.outcome
  }</span>`;
  return markup`<tr><td>${pill}</td><th scope="row">${r.rule}</th><td>${
    reasonDetail(r, input)
  }</td></tr>`;
}

/** The gate's reason for a rule whose name starts with `prefix`. */
function reasonFor(input: Pick<ReportInput, "verdict">, prefix: string): GateReason | null {
  return input.verdict?.reasons.find((r) => r.rule.startsWith(prefix)) ?? null;
}

/** The interval text of a row, marked for tests and tooltips. */
function ciSpan(input: Pick<ReportInput, "metrics">, row: ReportMetricRow): SafeHtml {
  return markup`<span class="ci-text" data-metric="${row.metric}" data-ci="${ciData(row)}">${
    rowText(input, row).interval
  }</span>`;
}

/** Why an interval has an infinite side, in words. */
function unbounded(text: string, users: number): HtmlValue {
  const lo = text.includes("−∞"), hi = text.includes("+∞");
  if (!lo && !hi) return null;
  const side = lo && hi ? "no limit on either side" : hi ? "no upper limit" : "no lower limit";
  return ` (${side}: with ${fmtInt(users)} users the data cannot bound it${
    hi && !lo ? "; the lift may be much larger" : ""
  })`;
}

const OUTCOME_WORDS: Record<GateReason["outcome"], string> = {
  pass: "met",
  fail: "not met: the interval lies below it",
  inconclusive: "not decided: the interval reaches both sides of it",
};

function outcomeWords(r: GateReason | null): HtmlValue {
  if (!r) return null;
  const words = r.outcome === "inconclusive" && r.detail.includes("Monte Carlo")
    ? "not decided: a bound is within its Monte Carlo error of it (see the rule below)"
    : OUTCOME_WORDS[r.outcome];
  return markup` — <b class="out-${r.outcome}">${words}</b>`;
}

function changeLine(input: ReportInput, row: ReportMetricRow): SafeHtml {
  const t = rowText(input, row);
  const what = t.scale === "lift"
    ? markup`a ${termLink("lift", "lift")} of <b class="${tone(row.metric, t.dir)}">${t.change}</b>`
    : markup`the control's value is 0, so there is no lift: ${termLink("delta", "Δ")} <b class="${
      tone(row.metric, t.dir)
    }">${t.change}</b>`;
  return markup`${what} (${termLink("significant", sigWord(t.dir))})`;
}

function primaryLine(input: ReportInput, row: ReportMetricRow): SafeHtml {
  const { control, test } = input.arms;
  const t = rowText(input, row);
  const users = Math.min(row.nControl, row.nTest);
  const g = input.gate?.primary;
  const rule = g
    ? markup` The gate requires it to lie above ${fmtThreshold(g.threshold)}${
      g.kind === "non-inferiority"
        ? ` (at most ${fmtPct(-g.threshold)} worse: non-inferiority${
          t.dir === 0 ? "; it need not be significantly better" : ""
        })`
        : ""
    }${outcomeWords(reasonFor(input, "primary"))}.`
    : null;
  const v = (x: number | null) => fmtFixed(x, rowDecimals(input, row));
  return markup`<li><b>Primary metric</b> ${metricLink(row.metric, input.k)}: ${
    v(row.test)
  } for <b>${test.label}</b> vs ${v(row.control)} for <b>${control.label}</b>, ${
    changeLine(input, row)
  }.
${levelText(input)} ${termLink("ci", "interval")}: ${ciSpan(input, row)}${
    unbounded(t.interval, users)
  }.${rule}</li>`;
}

function guardrailLines(input: ReportInput): SafeHtml[] {
  return guardrailRows(input).map(({ row, threshold }) => {
    const r = reasonFor(input, `guardrail ${row.metric} `);
    return markup`<li><b>${termLink("guardrail")}</b> ${
      metricLink(row.metric, input.k)
    } (may drop at most ${fmtPct(-threshold)}): ${changeLine(input, row)}, interval ${
      ciSpan(input, row)
    }${outcomeWords(r)}.</li>`;
  });
}

function servingLine(input: ReportInput): HtmlValue {
  const s = input.serving;
  if (!s) return null;
  const { control, test } = input.arms;
  const limit = input.gate
    ? markup` (limits: p95 ≤ ${fmtMs(input.gate.latencyP95Ms)}, errors < ${
      fmtPct(input.gate.maxErrorRate)
    })`
    : null;
  const how = (a: ReportServing) =>
    a.remote ? markup` over HTTP (${fmtInt(a.requests ?? 0)} requests)` : null;
  const p99 = (a: ReportServing) =>
    a.latencyP99Ms !== undefined ? markup`, ${fmtMs(a.latencyP99Ms)} at p99` : null;
  return markup`<li><b>${termLink("latency", "Serving")}</b>: <b>${test.label}</b>${
    how(s.test)
  } served ${fmtInt(s.test.users - s.test.failedUsers)} of ${fmtInt(s.test.users)} users, ${
    fmtInt(s.test.failedUsers)
  } failed (${fmtPct(s.test.errorRate)}); ${
    fmtMs(s.test.latencyP50Ms)
  } per request at the median, ${fmtMs(s.test.latencyP95Ms)} at p95${
    p99(s.test)
  }${limit}. <b>${control.label}</b>${how(s.control)}: p95 ${fmtMs(s.control.latencyP95Ms)}${
    p99(s.control)
  }, ${fmtInt(s.control.failedUsers)} of ${fmtInt(s.control.users)} users failed (${
    fmtPct(s.control.errorRate)
  }).</li>`;
}

function srmLine(input: ReportInput): HtmlValue {
  const s = input.srm;
  if (!s) return null;
  const verdict = s.flagged
    ? markup`<b class="out-fail">a mismatch: check assignment and serving before trusting any number here</b>`
    : "as configured";
  return markup`<li><b>${termLink("srm", "Split")}</b>: ${fmtInt(s.observed[0])} / ${
    fmtInt(s.observed[1])
  } users served vs ${fmtInt(s.expected[0])} / ${fmtInt(s.expected[1])} expected (p = ${
    fmtP(s.p)
  }): ${verdict}.</li>`;
}

function reliabilityLine(input: ReportInput): HtmlValue {
  const oc = input.oc;
  if (!oc) return null;
  const p = input.power;
  const needed = reasonFor(input, "sensitivity")
    ? markup`; the sensitivity rule below says how many users would be`
    : p && p.metric === oc.metric && oc.threshold === 0 && oc.kind === "superiority" &&
        p.targetMde === oc.alternative
    ? markup`; about ${fmtInt(p.usersNeeded)} users${
      input.mode.type === "ab" ? " per arm" : ""
    } would be needed (see the ${termLink("mde", "MDE")} chart)`
    : null;
  const caution = oc.power >= 0.5
    ? null
    : oc.alternative !== 0
    ? markup` <b>Caution:</b> a candidate truly ${
      fmtPct(oc.alternative, true)
    } better would be admitted only ${
      fmtPct(oc.power)
    } of the time: this run is too small to see effects of that size${needed}.`
    : markup` <b>Caution:</b> a candidate exactly as good as the current one would be admitted only ${
      fmtPct(oc.power)
    } of the time: at this size the gate mostly admits candidates that did better than equal${needed}.`;
  return markup`<li><b>How reliable is the gate at this size?</b> Its ${
    termLink("oc", "operating characteristic")
  }: ${oc.statement}.${caution}</li>`;
}

function leadLine(input: ReportInput): SafeHtml {
  const reasons = input.verdict?.reasons ?? [];
  const names = (o: GateReason["outcome"]) =>
    reasons.filter((r) => r.outcome === o).map((r) => r.rule).join("; ");
  const { control, test } = input.arms;
  switch (input.verdict?.decision) {
    case "admit":
      return markup`<b>${test.label}</b> passed every rule of the gate (${reasons.length}), so it may replace <b>${control.label}</b>.`;
    case "reject":
      return markup`<b>${test.label}</b> failed: ${names("fail")}. Keep <b>${control.label}</b>.`;
    default:
      return markup`No rule failed, but the data could not decide: ${
        names("inconclusive")
      }. Keep <b>${control.label}</b> for now; a larger run can decide.`;
  }
}

/** The "what this means" list under the verdict. */
function meaning(input: ReportInput): SafeHtml {
  const name = primaryMetric(input);
  const row = name ? rowOf(input, name) : null;
  const items = [
    row ? primaryLine(input, row) : null,
    ...guardrailLines(input),
    servingLine(input),
    srmLine(input),
    reliabilityLine(input),
  ];
  return markup`<div class="meaning"><h2>What this means</h2>
<p>${leadLine(input)}</p><ul>${items}</ul></div>`;
}

/**
 * The verdict banner: decision word, one sentence, what it means, and one
 * line per reason; "no gate configured" when there is no verdict.
 *
 * @example
 * ```ts
 * import { renderVerdict } from "./_verdict.ts";
 * const arms = { control: { label: "popular" }, test: { label: "<i>new</i>" } };
 * const out = renderVerdict({ verdict: null, arms } as never).value;
 * if (!out.includes("no gate configured")) throw new Error(out);
 * const verdict = { decision: "reject", reasons: [{ rule: "r", outcome: "fail", detail: "<b>" }] };
 * const rej = renderVerdict({ verdict, arms, metrics: [], k: 10, mode: { type: "paired" } } as never).value;
 * if (!rej.includes("REJECT") || !rej.includes("&lt;b&gt;") || !rej.includes("&lt;i&gt;new")) throw new Error(rej);
 * ```
 */
export function renderVerdict(input: ReportInput): SafeHtml {
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
    ? markup`<h3 class="rules-head">Gate rules</h3><table class="reasons"><tbody>${
      verdict.reasons.map((r) => renderReason(r, input))
    }</tbody></table>`
    : markup`<p class="small">The gate gave no reasons.</p>`;
  return markup`<section class="verdict ${verdict.decision}" id="verdict" aria-label="Verdict">
<div class="verdict-head"><span class="verdict-word">${verdict.decision.toUpperCase()}</span>
<span class="verdict-say">${say}</span></div>
${meaning(input)}
${reasons}
</section>`;
}
