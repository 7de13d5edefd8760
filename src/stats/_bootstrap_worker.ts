/**
 * Web Worker of {@linkcode runBootstrapJobs}: runs one bootstrap job (means or union size).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { runWorkerJob } from "./bootstrap_parallel.ts";

self.onmessage = (e: MessageEvent) => {
  try {
    self.postMessage(runWorkerJob(e.data));
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
