/**
 * The admission gate: rules over a run's comparison, each with an outcome and
 * a one-line reason; the verdict is `reject` when any rule fails, else
 * `inconclusive` when any rule cannot decide, else `admit`.
 *
 * Rules (relative changes are `lift = Δ / control`, CIs are the BCa intervals
 * of the lift from the bootstrap, falling back to `CI(Δ) / control`):
 * - **primary (superiority)**: pass when `CI_lo(lift) > minLift` and the
 *   Holm-adjusted p < α; fail when `CI_hi(lift) < minLift`; else inconclusive.
 * - **primary (non-inferiority, margin m)**: pass when `CI_lo(lift) > −m`;
 *   fail when `CI_hi(lift) < −m`; else inconclusive.
 * - **guardrail (max degradation g)**: pass when `CI_lo(lift) ≥ −g`; fail when
 *   the point lift `< −g`; else inconclusive. Metrics without per-user values
 *   (coverage) use the point lift only.
 * - **latency**: test arm's p95 per-user serving time ≤ `latencyP95Ms`.
 * - **errors**: test arm's share of users it failed to serve < `maxErrorRate`.
 * - **SRM** (A/B mode): the chi-square test of served users must not flag.
 * - **power**: the MDE of the primary metric at the observed n must be at most
 *   the scenario's `stats.targetMde` (else inconclusive: underpowered).
 *
 * @module
 */
import type { Comparison, MetricComparison } from "../run/compare.ts";
import type { GateSpec } from "../scenario/types.ts";

/** The `gate` section of a scenario; missing fields take the schema defaults. */
export type GateConfig = Partial<GateSpec>;

/** Outcome of one rule. */
export interface GateReason {
  rule: string;
  outcome: "pass" | "fail" | "inconclusive";
  detail: string;
}

/** A verdict with its reasons and exit code (0 admit, 1 reject, 3 inconclusive). */
export interface Verdict {
  decision: "admit" | "reject" | "inconclusive";
  exitCode: 0 | 1 | 3;
  reasons: GateReason[];
}

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(2)}%`;

/** Relative-lift CI of a metric row, or null. */
function liftCi(m: MetricComparison): [number, number] | null {
  if (m.liftCiBca) return m.liftCiBca;
  if (m.ciBca && m.control !== 0) {
    const a = m.ciBca[0] / Math.abs(m.control), b = m.ciBca[1] / Math.abs(m.control);
    return [Math.min(a, b), Math.max(a, b)];
  }
  return null;
}

function find(c: Comparison, metric: string): MetricComparison {
  const m = c.metrics.find((x) => x.metric === metric);
  if (!m) throw new Error(`gate: metric ${metric} not in the comparison`);
  return m;
}

function primaryRule(
  c: Comparison,
  p: NonNullable<GateConfig["primary"]>,
  alpha: number,
): GateReason {
  const m = find(c, p.metric);
  const ci = liftCi(m);
  const ciText = ci
    ? `lift ${pct(m.lift)}, ${Math.round(100 * (1 - alpha))}% CI [${pct(ci[0])}, ${pct(ci[1])}]`
    : `lift ${pct(m.lift)} (no CI)`;
  if (p.nonInferiorityMargin !== undefined) {
    const bound = -p.nonInferiorityMargin;
    const rule = `primary ${p.metric} non-inferior within ${pct(bound)}`;
    if (!ci) return { rule, outcome: m.lift > bound ? "pass" : "fail", detail: ciText };
    if (ci[0] > bound) {
      return { rule, outcome: "pass", detail: `${ciText} lies above ${pct(bound)}` };
    }
    if (ci[1] < bound) {
      return { rule, outcome: "fail", detail: `${ciText} lies below ${pct(bound)}` };
    }
    return { rule, outcome: "inconclusive", detail: `${ciText} straddles ${pct(bound)}` };
  }
  const minLift = p.minLift ?? 0;
  const rule = `primary ${p.metric} lift > ${pct(minLift)}`;
  const pAdj = m.pValueHolm ?? m.pValue;
  if (!ci) return { rule, outcome: m.lift > minLift ? "pass" : "fail", detail: ciText };
  const pText = pAdj === null ? "" : `, Holm p = ${pAdj.toPrecision(3)}`;
  if (ci[0] > minLift && (pAdj === null || pAdj < alpha)) {
    return { rule, outcome: "pass", detail: `${ciText}${pText}` };
  }
  if (ci[1] < minLift) {
    return { rule, outcome: "fail", detail: `${ciText} lies below ${pct(minLift)}${pText}` };
  }
  return {
    rule,
    outcome: "inconclusive",
    detail: `${ciText} does not exclude ${pct(minLift)}${pText}`,
  };
}

function guardrailRule(c: Comparison, g: { metric: string; maxDegradation: number }): GateReason {
  const m = find(c, g.metric);
  const bound = -g.maxDegradation;
  const rule = `guardrail ${g.metric} degrades less than ${pct(g.maxDegradation).replace("+", "")}`;
  const ci = liftCi(m);
  if (!Number.isFinite(m.lift)) {
    return {
      rule,
      outcome: m.test >= m.control ? "pass" : "fail",
      detail: `control ${m.control.toPrecision(3)}, test ${m.test.toPrecision(3)}`,
    };
  }
  if (m.lift < bound) {
    return { rule, outcome: "fail", detail: `lift ${pct(m.lift)} is below ${pct(bound)}` };
  }
  if (!ci || ci[0] >= bound) {
    return {
      rule,
      outcome: "pass",
      detail: ci ? `lift CI [${pct(ci[0])}, ${pct(ci[1])}]` : `lift ${pct(m.lift)}`,
    };
  }
  return {
    rule,
    outcome: "inconclusive",
    detail: `lift ${pct(m.lift)} but CI lower bound ${pct(ci[0])} is below ${pct(bound)}`,
  };
}

/** Applies the gate to a comparison. */
export function applyGate(
  c: Comparison,
  gate: GateConfig,
  stats: { alpha: number; targetMde: number },
): Verdict {
  const reasons: GateReason[] = [];
  const primary = gate.primary ?? { metric: c.primary, minLift: 0 };
  reasons.push(primaryRule(c, primary, stats.alpha));
  for (const g of gate.guardrails ?? []) reasons.push(guardrailRule(c, g));
  const h = c.health.test;
  const maxLat = gate.latencyP95Ms ?? 200;
  // The measured value goes into the detail only on failure, so that a passing
  // verdict.json stays byte-identical across runs (timings live in manifest.json).
  const latOk = h.latencyP95Ms <= maxLat;
  reasons.push({
    rule: `latency p95 ≤ ${maxLat} ms`,
    outcome: latOk ? "pass" : "fail",
    detail: latOk
      ? "test arm p95 per-user serving time is within the limit (value in manifest.json)"
      : `test arm p95 per-user serving time is ${h.latencyP95Ms.toFixed(1)} ms`,
  });
  const maxErr = gate.maxErrorRate ?? 0.01;
  reasons.push({
    rule: `error rate < ${pct(maxErr).replace("+", "")}`,
    outcome: h.errorRate < maxErr ? "pass" : "fail",
    detail: `test arm failed for ${pct(h.errorRate).replace("+", "")} of users`,
  });
  if ((gate.requireSrmPass ?? true) && c.srm) {
    const s = c.srm;
    reasons.push({
      rule: "no sample ratio mismatch",
      outcome: s.flagged ? "fail" : "pass",
      detail: `served ${s.observed.join("/")} vs expected ${
        s.expected.map((x) => x.toFixed(0)).join("/")
      }: χ² = ${s.chi2.toFixed(2)}, p = ${s.p.toPrecision(3)}`,
    });
  }
  if (gate.requirePower ?? true) {
    const p = c.power;
    if (!p) {
      reasons.push({
        rule: "powered for the target MDE",
        outcome: "inconclusive",
        detail: "power could not be computed (too few users or zero control mean)",
      });
    } else {
      const ok = p.mdeRel <= p.targetMde;
      reasons.push({
        rule: `powered for a ${pct(p.targetMde)} MDE`,
        outcome: ok ? "pass" : "inconclusive",
        detail: `MDE at n = ${p.n} is ${pct(p.mdeRel)} of control${
          ok ? "" : `; about ${p.usersNeeded} users${c.mode === "ab" ? " per arm" : ""} needed`
        }`,
      });
    }
  }
  const decision = reasons.some((r) => r.outcome === "fail")
    ? "reject"
    : reasons.some((r) => r.outcome === "inconclusive")
    ? "inconclusive"
    : "admit";
  return { decision, exitCode: decision === "admit" ? 0 : decision === "reject" ? 1 : 3, reasons };
}

/** The verdict as Markdown, for CI logs and PR comments. */
export function verdictMarkdown(v: Verdict, title: string): string {
  const icon = { admit: "✅", reject: "❌", inconclusive: "⚠️" }[v.decision];
  const mark = { pass: "✅ pass", fail: "❌ fail", inconclusive: "⚠️ inconclusive" };
  return [
    `## ${icon} abreplay gate: **${v.decision.toUpperCase()}** — ${title.replace(/[|<>]/g, " ")}`,
    "",
    "| rule | outcome | detail |",
    "|---|---|---|",
    ...v.reasons.map((r) =>
      `| ${r.rule} | ${mark[r.outcome]} | ${r.detail.replace(/\|/g, "\\|")} |`
    ),
    "",
  ].join("\n");
}
