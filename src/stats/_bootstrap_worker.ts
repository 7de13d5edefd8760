/**
 * Web Worker of {@linkcode runBootstrapJobs}: runs one bootstrap job.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { runBootstrapJob } from "./bootstrap_parallel.ts";

self.onmessage = (e: MessageEvent) => {
  try {
    self.postMessage(runBootstrapJob(e.data));
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
