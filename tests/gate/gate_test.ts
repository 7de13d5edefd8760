/**
 * The gate's rules on real comparisons of synthetic arms: each rule's pass /
 * fail / inconclusive edge, read against the lift interval it must agree with,
 * and regressions of the defects the rules were rebuilt for (issue 12):
 * guardrails failing on a point estimate, Holm applied to hypotheses the gate
 * never tests, power overriding a conclusive primary, rules without an
 * interval deciding on a point, unpaired sample sizes ignoring the test arm's
 * sd, bounds within their Monte Carlo error.
 */
import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import {
  applyGate,
  decideThreshold,
  metricsWithinMonteCarlo,
  verdictMarkdown,
} from "../../src/gate/mod.ts";
import { normalQuantile, thresholdOc } from "../../src/stats/mod.ts";
import { refineForGate } from "../../src/pipeline/mod.ts";
import { arm, compare, scenarioWith, zeroHeavy } from "./_synthetic.ts";

const N = "NDCG@10";
const c = zeroHeavy(2000, 0.3, 1);
const t = zeroHeavy(2000, 0.36, 2);
const outcomeOf = (v: ReturnType<typeof applyGate>, prefix: string) =>
  v.reasons.find((r) => r.rule.startsWith(prefix))?.outcome;

Deno.test("superiority passes below the lift interval, fails above it, else inconclusive", async () => {
  const s0 = scenarioWith({ primary: { metric: N } });
  const row = (await compare(s0, { [N]: c }, { [N]: t })).metrics[0];
  const [lo, hi] = row.liftCiBca!;
  assert(lo > 0.02 && hi < 0.6, `interval ${lo} ${hi}`);
  for (
    const [minLift, want] of [[lo - 0.02, "pass"], [row.lift, "inconclusive"], [
      hi + 0.02,
      "fail",
    ]] as const
  ) {
    const s = scenarioWith({ primary: { metric: N, minLift } }, { targetMde: 0.9 });
    const v = applyGate(await compare(s, { [N]: c }, { [N]: t }), s.gate, s.stats);
    assertEquals(v.reasons[0].outcome, want, `minLift ${minLift}: ${v.reasons[0].detail}`);
    assertEquals(v.exitCode, want === "pass" ? 0 : want === "fail" ? 1 : 3);
  }
});

Deno.test("non-inferiority: margin below the interval passes, above it fails", async () => {
  // test worse than control here: swap the arms
  const s0 = scenarioWith({ primary: { metric: N, nonInferiorityMargin: 0 } });
  const [lo, hi] = (await compare(s0, { [N]: t }, { [N]: c })).metrics[0].liftCiBca!;
  assert(hi < 0, `${lo} ${hi}`);
  for (
    const [margin, want] of [[-lo + 0.02, "pass"], [-hi - 0.02, "fail"], [
      -(lo + hi) / 2,
      "inconclusive",
    ]] as const
  ) {
    const s = scenarioWith({ primary: { metric: N, nonInferiorityMargin: margin } });
    const v = applyGate(await compare(s, { [N]: t }, { [N]: c }), s.gate, s.stats);
    assertEquals(v.reasons[0].outcome, want, `margin ${margin}: ${v.reasons[0].detail}`);
  }
});

Deno.test("a guardrail fails only when the interval lies below −g, not on the point estimate", async () => {
  // small arms: the point lift (−12%) is below −5% but the interval reaches above it
  const cs = zeroHeavy(300, 0.3, 41), ts = zeroHeavy(300, 0.28, 41 + 1);
  const s = scenarioWith({
    primary: { metric: N, nonInferiorityMargin: 0.5 },
    guardrails: [{ metric: "Recall@10", maxDegradation: 0.05 }],
  });
  const cmp = await compare(s, { [N]: cs, "Recall@10": cs }, { [N]: ts, "Recall@10": ts });
  const g = cmp.metrics.find((m) => m.metric === "Recall@10")!;
  assert(g.lift < -0.05 && g.liftCiBca![0] < -0.05 && g.liftCiBca![1] > -0.05, JSON.stringify(g));
  assertEquals(outcomeOf(applyGate(cmp, s.gate, s.stats), "guardrail"), "inconclusive");
  // and with a wholly worse interval it fails
  const worse = Float64Array.from(cs, (x, i) => (i % 3 === 0 ? 0 : x));
  const cmp2 = await compare(s, { [N]: cs, "Recall@10": cs }, { [N]: cs, "Recall@10": worse });
  assertEquals(outcomeOf(applyGate(cmp2, s.gate, s.stats), "guardrail"), "fail");
});

Deno.test("no Holm in the gate: an interval above 0 passes even when the Holm p of the family is > α", async () => {
  // find a seeded test arm whose primary interval just clears 0 (p between α/4 and α)
  const same = zeroHeavy(2000, 0.3, 1);
  const s = scenarioWith({
    primary: { metric: N },
    guardrails: ["Recall@10", "MRR@10", "HitRate@10"].map((m) => ({
      metric: m,
      maxDegradation: 0.5,
    })),
  }, { targetMde: 0.5 });
  for (let seed = 100; seed < 160; seed++) {
    const tt = zeroHeavy(2000, 0.325, seed);
    const cmp = await compare(
      s,
      { [N]: same, "Recall@10": same, "MRR@10": same, "HitRate@10": same },
      { [N]: tt, "Recall@10": same, "MRR@10": same, "HitRate@10": same },
    );
    const p = cmp.metrics[0];
    if (!(p.liftCiBca![0] > 0 && p.pValueHolm! > 0.05)) continue;
    if (decideThreshold(cmp.contrasts[N], 0, 0.95).withinMonteCarlo) continue;
    const v = applyGate(cmp, s.gate, s.stats);
    assertEquals(v.reasons[0].outcome, "pass", v.reasons[0].detail);
    assert(!v.reasons[0].detail.includes("Holm"));
    return;
  }
  throw new Error("no seed gave an interval above 0 with Holm p > α");
});

Deno.test("no interval, no decision: one user per arm is inconclusive (exit 3), never admit", async () => {
  const s = scenarioWith({ primary: { metric: N } });
  const cmp = await compare(s, { [N]: Float64Array.of(0.1) }, { [N]: Float64Array.of(0.9) });
  const v = applyGate(cmp, s.gate, s.stats);
  assertEquals([v.reasons[0].outcome, v.decision, v.exitCode], ["inconclusive", "inconclusive", 3]);
  assert(v.reasons[0].detail.includes("no interval"), v.reasons[0].detail);
});

Deno.test("the sensitivity rule applies only when the primary is inconclusive, and tests minLift", async () => {
  const s = scenarioWith({ primary: { metric: N } }, { targetMde: 0.25 });
  const conclusive = applyGate(await compare(s, { [N]: c }, { [N]: t }), s.gate, s.stats);
  assertEquals(conclusive.decision, "admit");
  assert(!conclusive.reasons.some((r) => r.rule.startsWith("sensitivity")));
  // a small, equal pair of arms: inconclusive, then the sensitivity rule speaks
  const cs = zeroHeavy(200, 0.3, 7), ts = zeroHeavy(200, 0.3, 8);
  const sMin = scenarioWith({ primary: { metric: N, minLift: 0.1 } }, { targetMde: 0.25 });
  const cmp = await compare(sMin, { [N]: cs }, { [N]: ts });
  const v = applyGate(cmp, sMin.gate, sMin.stats);
  const rule = v.reasons.find((r) => r.rule.startsWith("sensitivity"))!;
  assertEquals(rule.outcome, "inconclusive");
  // its power is that of "lift > +10%" at a true +25%, lower than that of "lift > 0"
  const m = cmp.moments[N];
  const power = thresholdOc(m, 0.1, 0.25, 0.05)!.pass;
  assert(rule.detail.includes(`${(100 * power).toFixed(1)}%`), rule.detail);
  assert(power < thresholdOc(m, 0, 0.25, 0.05)!.pass);
});

Deno.test("A/B users needed count the test arm's sd (PROTOCOL §6 MDE)", async () => {
  const s = scenarioWith({ primary: { metric: N } }, { targetMde: 0.1 }, {
    type: "ab",
    salt: "x",
    weights: [0.5, 0.5],
  });
  const cs = zeroHeavy(1500, 0.3, 51), ts = zeroHeavy(1500, 0.6, 52); // test sd well above control's
  const p = (await compare(s, { [N]: cs }, { [N]: ts })).power!;
  const sd = (x: Float64Array) => {
    const m = x.reduce((a, b) => a + b) / x.length;
    return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
  };
  const mean = cs.reduce((a, b) => a + b) / cs.length;
  const k = normalQuantile(0.975) + normalQuantile(0.8);
  const perArm = Math.ceil((k * k * (sd(cs) ** 2 + sd(ts) ** 2)) / (0.1 * mean) ** 2);
  assertEquals(p.usersNeeded, perArm);
  assert(
    perArm > Math.ceil((k * k * 2 * sd(cs) ** 2) / (0.1 * mean) ** 2),
    "more than with control's sd only",
  );
});

Deno.test("a bound within its Monte Carlo error is inconclusive and says which B would decide", () => {
  // replicates of Δ spread evenly over [−0.0003, 0.0197]: the 2.5% bound sits just above 0
  const b = 400;
  const diffReps = Float64Array.from(
    { length: b },
    (_, i) => 0.0097 + 0.02 * ((i * 0.6180339887) % 1 - 0.5),
  );
  const data = {
    paired: true,
    nControl: 500,
    nTest: 500,
    diff: 0.0097,
    control: 0.1,
    diffReps,
    controlReps: new Float64Array(b).fill(0.1),
    jackknife: null,
  };
  const d = decideThreshold(data, 0, 0.95);
  assert(d.test!.lo > 0, `${d.test!.lo}`);
  assertEquals([d.outcome, d.withinMonteCarlo], ["inconclusive", true]);
  assert(d.resamplesNeeded! > b, `${d.resamplesNeeded}`);
  // far from 0 it decides
  assertEquals(decideThreshold(data, -0.5, 0.95).outcome, "pass");
});

Deno.test("refinement re-bootstraps a gated metric within Monte Carlo error with more resamples", async () => {
  const s0 = scenarioWith({ primary: { metric: N } }, { B: 500 });
  const input = {
    paired: true,
    catalogSize: 100,
    arms: { control: arm({ [N]: c }), test: arm({ [N]: t }) },
  };
  const first = await compare(s0, { [N]: c }, { [N]: t });
  const row = first.metrics[0];
  // a threshold half a Monte Carlo sd below the lower bound: within the error by construction
  const minLift = row.liftCiBca![0] - 0.5 * row.liftCiMcSd![0];
  const s = scenarioWith({ primary: { metric: N, minLift } }, { B: 500, targetMde: 0.9 });
  const cmp = await compare(s, { [N]: c }, { [N]: t });
  assertEquals(metricsWithinMonteCarlo(cmp, s.gate), [N]);
  const refined = await refineForGate(s, input, cmp);
  const r = refined.metrics.find((m) => m.metric === N)!;
  assert(r.resamples === 2000 || r.resamples === 8000, `${r.resamples}`);
  assertEquals(refined.contrasts[N].diffReps.length, r.resamples);
});

Deno.test("the stated OC: P(admit) at the threshold is α/2; the statement is in verdict.md", async () => {
  const s = scenarioWith({ primary: { metric: N, minLift: 0.05 } }, { targetMde: 0.3 });
  const v = applyGate(await compare(s, { [N]: c }, { [N]: t }), s.gate, s.stats);
  const at = v.oc!.points.find((p) => p.lift === 0.05)!;
  assertAlmostEquals(at.admit, 0.025, 1e-12);
  assert(
    v.oc!.points.every((p, i, a) => i === 0 || p.admit >= a[i - 1].admit),
    "admit rises with δ",
  );
  const md = verdictMarkdown(v, "a|b");
  assert(md.includes("Operating characteristic") && md.includes(v.oc!.statement));
  assertEquals(
    md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| rule")).length,
    v.reasons.length,
  );
  assertEquals(md.includes("a|b"), false);
});

Deno.test("latency, errors and SRM each decide", async () => {
  const s = scenarioWith({ primary: { metric: N }, latencyP95Ms: 50, maxErrorRate: 0.01 });
  const cmp = await compare(s, { [N]: c }, { [N]: t });
  cmp.health.test = { ...cmp.health.test, errorRate: 0.02, latencyP95Ms: 80 };
  const v = applyGate(cmp, s.gate, s.stats);
  assertEquals([outcomeOf(v, "latency"), outcomeOf(v, "error rate"), v.decision], [
    "fail",
    "fail",
    "reject",
  ]);
  cmp.health.test = { ...cmp.health.test, errorRate: 0, latencyP95Ms: 1 };
  cmp.srm = {
    chi2: 50,
    df: 1,
    p: 1e-12,
    flagged: true,
    expected: [500, 500],
    observed: [450, 550],
    weights: [0.5, 0.5],
  };
  assertEquals(outcomeOf(applyGate(cmp, s.gate, s.stats), "no sample ratio"), "fail");
});

Deno.test("too few non-zero users: no decision even when the BCa interval clears the threshold", async () => {
  // 3 hits among 1,856 users against an all-zero control: 5% of resamples hold no hit,
  // yet BCa's acceleration lifts the lower bound above 0
  const cs = new Float64Array(1856);
  const ts = Float64Array.from(cs, (_, i) => (i % 600 === 7 ? 1 : 0));
  const s = scenarioWith({ primary: { metric: N } }, { B: 2000, targetMde: 0.5 });
  const cmp = await compare(s, { [N]: cs }, { [N]: ts });
  assertEquals(cmp.contrasts[N].nonZero, 4);
  const d = decideThreshold(cmp.contrasts[N], 0, 0.95);
  assertEquals([d.outcome, d.tooSparse], ["inconclusive", true]);
  const v = applyGate(cmp, s.gate, s.stats);
  assert(/only 4 users have a non-zero NDCG@10/.test(v.reasons[0].detail), v.reasons[0].detail);
});
