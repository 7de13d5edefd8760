/**
 * The gate's operating characteristic, stated: the probability that the
 * primary rule admits (passes) or rejects (fails) a candidate whose true
 * relative lift is δ, from the normal approximation of
 * `stats/power.ts#thresholdOc` at the observed sizes and variances. Admission
 * needs every rule, so the gate admits at most this often; `abreplay oc`
 * measures the same curve by simulation.
 *
 * @module
 */
import { type ArmMoments, thresholdOc } from "../stats/mod.ts";

/** One point of an OC curve. */
export interface OcPoint {
  /** True relative lift δ. */
  lift: number;
  /** P(the primary rule passes | δ). */
  admit: number;
  /** P(the primary rule fails | δ). */
  reject: number;
}

/** The primary rule's stated OC curve. */
export interface OcCurve {
  /** The primary metric. */
  metric: string;
  /** `superiority` (τ = minLift) or `non-inferiority` (τ = −margin). */
  kind: "superiority" | "non-inferiority";
  /** The rule's threshold τ on the lift. */
  threshold: number;
  /** One-sided level of each direction, α/2. */
  sideLevel: number;
  /** The alternative the power refers to: stats.targetMde (superiority) or 0 (non-inferiority). */
  alternative: number;
  /** P(admit | alternative): the rule's power. */
  power: number;
  /** P(admit) and P(reject) at lifts around the threshold and the alternative. */
  points: OcPoint[];
  /** Plain-language statement of the curve. */
  statement: string;
}

const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}%`;
const prob = (p: number) => `${(100 * p).toFixed(1)}%`;

/**
 * The stated OC curve of a primary rule at threshold τ (41 points spanning the
 * threshold, 0 and the alternative), with its statement.
 *
 * @example
 * ```ts
 * import { statedOc } from "./oc_curve.ts";
 * const m = { paired: false, nControl: 3532, nTest: 3532, meanControl: 0.2, meanTest: 0.2,
 *   varControl: 0.09, varTest: 0.09 / 1.21, cov: 0 }; // test sd scales by 1.1 at δ = 0.1
 * const oc = statedOc("NDCG@10", m, "superiority", 0, 0.05, 0.1)!;
 * const at0 = oc.points.find((p) => p.lift === 0)!;
 * if (Math.abs(at0.admit - 0.025) > 1e-9 || Math.abs(oc.power - 0.8) > 0.01) throw new Error(`${oc.power}`);
 * ```
 */
export function statedOc(
  metric: string,
  moments: ArmMoments,
  kind: OcCurve["kind"],
  threshold: number,
  alpha: number,
  targetMde: number,
): OcCurve | null {
  const at = (lift: number): OcPoint | null => {
    const oc = thresholdOc(moments, threshold, lift, alpha);
    return oc ? { lift, admit: oc.pass, reject: oc.fail } : null;
  };
  const alternative = kind === "superiority" ? targetMde : 0;
  const alt = at(alternative);
  if (!alt) return null;
  const span = Math.max(Math.abs(targetMde), Math.abs(threshold), 0.01);
  const lo = Math.min(threshold, 0, -targetMde) - span / 2;
  const hi = Math.max(threshold, alternative, 0) + span;
  const marks = Array.from({ length: 41 }, (_, i) => lo + ((hi - lo) * i) / 40);
  const lifts = [...new Set([...marks, threshold, 0, alternative, -targetMde])].sort((a, b) =>
    a - b
  );
  const points = lifts.map((l) => at(l)!);
  const a = (l: number) => prob(at(l)!.admit);
  const statement = kind === "superiority"
    ? `this gate admits a model ${pct(-targetMde).replace("−", "")} worse with probability ${
      a(-targetMde)
    }, an equal model with ${a(0)}${
      threshold !== 0
        ? `, one exactly at the required lift ${pct(threshold)} with ${a(threshold)}`
        : ""
    }, and a model ${pct(targetMde)} better with ${prob(alt.admit)} (its power)`
    : `this gate admits a model ${
      pct(threshold).replace("−", "")
    } worse (at the margin) with probability ${a(threshold)} and an equal model with ${
      prob(alt.admit)
    } (its power)`;
  return {
    metric,
    kind,
    threshold,
    sideLevel: alpha / 2,
    alternative,
    power: alt.admit,
    points,
    statement,
  };
}
