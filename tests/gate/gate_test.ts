/** Gate rules on hand-made comparisons: each rule's pass / fail / inconclusive edge. */
import { assertEquals } from "../_assert.ts";
import { applyGate, verdictMarkdown } from "../../src/gate/mod.ts";
import type { Comparison, MetricComparison } from "../../src/run/compare.ts";

function row(
  metric: string,
  control: number,
  test: number,
  liftCi: [number, number] | null,
  p: number | null = 0.001,
): MetricComparison {
  return {
    metric,
    segment: "overall",
    control,
    test,
    delta: test - control,
    lift: (test - control) / control,
    nControl: 1000,
    nTest: 1000,
    ciPercentile: null,
    ciBca: null,
    liftCiPercentile: liftCi,
    liftCiBca: liftCi,
    pValue: p,
    pValueHolm: p,
    gated: true,
  };
}

function comparison(rows: MetricComparison[], over: Partial<Comparison> = {}): Comparison {
  return {
    mode: "paired",
    primary: rows[0].metric,
    metrics: rows,
    srm: null,
    power: {
      metric: rows[0].metric,
      alpha: 0.05,
      power: 0.8,
      n: 1000,
      mdeAbs: 0.001,
      mdeRel: 0.02,
      targetMde: 0.05,
      usersNeeded: 200,
      powerAtTarget: 0.99,
      curve: [],
    },
    bootstrap: null,
    health: { control: { errorRate: 0, latencyP95Ms: 1 }, test: { errorRate: 0, latencyP95Ms: 1 } },
    ...over,
  };
}

const stats = { alpha: 0.05, targetMde: 0.05 };
const outcomes = (v: ReturnType<typeof applyGate>) => v.reasons.map((r) => r.outcome);

Deno.test("superiority: pass above minLift, fail below, inconclusive when the CI straddles", () => {
  const gate = { primary: { metric: "NDCG@10", minLift: 0.02 } };
  assertEquals(
    applyGate(comparison([row("NDCG@10", 0.1, 0.11, [0.05, 0.15])]), gate, stats).decision,
    "admit",
  );
  const fail = applyGate(comparison([row("NDCG@10", 0.1, 0.099, [-0.05, 0.01])]), gate, stats);
  assertEquals([fail.decision, fail.exitCode], ["reject", 1]);
  const mid = applyGate(comparison([row("NDCG@10", 0.1, 0.103, [0.0, 0.06])]), gate, stats);
  assertEquals([mid.decision, mid.exitCode], ["inconclusive", 3]);
  // CI above minLift but Holm p not below α → not a pass
  assertEquals(
    applyGate(comparison([row("NDCG@10", 0.1, 0.11, [0.05, 0.15], 0.2)]), gate, stats).decision,
    "inconclusive",
  );
});

Deno.test("non-inferiority margin", () => {
  const gate = { primary: { metric: "NDCG@10", nonInferiorityMargin: 0.02 } };
  assertEquals(
    applyGate(comparison([row("NDCG@10", 0.1, 0.1, [-0.01, 0.01])]), gate, stats).decision,
    "admit",
  );
  assertEquals(
    applyGate(comparison([row("NDCG@10", 0.1, 0.09, [-0.15, -0.05])]), gate, stats).decision,
    "reject",
  );
  assertEquals(
    applyGate(comparison([row("NDCG@10", 0.1, 0.099, [-0.04, 0.02])]), gate, stats).decision,
    "inconclusive",
  );
});

Deno.test("guardrails, latency, errors, SRM and power each decide", () => {
  const rows = [row("NDCG@10", 0.1, 0.12, [0.1, 0.3]), row("Coverage@10", 0.5, 0.4, null, null)];
  const gate = {
    primary: { metric: "NDCG@10" },
    guardrails: [{ metric: "Coverage@10", maxDegradation: 0.05 }],
  };
  const v = applyGate(comparison(rows), gate, stats);
  assertEquals(outcomes(v), ["pass", "fail", "pass", "pass", "pass"]);
  assertEquals(v.decision, "reject");
  const slow = applyGate(
    comparison([rows[0]], {
      health: {
        control: { errorRate: 0, latencyP95Ms: 1 },
        test: { errorRate: 0.02, latencyP95Ms: 250 },
      },
    }),
    { primary: { metric: "NDCG@10" } },
    stats,
  );
  assertEquals(outcomes(slow), ["pass", "fail", "fail", "pass"]);
  const srm = {
    chi2: 50,
    df: 1,
    p: 1e-12,
    flagged: true,
    expected: [500, 500],
    observed: [450, 550],
    weights: [0.5, 0.5],
  };
  const bad = applyGate(comparison([rows[0]], { mode: "ab", srm }), {
    primary: { metric: "NDCG@10" },
  }, stats);
  assertEquals(bad.reasons.find((r) => r.rule.includes("sample ratio"))?.outcome, "fail");
  const weak = comparison([rows[0]]);
  weak.power!.mdeRel = 0.3;
  const u = applyGate(weak, { primary: { metric: "NDCG@10" } }, stats);
  assertEquals([u.decision, u.reasons.at(-1)!.outcome], ["inconclusive", "inconclusive"]);
  assertEquals(
    applyGate(weak, { primary: { metric: "NDCG@10" }, requirePower: false }, stats).decision,
    "admit",
  );
});

Deno.test("markdown lists one row per rule and escapes pipes", () => {
  const v = applyGate(comparison([row("NDCG@10", 0.1, 0.12, [0.1, 0.3])]), {
    primary: { metric: "NDCG@10" },
  }, stats);
  const md = verdictMarkdown(v, "a|b");
  assertEquals(
    md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| rule")).length,
    v.reasons.length,
  );
  assertEquals(md.includes("a|b"), false);
});
