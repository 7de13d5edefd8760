/**
 * Stopping `abreplay serve`: SIGTERM lets a request that is in flight finish
 * (new requests get 503 meanwhile), then exits 0; SIGKILL in the
 * middle of concurrent event writes leaves an event log of whole lines only,
 * holding every event that was acknowledged.
 */
import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { join } from "node:path";
import { fitSmall, getJson, postJson, startServe } from "./_serve.ts";

const f = await fitSmall();
globalThis.addEventListener("unload", () => Deno.removeSync(f.dir, { recursive: true }));
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("SIGTERM: the in-flight request finishes, new ones get 503, then exit 0", async () => {
  const events = join(f.dir, "term.ndjson");
  const server = await startServe([f.scenario, "--model", f.models.popular, "--events", events]);
  try {
    await server.ready();
    const port = Number(new URL(server.url).port);
    // a request in flight: its headers and the first bytes of its body are sent, the rest comes later
    const body = JSON.stringify({ user_id: "late-user", item_id: f.train.itemIds[0] });
    const enc = new TextEncoder();
    let ctl!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) });
    const pending = fetch(`${server.url}/v1/events/click`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
    });
    ctl.enqueue(enc.encode(body.slice(0, 12)));
    // wait until the server is handling it (this /health request is the other one in flight)
    for (let t = 0; t < 300; t++) {
      if ((await getJson(`${server.url}/health`)).body.in_flight === 2) break;
      await delay(20);
    }
    assertEquals((await getJson(`${server.url}/health`)).body.in_flight, 2);
    server.child.kill("SIGTERM");
    for (let t = 0; t < 300; t++) {
      if ((await getJson(`${server.url}/ready`)).body.status === "draining") break;
      await delay(20);
    }
    // draining: new requests are turned away, readiness says so
    const late = await getJson(`${server.url}/v1/recommendations?user_id=x`);
    assertEquals([late.status, late.body.error.code], [503, "shutting_down"]);
    assertEquals((await getJson(`${server.url}/ready`)).body.status, "draining");
    ctl.enqueue(enc.encode(body.slice(12)));
    ctl.close();
    const res = await pending;
    const ack = await res.json();
    assertEquals([res.status, ack.accepted], [202, true], JSON.stringify(ack) + server.stderr());
    assertEquals(await server.exited(), 0, server.stderr());
    await assertRejects(
      () => Deno.connect({ hostname: "127.0.0.1", port }),
      "closed after the drain",
    );
    const logged = (await Deno.readTextFile(events)).trim().split("\n").map((l) => JSON.parse(l));
    assertEquals(logged.map((e) => [e.event_id, e.user_id]), [[ack.event_id, "late-user"]]);
  } finally {
    await server.stop("SIGKILL");
  }
});

Deno.test("SIGKILL during concurrent event writes: whole lines only, every acknowledged event kept", async () => {
  const events = join(f.dir, "kill.ndjson");
  const server = await startServe([
    f.scenario,
    "--model",
    f.models.popular,
    "--events",
    events,
    "--rate-limit",
    "0",
  ]);
  const acked = new Set<string>(), sent = new Set<string>();
  // ~1.5 KB lines, so that a write torn by the kill would show
  const items = f.train.itemIds.slice(0, 60);
  const writer = async (w: number) => {
    for (let j = 0; j < 5000; j++) {
      const id = `w${w}-${j}`;
      sent.add(id);
      try {
        const r = await postJson(`${server.url}/v1/events/impression`, {
          user_id: `user-${w}`,
          item_ids: items,
          request_id: id,
        });
        if (r.status === 202) acked.add(id);
      } catch {
        return; // the server is gone
      }
    }
  };
  try {
    await server.ready();
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    for (const end = Date.now() + 20_000; acked.size < 500 && Date.now() < end;) await delay(5);
    server.child.kill("SIGKILL");
    await Promise.all(writers);
    assertEquals((await server.child.status).signal, "SIGKILL");
  } finally {
    await server.stop("SIGKILL");
  }
  assert(acked.size >= 500, `only ${acked.size} events acknowledged before the kill`);
  const text = await Deno.readTextFile(events);
  assert(text.endsWith("\n"), "the log ends with a whole line");
  const logged = new Set<string>();
  for (const [n, line] of text.slice(0, -1).split("\n").entries()) {
    const e = JSON.parse(line); // throws on a torn line
    assertEquals([e.type, e.item_ids.length], ["impression", 60], `line ${n + 1}`);
    assert(sent.has(e.request_id) && !logged.has(e.request_id), `line ${n + 1}: ${e.request_id}`);
    logged.add(e.request_id);
  }
  const lost = [...acked].filter((id) => !logged.has(id));
  assertEquals(lost, [], "acknowledged events missing from the log");
});
