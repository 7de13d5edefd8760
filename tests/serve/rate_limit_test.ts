/**
 * Token buckets: a client sending faster than the rate gets `burst + rate·T`
 * requests through in T seconds; the wait returned with a refusal is exactly
 * when the next request passes; clients are independent; memory is bounded.
 */
import { assertEquals, assertThrows } from "../_assert.ts";
import { RateLimiter } from "../../src/serve/mod.ts";

Deno.test("over T seconds a flooding client gets burst + rate·T requests", () => {
  let t = 0;
  const rl = new RateLimiter({ rate: 4, burst: 10, now: () => t });
  // 160 requests, one every 62.5 ms (0.25 tokens each) over 9.9375 s:
  // 10 + 0.25·159 = 49.75 tokens in all → 49 pass (binary fractions: exact)
  let passed = 0;
  for (let n = 0; n < 160; n++) {
    t = n * 62.5;
    if (rl.take("a") === 0) passed++;
  }
  assertEquals(passed, 49);
});

Deno.test("the wait of a refusal is when the next request passes", () => {
  let t = 1000;
  const rl = new RateLimiter({ rate: 3, burst: 1, now: () => t });
  assertEquals(rl.take("a"), 0);
  t += 100; // 0.3 tokens back: 0.7 missing at 3/s
  const wait = rl.take("a");
  assertEquals(Math.round(wait * 1e9), Math.round((0.7 / 3) * 1e9));
  t += wait * 1000 - 1e-6;
  assertEquals(rl.take("a") > 0, true, "a hair early: still refused");
  t += 2e-6;
  assertEquals(rl.take("a"), 0);
  assertEquals(rl.take("b"), 0, "another client is independent");
});

Deno.test("idle clients are forgotten past maxClients; bad options throw", () => {
  let t = 0;
  const rl = new RateLimiter({ rate: 1, burst: 2, maxClients: 100, now: () => t });
  for (let c = 0; c < 1000; c++) {
    t += 10;
    rl.take(`c${c}`);
  }
  assertEquals(rl.clients <= 100, true, `${rl.clients} clients tracked`);
  assertThrows(() => new RateLimiter({ rate: 0 }), RangeError);
  assertThrows(() => new RateLimiter({ rate: 1, burst: 0.5 }), RangeError);
});
