/**
 * The bench's open-loop generator measures latency from each request's due
 * time: against a server that needs 20 ms per request on one connection,
 * requests due every 10 ms queue up, and the measured latency grows by about
 * 10 ms per request (a closed-loop tool would report 20 ms throughout).
 */
import { assert, assertEquals } from "../_assert.ts";
import { openLoop, wireRequest } from "../../bench/_open_loop.ts";

Deno.test("open loop: queueing behind a slow server counts as latency", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async () => {
    await new Promise((r) => setTimeout(r, 20));
    return new Response("ok");
  });
  try {
    const req = wireRequest("GET", "/", {});
    const r = await openLoop({
      hostname: "127.0.0.1",
      port: server.addr.port,
      rate: 100,
      total: 50,
      request: () => req,
      connections: 1,
    });
    assertEquals([r.ok, r.errors], [50, 0]);
    // request n leaves at ≈ 20n ms, is answered at ≈ 20(n+1), was due at 10n: latency ≈ 10n + 20
    const last = r.latencies[49], median = r.latencies[24];
    assert(last >= 480 && last < 5000, `last latency ${last} ms`);
    assert(median >= 230, `median latency ${median} ms`);
    assert(r.achieved <= 52, `achieved ${r.achieved} rps with one 20 ms connection`);
    assert(r.lags[49] < 300, `the generator itself was ${r.lags[49]} ms late`);
  } finally {
    await server.shutdown();
  }
});
