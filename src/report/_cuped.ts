/**
 * The CUPED section: for each metric with a CUPED adjustment, the plain
 * difference's interval and p-value beside the adjusted ones, the variance
 * reduction and θ.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { fmtInterval, fmtP, fmtPct, fmtSigned, roundSig } from "./_format.ts";
import { levelText } from "./_row_text.ts";
import type { ReportInput } from "./types.ts";

/**
 * Renders the section (nothing when no row has a CUPED adjustment).
 *
 * @example
 * ```ts
 * import { renderCuped } from "./_cuped.ts";
 * const row = { segment: "overall", metric: "NDCG@10", delta: 0.01, ciBca: [0.002, 0.018], pValue: 0.02,
 *   cupedTheta: 0.5, cupedVarianceReduction: 0.12, cupedDelta: 0.011, cupedCi: [0.004, 0.018], cupedPValue: 0.003 };
 * const html = renderCuped({ metrics: [row], stats: { alpha: 0.05, confidence: 0.95, resamples: 100 } } as never).value;
 * if (!html.includes("NDCG@10") || !html.includes("12.0%") || !html.includes("95%")) throw new Error(html);
 * if (renderCuped({ metrics: [{ ...row, cupedTheta: null }] } as never).value !== "") throw new Error();
 * ```
 */
export function renderCuped(input: ReportInput): SafeHtml {
  const rows = input.metrics.filter((m) => m.cupedTheta !== undefined && m.cupedTheta !== null);
  if (rows.length === 0) return markup``;
  const level = levelText(input);
  const body = rows.map((m) =>
    markup`<tr><td>${m.metric}</td><td class="num">${fmtSigned(m.delta)}</td><td class="num">${
      fmtInterval(m.ciBca, fmtSigned)
    }</td><td class="num">${fmtP(m.pValue)}</td><td class="num">${
      fmtSigned(m.cupedDelta ?? null)
    }</td><td class="num">${fmtInterval(m.cupedCi ?? null, fmtSigned)}</td><td class="num">${
      fmtP(m.cupedPValue ?? null)
    }</td><td class="num">${fmtPct(m.cupedVarianceReduction ?? null)}</td><td class="num">${
      String(roundSig(m.cupedTheta!, 4))
    }</td></tr>`
  );
  return markup`<section class="card" id="cuped"><h2>CUPED</h2>
<p>Each metric adjusted with a pre-period covariate of the user (measured before the split, so
neither arm moves it): Y − θ (X − X̄), θ fitted on both arms' users together (paired: on the
per-user differences). The variance reduction is the share of the difference's variance the
covariate removes; the plain columns are the bootstrap interval and the z-test p-value.</p>
<table class="tbl"><thead><tr><th>metric</th><th>Δ</th><th>${level} interval</th><th>p</th><th>Δ CUPED</th><th>${level} interval CUPED</th><th>p CUPED</th><th>variance reduction</th><th>θ</th></tr></thead>
<tbody>${body}</tbody></table></section>`;
}
