/**
 * Clicks on a recommendation block under the position-based model (PBM;
 * Craswell et al., WSDM 2008; Chuklin, Markov & de Rijke, "Click Models for
 * Web Search", 2015, §3.3): the user examines position `p` (1-based) with
 * probability `θ_p`, independently of the other positions, and clicks an
 * examined item exactly when it is relevant (binary relevance, PROTOCOL §4):
 *
 * `P(click at p) = θ_p · rel_p`,  `E[clicks(u)] = Σ_p θ_p · rel_p`,
 * `P(block clicked) = 1 − Π_p (1 − θ_p · rel_p)`.
 *
 * The per-user metric is the block click `CTR@k(u) = 1` when the user clicks
 * at least one item of the block, else 0: its mean over users is the CTR of
 * the block (clicked impressions / impressions, one impression per user).
 * Clicks are simulated, not replaced by their expectations, so that the
 * statistics see the click noise a live test sees (an expectation would
 * understate every interval and overstate an interleaving's sensitivity).
 *
 * @module
 */
import type { HitTable } from "./hits.ts";

/** A source of uniforms in [0, 1) (an injected seeded `Rng`). */
export interface UniformSource {
  /** The next uniform in [0, 1). */
  next(): number;
}

/** Simulated clicks of every user of a hit table. */
export interface PbmClicks {
  /** Clicks per user (0..k). */
  clicks: Float64Array;
  /** 1 when the user clicked at least one item, else 0 (the block CTR's per-user value). */
  blockClick: Float64Array;
  /** `clicked[j*k + p] = 1` when user `j` clicked position `p` (0-based). */
  clicked: Uint8Array;
}

/**
 * The default examination probabilities `θ_p = 1/p`, p = 1..k (the
 * rank-bias of Joachims, Swaminathan & Schnabel, WSDM 2017, with η = 1).
 *
 * @example
 * ```ts
 * import { defaultExamination } from "./clicks.ts";
 * if (defaultExamination(4).join() !== [1, 1 / 2, 1 / 3, 1 / 4].join()) throw new Error();
 * ```
 */
export function defaultExamination(k: number): Float64Array {
  return Float64Array.from({ length: k }, (_, p) => 1 / (p + 1));
}

/**
 * Simulates PBM clicks on the lists of hit table `t`. Exactly `k` uniforms
 * are drawn per user, position by position, whatever the list's length, so
 * two arms given generators with the same seed see the same examinations
 * for the same row (common random numbers, used for paired replays).
 * Position `p` is examined when `u < θ_p`.
 *
 * @example
 * ```ts
 * import { hitTable } from "./hits.ts";
 * import { pbmClicks } from "./clicks.ts";
 * // one user, list [5, 7, 9], relevant {7, 9}; uniforms 0.5, 0.2, 0.9; θ = (1, 0.5, 0.5)
 * const t = hitTable(new Int32Array([5, 7, 9]), 3, new Int32Array([0, 2]), new Int32Array([7, 9]));
 * const u = [0.5, 0.2, 0.9];
 * const c = pbmClicks(t, Float64Array.of(1, 0.5, 0.5), { next: () => u.shift()! });
 * // position 1 examined but not relevant, 2 examined and relevant (0.2 < 0.5), 3 not examined
 * if (c.clicked.join() !== "0,1,0" || c.clicks[0] !== 1 || c.blockClick[0] !== 1) throw new Error();
 * ```
 */
export function pbmClicks(t: HitTable, examination: Float64Array, rng: UniformSource): PbmClicks {
  const { k, n, hits } = t;
  if (examination.length < k) {
    throw new RangeError(
      `examination: need ${k} probabilities (one per position), got ${examination.length}`,
    );
  }
  const clicks = new Float64Array(n);
  const blockClick = new Float64Array(n);
  const clicked = new Uint8Array(n * k);
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let p = 0; p < k; p++) {
      const examined = rng.next() < examination[p];
      if (examined && hits[j * k + p] === 1) {
        clicked[j * k + p] = 1;
        c++;
      }
    }
    clicks[j] = c;
    blockClick[j] = c > 0 ? 1 : 0;
  }
  return { clicks, blockClick, clicked };
}

/**
 * The block-click probability of each user in closed form,
 * `1 − Π_p (1 − θ_p · rel_p)` (what {@linkcode pbmClicks} estimates).
 *
 * @example
 * ```ts
 * import { hitTable } from "./hits.ts";
 * import { expectedBlockClick } from "./clicks.ts";
 * const t = hitTable(new Int32Array([5, 7, 9]), 3, new Int32Array([0, 2]), new Int32Array([7, 9]));
 * // 1 − (1 − 0.5)(1 − 0.25) = 0.625
 * if (expectedBlockClick(t, Float64Array.of(1, 0.5, 0.25))[0] !== 0.625) throw new Error();
 * ```
 */
export function expectedBlockClick(t: HitTable, examination: Float64Array): Float64Array {
  const out = new Float64Array(t.n);
  for (let j = 0; j < t.n; j++) {
    let none = 1;
    for (let p = 0; p < t.k; p++) if (t.hits[j * t.k + p] === 1) none *= 1 - examination[p];
    out[j] = 1 - none;
  }
  return out;
}
