/**
 * Serving a saved model directory (`abreplay serve`): its identity, its train
 * data (snapshot, or the scenario the first time), the service with its
 * fallback, the server with the model loading behind it, and shutdown on
 * SIGTERM / SIGINT.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { loadModel } from "../recommenders/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { type Progress, silentProgress } from "../pipeline/mod.ts";
import { type ModelInfo, readModelInfo, servingData } from "./model_dir.ts";
import { RecommendationService, type ServiceFallback } from "./service.ts";
import { type ListenOptions, type RunningServer, startServer } from "./server.ts";

/** Options of {@linkcode serveModel}. */
export interface ServeModelOptions extends ListenOptions {
  /** A folder saved by `abreplay fit`. */
  modelDir: string;
  /** The scenario the model was fitted with; needed once, to save the serving data. */
  scenario?: Scenario | null;
  /** Order for unknown users and an unavailable model. @default "popular" */
  fallback?: ServiceFallback;
  /** Where loading reports progress. @default silentProgress */
  progress?: Progress;
}

/** Starts serving the model in `options.modelDir`; resolves once listening. */
export async function serveModel(
  options: ServeModelOptions,
): Promise<RunningServer & { info: ModelInfo }> {
  const modelDir = resolve(options.modelDir);
  const progress = options.progress ?? silentProgress;
  const info = await readModelInfo(modelDir);
  const data = await servingData(modelDir, info, options.scenario ?? null, progress);
  const service = new RecommendationService(data, options.fallback);
  const baseDir = options.scenario ? dirname(options.scenario.file) : modelDir;
  const server = await startServer({
    ...options,
    service,
    modelVersion: info.version,
    loadModel: () => loadModel(modelDir, data, { seed: 0, baseDir }),
  });
  return { ...server, info };
}

/**
 * Waits for SIGTERM or SIGINT, then shuts `server` down gracefully; resolves
 * what {@linkcode RunningServer.shutdown} resolves.
 */
export async function shutdownOnSignal(server: RunningServer): Promise<boolean> {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGTERM", "SIGINT"];
  let onSignal = () => {};
  const got = new Promise<void>((r) => (onSignal = r));
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  try {
    await got;
    return await server.shutdown();
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
  }
}
