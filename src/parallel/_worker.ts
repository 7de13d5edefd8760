/**
 * The one Web Worker of {@linkcode WorkerPool}: runs a task (an exported
 * function of a module, imported once per worker) and posts its result back,
 * transferring the result's own buffers. Messages run one after the other,
 * so module state a task leaves (e.g. a loaded model) is there for the next.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { transferables } from "./transfer.ts";

let chain: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent) => {
  chain = chain.then(() => handle(e.data));
};

async function handle(m: { id: number; module: string; fn: string; args: unknown[] }) {
  try {
    const mod = await import(m.module);
    const f = mod[m.fn];
    if (typeof f !== "function") throw new Error(`${m.module} exports no function ${m.fn}`);
    const out = await f(...m.args);
    self.postMessage({ id: m.id, out }, transferables(out));
  } catch (err) {
    const e = err as Error;
    self.postMessage({ id: m.id, error: e?.stack ?? String(err) });
  }
}
