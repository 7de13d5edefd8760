/**
 * The event log: appends whole lines, refuses a log ending in a partial line
 * (naming where the last whole line ends) and leaves it untouched; two logs
 * on one file interleave only at line boundaries. The event schemas name
 * every problem.
 */
import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { DataError } from "../../src/errors.ts";
import { EVENT_SCHEMAS, eventJsonSchemas, EventLog } from "../../src/serve/mod.ts";
import { type Problem, validate } from "../../src/scenario/mod.ts";

const tmp = async () => `${await Deno.makeTempDir()}/sub/events.ndjson`;

Deno.test("appends one JSON line per event, creating the folder; reopening appends", async () => {
  const path = await tmp();
  const a = await EventLog.open(path);
  a.append({ type: "click", n: 1 });
  a.close();
  a.close(); // idempotent
  const b = await EventLog.open(path);
  b.append({ type: "impression", s: "line\nbreak é" });
  b.close();
  const lines = (await Deno.readTextFile(path)).split("\n");
  assertEquals(lines.length, 3);
  assertEquals(lines.slice(0, 2).map((l) => JSON.parse(l)), [
    { type: "click", n: 1 },
    { type: "impression", s: "line\nbreak é" },
  ]);
  assert(/closed/.test(String((() => {
    try {
      b.append({});
    } catch (e) {
      return e;
    }
  })())));
});

Deno.test("a log ending in a partial line is refused with the offset to cut at, and left as is", async () => {
  const path = await tmp();
  await Deno.mkdir(path.replace(/\/events.ndjson$/, ""), { recursive: true });
  for (
    const [text, where] of [
      ['{"a":1}\n{"b":', "from byte 8"],
      ['{"a":', "from byte 0"],
    ] as const
  ) {
    await Deno.writeTextFile(path, text);
    await assertRejects(() => EventLog.open(path), (e: Error) => {
      assert(e instanceof DataError && e.message.includes(where), e.message);
      return true;
    });
    assertEquals(await Deno.readTextFile(path), text);
  }
  // no newline in the last 64 KiB: refused without an offset
  await Deno.writeTextFile(path, "x".repeat(70 * 1024));
  await assertRejects(() => EventLog.open(path), DataError, "ends in a partial line");
});

Deno.test("two logs on one file (two servers): lines interleave whole", async () => {
  const path = await tmp();
  const a = await EventLog.open(path), b = await EventLog.open(path);
  for (let j = 0; j < 200; j++) (j % 3 ? a : b).append({ j, pad: "p".repeat(j * 10) });
  a.close();
  b.close();
  const got = (await Deno.readTextFile(path)).trim().split("\n").map((l) => JSON.parse(l).j);
  assertEquals(got, [...Array(200).keys()]);
});

Deno.test("event schemas: every problem with its path; JSON Schemas for clients", () => {
  const check = (type: "click" | "impression", body: unknown) => {
    const out: Problem[] = [];
    validate(EVENT_SCHEMAS[type], body, "", out);
    return out.map((p) => `${p.path}: ${p.message}`);
  };
  assertEquals(
    check("impression", { user_id: "u", item_ids: ["a", "b"], request_id: "r", ts: 1 }),
    [],
  );
  assertEquals(check("impression", { user_id: "", item_ids: [], ts: -1, colour: 1 }), [
    'user_id: expected a non-empty id of at most 256 characters, found ""',
    "item_ids: expected 1 to 1000 item(s) (Shown books, first shown first), found 0",
    "ts: expected a number > 0, found -1",
    'colour: unknown key "colour"',
  ]);
  assertEquals(check("click", { user_id: "u", item_id: "b".repeat(257), position: 1.5 }).length, 2);
  const js = eventJsonSchemas();
  assertEquals(js.impression.required, ["user_id", "item_ids"]);
  assertEquals((js.click.properties as Record<string, { type: string }>).position.type, "integer");
});
