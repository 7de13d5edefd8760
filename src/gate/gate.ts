/**
 * The admission gate: rules over a run's comparison, each with an outcome and
 * a one-line reason; the verdict is `reject` when any rule fails, else
 * `inconclusive` when any rule cannot decide, else `admit`. Admission needs
 * every rule to pass — an intersection–union test — so no multiplicity
 * adjustment is needed: the gate admits a candidate that is bad on any rule's
 * metric with probability at most that rule's level α/2.
 *
 * Rules, each a test of a relative lift θ against a threshold (see
 * `threshold_rule.ts`: pass when the lift's interval lies above the
 * threshold, fail when below, else inconclusive; no interval, no decision):
 * - **primary, superiority** — H0: θ ≤ minLift;
 * - **primary, non-inferiority (margin m)** — H0: θ ≤ −m;
 * - **guardrail (max degradation g)** — H0: θ ≤ −g (non-inferiority);
 * - **latency**: test arm's p95 latency per request (`comparison.health`) ≤ `latencyP95Ms`;
 * - **errors**: test arm's share of users it failed to serve < `maxErrorRate`;
 * - **SRM** (A/B mode): the chi-square test of served users must not flag;
 * (A rule also stays inconclusive when fewer than 10 users carry a non-zero
 * value of its metric: see `threshold_rule.ts`.)
 * - **sensitivity** (only when the primary is inconclusive): the primary
 *   rule's power at the alternative (θ = stats.targetMde for superiority,
 *   θ = 0 for non-inferiority) must reach stats.power, else "underpowered",
 *   with the users that would reach it.
 *
 * @module
 */
import type { Comparison, MetricComparison } from "../compare/mod.ts";
import type { GateSpec } from "../scenario/mod.ts";
import { thresholdOc, usersForThreshold } from "../stats/mod.ts";
import { decideThreshold, MIN_NONZERO, type Outcome } from "./threshold_rule.ts";
import { type OcCurve, statedOc } from "./oc_curve.ts";

/** Outcome of one rule. */
export interface GateReason {
  /** The rule, e.g. `primary NDCG@10 lift > +0.00%`. */
  rule: string;
  /** Pass, fail or inconclusive. */
  outcome: Outcome;
  /** Why, with the numbers (lift, interval, p-value, users needed). */
  detail: string;
}

/** A verdict with its reasons and exit code (0 admit, 1 reject, 3 inconclusive). */
export interface Verdict {
  /** Reject when any rule fails, else inconclusive when any cannot decide, else admit. */
  decision: "admit" | "reject" | "inconclusive";
  /** The CLI's exit code for the decision: 0 admit, 1 reject, 3 inconclusive. */
  exitCode: 0 | 1 | 3;
  /** One reason per rule, primary first. */
  reasons: GateReason[];
  /** The primary rule's stated operating characteristic (null when not computable). */
  oc: OcCurve | null;
}

/** The statistics settings the gate reads. */
export interface GateStats {
  /** Intervals are two-sided at level 1 − alpha; each rule errs with probability ≤ alpha/2. */
  alpha: number;
  /** Power the sensitivity rule asks for. */
  power: number;
  /** The relative lift the sensitivity rule asks the primary to detect. */
  targetMde: number;
}

const pct = (x: number) =>
  Number.isFinite(x)
    ? `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}%`
    : x > 0
    ? "+∞"
    : "−∞";
const pText = (p: number, floor: number) =>
  p <= floor ? `< ${floor.toPrecision(2)}` : `= ${p < 0.001 ? p.toExponential(1) : p.toFixed(3)}`;

function find(c: Comparison, metric: string): MetricComparison {
  const m = c.metrics.find((x) => x.metric === metric);
  if (!m) throw new Error(`gate: metric ${metric} not in the comparison`);
  return m;
}

/**
 * A threshold rule's reason: `rule` names it; pass/fail/inconclusive per
 * `decideThreshold` at τ, the detail giving the lift, its interval, the
 * one-sided p-value of the deciding direction and any Monte Carlo caveat.
 */
function thresholdReason(
  c: Comparison,
  metric: string,
  tau: number,
  rule: string,
  family?: FamilyLevel,
): GateReason {
  const m = find(c, metric);
  const d = decideThreshold(c.contrasts[metric] ?? null, tau, c.confidence);
  const level = `${Math.round(100 * c.confidence)}%`;
  if (!d.test) {
    return {
      rule,
      outcome: "inconclusive",
      detail:
        `no interval for ${metric}: fewer than 2 users in an arm (control ${m.nControl}, test ${m.nTest})`,
    };
  }
  const ci = m.liftCiBca;
  const lift = Number.isFinite(m.lift) ? `lift ${pct(m.lift)}` : "control mean 0";
  const iv = ci ? `, ${level} CI [${pct(ci[0])}, ${pct(ci[1])}]` : "";
  const t = d.test;
  const where = d.outcome === "fail" ? "below" : "above";
  const p = d.outcome === "fail" ? t.pBelow : t.pAbove;
  const head = `${lift}${iv}`;
  if (d.tooSparse) {
    return {
      rule,
      outcome: "inconclusive",
      detail: `${head}: only ${c.contrasts[metric].nonZero} users have a non-zero ${metric}, ` +
        `too few for an interval to decide (at least ${MIN_NONZERO})`,
    };
  }
  if (d.withinMonteCarlo) {
    return {
      rule,
      outcome: "inconclusive",
      detail: `${head}: the interval's bound is within its Monte Carlo error of ${pct(tau)} ` +
        `(B = ${c.resamples}); raise stats.B to about ${d.resamplesNeeded} to decide`,
    };
  }
  if (d.outcome === "inconclusive") {
    return { rule, outcome: d.outcome, detail: `${head} contains ${pct(tau)}` };
  }
  if (d.outcome === "pass" && family) {
    const alone = `${head} lies above ${pct(tau)} (one-sided p ${pText(p, t.pResolution)})`;
    const adj = `the admission claim Holm-adjusted over the ${family.size} candidates: p = ${
      family.pHolm < 0.001 ? family.pHolm.toExponential(1) : family.pHolm.toFixed(3)
    }`;
    const level = (1 - c.confidence) / 2;
    return family.pHolm <= level
      ? { rule, outcome: "pass", detail: `${alone}; ${adj} ≤ ${+level.toPrecision(6)}` }
      : {
        rule,
        outcome: "inconclusive",
        detail: `${alone} alone, but not across candidates: ${adj} > ${+level.toPrecision(6)}${
          // at its floor, the bootstrap p cannot go lower: more resamples could decide
          t.pAbove <= t.pResolution ? "; p alone is at its resolution 1/(2B): raise stats.B" : ""}`,
      };
  }
  return {
    rule,
    outcome: d.outcome,
    detail: `${head} lies ${where} ${pct(tau)} (one-sided p ${pText(p, t.pResolution)})`,
  };
}

function primaryReason(
  c: Comparison,
  p: GateSpec["primary"],
  family?: FamilyLevel,
): GateReason {
  if (p.nonInferiorityMargin !== undefined) {
    return thresholdReason(
      c,
      p.metric,
      -p.nonInferiorityMargin,
      `primary ${p.metric} non-inferior within ${pct(-p.nonInferiorityMargin)}`,
      family,
    );
  }
  const minLift = p.minLift ?? 0;
  return thresholdReason(
    c,
    p.metric,
    minLift,
    `primary ${p.metric} lift > ${pct(minLift)}`,
    family,
  );
}

/**
 * A threshold rule's place in a family of admission claims (several
 * candidates): the Holm-adjusted p of its candidate's claim and the family's
 * size. A rule passes only when its interval passes alone and that adjusted p
 * is at most the one-sided level α/2.
 */
export interface FamilyLevel {
  /** Holm-adjusted p of the candidate's admission claim over the family. */
  pHolm: number;
  /** Claims in the family (one per candidate). */
  size: number;
}

/**
 * The gate's threshold rules (metric, τ), primary first, then the guardrails
 * in order: the hypotheses a candidate's admission rests on.
 *
 * @example
 * ```ts
 * import { thresholdRules } from "./gate.ts";
 * const rules = thresholdRules({ primary: { metric: "NDCG@10", minLift: 0.01 },
 *   guardrails: [{ metric: "Recall@10", maxDegradation: 0.05 }], latencyP95Ms: 200,
 *   maxErrorRate: 0.01, requireSrmPass: true, requirePower: true });
 * if (rules.map((r) => `${r.metric}:${r.tau}`).join() !== "NDCG@10:0.01,Recall@10:-0.05") throw new Error();
 * ```
 */
export function thresholdRules(gate: GateSpec): { metric: string; tau: number }[] {
  const p = gate.primary;
  return [
    {
      metric: p.metric,
      tau: p.nonInferiorityMargin !== undefined ? -p.nonInferiorityMargin : p.minLift ?? 0,
    },
    ...gate.guardrails.map((g) => ({ metric: g.metric, tau: -g.maxDegradation })),
  ];
}

/** The sensitivity rule: is an inconclusive primary underpowered? */
function sensitivityReason(
  c: Comparison,
  p: GateSpec["primary"],
  stats: GateStats,
): GateReason {
  const ni = p.nonInferiorityMargin !== undefined;
  const tau = ni ? -p.nonInferiorityMargin! : p.minLift ?? 0;
  const alt = ni ? 0 : stats.targetMde;
  const rule = ni
    ? `sensitivity: power ≥ ${pct(stats.power).slice(1)} for an equal model`
    : `sensitivity: power ≥ ${pct(stats.power).slice(1)} at a ${pct(alt)} lift`;
  const m = c.moments[p.metric];
  const oc = m ? thresholdOc(m, tau, alt, stats.alpha) : null;
  if (!m || !oc) {
    return {
      rule,
      outcome: "inconclusive",
      detail: `power of the ${p.metric} rule cannot be computed (${
        m ? "an arm's mean is 0" : "no per-user values"
      })`,
    };
  }
  const users = usersForThreshold(m, tau, alt, stats.alpha, stats.power);
  const need = users
    ? c.mode === "ab"
      ? `about ${users.control} control and ${users.test} test users needed`
      : `about ${users.test} users needed`
    : "";
  if (oc.pass >= stats.power) {
    return {
      rule,
      outcome: "pass",
      detail: `a true lift of ${pct(alt)} would pass with probability ${
        (100 * oc.pass).toFixed(1)
      }%: the effect is likely smaller than that`,
    };
  }
  return {
    rule,
    outcome: "inconclusive",
    detail: `underpowered: a true lift of ${pct(alt)} passes with probability ${
      (100 * oc.pass).toFixed(1)
    }%${need ? `; ${need}` : ""}`,
  };
}

/**
 * Applies the gate (a resolved scenario's `gate`: its defaults come from the
 * scenario schema) to a comparison. `family`, when given, holds one entry per
 * threshold rule (in {@linkcode thresholdRules} order): the rule's place in a
 * family of several candidates' admission claims (see `candidates.ts`).
 */
export function applyGate(
  c: Comparison,
  gate: GateSpec,
  stats: GateStats,
  family?: FamilyLevel[],
): Verdict {
  const reasons: GateReason[] = [];
  const primary = gate.primary;
  const first = primaryReason(c, primary, family?.[0]);
  reasons.push(first);
  for (const [i, g] of gate.guardrails.entries()) {
    reasons.push(
      thresholdReason(
        c,
        g.metric,
        -g.maxDegradation,
        `guardrail ${g.metric} degrades less than ${pct(g.maxDegradation).slice(1)}`,
        family?.[i + 1],
      ),
    );
  }
  const h = c.health.test;
  const maxLat = gate.latencyP95Ms;
  // The measured value goes into the detail only on failure, so that a passing
  // verdict.json stays byte-identical across runs (timings live in serving.json).
  const latOk = h.latencyP95Ms <= maxLat;
  reasons.push({
    rule: `latency p95 ≤ ${maxLat} ms`,
    outcome: latOk ? "pass" : "fail",
    detail: latOk
      ? "test arm p95 latency per request is within the limit (value in serving.json)"
      : `test arm p95 latency per request is ${h.latencyP95Ms.toFixed(1)} ms`,
  });
  const maxErr = gate.maxErrorRate;
  reasons.push({
    rule: `error rate < ${pct(maxErr).slice(1)}`,
    outcome: h.errorRate < maxErr ? "pass" : "fail",
    detail: `test arm failed for ${pct(h.errorRate).slice(1)} of users`,
  });
  if (gate.requireSrmPass && c.srm) {
    const s = c.srm;
    reasons.push({
      rule: "no sample ratio mismatch",
      outcome: s.flagged ? "fail" : "pass",
      detail: `served ${s.observed.join("/")} vs expected ${
        s.expected.map((x) => x.toFixed(0)).join("/")
      }: χ² = ${s.chi2.toFixed(2)}, p = ${s.p.toPrecision(3)}`,
    });
  }
  if (gate.requirePower && first.outcome === "inconclusive") {
    reasons.push(sensitivityReason(c, primary, stats));
  }
  const { decision, exitCode } = decide(reasons);
  const moments = c.moments[primary.metric];
  const ni = primary.nonInferiorityMargin !== undefined;
  const oc = moments
    ? statedOc(
      primary.metric,
      moments,
      ni ? "non-inferiority" : "superiority",
      ni ? -primary.nonInferiorityMargin! : primary.minLift ?? 0,
      stats.alpha,
      stats.targetMde,
    )
    : null;
  return { decision, exitCode, reasons, oc };
}

/**
 * The decision of a list of rule outcomes: reject when any fails, else
 * inconclusive when any cannot decide, else admit; with its exit code.
 *
 * @example
 * ```ts
 * import { decide } from "./gate.ts";
 * const r = (outcome: "pass" | "fail" | "inconclusive") => ({ rule: "", outcome, detail: "" });
 * if (decide([r("pass"), r("inconclusive")]).exitCode !== 3) throw new Error();
 * if (decide([r("fail"), r("inconclusive")]).decision !== "reject") throw new Error();
 * ```
 */
export function decide(reasons: GateReason[]): Pick<Verdict, "decision" | "exitCode"> {
  const decision = reasons.some((r) => r.outcome === "fail")
    ? "reject"
    : reasons.some((r) => r.outcome === "inconclusive")
    ? "inconclusive"
    : "admit";
  return { decision, exitCode: decision === "admit" ? 0 : decision === "reject" ? 1 : 3 };
}

/** The verdict as Markdown, for CI logs and PR comments. */
export function verdictMarkdown(v: Verdict, title: string): string {
  const icon = { admit: "✅", reject: "❌", inconclusive: "⚠️" }[v.decision];
  const mark = { pass: "✅ pass", fail: "❌ fail", inconclusive: "⚠️ inconclusive" };
  const lines = [
    `## ${icon} abreplay gate: **${v.decision.toUpperCase()}** — ${title.replace(/[|<>]/g, " ")}`,
    "",
    "| rule | outcome | detail |",
    "|---|---|---|",
    ...v.reasons.map((r) =>
      `| ${r.rule} | ${mark[r.outcome]} | ${r.detail.replace(/\|/g, "\\|")} |`
    ),
    "",
  ];
  if (v.oc) {
    lines.push(
      `**Operating characteristic** (primary rule, normal approximation at this run's size; ` +
        `each rule errs in its direction with probability ≤ ${
          (100 * v.oc.sideLevel).toFixed(1)
        }%): ` +
        `${v.oc.statement}. Guardrails and operational rules can only lower admission. ` +
        "Measure it with `abreplay oc`.",
      "",
    );
  }
  return lines.join("\n");
}

/**
 * Metrics of the gate's threshold rules (primary, guardrails) whose deciding
 * bound is within its Monte Carlo error: the run re-bootstraps them with more
 * resamples (see `refinementSizes`) before the verdict.
 */
export function metricsWithinMonteCarlo(c: Comparison, gate: GateSpec): string[] {
  const out = new Set<string>();
  for (const { metric, tau } of thresholdRules(gate)) {
    const data = c.contrasts[metric];
    if (data && decideThreshold(data, tau, c.confidence).withinMonteCarlo) out.add(metric);
  }
  return [...out];
}
