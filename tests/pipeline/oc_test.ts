/**
 * The gate measured as CI meets it (issue 12 acceptance):
 * - A/A: popular against popular as a 50/50 A/B test over 200 salts, the whole
 *   gate applied (primary NDCG@10 minLift 0; guardrails Recall@10, MRR@10,
 *   Coverage@10 at 5%): REJECT ≤ 5% and ADMIT ≤ 5% of salts; with a 5%
 *   non-inferiority primary instead, REJECT ≤ 5%.
 * - Known effects: the simulated P(admit) at δ = stats.targetMde agrees with
 *   the stated power within 5 points, and at δ = 0 a superiority gate with
 *   minLift 0 admits at most α of the time.
 * - Coverage of two identical models in unequal arms (20/80, 80/20) has an
 *   interval around 0 and fails no guardrail (it used to read +91% / −46%).
 * Every draw is seeded, so these rates are fixed numbers, not flaky ones.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { resolveScenario, type Scenario } from "../../src/scenario/mod.ts";
import { gateAa, runScenario, serveControl, simulateOc } from "../../src/pipeline/mod.ts";
import { applyGate } from "../../src/gate/mod.ts";
import { cli } from "../_cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenario = async (name: string, patch: (s: any) => void = () => {}): Promise<Scenario> => {
  const file = `${root}scenarios/${name}.json`;
  const raw = JSON.parse(await Deno.readTextFile(file));
  patch(raw);
  return resolveScenario(raw, file);
};

Deno.test("A/A over 200 salts: the whole gate rejects ≤ 5% and admits ≤ 5%", async () => {
  const s = await scenario("gate-aa");
  const control = await serveControl(s, { start() {}, tick() {}, end() {}, note() {} }, {});
  const sup = await gateAa(s, control, 200, silent);
  assert(sup.reject.rate <= 0.05, `reject ${sup.reject.count}/200`);
  assert(sup.admit.rate <= 0.05, `admit ${sup.admit.count}/200`);
  const ni = await scenario(
    "gate-aa",
    (r) => (r.gate.primary = { metric: "NDCG@10", nonInferiorityMargin: 0.05 }),
  );
  const non = await gateAa(ni, control, 200, silent);
  assert(non.reject.rate <= 0.05, `reject ${non.reject.count}/200 (non-inferiority)`);
});

const silent = { start() {}, tick() {}, end() {}, note() {} };

Deno.test("known effects: P(admit | target) ≈ stated power; P(admit | 0) ≤ α (A/B, minLift 0)", async () => {
  const s = await scenario("ab-demo");
  const r = await runScenario(s);
  const v = applyGate(r.comparison, s.gate, s.stats);
  const oc = await simulateOc(r, null, { salts: 0, reps: 400, lifts: [0, s.stats.targetMde] });
  const [at0, atTarget] = oc.effects!.points;
  assert(at0.admit.rate <= s.stats.alpha, `P(admit | 0) = ${at0.admit.rate}`);
  assert(
    Math.abs(atTarget.admit.rate - v.oc!.power) <= 0.05,
    `measured ${atTarget.admit.rate} vs stated ${v.oc!.power}`,
  );
  assertEquals(atTarget.stated!.admit, v.oc!.power);
});

Deno.test("known effects, paired with minLift 10%: P(admit | target) ≈ stated power", async () => {
  const s = await scenario("gate-admit");
  const r = await runScenario(s);
  const v = applyGate(r.comparison, s.gate, s.stats);
  const oc = await simulateOc(r, null, { salts: 0, reps: 400, lifts: [0.1, s.stats.targetMde] });
  const [atThreshold, atTarget] = oc.effects!.points;
  assert(
    atThreshold.admit.rate <= s.stats.alpha,
    `P(admit | threshold) = ${atThreshold.admit.rate}`,
  );
  assert(
    Math.abs(atTarget.admit.rate - v.oc!.power) <= 0.05,
    `measured ${atTarget.admit.rate} vs stated ${v.oc!.power}`,
  );
});

for (const weights of [[0.2, 0.8], [0.8, 0.2]]) {
  Deno.test(`identical models at weights ${weights.join("/")}: coverage is compared at equal size`, async () => {
    const s = await scenario("ab-demo", (raw) => {
      raw.control = { type: "item2item" };
      raw.test = { type: "item2item" };
      raw.mode.weights = weights;
      raw.stats.B = 500;
      raw.gate = {
        primary: { metric: "NDCG@10", nonInferiorityMargin: 0.5 },
        guardrails: [{ metric: "Coverage@10", maxDegradation: 0.05 }],
      };
    });
    const r = await runScenario(s);
    const row = r.comparison.metrics.find((m) => m.metric === "Coverage@10")!;
    assert(row.liftCiBca![0] < 0 && row.liftCiBca![1] > 0, JSON.stringify(row));
    assert(Math.abs(row.lift) < 0.15, `equal-size lift ${row.lift} (was +91% / −46% on arm sizes)`);
    const v = applyGate(r.comparison, s.gate, s.stats);
    assert(v.reasons.find((x) => x.rule.startsWith("guardrail"))!.outcome !== "fail");
  });
}

Deno.test("abreplay oc writes oc.json and draws the curve in the report", async () => {
  const dir = await Deno.makeTempDir();
  const r = await cli(
    [
      "oc",
      "scenarios/gate-underpowered.json",
      "--salts",
      "10",
      "--reps",
      "10",
      "--out",
      `${dir}/o`,
      "--quiet",
    ],
    root,
  );
  assertEquals(r.code, 0, r.stderr);
  assert(r.stdout.includes("A/A") && r.stdout.includes("Known effects"), r.stdout);
  const oc = JSON.parse(await Deno.readTextFile(`${dir}/o/oc.json`));
  assertEquals(oc.aa.salts, 10);
  assertEquals(oc.effects.points.length, 4);
  const html = await Deno.readTextFile(`${dir}/o/report.html`);
  assert(html.includes('id="chart-oc"'), "OC chart in the report");
  const report = JSON.parse(await Deno.readTextFile(`${dir}/o/report.json`));
  assertEquals(report.oc.measured.length, 4);
});
