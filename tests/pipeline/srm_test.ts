/**
 * SRM end to end on the A/B demo (≈3,700 eval users, 50/50): a healthy split
 * passes; an injected 45/55 assignment on the 50/50 configuration is flagged;
 * a test arm failing for 10% of its users (simulated errors) is flagged too
 * (SRM and the error-rate guardrail), and the gate rejects.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { runScenario } from "../../src/pipeline/mod.ts";
import { applyGate } from "../../src/gate/mod.ts";

const file = fileURLToPath(new URL("../../scenarios/ab-demo.json", import.meta.url));
const base = JSON.parse(await Deno.readTextFile(file));

async function run(patch: (s: any) => void) {
  const raw = structuredClone(base);
  raw.stats.B = 200;
  patch(raw);
  const s = resolveScenario(raw, file);
  const r = await runScenario(s);
  return { r, verdict: applyGate(r.comparison, s.gate, s.stats) };
}

Deno.test("healthy 50/50 A/B split passes SRM", async () => {
  const { r } = await run(() => {});
  assert(r.comparison.srm && !r.comparison.srm.flagged, JSON.stringify(r.comparison.srm));
  const [c, t] = r.comparison.srm!.observed;
  assertEquals(c + t, r.holdout.evalUsers.length);
});

Deno.test("an injected 45/55 split on a 50/50 configuration is flagged", async () => {
  const { r, verdict } = await run((s) => (s.mode.simulateWeights = [0.45, 0.55]));
  const srm = r.comparison.srm!;
  assert(srm.flagged && srm.p < 0.001, JSON.stringify(srm));
  assertEquals(verdict.decision, "reject");
  assertEquals(verdict.reasons.find((x) => x.rule.includes("sample ratio"))?.outcome, "fail");
});

Deno.test("a test arm failing for 10% of users is flagged (SRM and error rate)", async () => {
  // On ≈3,700 users a 10% failure in one arm gives χ² ≈ 0.0026·N ≈ 9.8 (p ≈ 0.002):
  // the error-rate guardrail catches it, SRM at 0.001 needs N ≳ 4,200. Twice the users:
  const { r, verdict } = await run((s) => {
    s.test.simulateErrors = 0.1;
    s.data.generate = { seed: 42, users: 24000, interactions: 400000 };
  });
  assert(Math.abs(r.arms.test.served.failedUsers / r.arms.test.served.users.length - 0.1) < 0.03);
  assert(r.comparison.srm!.flagged, JSON.stringify(r.comparison.srm));
  assertEquals(verdict.decision, "reject");
  assertEquals(verdict.reasons.find((x) => x.rule.startsWith("error rate"))?.outcome, "fail");
});
