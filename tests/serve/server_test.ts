/**
 * The server in-process on a hand-made fixture: readiness before and after
 * the model loads (the fallback answers meanwhile), a failed load, a model
 * that throws, per-client rate limiting with Retry-After, and the service's
 * fallback lists checked against a hand count.
 */
import { assertEquals } from "../_assert.ts";
import { tasteFixture } from "../recommenders/_fixture.ts";
import { createRecommender, type Recommender, type TrainData } from "../../src/recommenders/mod.ts";
import { RecommendationService, type RunningServer, startServer } from "../../src/serve/mod.ts";
import { getJson } from "./_serve.ts";

const data = tasteFixture(3, 40);

function fitted(type: string): Recommender {
  const r = createRecommender({ type }, { seed: 1, baseDir: "." });
  r.fit(data);
  return r;
}

/** Popular order by hand: distinct train users per catalog item, desc, ties to the lower index. */
function popularByHand(d: TrainData): number[] {
  const n = new Array(d.nItems).fill(0);
  for (const i of d.train.item) n[i]++;
  return [...n.keys()].filter((i) => d.catalog[i]).sort((a, b) => n[b] - n[a] || a - b);
}

function seenBy(d: TrainData, u: number): Set<number> {
  return new Set(d.train.item.subarray(d.userOffsets[u], d.userOffsets[u + 1]));
}

async function withServer(
  opts: { loadModel: () => Promise<Recommender>; rateLimit?: number; burst?: number },
  fn: (s: RunningServer) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const s = await startServer({
    service: new RecommendationService(data),
    modelVersion: "test@000000000000",
    eventsPath: `${dir}/events.ndjson`,
    rateLimit: opts.rateLimit ?? 0,
    burst: opts.burst,
    loadModel: opts.loadModel,
  });
  try {
    await fn(s);
  } finally {
    await s.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
}

const rec = (s: RunningServer, user: string, limit = 5) =>
  getJson(`${s.url}/v1/recommendations?user_id=${user}&limit=${limit}`);
const ids = (items: { item_id: string }[]) => items.map((x) => x.item_id);

Deno.test("not ready while the model loads: the fallback answers; ready after", async () => {
  let resolve!: (r: Recommender) => void;
  const model = fitted("item2item");
  await withServer({ loadModel: () => new Promise((r) => (resolve = r)) }, async (s) => {
    const before = await getJson(`${s.url}/ready`);
    assertEquals([before.status, before.body.status], [503, "loading"]);
    assertEquals((await getJson(`${s.url}/health`)).status, 200);
    // user 0 while loading: the popular order by hand, without user 0's books
    const seen = seenBy(data, 0);
    const expected = popularByHand(data).filter((i) => !seen.has(i)).slice(0, 5).map((i) =>
      `i${i}`
    );
    const r0 = await rec(s, "u0");
    assertEquals([r0.status, r0.body.fallback, ids(r0.body.items)], [200, true, expected]);
    assertEquals(r0.headers.get("x-model-version"), "test@000000000000");
    resolve(model);
    await s.loaded;
    assertEquals((await getJson(`${s.url}/ready`)).status, 200);
    const r1 = await rec(s, "u0");
    const want = Array.from((await model.recommend(Int32Array.of(0), 5)).items).filter((i) =>
      i >= 0
    );
    assertEquals([r1.body.fallback, ids(r1.body.items)], [false, want.map((i) => `i${i}`)]);
    assertEquals(r1.body.items.map((x: { rank: number }) => x.rank), [1, 2, 3, 4, 5]);
    assertEquals(r1.body.items[1].score, 1 / 2);
    assertEquals(r1.body.items[0].title, data.items!.title[want[0]]);
    assertEquals(r1.body.items[0].explanation, model.explain!(0, Int32Array.of(want[0]))[0]);
    // an unknown user: the top of the popular order, nothing excluded
    const unknown = await rec(s, "nobody");
    assertEquals(
      [unknown.body.fallback, ids(unknown.body.items)],
      [true, popularByHand(data).slice(0, 5).map((i) => `i${i}`)],
    );
  });
});

Deno.test("a model that fails to load: /ready says failed, the fallback keeps answering", async () => {
  const log = console.error;
  console.error = () => {};
  try {
    await withServer(
      { loadModel: () => Promise.reject(new Error("array file x.bin is missing")) },
      async (s) => {
        await s.loaded;
        const r = await getJson(`${s.url}/ready`);
        assertEquals([r.status, r.body.status, r.body.error], [
          503,
          "failed",
          "array file x.bin is missing",
        ]);
        assertEquals((await rec(s, "u1")).body.fallback, true);
      },
    );
  } finally {
    console.error = log;
  }
});

Deno.test("a model that throws on a request: that request gets the fallback, counted", async () => {
  const broken = fitted("popular");
  broken.recommend = () => {
    throw new Error("boom");
  };
  const log = console.error;
  console.error = () => {};
  try {
    await withServer({ loadModel: () => Promise.resolve(broken) }, async (s) => {
      await s.loaded;
      const r = await rec(s, "u2");
      assertEquals([r.status, r.body.fallback], [200, true]);
      const h = await getJson(`${s.url}/health`);
      assertEquals(h.body.counts, { model: 0, fallback: 1, modelErrors: 1 });
    });
  } finally {
    console.error = log;
  }
});

Deno.test("rate limit per client: burst passes, then 429 with Retry-After; other clients and probes unaffected", async () => {
  await withServer(
    { loadModel: () => Promise.resolve(fitted("popular")), rateLimit: 1, burst: 3 },
    async (s) => {
      const h = { headers: { "x-client-id": "alice" } };
      const url = `${s.url}/v1/recommendations?user_id=u0`;
      const codes = [];
      for (let j = 0; j < 4; j++) codes.push((await getJson(url, h)).status);
      assertEquals(codes, [200, 200, 200, 429]);
      const limited = await getJson(url, h);
      assertEquals([limited.status, limited.body.error.code], [429, "rate_limited"]);
      // 1 token/s, the bucket is empty: the wait is ≤ 1 s, rounded up to whole seconds
      assertEquals(limited.headers.get("retry-after"), "1");
      assertEquals((await getJson(url, { headers: { "x-client-id": "bob" } })).status, 200);
      for (let j = 0; j < 5; j++) assertEquals((await getJson(`${s.url}/health`, h)).status, 200);
      // no header: the peer address is the client (a fresh bucket)
      assertEquals((await getJson(url)).status, 200);
    },
  );
});
