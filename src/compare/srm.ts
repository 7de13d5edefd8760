/**
 * Sample ratio mismatch of an A/B comparison: the chi-square test of the
 * users each arm served (failures excluded) against the assignment weights
 * (`stats/srm.ts`).
 *
 * @module
 */
import { srmTest } from "../stats/mod.ts";
import type { CompareInput, CompareSettings, SrmCheck } from "./types.ts";

/**
 * The SRM check of `input`'s arms.
 *
 * @example
 * ```ts
 * import { srmCheck } from "./srm.ts";
 * const arm = (served: number) => ({ servedUsers: served, failedUsers: 0 }) as never;
 * const input = { paired: false, catalogSize: 1, arms: { control: arm(5000), test: arm(4000) } };
 * const c = srmCheck({ weights: [0.5, 0.5], srmAlpha: 0.001 } as never, input);
 * if (!c.flagged || c.observed.join() !== "5000,4000") throw new Error();
 * ```
 */
export function srmCheck(settings: CompareSettings, input: CompareInput): SrmCheck {
  const observed = [input.arms.control, input.arms.test].map((a) => a.servedUsers - a.failedUsers);
  const weights = settings.weights;
  return { ...srmTest(observed, weights, { srmAlpha: settings.srmAlpha }), observed, weights };
}
