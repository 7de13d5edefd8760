/**
 * Evaluates one arm's top-k lists on the three segments of PROTOCOL §4:
 * `overall` (relevant set `R(u)`, all users), `warm` (`Rw(u)`, users with
 * `Rw(u) ≠ ∅`) and `cold` (`Rc(u)`, users with `Rc(u) ≠ ∅`). The lists are
 * never filtered, only the relevant sets. Metric keys carry the segment prefix:
 * `NDCG@10`, `WarmNDCG@10`, `ColdNDCG@10`, ... and `Coverage@10` etc. With
 * several cut-offs (`ks`), every metric is computed at every k on the first
 * k items of each list.
 *
 * @module
 */
import { hitTable, type ListTable } from "./hits.ts";
import { hitRate, mrr, ndcg, precision, recall } from "./ranking.ts";
import { coverage } from "./coverage.ts";
import { ipsNdcg, ipsRecall } from "./ips.ts";
import { arp, longTailShare, novelty } from "./popularity.ts";
import { ildAuthor, ildContent } from "./diversity.ts";
import { concentration, recommendationCounts } from "./concentration.ts";
import type { ItemStats } from "./item_stats.ts";

/**
 * The per-user metrics, in report order: accuracy (PROTOCOL §4), then
 * beyond accuracy (§4.1).
 */
export const RANKING_METRICS = [
  "NDCG",
  "Recall",
  "Precision",
  "HitRate",
  "MRR",
  "IPS-NDCG",
  "IPS-Recall",
  "Novelty",
  "ARP",
  "LongTailShare",
  "ILD-content",
  "ILD-author",
] as const;

/** A per-user ranking metric's name. */
export type RankingMetric = typeof RANKING_METRICS[number];

/**
 * A per-user metric: its value for each row of the table (`NaN` where it has
 * none: the user is left out of its mean), or null when the run lacks what it
 * needs (no item statistics, or no item metadata for diversity).
 */
export type MetricFunction = (t: ListTable, items: ItemStats) => Float64Array | null;

/** Each per-user metric's function (every name needs its function). */
export const RANKING_FUNCTIONS: Readonly<Record<RankingMetric, MetricFunction>> = {
  NDCG: ndcg,
  Recall: recall,
  Precision: precision,
  HitRate: hitRate,
  MRR: mrr,
  "IPS-NDCG": ipsNdcg,
  "IPS-Recall": ipsRecall,
  Novelty: novelty,
  ARP: arp,
  LongTailShare: longTailShare,
  "ILD-content": ildContent,
  "ILD-author": ildAuthor,
};

/** The metrics of PROTOCOL §4 (accuracy): they need no item statistics. */
const ACCURACY: ReadonlySet<string> = new Set(["NDCG", "Recall", "Precision", "HitRate", "MRR"]);

/**
 * Metrics of the list alone (PROTOCOL §4.1: popularity and diversity): a
 * user's value does not depend on the relevant set, so it is the same in every
 * segment and is computed once per cut-off.
 */
const LIST_ONLY: ReadonlySet<string> = new Set([
  "Novelty",
  "ARP",
  "LongTailShare",
  "ILD-content",
  "ILD-author",
]);

/**
 * Statistics of an arm's whole set of lists (not means of per-user values),
 * in report order: coverage (§4), then the concentration of the
 * recommendations (§4.1; they need item statistics).
 */
export const LIST_SET_METRICS = ["Coverage", "Gini", "Entropy"] as const;
/** Segment names, in report order. */
export const SEGMENTS = ["overall", "warm", "cold"] as const;
/** A segment of eval users: all (`overall`), with a warm or with a cold relevant item. */
export type Segment = typeof SEGMENTS[number];

/** Metric-name prefix of a segment (`""`, `"Warm"`, `"Cold"`). */
export function segmentPrefix(s: Segment): string {
  return s === "overall" ? "" : s === "warm" ? "Warm" : "Cold";
}

/**
 * The base name of a metric name (its family in `eval.metrics`): without
 * segment prefix and cut-off.
 *
 * @example
 * ```ts
 * import { metricBase } from "./evaluate.ts";
 * if (metricBase("ColdIPS-NDCG@10") !== "IPS-NDCG" || metricBase("Coverage@5") !== "Coverage") throw new Error();
 * if (metricBase("CTR@10") !== "CTR" || metricBase("WarmGini@20") !== "Gini") throw new Error();
 * ```
 */
export function metricBase(name: string): string {
  return name.replace(/@\d+$/, "").replace(/^(?:Warm|Cold)(?=[A-Z])/, "");
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
  /** Row length of the lists: the largest cut-off. */
  k: number;
  /** The cut-offs evaluated, in the scenario's order. @default [k] */
  ks?: number[];
  /** Number of users (rows of the list table). */
  users: number;
  /** Each segment's results. */
  segments: Record<Segment, SegmentMetrics>;
}

/** Inputs of {@linkcode evaluateArm}. */
export interface EvaluateInput {
  /** `lists[j*k + p]`, -1 for an empty slot; row `j` = the arm's `j`-th user. */
  lists: Int32Array;
  /** Row length of `lists`. */
  k: number;
  /** Cut-offs to evaluate, each at most `k`. @default [k] */
  ks?: number[];
  /** Item statistics of PROTOCOL §4.1; without them only the §4 metrics are computed. */
  items?: ItemStats;
  /** CSR relevant sets aligned with the list rows. */
  relOffsets: Int32Array;
  /** Relevant items, CSR values (row `j`'s are `relItems[relOffsets[j] .. relOffsets[j+1])`). */
  relItems: Int32Array;
  /** 1 = cold item. */
  cold: Uint8Array;
  /** Items that may be recommended: the denominator of coverage. */
  catalogSize: number;
  /** Base names of the metrics to compute (e.g. `["NDCG", "Coverage"]`). @default every metric */
  metrics?: readonly string[];
}

/** Evaluates an arm on every segment, at every cut-off. */
export function evaluateArm(input: EvaluateInput): ArmEvaluation {
  const { lists, k, relOffsets, relItems, cold, catalogSize, items } = input;
  const wanted = (m: string) => !input.metrics || input.metrics.includes(m);
  const ks = input.ks ?? [k];
  for (const c of ks) {
    if (!(Number.isInteger(c) && c >= 1 && c <= k)) {
      throw new RangeError(`ks: each cut-off must be an integer in [1, ${k}], got ${c}`);
    }
  }
  const nItems = cold.length;
  const keepers: Record<Segment, ((i: number) => boolean) | undefined> = {
    overall: undefined,
    warm: (i) => cold[i] === 0,
    cold: (i) => cold[i] === 1,
  };
  const prefixes = new Map(ks.map((c) => [c, c === k ? lists : truncateLists(lists, k, c)]));
  const segments = {} as Record<Segment, SegmentMetrics>;
  const listOnly = new Map<string, Float64Array | null>(); // `${metric}@${c}` → values of every row
  for (const segment of SEGMENTS) {
    const prefix = segmentPrefix(segment);
    const perUser: Record<string, Float64Array> = {};
    const mean: Record<string, number> = {};
    let rows = new Int32Array(0);
    for (const c of ks) {
      const top = prefixes.get(c)!;
      const t = hitTable(top, c, relOffsets, relItems, keepers[segment], nItems);
      let inSegment = 0;
      for (let j = 0; j < t.n; j++) if (t.nRel[j] > 0) inSegment++;
      rows = new Int32Array(inSegment);
      for (let j = 0, q = 0; j < t.n; j++) if (t.nRel[j] > 0) rows[q++] = j;
      for (const m of RANKING_METRICS) {
        if ((!items && !ACCURACY.has(m)) || !wanted(m)) continue;
        const key = `${m}@${c}`;
        let values = listOnly.get(key);
        if (values === undefined) {
          values = RANKING_FUNCTIONS[m](t, items!);
          if (LIST_ONLY.has(m)) listOnly.set(key, values);
        }
        if (!values) continue;
        const v = new Float64Array(rows.length);
        for (let q = 0; q < rows.length; q++) v[q] = values[rows[q]];
        perUser[`${prefix}${m}@${c}`] = v;
        mean[`${prefix}${m}@${c}`] = meanOf(v);
      }
    }
    for (const c of ks) {
      const top = prefixes.get(c)!;
      if (wanted("Coverage")) mean[`${prefix}Coverage@${c}`] = coverage(top, c, catalogSize, rows);
      if (!items || !(wanted("Gini") || wanted("Entropy"))) continue;
      const conc = concentration(recommendationCounts(top, c, nItems, rows), catalogSize);
      if (wanted("Gini")) mean[`${prefix}Gini@${c}`] = conc.gini;
      if (wanted("Entropy")) mean[`${prefix}Entropy@${c}`] = conc.entropy;
    }
    segments[segment] = { segment, rows, perUser, mean };
  }
  return { k, ks, users: relOffsets.length - 1, segments };
}

/**
 * The first `c` slots of each row of `lists` (rows of length `k`).
 *
 * @example
 * ```ts
 * import { truncateLists } from "./evaluate.ts";
 * if (truncateLists(Int32Array.of(1, 2, 3, 4, 5, 6), 3, 2).join() !== "1,2,4,5") throw new Error();
 * ```
 */
export function truncateLists(lists: Int32Array, k: number, c: number): Int32Array {
  if (c === k) return lists;
  const n = lists.length / k;
  const out = new Int32Array(n * c);
  for (let j = 0; j < n; j++) out.set(lists.subarray(j * k, j * k + c), j * c);
  return out;
}

/**
 * Arithmetic mean of the defined values (summed in order, so deterministic):
 * `NaN` entries (users a metric has no value for) are left out; NaN when no
 * value is defined.
 *
 * @example
 * ```ts
 * import { meanOf } from "./evaluate.ts";
 * if (meanOf(new Float64Array([1, 2, 6])) !== 3) throw new Error();
 * if (meanOf(Float64Array.of(1, NaN, 3)) !== 2 || !Number.isNaN(meanOf(Float64Array.of(NaN)))) throw new Error();
 * ```
 */
export function meanOf(v: Float64Array): number {
  let s = 0, n = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) continue;
    s += v[i];
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/**
 * Users with a value: the number of entries of `v` that are not NaN.
 *
 * @example
 * ```ts
 * import { definedCount } from "./evaluate.ts";
 * if (definedCount(Float64Array.of(0, NaN, 1)) !== 2) throw new Error();
 * ```
 */
export function definedCount(v: Float64Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) n++;
  return n;
}
