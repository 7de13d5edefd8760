/**
 * The `http` arm end to end: `abreplay serve` with a saved model on a free
 * loopback port as the test arm, the same model in-process as control — the
 * same lists and metrics, plus latency figures — and deliberately bad
 * services (a small Deno.serve here): errors for 10% of users (the gate
 * rejects on the error rate; in A/B mode SRM flags), 300 ms per request (the
 * latency rule rejects), a service that hangs (timeouts; the run finishes and
 * writes whole files), and a server killed mid-run (the same).
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import { loadScenario } from "../../src/scenario/mod.ts";
import {
  type PipelineResult,
  type Progress,
  runOutputs,
  runPipeline,
  silentProgress,
} from "../../src/pipeline/mod.ts";
import { fitSmall, type Fitted, startServe } from "./_serve.ts";

const dirs: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const d of dirs) Deno.removeSync(d, { recursive: true });
});

let fittedOnce: Promise<Fitted> | null = null;
const small = () => (fittedOnce ??= fitSmall().then((f) => (dirs.push(f.dir), f)));

/** Writes `scenario` into a fresh folder and runs it, writing the run folder there. */
async function run(
  scenario: Record<string, unknown>,
  progress: Progress = silentProgress,
): Promise<PipelineResult & { json: (name: string) => Promise<any> }> {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-http-arm-" });
  dirs.push(dir);
  const file = join(dir, "scenario.json");
  await Deno.writeTextFile(file, JSON.stringify({ name: "http-arm", ...scenario }));
  const out = join(dir, "run");
  const r = await runPipeline(await loadScenario(file), { out, progress, threads: 1 });
  return {
    ...r,
    json: async (name: string) => JSON.parse(await Deno.readTextFile(join(out, name))),
  };
}

/** The run folder holds exactly the registered files and the marker: whole, none half-written. */
async function assertWholeRun(dir: string): Promise<void> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  const want = [".abreplay.json", ...runOutputs({ oc: false }).map((f) => f.name)];
  assertEquals(names.sort(), want.sort());
  for (const n of names.filter((n) => n.endsWith(".json"))) {
    JSON.parse(await Deno.readTextFile(join(dir, n)));
  }
}

/**
 * A stand-in service answering the API's shape with an empty list, after
 * `behave(user_id)` (which may delay, or return a response instead).
 */
function badServer(
  behave: (user: string) => Promise<Response | null> | Response | null,
): { url: string; close(): Promise<void>; requests: () => number } {
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    requests++;
    const user = new URL(req.url).searchParams.get("user_id") ?? "";
    return (await behave(user)) ?? Response.json({ user_id: user, items: [] });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
    requests: () => requests,
  };
}

/** The data `fitSmall` fitted its models on (≈ 200 eval users). */
const SMALL = {
  data: { generate: { seed: 11, users: 500, items: 400, interactions: 12000 } },
  split: { holdoutFraction: 0.2 },
  eval: { k: 10, coldThreshold: 3 },
  stats: { B: 200 },
};

/** Small generated data: ≈ 80 eval users. */
const TINY = {
  data: { generate: { seed: 3, users: 200, items: 300, interactions: 4000 } },
  split: { holdoutFraction: 0.5 },
  stats: { B: 200 },
};

Deno.test("serve a saved model, replay it over HTTP: identical lists and metrics, with latency figures", async () => {
  const f = await small();
  const server = await startServe([f.scenario, "--model", f.models.item2item, "--rate-limit", "0"]);
  try {
    await server.ready();
    const r = await run({
      ...SMALL,
      control: { model: f.models.item2item },
      test: { type: "http", params: { url: server.url, concurrency: 4 } },
    });
    const [c, t] = [r.result.arms.control, r.result.arms.test];
    assert(c.served.users.length > 50, `${c.served.users.length} eval users`);
    assertEquals(t.recommender.type, "http");
    assertEquals(Array.from(t.served.lists), Array.from(c.served.lists), "the same lists");
    assertEquals(t.served.violations, { seen: 0, duplicate: 0, notInCatalog: 0, outOfRange: 0 });
    const metrics = await r.json("metrics.json");
    assertEquals(metrics.arms.test.segments, metrics.arms.control.segments);
    for (const row of metrics.comparison.metrics) assertEquals(row.delta ?? 0, 0, row.metric);
    const serving = await r.json("serving.json");
    const n = c.served.users.length;
    assertEquals(serving.arms.test.remote, true);
    assertEquals(serving.arms.test.requests, n, "one GET per user");
    assertEquals(serving.arms.test.counts.requests, n);
    assertEquals(serving.arms.test.counts.attempts, n, "no retries needed");
    assertEquals([serving.arms.test.failed, serving.arms.test.errorRate], [0, 0]);
    assertEquals(serving.arms.control.remote, false);
    assertEquals(serving.arms.control.requests, n, "in-process: one request per user");
    const lat = serving.arms.test.latencyMs;
    assert(lat.p50 > 0 && lat.p50 <= lat.p95 && lat.p95 <= lat.p99, JSON.stringify(lat));
    // the gate's latency rule reads the same measured p95
    assertEquals(
      Math.round(r.result.comparison.health.test.latencyP95Ms * 1000) / 1000,
      lat.p95,
    );
    const rules = Object.fromEntries(r.verdict.reasons.map((x) => [x.rule, x.outcome]));
    assertEquals([rules["latency p95 ≤ 200 ms"], rules["error rate < 1.00%"]], ["pass", "pass"]);
    // the report shows the values
    const html = await Deno.readTextFile(join(r.dir, "report.html"));
    assert(html.includes(`over HTTP (${n.toLocaleString("en-US")} requests)`));
    assert(/per request at the median, [\d.]+ (ms|µs) at p95, [\d.]+ (ms|µs) at p99/.test(html));
    await assertWholeRun(r.dir);
  } finally {
    assertEquals(await server.stop(), 0);
  }
});

Deno.test("errors for 10% of users: the gate rejects on the error rate and, in A/B mode, SRM flags", async () => {
  const hash = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const failing = new Set<string>();
  const server = badServer((user) => {
    if (hash(user) % 10 !== 0) return null;
    failing.add(user);
    return new Response(JSON.stringify({ error: "boom" }), { status: 500 });
  });
  try {
    const r = await run({
      data: { generate: { seed: 3, users: 12000, items: 300, interactions: 100000 } },
      split: { holdoutFraction: 0.5 },
      control: { type: "popular" },
      test: {
        type: "http",
        params: { url: server.url, concurrency: 16, retries: 1, backoffMs: 1 },
      },
      mode: { type: "ab" },
      stats: { B: 200 },
    });
    const assigned = r.result.assigned;
    const serving = await r.json("serving.json");
    // the users the server failed, counted by the server itself, are the failed users
    assertEquals(serving.arms.test.failed, failing.size);
    assert(failing.size > 0.08 * assigned.test && failing.size < 0.12 * assigned.test);
    assertEquals(serving.arms.test.counts.serverErrors, 2 * failing.size, "each tried twice");
    const rate = failing.size / assigned.test;
    assertEquals(serving.arms.test.errorRate, rate);
    const reason = (rule: string) => r.verdict.reasons.find((x) => x.rule.startsWith(rule))!;
    assertEquals(reason("error rate").outcome, "fail");
    assertEquals(r.verdict.decision, "reject");
    assertEquals(r.verdict.exitCode, 1);
    // SRM on the served users, recomputed: χ² of [control, test − failed] against 50/50
    const observed = [assigned.control, assigned.test - failing.size];
    const e = (observed[0] + observed[1]) / 2;
    const chi2 = observed.reduce((s, o) => s + (o - e) ** 2 / e, 0);
    const metrics = await r.json("metrics.json");
    assertEquals(metrics.comparison.srm.observed, observed);
    assert(Math.abs(metrics.comparison.srm.chi2 - chi2) < 1e-9);
    // p < 0.001 for one degree of freedom is χ² > 10.828 (the tables' critical value)
    assert(metrics.comparison.srm.flagged && chi2 > 10.828, `χ² = ${chi2}`);
    assertEquals(reason("no sample ratio mismatch").outcome, "fail");
    // without the failures the split would have passed: the errors made the mismatch
    const e0 = (assigned.control + assigned.test) / 2;
    const chi0 = ((assigned.control - e0) ** 2 + (assigned.test - e0) ** 2) / e0;
    assert(chi0 < 10.828, `assigned split alone: χ² = ${chi0}`);
    assertEquals(serving.arms.test.servedShare, observed[1] / (observed[0] + observed[1]));
    assertEquals(serving.arms.test.expectedShare, 0.5);
    await assertWholeRun(r.dir);
  } finally {
    await server.close();
  }
});

Deno.test("300 ms per request: the latency rule rejects with the measured p95", async () => {
  const server = badServer(() => new Promise((res) => setTimeout(() => res(null), 300)));
  try {
    const r = await run({
      ...TINY,
      control: { type: "popular" },
      test: { type: "http", params: { url: server.url, concurrency: 16 } },
    });
    const serving = await r.json("serving.json");
    assertEquals(serving.arms.test.failed, 0);
    assert(serving.arms.test.latencyMs.p50 >= 299, JSON.stringify(serving.arms.test.latencyMs));
    const latency = r.verdict.reasons.find((x) => x.rule.startsWith("latency"))!;
    assertEquals(latency.outcome, "fail");
    assertEquals(
      latency.detail,
      `test arm p95 latency per request is ${serving.arms.test.latencyMs.p95.toFixed(1)} ms`,
    );
    assertEquals(r.verdict.decision, "reject");
    await assertWholeRun(r.dir);
  } finally {
    await server.close();
  }
});

Deno.test("a service that hangs: every request times out, the run finishes and writes whole files", async () => {
  const release = Promise.withResolvers<null>();
  const server = badServer(() => release.promise);
  try {
    const t0 = performance.now();
    const r = await run({
      ...TINY,
      control: { type: "popular" },
      test: {
        type: "http",
        params: { url: server.url, concurrency: 16, timeoutMs: 100, retries: 1, backoffMs: 1 },
      },
    });
    assert(performance.now() - t0 < 60_000);
    const users = r.result.arms.test.served.users.length;
    const serving = await r.json("serving.json");
    assertEquals([serving.arms.test.failed, serving.arms.test.errorRate], [users, 1]);
    assertEquals(serving.arms.test.counts.timeouts, 2 * users);
    assert(serving.arms.test.latencyMs.p50 >= 200, "two attempts of 100 ms each");
    // failed users score 0 (empty lists), they are not dropped
    const metrics = await r.json("metrics.json");
    assertEquals(metrics.arms.test.segments.overall.users, users);
    assertEquals(metrics.arms.test.segments.overall.metrics["NDCG@10"], 0);
    assertEquals(r.verdict.decision, "reject");
    await assertWholeRun(r.dir);
  } finally {
    release.resolve(null);
    await server.close();
  }
});

Deno.test("the server killed mid-run: the users after the kill fail, the run finishes and writes whole files", async () => {
  const f = await small();
  const server = await startServe([f.scenario, "--model", f.models.item2item, "--rate-limit", "0"]);
  let current = "";
  let killedAt = -1;
  const progress: Progress = {
    ...silentProgress,
    start: (stage) => void (current = stage),
    tick(done, total) {
      if (current === "replay test" && killedAt < 0 && done >= total / 2) {
        killedAt = done;
        server.child.kill("SIGKILL");
      }
    },
  };
  try {
    await server.ready();
    const r = await run({
      ...SMALL,
      control: { model: f.models.item2item },
      test: {
        type: "http",
        params: { url: server.url, concurrency: 4, retries: 2, backoffMs: 1, timeoutMs: 2000 },
      },
    }, progress);
    const users = r.result.arms.test.served.users.length;
    assert(killedAt > 0, "killed during the test arm's replay");
    const serving = await r.json("serving.json");
    // at most the 4 requests in flight at the kill were still answered after it
    assert(serving.arms.test.served >= killedAt && serving.arms.test.served <= killedAt + 4);
    assertEquals(serving.arms.test.failed, users - serving.arms.test.served);
    assert(serving.arms.test.counts.network >= serving.arms.test.failed);
    const served = r.result.arms.test.served;
    // the users served before the kill have the in-process model's lists
    const c = r.result.arms.control.served;
    for (let j = 0; j < users; j++) {
      if (served.failed[j]) continue;
      assertEquals(
        Array.from(served.lists.subarray(j * 10, j * 10 + 10)),
        Array.from(c.lists.subarray(j * 10, j * 10 + 10)),
      );
    }
    assertEquals(r.verdict.reasons.find((x) => x.rule.startsWith("error rate"))!.outcome, "fail");
    await assertWholeRun(r.dir);
  } finally {
    await server.exited();
  }
});
