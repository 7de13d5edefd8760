/**
 * Which eval users each arm serves. Paired: every eval user, both arms.
 * A/B: GrowthBook-compatible hash bucketing of the user id with the
 * scenario's salt, weights and coverage (PROTOCOL §5), hash version 2 — or
 * as the scenario's GrowthBook experiment (`mode.growthbook`) states, hash
 * version and namespace included; users outside the coverage (or the
 * namespace) are in neither arm.
 *
 * @module
 */
import type { Dataset } from "../data/mod.ts";
import type { Holdout } from "../split/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { assignArms } from "../stats/mod.ts";

/** Rows (positions in `holdout.evalUsers`) per arm. */
export interface Assignment {
  mode: "paired" | "ab";
  rows: { control: Int32Array; test: Int32Array };
  /**
   * Rows per arm index: 0 = control, then test (or each candidate of a list,
   * in order); `groups[0]` is `rows.control`, `groups[1]` is `rows.test`.
   */
  groups: Int32Array[];
  /** Eval users in no arm (A/B coverage < 1). */
  excluded: number;
}

/**
 * Assigns eval users to arms per the scenario's mode: control and test, or
 * control and each candidate of a list (A/B: one hash bucket per arm, by the
 * weights, one weight per arm).
 */
export function assignUsers(
  s: Pick<Scenario, "mode" | "candidates">,
  ds: Dataset,
  holdout: Holdout,
): Assignment {
  const n = holdout.evalUsers.length;
  const arms = 1 + (s.candidates?.length ?? 1);
  if (s.mode.type === "paired") {
    const all = Int32Array.from({ length: n }, (_, j) => j);
    return {
      mode: "paired",
      rows: { control: all, test: all },
      groups: Array(arms).fill(all),
      excluded: 0,
    };
  }
  const ids = Array.from(holdout.evalUsers, (u) => ds.userIds[u]);
  const arm = assignArms(
    ids,
    s.mode.salt,
    s.mode.simulateWeights ?? s.mode.weights,
    s.mode.coverage,
    {
      hashVersion: s.mode.growthbook?.hashVersion ?? 2,
      namespace: s.mode.growthbook?.namespace,
    },
  );
  const rows: number[][] = Array.from({ length: arms }, () => []);
  for (let j = 0; j < n; j++) if (arm[j] >= 0) rows[arm[j]].push(j);
  const groups = rows.map((r) => Int32Array.from(r));
  return {
    mode: "ab",
    rows: { control: groups[0], test: groups[1] },
    groups,
    excluded: n - rows.reduce((a, r) => a + r.length, 0),
  };
}
