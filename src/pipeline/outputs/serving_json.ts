/**
 * `serving.json`: how each arm served in this run, measured the same way for
 * every arm by the one replay path — latency p50/p95/p99 per request, error
 * rate, served share, and a remote arm's counts (retries, timeouts, errors by
 * kind). Timings vary between runs, so they live here and not in the
 * byte-identical `metrics.json` / `verdict.json`. The gate's latency and error
 * rules read the same values (`comparison.health`).
 *
 * @module
 */
import { ARMS, type RunResult } from "../run.ts";
import { jsonText, type OutputFormat } from "./types.ts";
import { armEntries } from "./_candidates.ts";

const ms = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The serving document of a run. `servedShare` is the arm's share of the
 * users both arms served (the split the SRM test checks), `expectedShare` its
 * share of the weights the SRM test expects (null when paired).
 */
export function servingDocument(result: RunResult): Record<string, unknown> {
  const { health } = result.comparison;
  const servedBoth = health.control.served + health.test.served;
  const weights = result.comparison.srm?.weights ?? null;
  const wSum = weights ? weights[0] + weights[1] : 1;
  const arms: Record<string, unknown> = {};
  ARMS.forEach((name, a) => {
    const h = health[name];
    const rec = result.arms[name].recommender;
    arms[name] = {
      type: rec.type,
      remote: rec.requestSize !== undefined,
      usersPerRequest: rec.requestSize ?? 1,
      concurrency: rec.concurrency ?? 1,
      assigned: result.arms[name].served.users.length,
      served: h.served,
      failed: h.failed,
      errorRate: h.errorRate,
      servedShare: servedBoth ? h.served / servedBoth : null,
      expectedShare: weights ? weights[a] / wSum : null,
      requests: h.requests,
      latencyMs: { p50: h.latencyP50Ms, p95: h.latencyP95Ms, p99: h.latencyP99Ms }, // µs already
      wallMs: ms(result.arms[name].served.ms),
      ...(rec.servingCounts ? { counts: rec.servingCounts() } : {}),
    };
  });
  return {
    note: "Measured in this run (varies between runs; not part of metrics.json / verdict.json). " +
      "Latency is per request: a remote arm's call, or one user of an in-process batch " +
      "(the batch's time / its users).",
    mode: result.comparison.mode,
    limits: {
      latencyP95Ms: result.scenario.gate.latencyP95Ms,
      maxErrorRate: result.scenario.gate.maxErrorRate,
    },
    arms,
  };
}

/** The format, as registered. */
export const servingJson: OutputFormat = {
  name: "serving.json",
  doc: "Serving per arm, measured: latency p50/p95/p99 per request, error rate, served share.",
  write: (ctx, path) => {
    const doc = servingDocument(ctx.result);
    const all = ctx.candidates;
    if (all) {
      doc.arms = armEntries(all, (c) => servingDocument(c.result).arms as Record<string, unknown>);
    }
    return Deno.writeTextFile(path, jsonText(doc));
  },
};
