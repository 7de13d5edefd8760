/**
 * The comparison's test registry: each test fills exactly the fields it
 * declares, rows carry the base values, then every registered test's fields
 * in registration order, then `gated` (the order metrics.json writes), and a
 * test's fields equal the statistic computed directly (the paired p-value is
 * the z test of the per-user deltas; Holm adjusts the gated rows only).
 */
import { assertEquals } from "../_assert.ts";
import {
  compareArms,
  coverageContrast,
  FAMILY_TESTS,
  METRIC_TESTS,
} from "../../src/compare/mod.ts";
import { holm, pairedTest, unpairedBootstrap } from "../../src/stats/mod.ts";
import { Rng } from "../../src/rng/mod.ts";
import { arm, scenarioWith, zeroHeavy } from "../gate/_synthetic.ts";
import { compareSettings } from "../../src/pipeline/mod.ts";

const BASE = ["metric", "segment", "control", "test", "delta", "lift", "nControl", "nTest"];

Deno.test("rows: base values, each test's fields in registration order, then gated", async () => {
  const s = scenarioWith({
    primary: { metric: "NDCG@10", minLift: 0 },
    guardrails: [{ metric: "Recall@10", maxDegradation: 0.1 }],
  });
  const c = { "NDCG@10": zeroHeavy(400, 0.3, 1), "Recall@10": zeroHeavy(400, 0.3, 2) };
  const t = { "NDCG@10": zeroHeavy(400, 0.35, 3), "Recall@10": zeroHeavy(400, 0.3, 4) };
  const cmp = await compareArms(compareSettings(s), {
    paired: true,
    catalogSize: 100,
    arms: { control: arm(c), test: arm(t) },
  }, { only: new Set(Object.keys(c)) });
  const fields = [...METRIC_TESTS, ...FAMILY_TESTS].flatMap((x) => Object.keys(x.empty));
  for (const row of cmp.metrics) assertEquals(Object.keys(row), [...BASE, ...fields, "gated"]);
  const [ndcg, recall] = cmp.metrics;
  const deltas = (m: "NDCG@10" | "Recall@10") => t[m].map((x, i) => x - c[m][i]);
  assertEquals(ndcg.pValue, pairedTest(deltas("NDCG@10")).p);
  assertEquals(recall.pValue, pairedTest(deltas("Recall@10")).p);
  const adjusted = holm([ndcg.pValue!, recall.pValue!]);
  assertEquals([ndcg.pValueHolm, recall.pValueHolm], Array.from(adjusted));
});

Deno.test("each metric test fills exactly the fields it declares, for means and coverage", () => {
  const control = zeroHeavy(200, 0.3, 5), testValues = zeroHeavy(200, 0.35, 6);
  const [boot] = unpairedBootstrap([control], [testValues], new Rng(1), { resamples: 300 });
  const coverage = coverageContrast(
    [
      Float64Array.from({ length: 300 }, (_, b) => 40 + (b % 7)),
      Float64Array.from({ length: 300 }, (_, b) => 45 + (b % 5)),
    ],
    50,
    100,
    false,
  );
  const ctx = { confidence: 0.95, paired: false };
  for (const test of METRIC_TESTS) {
    for (
      const evidence of [{ kind: "mean", control, test: testValues, boot }, {
        kind: "coverage",
        contrast: coverage,
      }] as const
    ) {
      const got = test.apply(evidence as never, ctx);
      assertEquals(Object.keys(got), Object.keys(test.empty), `${test.name} (${evidence.kind})`);
    }
  }
});
