/**
 * The gate over several candidates (src/gate/candidates.ts), on real
 * comparisons of synthetic per-user values:
 * - the Holm family over the candidates' admission claims (a claim's p = the
 *   largest p of its threshold rules) against an independent step-down
 *   computed here, and a candidate admitted alone but not across candidates
 *   turns inconclusive;
 * - A/A with 3 candidates distributed like control, over many salts: the
 *   rate of admitting ANY candidate stays ≤ α with Holm across candidates
 *   (and is higher without it).
 */
import { assert, assertEquals } from "../_assert.ts";
import {
  applyCandidatesGate,
  applyGate,
  decideThreshold,
  thresholdRules,
} from "../../src/gate/mod.ts";
import { Rng } from "../../src/rng/mod.ts";
import { compare, scenarioWith } from "./_synthetic.ts";

/** Holm by its definition: reject in ascending order while p_(i) ≤ level / (m − i). */
function holmRejects(ps: number[], level: number): boolean[] {
  const order = ps.map((p, i) => [p, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = ps.map(() => false);
  for (let r = 0; r < order.length; r++) {
    if (order[r][0] > level / (order.length - r)) break;
    out[order[r][1]] = true;
  }
  return out;
}

/** Paired per-user values: a shared user effect plus the arm's own noise, shifted by `shift`. */
function arms(n: number, shift: number[], seed: number) {
  const rng = new Rng(seed);
  const base = Float64Array.from({ length: n }, () => rng.next());
  return shift.map((s) => Float64Array.from(base, (b) => b + 0.6 * rng.next() + s));
}

Deno.test("Holm over the candidates' admission claims: the family's adjusted p and each rule's outcome", async () => {
  const s = scenarioWith({
    primary: { metric: "NDCG@10", minLift: 0 },
    guardrails: [{ metric: "Recall@10", maxDegradation: 0.05 }],
    requirePower: false,
  });
  const alpha = s.stats.alpha;
  let demoted = 0, stepDown = 0;
  for (let seed = 1; seed <= 300 && (demoted === 0 || stepDown === 0); seed++) {
    // both candidates slightly better: at some seeds they pass alone but not across candidates
    const [c, a, b] = arms(400, [0, 0.03, 0.025], seed);
    const [rc, ra, rb] = arms(400, [0, 0.05, 0.0], seed + 1000);
    const list = [
      {
        name: "a",
        comparison: await compare(s, { "NDCG@10": c, "Recall@10": rc }, {
          "NDCG@10": a,
          "Recall@10": ra,
        }),
      },
      {
        name: "b",
        comparison: await compare(s, { "NDCG@10": c, "Recall@10": rc }, {
          "NDCG@10": b,
          "Recall@10": rb,
        }),
      },
    ];
    const v = applyCandidatesGate(list, s.gate, s.stats);
    const rules = thresholdRules(s.gate);
    const ruleP = list.map(({ comparison }) =>
      rules.map((r) =>
        decideThreshold(comparison.contrasts[r.metric], r.tau, comparison.confidence).test!.pAbove
      )
    );
    assertEquals(
      v.family.hypotheses.map((h) => h.rules.map((r) => r.p)),
      ruleP,
      "each claim lists its rules' one-sided p alone",
    );
    const ps = ruleP.map((rs) => rs.reduce((m, p) => (p > m ? p : m), 0));
    assertEquals(v.family.hypotheses.map((h) => h.p), ps, "a claim's p is its largest rule p");
    assertEquals(v.family.hypotheses.length, 2);
    const rejects = holmRejects(ps, alpha / 2);
    v.family.hypotheses.forEach((h, i) =>
      assertEquals(h.pHolm <= alpha / 2, rejects[i], `${h.candidate}`)
    );
    list.forEach(({ comparison }, ci) => {
      const alone = applyGate(comparison, s.gate, s.stats);
      const among = v.candidates[ci];
      const demote = alone.decision === "admit" && !rejects[ci];
      if (alone.decision === "admit" && rejects[ci] && ps[ci] > alpha / 4) stepDown++;
      assertEquals(among.decision, demote ? "inconclusive" : alone.decision, among.name);
      alone.reasons.slice(0, rules.length).forEach((r, ri) => {
        const want = demote && r.outcome === "pass" ? "inconclusive" : r.outcome;
        assertEquals(among.reasons[ri].outcome, want, `${among.name} ${r.rule}`);
        if (want !== r.outcome) {
          assert(
            among.reasons[ri].detail.includes("not across candidates"),
            among.reasons[ri].detail,
          );
          demoted++;
        }
      });
    });
  }
  assert(demoted > 0, "some seed gives a candidate admitted alone but not across candidates");
  assert(stepDown > 0, "some seed admits a claim above α/4 at Holm's second step");
});

Deno.test("A/A with 3 candidates like control: admitting any stays ≤ α with Holm across candidates", async () => {
  const s = scenarioWith(
    { primary: { metric: "NDCG@10", minLift: 0 }, requirePower: false },
    { B: 2000 },
  );
  const salts = Number(Deno.env.get("ABREPLAY_AA_SALTS") ?? 400); // the README figure: 2000
  let withHolm = 0, without = 0;
  for (let salt = 0; salt < salts; salt++) {
    const [c, ...tests] = arms(200, [0, 0, 0, 0], 10_000 + salt);
    const list = await Promise.all(
      tests.map(async (t, i) => ({
        name: `t${i + 1}`,
        comparison: await compare(s, { "NDCG@10": c }, { "NDCG@10": t }),
      })),
    );
    if (applyCandidatesGate(list, s.gate, s.stats).chosen !== null) withHolm++;
    if (list.some((x) => applyGate(x.comparison, s.gate, s.stats).decision === "admit")) without++;
  }
  const rate = withHolm / salts, rateWithout = without / salts;
  console.log(
    `A/A, 3 candidates, ${salts} salts: admitted any ${(100 * rate).toFixed(1)}% with Holm, ${
      (100 * rateWithout).toFixed(1)
    }% without`,
  );
  assert(rate <= s.stats.alpha, `with Holm ${rate}`);
  assert(withHolm <= without, "Holm can only admit less");
});

Deno.test("the best admissible candidate is chosen; a guardrail-rejected one and a lower one say why", async () => {
  const s = scenarioWith({
    primary: { metric: "NDCG@10", minLift: 0 },
    guardrails: [{ metric: "Recall@10", maxDegradation: 0.05 }],
    requirePower: false,
  });
  // NDCG: control, "fast" (+25%, but Recall −30%), "good" (+12%), "fine" (+6%)
  const [c, fast, good, fine] = arms(600, [0, 0.2, 0.1, 0.05], 7);
  const [rc, rFast, rGood, rFine] = arms(600, [0, -0.25, 0.02, 0.02], 8);
  const named = [["fast", fast, rFast], ["good", good, rGood], ["fine", fine, rFine]] as const;
  const list = await Promise.all(named.map(async ([name, n, r]) => ({
    name,
    comparison: await compare(s, { "NDCG@10": c, "Recall@10": rc }, {
      "NDCG@10": n,
      "Recall@10": r,
    }),
  })));
  const v = applyCandidatesGate(list, s.gate, s.stats);
  const [f, g, h] = v.candidates;
  assertEquals([f.decision, g.decision, h.decision], ["reject", "admit", "admit"]);
  assertEquals([v.decision, v.exitCode, v.chosen], ["admit", 0, "good"]);
  assertEquals(f.why, "rejected: guardrail Recall@10 degrades less than 5.00% failed");
  assert(f.primaryLift! > g.primaryLift!, "the rejected one had the highest lift");
  assert(g.chosen && g.why.startsWith("chosen"), g.why);
  assert(
    h.why.startsWith("admissible, but its NDCG@10 lift") && h.why.includes("below good's"),
    h.why,
  );
  assertEquals(v.reasons.map((r) => r.outcome), ["fail", "pass", "pass"]);
});
