/**
 * Holm's step-down adjustment of the gated family's p-values (PROTOCOL §6):
 * reported beside each p-value; the gate decides on intervals, not on these.
 *
 * @module
 */
import { holm } from "../../stats/mod.ts";
import type { FamilyTest } from "../types.ts";

/** The field this test fills. */
export interface HolmFields {
  /** Holm-adjusted over the gated family (PROTOCOL §6; reported, not used by the gate). */
  pValueHolm: number | null;
}

/**
 * The test, as registered: adjusts the gated rows that have a p-value.
 *
 * @example
 * ```ts
 * import { holmTest } from "./holm.ts";
 * const rows = [{ pValue: 0.01, pValueHolm: null }, { pValue: 0.04, pValueHolm: null }, { pValue: null, pValueHolm: null }];
 * holmTest.apply(rows as never);
 * // two p-values: 0.01·2 = 0.02, then max(0.02, 0.04·1) = 0.04; no p-value, no adjustment
 * if (rows.map((r) => r.pValueHolm).join() !== "0.02,0.04,") throw new Error();
 * ```
 */
export const holmTest: FamilyTest<HolmFields> = {
  name: "Holm over the gated family",
  empty: { pValueHolm: null },
  apply(rows) {
    const tested = rows.filter((m) => m.pValue !== null);
    const adjusted = holm(tested.map((m) => m.pValue!));
    tested.forEach((m, i) => (m.pValueHolm = adjusted[i]));
  },
};
