/**
 * `metrics.json`: the deterministic record of a run (same scenario + data ⇒
 * same bytes): the data and split, each arm's segments and metrics, and the
 * comparison's rows, SRM, power and error rates.
 *
 * @module
 */
import { definedCount, SEGMENTS } from "../../metrics/mod.ts";
import { PROTOCOL_VERSION } from "../../version.ts";
import { ARMS, type RunResult } from "../run.ts";
import { scenarioHash } from "./portable.ts";
import { jsonText, type OutputFormat } from "./types.ts";
import { candidatesMetrics } from "./_candidates.ts";

const r = (x: number) => (Number.isFinite(x) ? x : null);

/** The deterministic metrics document. */
export function metricsDocument(result: RunResult): Record<string, unknown> {
  const { holdout, dataset, scenario } = result;
  let coldItems = 0;
  for (let i = 0; i < holdout.nItems; i++) coldItems += holdout.cold[i] & holdout.catalog[i];
  const arms: Record<string, unknown> = {};
  for (const name of ARMS) {
    const a = result.arms[name];
    const segments: Record<string, unknown> = {};
    for (const seg of SEGMENTS) {
      const s = a.evaluation.segments[seg];
      const usersWithValue = Object.entries(s.perUser)
        .map(([m, v]) => [m, definedCount(v)] as const)
        .filter(([, n]) => n < s.rows.length);
      segments[seg] = {
        users: s.rows.length,
        metrics: Object.fromEntries(Object.entries(s.mean).map(([k, v]) => [k, r(v)])),
        // metrics that leave some users out (PROTOCOL §4.1): the users they cover
        usersWithValue: Object.fromEntries(usersWithValue),
      };
    }
    arms[name] = {
      type: a.recommender.type,
      params: a.recommender.params ?? a.spec.params,
      label: a.spec.label ?? a.recommender.type,
      assigned: result.assigned[name],
      served: a.served.users.length - a.served.failedUsers,
      failedUsers: a.served.failedUsers,
      violations: a.served.violations,
      segments,
    };
  }
  return {
    protocol: PROTOCOL_VERSION,
    name: scenario.name,
    scenarioHash: scenarioHash(result),
    data: {
      fingerprint: dataset.fingerprint,
      report: { ...dataset.report, source: dataset.report.source.split("/").pop() },
    },
    split: {
      T: new Date(holdout.T * 1000).toISOString(),
      trainRows: holdout.train.user.length,
      testRows: holdout.test.user.length,
      kCoreDropped: holdout.kCoreDropped,
      users: holdout.nUsers,
      items: holdout.nItems,
      catalogSize: holdout.catalogSize,
      coldCatalogItems: coldItems,
      coldThreshold: holdout.coldThreshold,
      relevance: holdout.relevance,
      evalUsers: holdout.evalUsers.length,
    },
    mode: scenario.mode.type === "ab" ? scenario.mode : { type: "paired" },
    k: scenario.eval.k,
    beyondAccuracy: beyondAccuracy(result),
    excludedUsers: result.excluded,
    arms,
    comparison: {
      primary: result.comparison.primary,
      metrics: result.comparison.metrics.map((m) => ({
        ...m,
        control: r(m.control),
        test: r(m.test),
        delta: r(m.delta),
        lift: r(m.lift),
      })),
      srm: result.comparison.srm,
      power: result.comparison.power,
      errorRate: {
        control: result.comparison.health.control.errorRate,
        test: result.comparison.health.test.errorRate,
      },
    },
    // only in runs with a `clicks` section, so other documents keep their bytes
    ...(result.clicks ? { clicks: result.clicks } : {}),
    ...(result.sequential ? { sequential: result.sequential } : {}),
  };
}

/** What the PROTOCOL §4.1 metrics of the run were measured against. */
function beyondAccuracy(result: RunResult): Record<string, unknown> {
  const s = result.itemStats;
  let head = 0, trainRows = 0, headRows = 0;
  for (let i = 0; i < s.pop.length; i++) {
    trainRows += s.pop[i];
    if (s.head[i]) {
      head++;
      headRows += s.pop[i];
    }
  }
  return {
    ipsGamma: s.ipsGamma,
    trainUsers: s.trainUsers,
    headItems: head,
    headInteractionShare: trainRows ? headRows / trainRows : null,
    contentVectors: s.content !== null,
    authors: s.authors !== null,
  };
}

/** The format, as registered. */
export const metricsJson: OutputFormat = {
  name: "metrics.json",
  doc: "The deterministic metrics document: data, split, arms' metrics, the comparison.",
  write: (ctx, path) => {
    const doc = ctx.candidates
      ? candidatesMetrics({ ...ctx, candidates: ctx.candidates }, (c) => metricsDocument(c.result))
      : metricsDocument(ctx.result);
    return Deno.writeTextFile(path, jsonText(doc));
  },
};
