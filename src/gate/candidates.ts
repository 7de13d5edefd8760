/**
 * The gate over several candidates, each compared with the same control.
 *
 * **Multiplicity.** One candidate's admission is an intersection–union test
 * (every rule must pass), so it needs no adjustment within the candidate, and
 * its claim "this candidate is good" has the p-value of an intersection–union
 * test: the largest one-sided p of its threshold rules (H0: θ ≤ τ each).
 * Across N candidates the run admits whichever candidate passes, so the
 * chance that *some* candidate passes wrongly grows with N. The family is
 * therefore the N admission claims: their p-values are Holm-adjusted over the
 * N candidates, and a candidate whose rules all pass alone is admitted only
 * when its adjusted p is at most α/2 (else its passing rules turn
 * inconclusive, "not across candidates"). Holm controls the family-wise error
 * at α/2 in every configuration of true and false claims, so the probability
 * of admitting any candidate wrongly (on a threshold rule) is at most α/2.
 * Fail and inconclusive outcomes are not adjusted (a rejection is not an
 * admission claim). Adjusting the claims rather than every rule (N × rules
 * hypotheses) gives the same guarantee with a smaller family: guardrails do
 * not make the primary's bar stricter.
 *
 * **A/B.** With users split into N + 1 hash buckets, each candidate's own
 * rules include its pair's SRM check (control vs it, at their weights), and
 * every candidate gets the SRM check over all N + 1 arms: a broken split
 * fails them all.
 *
 * **Choice.** Among the admitted candidates the run admits the best: the
 * highest point estimate of the primary metric's relative lift (overall
 * segment); ties go to the candidate listed first. Every other candidate is
 * told why it was not chosen. The run's decision is `admit` (exit 0) when
 * some candidate is admitted, `reject` (exit 1) when every candidate is
 * rejected, else `inconclusive` (exit 3).
 *
 * @module
 */
import type { Comparison, SrmCheck } from "../compare/mod.ts";
import type { GateSpec } from "../scenario/mod.ts";
import { holm } from "../stats/mod.ts";
import {
  applyGate,
  decide,
  type FamilyLevel,
  type GateReason,
  type GateStats,
  thresholdRules,
  type Verdict,
} from "./gate.ts";
import { decideThreshold } from "./threshold_rule.ts";

/** One threshold rule of a candidate, with its one-sided p alone. */
export interface FamilyRule {
  /** The rule's metric. */
  metric: string;
  /** Its threshold τ on the relative lift. */
  tau: number;
  /** One-sided p of H0: θ ≤ τ (1 when the comparison has no interval). */
  p: number;
}

/** One hypothesis of the family: a candidate's admission claim. */
export interface FamilyHypothesis {
  /** The candidate. */
  candidate: string;
  /** Its threshold rules (primary first, then the guardrails). */
  rules: FamilyRule[];
  /** p of the claim: the largest p of its rules (intersection–union). */
  p: number;
  /** Holm-adjusted over the candidates. */
  pHolm: number;
}

/** A candidate's verdict among several. */
export interface CandidateVerdict extends Verdict {
  /** The candidate's name. */
  name: string;
  /** Point estimate of the primary metric's relative lift (overall), null when undefined. */
  primaryLift: number | null;
  /** True for the candidate the run admits. */
  chosen: boolean;
  /** Why it was (not) chosen, in one line. */
  why: string;
}

/** The verdict of a run with several candidates. */
export interface CandidatesVerdict extends Verdict {
  /** The admitted candidate, null when none is. */
  chosen: string | null;
  /** Each candidate's verdict, in the scenario's order. */
  candidates: CandidateVerdict[];
  /** The family the admission claims were adjusted over. */
  family: { method: "holm"; level: number; hypotheses: FamilyHypothesis[] };
  /** A/B: the SRM check over all N + 1 arms (null when paired). */
  srm: SrmCheck | null;
}

/** A candidate's comparison with control, by name. */
export interface NamedComparison {
  /** The candidate's name. */
  name: string;
  /** Control vs this candidate. */
  comparison: Comparison;
}

/**
 * The family of admission claims of `list` (one per candidate, in order):
 * each claim's p is the largest one-sided p of the candidate's threshold
 * rules, Holm-adjusted over the candidates.
 */
export function candidateFamily(list: NamedComparison[], gate: GateSpec): FamilyHypothesis[] {
  const thresholds = thresholdRules(gate);
  const rows = list.map(({ name, comparison: c }) => {
    const rules = thresholds.map(({ metric, tau }) => {
      const p = decideThreshold(c.contrasts[metric] ?? null, tau, c.confidence).test?.pAbove;
      return { metric, tau, p: p !== undefined && p >= 0 && p <= 1 ? p : 1 };
    });
    return { candidate: name, rules, p: Math.max(...rules.map((r) => r.p)) };
  });
  const adjusted = holm(rows.map((r) => r.p));
  return rows.map((r, i) => ({ ...r, pHolm: adjusted[i] }));
}

const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}%`;

const rulesOf = (v: Verdict, o: GateReason["outcome"]) =>
  v.reasons.filter((r) => r.outcome === o).map((r) => r.rule).join("; ");

/**
 * Gates every candidate of `list` (Holm across the candidates' admission claims)
 * and chooses the best admitted one (see the module doc).
 *
 * @example
 * ```ts ignore
 * const v = applyCandidatesGate([{ name: "a", comparison: a }, { name: "b", comparison: b }], gate, stats);
 * console.log(v.chosen, v.candidates.map((c) => c.why));
 * ```
 */
export function applyCandidatesGate(
  list: NamedComparison[],
  gate: GateSpec,
  stats: GateStats,
  srm: SrmCheck | null = null,
): CandidatesVerdict {
  const srmReason: GateReason | null = srm && gate.requireSrmPass
    ? {
      rule: `no sample ratio mismatch across all ${srm.observed.length} arms`,
      outcome: srm.flagged ? "fail" : "pass",
      detail: `served ${srm.observed.join("/")} vs expected ${
        srm.expected.map((x) => x.toFixed(0)).join("/")
      }: χ² = ${srm.chi2.toFixed(2)}, p = ${srm.p.toPrecision(3)}`,
    }
    : null;
  const family = candidateFamily(list, gate);
  const rules = thresholdRules(gate);
  const verdicts = list.map(({ name, comparison: c }, i) => {
    // only an admission claim is adjusted: a candidate not admitted alone keeps its outcomes
    const solo = applyGate(c, gate, stats);
    const level: FamilyLevel = { pHolm: family[i].pHolm, size: family.length };
    const alone = solo.decision === "admit"
      ? applyGate(c, gate, stats, rules.map(() => level))
      : solo;
    const reasons = srmReason ? [...alone.reasons, srmReason] : alone.reasons;
    const v = { ...alone, ...decide(reasons), reasons };
    const row = c.metrics.find((m) => m.metric === gate.primary.metric && m.segment === "overall");
    const lift = row && Number.isFinite(row.lift) ? row.lift : null;
    return { ...v, name, primaryLift: lift };
  });
  let best: (typeof verdicts)[number] | null = null;
  for (const v of verdicts) {
    if (v.decision !== "admit") continue;
    if (!best || (v.primaryLift ?? -Infinity) > (best.primaryLift ?? -Infinity)) best = v;
  }
  const metric = gate.primary.metric;
  const liftText = (x: number | null) => (x === null ? "undefined" : pct(x));
  const candidates: CandidateVerdict[] = verdicts.map((v) => {
    const chosen = v === best;
    const why = chosen
      ? `chosen: admitted, with the highest ${metric} lift among admitted candidates (${
        liftText(v.primaryLift)
      })`
      : v.decision === "reject"
      ? `rejected: ${rulesOf(v, "fail")} failed`
      : v.decision === "inconclusive"
      ? `inconclusive: ${rulesOf(v, "inconclusive")} undecided`
      : `admissible, but its ${metric} lift ${liftText(v.primaryLift)} is ${
        v.primaryLift === best!.primaryLift ? "equal to" : "below"
      } ${best!.name}'s ${liftText(best!.primaryLift)}${
        v.primaryLift === best!.primaryLift ? ", which is listed first" : ""
      }`;
    return { ...v, chosen, why };
  });
  const decision = best
    ? "admit"
    : candidates.every((c) => c.decision === "reject")
    ? "reject"
    : "inconclusive";
  return {
    decision,
    exitCode: decision === "admit" ? 0 : decision === "reject" ? 1 : 3,
    reasons: candidates.map((c) => ({
      rule: `candidate ${c.name}`,
      outcome: c.decision === "admit" ? "pass" : c.decision === "reject" ? "fail" : "inconclusive",
      detail: c.why,
    })),
    oc: best?.oc ?? null,
    chosen: best?.name ?? null,
    candidates,
    family: { method: "holm", level: stats.alpha / 2, hypotheses: family },
    srm,
  };
}

/** A several-candidate verdict as Markdown: the choice, then each candidate's rules. */
export function candidatesMarkdown(v: CandidatesVerdict, title: string): string {
  const icon = { admit: "✅", reject: "❌", inconclusive: "⚠️" };
  const mark = { pass: "✅ pass", fail: "❌ fail", inconclusive: "⚠️ inconclusive" };
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const head = v.chosen ? `${v.decision.toUpperCase()} ${v.chosen}` : v.decision.toUpperCase();
  const lines = [
    `## ${icon[v.decision]} abreplay gate: **${head}** — ${title.replace(/[|<>]/g, " ")}`,
    "",
    `${v.candidates.length} candidates, each compared with control; their admission claims (p = the ` +
    `largest one-sided p of a candidate's threshold rules) Holm-adjusted over the ` +
    `${v.family.hypotheses.length} candidates at one-sided level ${v.family.level}.`,
    "",
    "| candidate | decision | why |",
    "|---|---|---|",
    ...v.candidates.map((c) =>
      `| ${cell(c.name)} | ${icon[c.decision]} ${c.decision} | ${cell(c.why)} |`
    ),
    "",
  ];
  for (const c of v.candidates) {
    lines.push(
      `### ${icon[c.decision]} ${cell(c.name)}: ${c.decision}`,
      "",
      "| rule | outcome | detail |",
      "|---|---|---|",
      ...c.reasons.map((r) => `| ${r.rule} | ${mark[r.outcome]} | ${cell(r.detail)} |`),
      "",
    );
  }
  return lines.join("\n");
}
