/**
 * Assembles the {@linkcode ReportInput} of a run: everything the HTML report
 * shows, computed here so that the report only renders.
 *
 * @module
 */
import type {
  ReportGate,
  ReportInput,
  ReportItem,
  ReportMetricRow,
  ReportOc,
  ReportPower,
  ReportServing,
} from "../report/mod.ts";
import { mainCutoff, type Scenario } from "../scenario/mod.ts";
import type { Verdict } from "../gate/mod.ts";
import { PROTOCOL_VERSION, VERSION } from "../version.ts";
import type { ArmResult, RunResult } from "./run.ts";
import type { OcResult } from "./oc.ts";
import { runtimeVersions, scenarioHash } from "./outputs/mod.ts";

const BUCKETS: [string, number][] = [["top 1%", 0.01], ["1–5%", 0.05], ["5–20%", 0.2], [
  "20–50%",
  0.5,
], ["50–100%", 1]];

/**
 * Share of recommended slots per popularity bucket (items ranked by train
 * users, most popular first; items with no train user form the last bucket).
 */
export function longTail(result: RunResult): ReportInput["longTail"] {
  const { holdout } = result;
  const order = Array.from({ length: holdout.nItems }, (_, i) => i)
    .filter((i) => holdout.trainCount[i] > 0)
    .sort((a, b) => holdout.trainCount[b] - holdout.trainCount[a] || a - b);
  const bucketOf = new Int8Array(holdout.nItems).fill(BUCKETS.length);
  order.forEach((
    i,
    rank,
  ) => (bucketOf[i] = BUCKETS.findIndex(([, q]) => rank < Math.ceil(q * order.length))));
  const shares = (arm: "control" | "test") => {
    const counts = new Array(BUCKETS.length + 1).fill(0);
    let total = 0;
    for (const i of result.arms[arm].served.lists) {
      if (i < 0) continue;
      counts[bucketOf[i]]++;
      total++;
    }
    return counts.map((c) => (total ? c / total : 0));
  };
  const name = `Coverage@${mainCutoff(result.scenario.eval.k)}`;
  const mean = (arm: "control" | "test") => result.arms[arm].evaluation.segments.overall.mean;
  return {
    buckets: [...BUCKETS.map(([b]) => b), "no train users"],
    control: shares("control"),
    test: shares("test"),
    ...(name in mean("control")
      ? { coverage: { control: mean("control")[name], test: mean("test")[name] } }
      : {}),
  };
}

/** Example users: spread over history length, each arm's list with explanations, hits marked. */
export async function examples(result: RunResult, count: number): Promise<ReportInput["examples"]> {
  const { holdout, dataset, train } = result;
  const n = holdout.evalUsers.length;
  if (count <= 0 || n === 0) return [];
  // users by history length descending, ties by position: one numeric sort of
  // (longest − length) · n + j (exact below 2^53), ~10× a comparator sort of 10⁵ users
  const length = (j: number) =>
    holdout.trainOffsets[holdout.evalUsers[j] + 1] - holdout.trainOffsets[holdout.evalUsers[j]];
  let longest = 0;
  for (let j = 0; j < n; j++) longest = Math.max(longest, length(j));
  const keys = new Float64Array(n);
  for (let j = 0; j < n; j++) keys[j] = (longest - length(j)) * n + j;
  keys.sort();
  const byHistory = (q: number) => keys[q] % n;
  const picks = [
    ...new Set(
      Array.from(
        { length: Math.min(count, n) },
        (_, q) => byHistory(Math.floor(((q + 0.5) * n) / Math.min(count, n))),
      ),
    ),
  ];
  const title = (i: number) => dataset.items?.title[i] ?? "";
  const k = mainCutoff(result.scenario.eval.k);
  return await Promise.all(picks.map(async (j) => {
    const u = holdout.evalUsers[j];
    const rel = new Set(
      holdout.relItems.subarray(holdout.relOffsets[j], holdout.relOffsets[j + 1]),
    );
    const history: ReportItem[] = [];
    for (
      let r = holdout.trainOffsets[u + 1] - 1;
      r >= holdout.trainOffsets[u] && history.length < 10;
      r--
    ) {
      const i = train.train.item[r];
      history.push({ itemId: dataset.itemIds[i], title: title(i) });
    }
    const listOf = async (arm: "control" | "test"): Promise<ReportItem[]> => {
      const items = await exampleList(result.arms[arm], j, u, k);
      const why = result.arms[arm].recommender.explain?.(u, items) ?? [];
      return Array.from(
        items,
        (i, p) => ({
          itemId: dataset.itemIds[i],
          title: title(i),
          explanation: why[p],
          hit: rel.has(i),
        }),
      );
    };
    return {
      userId: dataset.userIds[u],
      history,
      control: await listOf("control"),
      test: await listOf("test"),
    };
  }));
}

/**
 * The list arm `a` gave eval user `u` (eval position `j`): the replayed list
 * when the arm served `u` (empty when its request failed), else (the other
 * arm's user in A/B mode) asked of the model now. A remote arm is never asked
 * again: a user it did not serve shows an empty list.
 */
async function exampleList(a: ArmResult, j: number, u: number, k: number): Promise<Int32Array> {
  const row = binarySearch(a.rows, j);
  if (row >= 0) {
    const list = a.served.failed[row]
      ? new Int32Array(0)
      : a.served.lists.subarray(row * k, row * k + k);
    return list.filter((i) => i >= 0);
  }
  if (a.recommender.requestSize !== undefined) return new Int32Array(0);
  return (await a.recommender.recommend(Int32Array.of(u), k)).items.filter((i) => i >= 0);
}

/** Position of `x` in ascending `xs`, or -1. */
function binarySearch(xs: Int32Array, x: number): number {
  let lo = 0, hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] === x) return mid;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The verdict's stated OC curve as the report shows it, with what
 * `abreplay oc` measured when it ran (`measured`: null otherwise).
 */
export function reportOc(
  verdict: Verdict | null,
  measured: OcResult | null = null,
): ReportOc | null {
  const oc = verdict?.oc;
  if (!oc) return null;
  return {
    metric: oc.metric,
    kind: oc.kind,
    threshold: oc.threshold,
    alternative: oc.alternative,
    power: oc.power,
    statement: oc.statement,
    stated: oc.points,
    measured: measured
      ? measured.effects?.points.map((p) => ({
        lift: p.lift,
        reps: p.reps,
        admit: { rate: p.admit.rate, ci: p.admit.ci },
        reject: { rate: p.reject.rate, ci: p.reject.ci },
      })) ?? null
      : null,
    aa: measured?.aa
      ? { salts: measured.aa.salts, admit: measured.aa.admit, reject: measured.aa.reject }
      : null,
  };
}

/** How each arm served: users, failures, and latency percentiles per request (`comparison.health`). */
export function serving(result: RunResult): Record<"control" | "test", ReportServing> {
  const of = (name: "control" | "test"): ReportServing => {
    const h = result.comparison.health[name];
    const rec = result.arms[name].recommender;
    return {
      users: result.arms[name].served.users.length,
      failedUsers: h.failed,
      errorRate: h.errorRate,
      latencyP50Ms: h.latencyP50Ms,
      latencyP95Ms: h.latencyP95Ms,
      latencyP99Ms: h.latencyP99Ms,
      requests: h.requests,
      usersPerRequest: rec.requestSize ?? 1,
      remote: rec.requestSize !== undefined,
    };
  };
  return { control: of("control"), test: of("test") };
}

/** The gate's rules as the report explains them (thresholds on the relative lift). */
export function reportGate(gate: Scenario["gate"]): ReportGate {
  const p = gate.primary;
  const ni = p.nonInferiorityMargin !== undefined;
  return {
    primary: {
      metric: p.metric,
      kind: ni ? "non-inferiority" : "superiority",
      threshold: ni ? -p.nonInferiorityMargin! : p.minLift ?? 0,
    },
    guardrails: gate.guardrails.map((g) => ({ metric: g.metric, threshold: -g.maxDegradation })),
    latencyP95Ms: gate.latencyP95Ms,
    maxErrorRate: gate.maxErrorRate,
  };
}

/**
 * The power analysis with its MDE curve extended by doublings up to twice the
 * users needed, so the chart reaches the target: the curve's own law
 * `MDE(m) = M·sd/(√m·|mean|)`, i.e. `MDE(m) = MDE(m₀)·√(m₀/m)` from its last
 * point (m₀, MDE(m₀)).
 *
 * @example
 * ```ts
 * import { extendPowerCurve } from "./report_input.ts";
 * const p = { metric: "NDCG@10", alpha: 0.05, power: 0.8, n: 100, mdeAbs: 0.02, mdeRel: 0.2,
 *   targetMde: 0.05, usersNeeded: 1600, curve: [{ n: 100, mdeRel: 0.2 }, { n: 200, mdeRel: 0.2 / Math.SQRT2 }] };
 * const c = extendPowerCurve(p)!.curve;
 * if (c.at(-1)!.n !== 3200 || Math.abs(c.find((x) => x.n === 1600)!.mdeRel - 0.05) > 1e-12) throw new Error(JSON.stringify(c));
 * ```
 */
export function extendPowerCurve<P extends ReportPower>(p: P | null): P | null {
  if (!p || p.curve.length === 0) return p;
  const curve = [...p.curve];
  const last = curve[curve.length - 1];
  for (let m = last.n * 2; m <= 2 * p.usersNeeded; m *= 2) {
    curve.push({ n: m, mdeRel: last.mdeRel * Math.sqrt(last.n / m) });
  }
  return { ...p, curve };
}

/**
 * The full report input of a run (verdict may be null when no gate ran; `oc`
 * is what `abreplay oc` measured, when it ran).
 */
export async function reportInput(
  result: RunResult,
  verdict: Verdict | null,
  oc: OcResult | null = null,
): Promise<ReportInput> {
  const { holdout, dataset, scenario, comparison } = result;
  let coldItems = 0, coldRel = 0;
  for (let i = 0; i < holdout.nItems; i++) coldItems += holdout.cold[i] & holdout.catalog[i];
  for (const i of holdout.relItems) coldRel += holdout.cold[i];
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  const metrics: ReportMetricRow[] = comparison.metrics.map((c) => ({
    ...c,
    control: fin(c.control),
    test: fin(c.test),
    delta: fin(c.delta),
    lift: fin(c.lift),
  }));
  const arm = (name: "control" | "test") => ({
    label: scenario[name].label ?? scenario[name].type,
    type: scenario[name].type,
    params: (result.arms[name].recommender.params as Record<string, unknown> | undefined) ??
      scenario[name].params,
  });
  const b = comparison.bootstrap;
  return {
    name: scenario.name,
    description: scenario.description,
    generatedAt: new Date().toISOString(),
    verdict: verdict ? { decision: verdict.decision, reasons: verdict.reasons } : null,
    data: {
      source: dataset.report.source.split("/").pop() ?? dataset.report.source,
      fingerprint: dataset.fingerprint,
      report: { ...dataset.report },
      splitInstant: new Date(holdout.T * 1000).toISOString(),
      users: holdout.nUsers,
      items: holdout.nItems,
      catalogSize: holdout.catalogSize,
      coldItems,
      coldShare: holdout.relItems.length ? coldRel / holdout.relItems.length : 0,
      evalUsers: holdout.evalUsers.length,
      trainRows: holdout.train.user.length,
      testRows: holdout.test.user.length,
    },
    mode: scenario.mode.type === "ab" ? { ...scenario.mode } : { type: "paired" },
    k: mainCutoff(scenario.eval.k),
    arms: { control: arm("control"), test: arm("test") },
    metrics,
    stats: {
      alpha: scenario.stats.alpha,
      confidence: comparison.confidence,
      resamples: comparison.resamples,
    },
    gate: reportGate(scenario.gate),
    serving: serving(result),
    bootstrap: b
      ? { metric: b.metric, replicates: Array.from(b.replicates), observed: b.observed }
      : null,
    srm: comparison.srm
      ? {
        expected: comparison.srm.expected as [number, number],
        observed: comparison.srm.observed as [number, number],
        chi2: comparison.srm.chi2,
        p: comparison.srm.p,
        flagged: comparison.srm.flagged,
        alpha: scenario.stats.srmAlpha,
      }
      : null,
    power: extendPowerCurve(comparison.power),
    oc: reportOc(verdict, oc),
    ...(result.clicks ? { clicks: result.clicks } : {}),
    ...(result.sequential ? { sequential: result.sequential } : {}),
    longTail: longTail(result),
    examples: await examples(result, scenario.eval.exampleUsers),
    footer: {
      scenarioHash: scenarioHash(result),
      dataFingerprint: dataset.fingerprint,
      versions: { abreplay: VERSION, protocol: PROTOCOL_VERSION, ...runtimeVersions() },
      seeds: { scenario: scenario.seed, bootstrap: scenario.stats.seed, salt: scenario.mode.salt },
      timingsMs: result.timings,
    },
  };
}
