/**
 * The report input of a real run (the hand-worked fixture, 8 eval users,
 * k = 3): the values added for the report (interval level, the gate's rules,
 * serving per arm, the MDE curve reaching the users needed) checked against
 * the run itself, recomputed here independently; and a report rendered from
 * report.json (JSON: ∞ → null) equal to the one rendered in memory.
 */
import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { reportInput, runScenario } from "../../src/pipeline/mod.ts";
import { applyGate } from "../../src/gate/mod.ts";
import { renderReport } from "../../src/report/mod.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/handworked.csv", import.meta.url));

async function run() {
  const s = resolveScenario({
    name: "handworked-report",
    data: { path: FIXTURE },
    split: { date: "2020-01-01" },
    eval: { k: 3, coldThreshold: 2, exampleUsers: 3 },
    control: { type: "random" },
    test: { type: "popular" },
    stats: { B: 400, alpha: 0.1, targetMde: 0.1 },
    gate: {
      primary: { metric: "NDCG@3", minLift: 0.05 },
      guardrails: [{ metric: "Coverage@3", maxDegradation: 0.2 }],
      latencyP95Ms: 150,
    },
  }, fileURLToPath(new URL("../fixtures/handworked.json", import.meta.url)));
  const result = await runScenario(s);
  const verdict = applyGate(result.comparison, s.gate, s.stats);
  return { s, result, verdict, input: await reportInput(result, verdict) };
}

Deno.test("report input: interval level, the gate's rules and serving come from the run", async () => {
  const { result, input } = await run();
  assertEquals(input.stats, { alpha: 0.1, confidence: 0.9, resamples: 400 });
  assertEquals(input.gate, {
    primary: { metric: "NDCG@3", kind: "superiority", threshold: 0.05 },
    guardrails: [{ metric: "Coverage@3", threshold: -0.2 }],
    latencyP95Ms: 150,
    maxErrorRate: 0.01,
  });
  for (const arm of ["control", "test"] as const) {
    const served = result.arms[arm].served;
    const s = input.serving![arm];
    assertEquals(s.users, 8);
    assertEquals(s.failedUsers, served.failedUsers);
    // nearest rank over the requests, recomputed: each batch's per-user latency repeated for its
    // users, sorted, the ⌈q·n⌉-th smallest, in ms rounded to the µs
    const ms = Array.from(served.requestMs).flatMap((x, b) => Array(served.requests[b]).fill(x))
      .sort((a, b) => a - b).map((x) => Math.round(x * 1000) / 1000);
    assertEquals(ms.length, 8);
    assertEquals(s.requests, 8);
    assertEquals(s.latencyP50Ms, ms[Math.ceil(0.5 * ms.length) - 1]);
    assertEquals(s.latencyP95Ms, ms[Math.ceil(0.95 * ms.length) - 1]);
    assertEquals(s.latencyP99Ms, ms[Math.ceil(0.99 * ms.length) - 1]);
    // one definition with the gate's latency rule
    assertEquals(s.latencyP95Ms, result.comparison.health[arm].latencyP95Ms);
    assert(s.latencyP50Ms <= s.latencyP95Ms);
  }
});

Deno.test("report input: the MDE curve reaches twice the users needed, on its 1/√n law", async () => {
  const { result, input } = await run();
  const before = result.comparison.power!.curve;
  const after = input.power!.curve;
  assertEquals(after.slice(0, before.length), before, "the run's points are kept");
  assert(after.length > before.length, "8 users are far from the target: the curve grows");
  const last = after[after.length - 1];
  assert(last.n >= input.power!.usersNeeded && last.n <= 2 * input.power!.usersNeeded + 1);
  // MDE · √n is the same constant on every point (up to the run's rounding of n)
  const k = before[before.length - 1].mdeRel * Math.sqrt(before[before.length - 1].n);
  for (const p of after.slice(before.length)) {
    assertAlmostEquals(p.mdeRel * Math.sqrt(p.n), k, 1e-9);
  }
});

Deno.test("report input: items without a title stay untitled (no id posing as a title)", async () => {
  const { input } = await run();
  const items = input.examples.flatMap((e) => [...e.history, ...e.control, ...e.test]);
  assert(items.length > 0);
  for (const i of items) assertEquals(i.title, "", `${i.itemId} has no book data in this fixture`);
  const page = await renderReport(input, { chartJs: "/* stub */" });
  assert(page.includes('<span class="untitled">untitled #'));
});

Deno.test("report from report.json equals the report from memory (∞ bounds written as null)", async () => {
  const { input } = await run();
  const row = input.metrics.find((r) => r.liftCiBca !== null)!;
  row.liftCiBca = [row.liftCiBca![0], Infinity];
  const json = JSON.parse(JSON.stringify(input));
  assertEquals(
    json.metrics.find((r: { metric: string }) => r.metric === row.metric).liftCiBca[1],
    null,
  );
  const stub = { chartJs: "/* stub */" };
  const page = await renderReport(input, stub);
  assertEquals(await renderReport(json, stub), page);
  assert(page.includes("+∞]"), "the unbounded side reads +∞");
});
