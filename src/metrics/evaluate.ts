/**
 * Evaluates one arm's top-k lists on the three segments of PROTOCOL §4:
 * `overall` (relevant set `R(u)`, all users), `warm` (`Rw(u)`, users with
 * `Rw(u) ≠ ∅`) and `cold` (`Rc(u)`, users with `Rc(u) ≠ ∅`). The lists are
 * never filtered, only the relevant sets. Metric keys carry the segment prefix:
 * `NDCG@10`, `WarmNDCG@10`, `ColdNDCG@10`, ... and `Coverage@10` etc.
 *
 * @module
 */
import { type HitTable, hitTable } from "./hits.ts";
import { hitRate, mrr, ndcg, precision, recall } from "./ranking.ts";
import { coverage } from "./coverage.ts";

/** The per-user ranking metrics, in report order. */
export const RANKING_METRICS = ["NDCG", "Recall", "Precision", "HitRate", "MRR"] as const;

/** A per-user ranking metric's name. */
export type RankingMetric = typeof RANKING_METRICS[number];

/** Each ranking metric's per-user values from the hit table (every name needs its function). */
export const RANKING_FUNCTIONS: Readonly<Record<RankingMetric, (t: HitTable) => Float64Array>> = {
  NDCG: ndcg,
  Recall: recall,
  Precision: precision,
  HitRate: hitRate,
  MRR: mrr,
};
/** Segment names, in report order. */
export const SEGMENTS = ["overall", "warm", "cold"] as const;
/** A segment of eval users: all (`overall`), with a warm or with a cold relevant item. */
export type Segment = typeof SEGMENTS[number];

/** Metric-name prefix of a segment (`""`, `"Warm"`, `"Cold"`). */
export function segmentPrefix(s: Segment): string {
  return s === "overall" ? "" : s === "warm" ? "Warm" : "Cold";
}

/** One segment's results. */
export interface SegmentMetrics {
  /** Which segment. */
  segment: Segment;
  /** Rows of the list table (positions among the arm's users) in the segment. */
  rows: Int32Array;
  /** Per-user values aligned with `rows`, keyed like `ColdNDCG@10`. */
  perUser: Record<string, Float64Array>;
  /** Means of `perUser`, plus `Coverage@k` of the segment's lists. */
  mean: Record<string, number>;
}

/** An arm's evaluation. */
export interface ArmEvaluation {
  /** List length k. */
  k: number;
  /** Number of users (rows of the list table). */
  users: number;
  /** Each segment's results. */
  segments: Record<Segment, SegmentMetrics>;
}

/** Inputs of {@linkcode evaluateArm}. */
export interface EvaluateInput {
  /** `lists[j*k + p]`, -1 for an empty slot; row `j` = the arm's `j`-th user. */
  lists: Int32Array;
  /** List length k. */
  k: number;
  /** CSR relevant sets aligned with the list rows. */
  relOffsets: Int32Array;
  /** Relevant items, CSR values (row `j`'s are `relItems[relOffsets[j] .. relOffsets[j+1])`). */
  relItems: Int32Array;
  /** 1 = cold item. */
  cold: Uint8Array;
  /** Items that may be recommended: the denominator of coverage. */
  catalogSize: number;
}

/** Evaluates an arm on every segment. */
export function evaluateArm(input: EvaluateInput): ArmEvaluation {
  const { lists, k, relOffsets, relItems, cold, catalogSize } = input;
  const nItems = cold.length;
  const keepers: Record<Segment, ((i: number) => boolean) | undefined> = {
    overall: undefined,
    warm: (i) => cold[i] === 0,
    cold: (i) => cold[i] === 1,
  };
  const segments = {} as Record<Segment, SegmentMetrics>;
  for (const segment of SEGMENTS) {
    const t = hitTable(lists, k, relOffsets, relItems, keepers[segment], nItems);
    const rowList: number[] = [];
    for (let j = 0; j < t.n; j++) if (t.nRel[j] > 0) rowList.push(j);
    const rows = Int32Array.from(rowList);
    const prefix = segmentPrefix(segment);
    const perUser: Record<string, Float64Array> = {};
    const mean: Record<string, number> = {};
    for (const m of RANKING_METRICS) {
      const values = RANKING_FUNCTIONS[m](t);
      const v = Float64Array.from(rows, (j) => values[j]);
      perUser[`${prefix}${m}@${k}`] = v;
      mean[`${prefix}${m}@${k}`] = meanOf(v);
    }
    mean[`${prefix}Coverage@${k}`] = coverage(lists, k, catalogSize, rows);
    segments[segment] = { segment, rows, perUser, mean };
  }
  return { k, users: relOffsets.length - 1, segments };
}

/**
 * Arithmetic mean (summed in order, so deterministic); NaN for no values.
 *
 * @example
 * ```ts
 * import { meanOf } from "./evaluate.ts";
 * if (meanOf(new Float64Array([1, 2, 6])) !== 3) throw new Error();
 * ```
 */
export function meanOf(v: Float64Array): number {
  if (v.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}
