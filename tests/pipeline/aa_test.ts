/**
 * A/A calibration on the A/B demo (control against itself, re-bucketed under
 * many salts): the share of salts where a metric's two halves differ at
 * α = 5% must be close to 5%, and SRM flags close to srmAlpha = 0.1%.
 * 1,000 salts: a calibrated test lands in [3.6%, 6.4%] with 95% probability
 * (binomial sd 0.69%); the band below is ±2.9 sd, and one-sided for SRM.
 * Metrics that are constant over the users are reported as degenerate.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../../src/scenario/mod.ts";
import { runAa } from "../../src/pipeline/mod.ts";

Deno.test("A/A over 1,000 salts: false-positive rate ≈ α, SRM flags ≈ srmAlpha", async () => {
  const s = await loadScenario(
    fileURLToPath(new URL("../../scenarios/ab-demo.json", import.meta.url)),
  );
  const r = await runAa(s, 1000);
  for (const m of ["NDCG@10", "Recall@10", "Precision@10", "HitRate@10"]) {
    const rate = r.falsePositiveRate[m].rate;
    assert(rate >= 0.03 && rate <= 0.07, `${m}: ${rate}`);
  }
  assert(r.srmFlags <= 5, `SRM flags ${r.srmFlags} of 1000`);
  // popular never recommends a cold item: its cold metrics are constant 0, not "0% false positives"
  assertEquals(r.degenerate["ColdNDCG@10"], "constant: every value is 0");
  assertEquals(r.falsePositiveRate["ColdNDCG@10"], undefined);
  const [lo, hi] = r.falsePositiveRate["NDCG@10"].ci;
  assert(lo < r.falsePositiveRate["NDCG@10"].rate && r.falsePositiveRate["NDCG@10"].rate < hi);
});
