/**
 * The report input of a run with several candidates: the featured
 * candidate's report (the chosen one, else the first) with a section per
 * candidate and the scenario hash of the whole scenario.
 *
 * @module
 */
import type { CandidatesVerdict } from "../gate/mod.ts";
import type { ReportInput } from "../report/mod.ts";
import { reportInput } from "./report_input.ts";
import type { CandidateRun, RunResult } from "./run.ts";
import { scenarioHash } from "./outputs/mod.ts";

/** The report input: `featured`'s report, `verdict` per candidate, `result`'s (whole) scenario hash. */
export async function candidatesReport(
  result: RunResult,
  featured: CandidateRun,
  candidates: CandidateRun[],
  verdict: CandidatesVerdict,
): Promise<ReportInput> {
  const own = verdict.candidates.find((c) => c.name === featured.name)!;
  const base = await reportInput(featured.result, own, null);
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    ...base,
    footer: { ...base.footer, scenarioHash: scenarioHash(result) },
    candidates: {
      decision: verdict.decision,
      chosen: verdict.chosen,
      featured: featured.name,
      familySize: verdict.family.hypotheses.length,
      primary: result.scenario.gate.primary.metric,
      srm: verdict.srm
        ? {
          observed: verdict.srm.observed,
          expected: verdict.srm.expected,
          chi2: verdict.srm.chi2,
          p: verdict.srm.p,
          flagged: verdict.srm.flagged,
        }
        : null,
      list: candidates.map(({ name, result: r }) => {
        const v = verdict.candidates.find((c) => c.name === name)!;
        const spec = r.scenario.test;
        return {
          name,
          label: spec.label ?? spec.type,
          type: r.arms.test.recommender.type,
          decision: v.decision,
          chosen: v.chosen,
          why: v.why,
          reasons: v.reasons,
          metrics: r.comparison.metrics.filter((m) => m.segment === "overall").map((m) => ({
            ...m,
            control: fin(m.control),
            test: fin(m.test),
            delta: fin(m.delta),
            lift: fin(m.lift),
          })),
        };
      }),
    },
  };
}
