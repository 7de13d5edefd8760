/**
 * The `http` arm against small stand-in services (Deno.serve on a free
 * loopback port): the GET and batch endpoints, id mapping both ways,
 * retries with backoff on 5xx / 429 / malformed bodies / timeouts / refused
 * connections, no retry on other 4xx, the counts it keeps, and the params'
 * checks at scenario load.
 */
import { assert, assertEquals } from "../_assert.ts";
import {
  createRecommender,
  HttpRecommender,
  paramProblems,
  type TrainData,
} from "../../src/recommenders/mod.ts";
import { httpFactory } from "../../src/recommenders/http.ts";

const data = {
  nUsers: 3,
  nItems: 3,
  userIds: ["u 1", "u/2", "u3"],
  itemIds: ["a", "b", "c"],
} as unknown as TrainData;

/** A stand-in service for the test's duration; `handler` sees each request. */
async function withServer(
  handler: (req: Request, n: number) => Response | Promise<Response>,
  fn: (url: string) => Promise<void>,
): Promise<void> {
  let n = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => handler(req, n++),
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}/`);
  } finally {
    await server.shutdown();
  }
}

function arm(url: string, over: Partial<Record<string, number>> = {}): HttpRecommender {
  const rec = createRecommender(
    { type: "http", params: { url, retries: 2, backoffMs: 1, timeoutMs: 500, ...over } },
    { seed: 0, baseDir: "." },
  ) as HttpRecommender;
  rec.fit(data);
  return rec;
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: Error) => e.message);

Deno.test("GET: user_id and limit sent, item ids mapped to the run's, an unknown item out of range", async () => {
  const seen: string[] = [];
  await withServer((req) => {
    const q = new URL(req.url).searchParams;
    seen.push(`${req.method} ${new URL(req.url).pathname} ${q.get("user_id")} ${q.get("limit")}`);
    return Response.json({
      user_id: q.get("user_id"),
      items: [{ item_id: "c", score: 1 }, { item_id: "zz" }, { item_id: "a" }],
    });
  }, async (url) => {
    const rec = arm(url);
    assertEquals(rec.requestSize, 1);
    assertEquals(rec.concurrency, 8);
    const got = await rec.recommend(Int32Array.of(1), 4);
    assertEquals(seen, ["GET /v1/recommendations u/2 4"]);
    // "zz" is not in the run's items: id 3 = nItems, which the replay drops and counts
    assertEquals(Array.from(got.items), [2, 3, 0, -1]);
    // a longer answer than k is cut to k
    assertEquals(Array.from((await rec.recommend(Int32Array.of(0), 2)).items), [2, 3]);
    assertEquals(rec.servingCounts().requests, 2);
    assertEquals(rec.servingCounts().attempts, 2);
  });
});

Deno.test("batchSize > 1: one POST to the batch endpoint per call, results in the users' order", async () => {
  const bodies: unknown[] = [];
  await withServer(async (req) => {
    const body = await req.json();
    bodies.push([new URL(req.url).pathname, body]);
    return Response.json({
      results: body.user_ids.map((u: string, j: number) => ({
        user_id: u,
        items: [{ item_id: ["a", "b", "c"][j] }],
      })),
    });
  }, async (url) => {
    const rec = arm(url, { batchSize: 3 });
    assertEquals(rec.requestSize, 3);
    const got = await rec.recommend(Int32Array.of(2, 0, 1), 2);
    assertEquals(bodies, [["/v1/recommendations/batch", {
      user_ids: ["u3", "u 1", "u/2"],
      limit: 2,
    }]]);
    assertEquals(Array.from(got.items), [0, -1, 1, -1, 2, -1]);
  });
});

Deno.test("5xx, 429 and malformed bodies are retried after backoff·2^n; the last failure throws", async () => {
  const answers = [
    () => new Response("boom", { status: 502 }),
    () => new Response("slow down", { status: 429 }),
    () => new Response("{not json"),
    () => Response.json({ user_id: "someone else", items: [] }),
    () => Response.json({ user_id: "u3", items: "a,b" }),
    () => Response.json({ user_id: "u3", items: [{ id: "a" }] }),
    () => Response.json({ user_id: "u3", items: [{ item_id: "b" }] }),
  ];
  await withServer((_req, n) => answers[n](), async (url) => {
    const rec = arm(url, { retries: 2, backoffMs: 30 });
    const t0 = performance.now();
    const first = await failure(rec.recommend(Int32Array.of(2), 2));
    // 3 attempts, waits of 30 and 60 ms between them
    assert(performance.now() - t0 >= 88, `${performance.now() - t0} ms`);
    assert(first?.includes("malformed answer: not JSON") && first.includes("3 attempt"), first!);
    const second = await failure(rec.recommend(Int32Array.of(2), 2));
    assert(second?.includes("an item without a string item_id"), second!);
    const third = await rec.recommend(Int32Array.of(2), 2);
    assertEquals(Array.from(third.items), [1, -1]);
    assertEquals(rec.servingCounts(), {
      requests: 3,
      attempts: 7,
      retries: 4,
      failedRequests: 2,
      timeouts: 0,
      network: 0,
      serverErrors: 1,
      rateLimited: 1,
      clientErrors: 0,
      malformed: 4,
    });
  });
});

Deno.test("a 4xx other than 429 fails at once: asking again would not help", async () => {
  await withServer(() => new Response("no", { status: 404 }), async (url) => {
    const rec = arm(url, { retries: 3 });
    const e = await failure(rec.recommend(Int32Array.of(0), 2));
    assert(e?.includes("status 404") && e.includes("after 1 attempt"), e!);
    assertEquals(rec.servingCounts().attempts, 1);
    assertEquals(rec.servingCounts().clientErrors, 1);
  });
});

Deno.test("a service that does not answer: each attempt ends at timeoutMs", async () => {
  const release = Promise.withResolvers<void>();
  await withServer(async () => {
    await release.promise;
    return new Response("late");
  }, async (url) => {
    const rec = arm(url, { retries: 1, timeoutMs: 80, backoffMs: 1 });
    const t0 = performance.now();
    const e = await failure(rec.recommend(Int32Array.of(0), 2));
    const ms = performance.now() - t0;
    release.resolve();
    assert(e?.includes("no answer within 80 ms"), e!);
    assert(ms >= 160 && ms < 2000, `${ms} ms`);
    assertEquals(rec.servingCounts().timeouts, 2);
  });
});

Deno.test("a service that is gone: connection refused is a network failure, retried", async () => {
  let url = "";
  await withServer(() => new Response(), (u) => Promise.resolve(void (url = u)));
  const rec = arm(url, { retries: 2 });
  const e = await failure(rec.recommend(Int32Array.of(0), 2));
  assert(e?.includes("cannot reach"), e!);
  assertEquals(rec.servingCounts().network, 3);
});

Deno.test("params: url is required and must be an http(s) address; bounds are checked at load", () => {
  const problems = (p: Record<string, unknown>) =>
    paramProblems(httpFactory.params, p, "test.params", "http").map((x) =>
      `${x.path}: ${x.message}`
    );
  assertEquals(problems({}), [
    'test.params.url: param "url" must be an http:// or https:// address such as "http://127.0.0.1:8080", got null',
  ]);
  assertEquals(problems({ url: "ftp://x" }).length, 1);
  assertEquals(problems({ url: "http://x/?a=1" }).length, 1);
  assertEquals(problems({ url: "http://127.0.0.1:1/api" }), []);
  assertEquals(
    problems({ url: "http://x", concurrency: 0, timeoutMs: 0, retries: -1, batchSize: 1001 })
      .map((p) => p.split(":")[0]),
    [
      "test.params.concurrency",
      "test.params.timeoutMs",
      "test.params.retries",
      "test.params.batchSize",
    ],
  );
});

Deno.test("recommend before fit is a clear error, not a request", async () => {
  const rec = new HttpRecommender({
    url: "http://127.0.0.1:9",
    concurrency: 1,
    timeoutMs: 10,
    retries: 0,
    backoffMs: 0,
    batchSize: 1,
  });
  const e = await failure(rec.recommend(Int32Array.of(0), 1));
  assert(e?.includes("fit(data) must run before recommend"), e!);
  assertEquals(rec.servingCounts().requests, 0);
});
