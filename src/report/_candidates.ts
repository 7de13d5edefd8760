/**
 * The candidates section of a run with several: the run's decision and the
 * chosen candidate, one row per candidate (decision, primary lift and its
 * interval, why it was or was not chosen), then each candidate's rules and
 * overall metrics. The other sections show the featured candidate.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { fmtInterval, fmtP, fmtPct, fmtValue } from "./_format.ts";
import type { ReportCandidate, ReportInput } from "./types.ts";

const OUTCOME = { pass: "✓ pass", fail: "✗ fail", inconclusive: "? inconclusive" } as const;
const DECISION = { admit: "pass", reject: "fail", inconclusive: "inconclusive" } as const;

function pill(decision: ReportCandidate["decision"]): SafeHtml {
  return markup`<span class="pill ${DECISION[decision]}">${decision}</span>`;
}

function details(c: ReportCandidate): SafeHtml {
  const reasons = c.reasons.map((r) =>
    markup`<tr><td><span class="pill ${r.outcome}">${
      OUTCOME[r.outcome]
    }</span></td><th scope="row">${r.rule}</th><td>${r.detail}</td></tr>`
  );
  const rows = c.metrics.map((m) =>
    markup`<tr><th scope="row">${m.metric}</th><td>${fmtValue(m.control)}</td><td>${
      fmtValue(m.test)
    }</td><td>${fmtPct(m.lift, true)}</td><td>${
      m.liftCiBca ? fmtInterval(m.liftCiBca, (x) => fmtPct(x, true)) : "—"
    }</td><td>${fmtP(m.pValue)}</td></tr>`
  );
  return markup`<details class="candidate" id="candidate-${c.name}"><summary>${c.name} (${c.label}): ${
    pill(c.decision)
  }</summary>
<table class="rules"><tbody>${reasons}</tbody></table>
<table class="data"><thead><tr><th>metric (overall)</th><th>control</th><th>${c.name}</th><th>lift</th><th>lift CI</th><th>p</th></tr></thead><tbody>${rows}</tbody></table>
</details>`;
}

/** The SRM line of an A/B run over all arms. */
function srmLine(cs: NonNullable<ReportInput["candidates"]>): SafeHtml | null {
  const s = cs.srm;
  if (!s) return null;
  return markup`<p>Sample ratio over all ${s.observed.length} arms (control first): served ${
    s.observed.join(" / ")
  } vs expected ${s.expected.map((x) => x.toFixed(0)).join(" / ")}; χ² = ${
    s.chi2.toFixed(2)
  }, p = ${fmtP(s.p)}: <span class="pill ${s.flagged ? "fail" : "pass"}">${
    s.flagged ? "mismatch" : "ok"
  }</span></p>`;
}

/**
 * The section, or nothing for a run with one candidate.
 *
 * @example
 * ```ts
 * import { renderCandidates } from "./_candidates.ts";
 * const c = { name: "<b>x</b>", label: "pop", type: "popular", decision: "admit" as const, chosen: true,
 *   why: "chosen", reasons: [], metrics: [] };
 * const html = renderCandidates({ candidates: { decision: "admit", chosen: c.name, featured: c.name,
 *   familySize: 2, primary: "NDCG@10", list: [c] } }).value;
 * if (!html.includes("&lt;b&gt;x&lt;/b&gt;") || html.includes("<b>x</b>")) throw new Error(html);
 * if (renderCandidates({}).value !== "") throw new Error();
 * ```
 */
export function renderCandidates(input: Pick<ReportInput, "candidates">): SafeHtml {
  const cs = input.candidates;
  if (!cs) return markup``;
  const head = cs.chosen
    ? markup`admits <b>${cs.chosen}</b>, the admitted candidate with the highest primary lift`
    : cs.decision === "reject"
    ? markup`rejects every candidate`
    : markup`admits no candidate: none passed every rule`;
  const rows = cs.list.map((c) => {
    const primary = c.metrics.find((m) => m.metric === cs.primary);
    return markup`<tr${
      c.chosen ? markup` class="chosen"` : ""
    }><th scope="row"><a href="#candidate-${c.name}">${c.name}</a></th><td>${c.label}</td><td>${
      pill(c.decision)
    }</td><td>${primary ? fmtPct(primary.lift, true) : "—"}</td><td>${
      primary?.liftCiBca ? fmtInterval(primary.liftCiBca, (x) => fmtPct(x, true)) : "—"
    }</td><td>${c.why}</td></tr>`;
  });
  return markup`<section class="card" id="candidates"><h2>Candidates</h2>
<p>The run ${head} (${cs.decision.toUpperCase()}). Every candidate is compared with the same control; the candidates' admission claims are Holm-adjusted over the ${cs.familySize} candidates, so the chance that any candidate is admitted wrongly stays within the gate's level. The sections below show <b>${cs.featured}</b>.</p>
${srmLine(cs)}
<table class="data"><thead><tr><th>candidate</th><th>recommender</th><th>decision</th><th>primary lift</th><th>lift CI</th><th>why</th></tr></thead><tbody>${rows}</tbody></table>
${cs.list.map(details)}
</section>`;
}
