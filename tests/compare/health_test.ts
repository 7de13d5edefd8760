// Latency percentiles of an arm's health are rounded to the microsecond once, at the source: the
// value serving.json shows and the one the gate's reason quotes are the same number. (Rounded
// twice — to µs for serving.json, then raw to 0.1 ms for the reason — 307.65004 ms read 307.65
// in serving.json but "307.7 ms" in the verdict, whose reason then disagreed with the file.)
import { assertEquals } from "../_assert.ts";
import { armHealth } from "../../src/compare/health.ts";

Deno.test("armHealth: nearest-rank latency percentiles in ms, rounded to the µs", () => {
  // 20 requests: 19 at 1.00049 ms, one at 307.65004 ms (p95 is the 19th value, p99 the 20th)
  const requestMs = Float64Array.from({ length: 20 }, (_, i) => i === 19 ? 307.65004 : 1.00049);
  const h = armHealth(
    { servedUsers: 20, failedUsers: 0, requestMs, requests: new Int32Array(20).fill(1) } as never,
  );
  assertEquals([h.latencyP50Ms, h.latencyP95Ms, h.latencyP99Ms], [1, 1, 307.65]);
  // what serving.json holds and what the reason quotes (`toFixed(1)` of the same value) agree
  assertEquals(h.latencyP99Ms.toFixed(1), "307.6");
});
