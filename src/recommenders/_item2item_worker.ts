/**
 * Web Worker of {@linkcode itemNeighboursParallel}: runs the neighbour row
 * kernel on one item range over shared inputs and posts the rows back.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { neighbourRange } from "./_item2item_sim.ts";

self.onmessage = (e: MessageEvent) => {
  try {
    const { input, opts, from, to } = e.data;
    const r = neighbourRange(input, opts, from, to);
    self.postMessage(r, [r.offsets.buffer, r.index.buffer, r.value.buffer] as ArrayBuffer[]);
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
