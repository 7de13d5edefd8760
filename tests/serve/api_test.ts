/**
 * `abreplay serve` as a real process on a free loopback port with models
 * saved by `fit` on small generated data: lists identical to the in-process
 * `recommend()`, similar books from the model's neighbour table, the unknown
 * user's fallback, every error status, events in the log, the model version
 * header, a second start from the serving snapshot, and clean refusals.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import {
  createRecommender,
  Item2ItemRecommender,
  loadModel,
  type PopularRecommender,
  type Recommender,
} from "../../src/recommenders/mod.ts";
import { fitSmall, type Fitted, getJson, postJson, serveFails, startServe } from "./_serve.ts";

let fittedOnce: Promise<Fitted> | null = null;
let tmpDir: string | null = null;
const small = () => (fittedOnce ??= fitSmall().then((f) => ((tmpDir = f.dir), f)));
globalThis.addEventListener("unload", () => tmpDir && Deno.removeSync(tmpDir, { recursive: true }));

/** The in-process list of user `u` (string ids, `-1` padding dropped). */
async function inProcess(
  rec: Recommender,
  train: Fitted["train"],
  users: number[],
  k: number,
): Promise<string[][]> {
  const lists = await rec.recommend(Int32Array.from(users), k);
  return users.map((_, j) =>
    Array.from(lists.items.subarray(j * k, (j + 1) * k)).filter((i) => i >= 0).map((i) =>
      train.itemIds[i]
    )
  );
}

/** A few users with train history, spread over the id space. */
function someUsers(train: Fitted["train"], n: number): number[] {
  const out: number[] = [];
  for (let u = 0; out.length < n && u < train.nUsers; u += 37) {
    if (train.userOffsets[u + 1] > train.userOffsets[u]) out.push(u);
  }
  return out;
}

async function sha12(path: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await Deno.readFile(path)));
  return Array.from(d.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("serve an item2item model: the in-process lists, similar books, fallback, errors, events", async () => {
  const f = await small();
  const events = join(f.dir, "events.ndjson");
  const server = await startServe([
    f.scenario,
    "--model",
    f.models.item2item,
    "--events",
    events,
    "--rate-limit",
    "0",
  ]);
  try {
    await server.ready();
    const base = server.url;
    const rec = await loadModel(f.models.item2item, f.train, { seed: 0, baseDir: f.dir });
    const version = `item2item@${await sha12(join(f.models.item2item, "model.json"))}`;

    // GET: exactly the in-process recommend() list, user by user, at two list lengths
    const users = someUsers(f.train, 6);
    assertEquals(users.length, 6);
    for (const k of [10, 3]) {
      const want = await inProcess(rec, f.train, users, k);
      for (const [j, u] of users.entries()) {
        const r = await getJson(
          `${base}/v1/recommendations?user_id=${f.train.userIds[u]}&limit=${k}`,
        );
        assertEquals(r.status, 200);
        assertEquals(r.headers.get("x-model-version"), version);
        assertEquals(r.body.model_version, version);
        assertEquals(r.body.fallback, false);
        assertEquals(
          r.body.items.map((x: { item_id: string }) => x.item_id),
          want[j],
          `user ${u} k ${k}`,
        );
        assertEquals(r.headers.get("x-request-id"), r.body.request_id);
      }
    }
    // batch: one recommend() call over the users, same lists; an unknown user inside gets the fallback
    const batch = await postJson(`${base}/v1/recommendations/batch`, {
      user_ids: [...users.map((u) => f.train.userIds[u]), "nobody"],
      limit: 10,
    });
    assertEquals(batch.status, 200);
    const want = await inProcess(rec, f.train, users, 10);
    assertEquals(
      batch.body.results.slice(0, -1).map((x: { items: { item_id: string }[] }) =>
        x.items.map((i) => i.item_id)
      ),
      want,
    );
    const pop = createRecommender({ type: "popular" }, {
      seed: 0,
      baseDir: ".",
    }) as PopularRecommender;
    pop.fit(f.train);
    const top10 = Array.from(pop.order.subarray(0, 10), (i) => f.train.itemIds[i]);
    const last = batch.body.results.at(-1);
    assertEquals([
      last.user_id,
      last.fallback,
      last.items.map((x: { item_id: string }) => x.item_id),
    ], [
      "nobody",
      true,
      top10,
    ]);
    const unknown = await getJson(`${base}/v1/recommendations?user_id=nobody`);
    assertEquals([unknown.status, unknown.body.fallback], [200, true]);
    assertEquals(unknown.body.items.map((x: { item_id: string }) => x.item_id), top10);

    // similar books: the model's neighbour row, best first, with its similarity as the score
    assert(rec instanceof Item2ItemRecommender);
    const nb = rec.neighbours;
    const item = [...Array(f.train.nItems).keys()].find((i) =>
      nb.offsets[i + 1] - nb.offsets[i] >= 5
    )!;
    const sim = await getJson(
      `${base}/v1/items/${encodeURIComponent(f.train.itemIds[item])}/similar?limit=4`,
    );
    assertEquals([sim.status, sim.body.fallback, sim.body.item_id], [
      200,
      false,
      f.train.itemIds[item],
    ]);
    const row = Array.from(nb.index.subarray(nb.offsets[item], nb.offsets[item] + 4));
    assertEquals(
      sim.body.items.map((x: { item_id: string }) => x.item_id),
      row.map((i) => f.train.itemIds[i]),
    );
    assertEquals(
      sim.body.items.map((x: { score: number }) => x.score),
      Array.from(nb.value.subarray(nb.offsets[item], nb.offsets[item] + 4)),
    );
    const noItem = await getJson(`${base}/v1/items/no-such-book/similar`);
    assertEquals([noItem.status, noItem.body.error.code], [404, "unknown_item"]);

    // every error is JSON with its status
    const err = async (status: number, code: string, url: string, init?: RequestInit) => {
      const r = await getJson(`${base}${url}`, init);
      assertEquals(
        [r.status, r.body?.error?.status, r.body?.error?.code],
        [status, status, code],
        `${url}`,
      );
      assertEquals(r.headers.get("content-type"), "application/json; charset=utf-8");
      return r;
    };
    const u0 = f.train.userIds[users[0]];
    await err(404, "not_found", "/v2/recommendations");
    await err(404, "not_found", "/");
    const m = await err(405, "method_not_allowed", "/v1/recommendations?user_id=x", {
      method: "DELETE",
    });
    assertEquals(m.headers.get("allow"), "GET");
    assertEquals(
      (await err(405, "method_not_allowed", "/v1/events/click")).headers.get("allow"),
      "POST",
    );
    for (const bad of ["0", "101", "abc", "1.5", "-1", ""]) {
      await err(400, "bad_limit", `/v1/recommendations?user_id=${u0}&limit=${bad}`);
    }
    await err(400, "bad_request", "/v1/recommendations");
    await err(400, "bad_request", `/v1/recommendations?userid=${u0}`);
    await err(400, "bad_request", `/v1/recommendations?user_id=${u0}&user_id=x`);
    await err(400, "bad_limit", `/v1/items/${f.train.itemIds[item]}/similar?limit=1000`);
    const post = (path: string, body: string, type = "application/json") =>
      getJson(`${base}${path}`, { method: "POST", headers: { "content-type": type }, body });
    const huge = JSON.stringify({ user_id: "u", item_ids: Array(40000).fill("some-book-id") });
    assert(huge.length > 256 * 1024);
    assertEquals((await post("/v1/events/impression", huge)).status, 413);
    assertEquals((await post("/v1/events/click", "{}", "text/plain")).status, 415);
    const badJson = await post("/v1/events/click", "{not json");
    assertEquals([badJson.status, badJson.body.error.code], [400, "bad_json"]);
    const invalid = await post(
      "/v1/events/click",
      JSON.stringify({ user_id: 5, position: 0, extra: 1 }),
    );
    assertEquals([invalid.status, invalid.body.error.code], [400, "invalid_body"]);
    assertEquals(invalid.body.error.problems.map((p: { path: string }) => p.path).sort(), [
      "extra",
      "item_id",
      "position",
      "user_id",
    ]);
    const notObject = await post("/v1/events/impression", "[1]");
    assertEquals(
      notObject.body.error.message,
      "invalid impression event: expected a JSON object, found array",
    );
    const badBatch = await postJson(`${base}/v1/recommendations/batch`, { user_ids: [], limit: 0 });
    assertEquals(badBatch.body.error.problems.map((p: { path: string }) => p.path), [
      "user_ids",
      "limit",
    ]);

    // events: 202, then one line each in the log with the server's fields added
    const imp = await postJson(`${base}/v1/events/impression`, {
      user_id: u0,
      item_ids: want[0].slice(0, 3),
      request_id: "req-1",
    });
    const click = await postJson(`${base}/v1/events/click`, {
      user_id: u0,
      item_id: want[0][1],
      position: 2,
      ts: 1.7e9,
    });
    assertEquals([imp.status, click.status], [202, 202]);
    const schema = await getJson(`${base}/v1/events/schema`);
    assertEquals(schema.body.click.required, ["user_id", "item_id"]);
    const code = await server.stop();
    assertEquals(code, 0, server.stderr());
    const lines = (await Deno.readTextFile(events)).split("\n");
    assertEquals(lines.pop(), "");
    const logged = lines.map((l) => JSON.parse(l));
    assertEquals(logged.map((e) => [e.type, e.event_id, e.model_version]), [
      ["impression", imp.body.event_id, version],
      ["click", click.body.event_id, version],
    ]);
    assertEquals(logged[0].item_ids, want[0].slice(0, 3));
    assertEquals([logged[1].position, logged[1].ts], [2, 1.7e9]);
    assert(Math.abs(Date.parse(logged[1].received_at) - Date.now()) < 60_000);
  } finally {
    await server.stop("SIGKILL");
  }
});

Deno.test("the first start saves the serving snapshot; the next needs only --model", async () => {
  const f = await small();
  const dir = f.models.popular;
  const rec = await loadModel(dir, f.train, { seed: 0, baseDir: f.dir });
  const users = someUsers(f.train, 4);
  const want = await inProcess(rec, f.train, users, 10);
  for (const args of [[f.scenario, "--model", dir], ["--model", dir]]) {
    const server = await startServe([...args, "--events", join(f.dir, "ev-popular.ndjson")]);
    try {
      await server.ready();
      for (const [j, u] of users.entries()) {
        const r = await getJson(`${server.url}/v1/recommendations?user_id=${f.train.userIds[u]}`);
        assertEquals(
          r.body.items.map((x: { item_id: string }) => x.item_id),
          want[j],
          `${args} user ${u}`,
        );
      }
      // no neighbour table: similar books fall back to the popular order without the item
      const order = (rec as PopularRecommender).order;
      const sim = await getJson(
        `${server.url}/v1/items/${f.train.itemIds[order[0]]}/similar?limit=3`,
      );
      assertEquals([sim.body.fallback, sim.body.items.map((x: { item_id: string }) => x.item_id)], [
        true,
        Array.from(order.subarray(1, 4), (i) => f.train.itemIds[i]),
      ]);
      assertEquals(await server.stop(), 0);
      assert(await Deno.stat(join(dir, "serving", "serving.json")).then((s) => s.isFile));
    } finally {
      await server.stop("SIGKILL");
    }
  }
});

Deno.test("refusals before listening: no serving data, other data, a torn event log, a busy port, bad options", async () => {
  const f = await small();
  const bare = join(f.dir, "bare");
  await Deno.mkdir(bare);
  await Deno.copyFile(join(f.models.popular, "model.json"), join(bare, "model.json"));
  for (const n of ["score", "order"]) {
    await Deno.copyFile(join(f.models.popular, `${n}.bin`), join(bare, `${n}.bin`));
  }
  const none = await serveFails(["--model", bare]);
  assertEquals(none.code, 2);
  assert(/has no serving data yet.*Fix: give the scenario/.test(none.stderr), none.stderr);

  const other = join(f.dir, "other.json");
  const s = JSON.parse(await Deno.readTextFile(f.scenario));
  await Deno.writeTextFile(other, JSON.stringify({ ...s, split: { holdoutFraction: 0.3 } }));
  const wrong = await serveFails([other, "--model", bare]);
  assertEquals(wrong.code, 2);
  assert(/fitted on other data than .*other\.json/.test(wrong.stderr), wrong.stderr);
  assert(
    !(await Deno.stat(join(bare, "serving")).then(() => true, () => false)),
    "no snapshot written",
  );

  const torn = join(f.dir, "torn.ndjson");
  await Deno.writeTextFile(torn, '{"type":"click"}\n{"type":"cl');
  const t = await serveFails([f.scenario, "--model", f.models.popular, "--events", torn]);
  assertEquals(t.code, 2);
  assert(
    /torn\.ndjson: the event log ends in a partial line \(from byte 17\)/.test(t.stderr),
    t.stderr,
  );
  assertEquals(await Deno.readTextFile(torn), '{"type":"click"}\n{"type":"cl', "left as it was");

  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = String(taken.addr.port);
    const busy = await serveFails(["--model", f.models.popular, "--port", port]);
    assertEquals(busy.code, 2, busy.stderr);
    assert(busy.stderr.includes(`port ${port} on 127.0.0.1 is in use`), busy.stderr);
  } finally {
    taken.close();
  }
  assertEquals((await serveFails(["--model", f.models.popular, "--rate-limit", "-1"])).code, 2);
  assertEquals((await serveFails([])).code, 2);
  const missing = await serveFails(["--model", join(f.dir, "nope")]);
  assert(/no saved model here/.test(missing.stderr), missing.stderr);
});
