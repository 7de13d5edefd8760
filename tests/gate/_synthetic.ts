/** Synthetic arms for gate tests: per-user values in, a real comparison out. */
import { resolveScenario, type Scenario } from "../../src/scenario/mod.ts";
import { type CompareArm, compareArms, type Comparison } from "../../src/compare/mod.ts";
import { compareSettings } from "../../src/pipeline/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

/** A scenario with `gate` and `stats` over the defaults (data is never loaded). */
export function scenarioWith(
  gate: Record<string, unknown>,
  stats: Record<string, unknown> = {},
  mode: Record<string, unknown> = { type: "paired" },
): Scenario {
  return resolveScenario(
    {
      name: "synthetic",
      data: { generate: { seed: 1 } },
      control: { type: "popular" },
      test: { type: "popular" },
      mode,
      stats: { B: 1000, seed: 3, ...stats },
      gate,
    },
    "",
  );
}

/** An arm whose only segment is `overall`, with these per-user metric values (no lists). */
export function arm(values: Record<string, Float64Array>, k = 10): CompareArm {
  const n = Object.values(values)[0].length;
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const mean: Record<string, number> = {};
  for (const [m, v] of Object.entries(values)) mean[m] = v.reduce((a, b) => a + b, 0) / n;
  const empty = { rows: new Int32Array(0), perUser: {}, mean: {} };
  return {
    evaluation: {
      k,
      users: n,
      segments: {
        overall: { segment: "overall", rows, perUser: values, mean },
        warm: { segment: "warm", ...empty },
        cold: { segment: "cold", ...empty },
      },
    },
    lists: new Int32Array(n * k).fill(-1),
    servedUsers: n,
    failedUsers: 0,
    requestMs: Float64Array.of(1),
    requests: Int32Array.of(1),
  };
}

/** Zero-heavy values like NDCG: share `p` non-zero, those uniform in (0, 1]; seeded. */
export function zeroHeavy(n: number, p: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => (rng.next() < p ? rng.next() : 0));
}

/** Compares two synthetic arms under `s` (only the named metrics, no coverage). */
export function compare(
  s: Scenario,
  control: Record<string, Float64Array>,
  test: Record<string, Float64Array>,
): Promise<Comparison> {
  return compareArms(
    compareSettings(s),
    {
      paired: s.mode.type === "paired",
      catalogSize: 100,
      arms: { control: arm(control), test: arm(test) },
    },
    { only: new Set(Object.keys(control)) },
  );
}
