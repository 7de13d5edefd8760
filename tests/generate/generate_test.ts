import assert from "node:assert/strict";
import {
  generate,
  type GeneratedData,
  writeCanonicalCsv,
  writeUcsdBooks,
  writeUcsdInteractions,
} from "../../src/generate/mod.ts";

const SMALL = { users: 3000, items: 1500, interactions: 60_000 };
let cached: GeneratedData | null = null;
/** One mid-sized dataset shared by the statistical tests. */
function small(): GeneratedData {
  return cached ??= generate(SMALL);
}

const T0 = Date.UTC(2010, 0, 1) / 1000;
const T1 = Date.UTC(2017, 11, 31, 23, 59, 59) / 1000;

/** Split instant of PROTOCOL §2: the ceil(q·n)-th largest timestamp. */
function splitTime(d: GeneratedData, q: number): number {
  const sorted = Float64Array.from(d.ts).sort();
  return sorted[sorted.length - Math.ceil(q * sorted.length)];
}

function itemCounts(d: GeneratedData): Float64Array {
  const c = new Float64Array(d.itemIds.length);
  for (let r = 0; r < d.item.length; r++) c[d.item[r]]++;
  return c;
}

const MONTH: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Parses `Wed Mar 29 00:12:52 -0700 2017` to epoch seconds, checking the weekday too. */
function parseUcsdDate(s: string): number {
  const m = /^(\w{3}) (\w{3}) (\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d) (\d{4})$/.exec(s);
  assert.ok(m, `bad UCSD date ${s}`);
  const local = Date.UTC(+m[10], MONTH[m[2]], +m[3], +m[4], +m[5], +m[6]);
  assert.equal(WEEKDAYS[new Date(local).getUTCDay()], m[1], `weekday of ${s}`);
  const offset = (m[7] === "-" ? -1 : 1) * (+m[8] * 60 + +m[9]);
  return local / 1000 - offset * 60;
}

async function gunzipText(path: string): Promise<string> {
  const file = await Deno.open(path);
  const stream = file.readable.pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

Deno.test("generate: same options give identical data, another seed differs", () => {
  const opts = { users: 300, items: 200, interactions: 5000 };
  const a = generate(opts), b = generate(opts), c = generate({ ...opts, seed: 7 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.item, c.item);
  assert.notDeepEqual(a.userIds, c.userIds);
});

Deno.test("generate: default size is near its targets", () => {
  const d = generate();
  assert.equal(d.userIds.length, 12_000);
  assert.equal(d.itemIds.length, 6_000);
  assert.equal(d.books.length, 6_000);
  assert.ok(Math.abs(d.user.length - 200_000) <= 10_000, `rows ${d.user.length}`);
  assert.equal(new Set(d.userIds).size, 12_000);
  assert.equal(new Set(d.itemIds).size, 6_000);
  assert.deepEqual(d.itemIds, [...d.itemIds].sort());
  assert.ok(d.userIds.every((u) => /^[0-9a-f]{32}$/.test(u)));
  assert.ok(d.itemIds.every((i) => /^[1-9][0-9]*$/.test(i)));
});

Deno.test("generate: timestamps in range, increasing per user, never before release", () => {
  const d = small();
  for (let r = 0; r < d.user.length; r++) {
    const t = d.ts[r];
    assert.ok(Number.isInteger(t) && t >= T0 && t <= T1, `row ${r}: ts ${t}`);
    assert.ok(t >= d.books[d.item[r]].release, `row ${r}: before release`);
    if (r > 0 && d.user[r] === d.user[r - 1]) {
      assert.ok(t > d.ts[r - 1], `row ${r}: not increasing`);
    }
    if (r > 0) assert.ok(d.user[r] >= d.user[r - 1], `row ${r}: not grouped by user`);
  }
  // Timestamps span several years.
  const years = new Set(Array.from(d.ts, (t) => new Date(t * 1000).getUTCFullYear()));
  assert.ok(years.size >= 7, `years ${[...years]}`);
});

Deno.test("generate: popularity and user activity are heavy-tailed", () => {
  const d = small();
  const counts = Array.from(itemCounts(d)).sort((a, b) => b - a);
  const top1 = counts.slice(0, Math.ceil(counts.length / 100)).reduce((s, x) => s + x, 0);
  const top10 = counts.slice(0, Math.ceil(counts.length / 10)).reduce((s, x) => s + x, 0);
  // Uniform popularity would give the top 1% (10%) of items about 1% (10%) of the rows.
  assert.ok(top1 / d.user.length > 0.08, `top 1% share ${top1 / d.user.length}`);
  assert.ok(top10 / d.user.length > 0.4, `top 10% share ${top10 / d.user.length}`);
  const perUser = new Float64Array(d.userIds.length);
  for (let r = 0; r < d.user.length; r++) perUser[d.user[r]]++;
  const sorted = Array.from(perUser).sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1], max = sorted[sorted.length - 1];
  assert.ok(max > 20 * median, `median ${median}, max ${max}`);
});

Deno.test("generate: ratings, is_read and duplicates have Goodreads-like shares", () => {
  const d = small();
  const n = d.user.length;
  const byRating = [0, 0, 0, 0, 0, 0];
  let read = 0;
  for (let r = 0; r < n; r++) {
    byRating[d.rating[r]]++;
    read += d.isRead[r];
    assert.ok(d.rating[r] === 0 || d.isRead[r] === 1, "rated rows are read");
  }
  const rated = n - byRating[0];
  assert.ok(rated / n > 0.3 && rated / n < 0.5, `rated share ${rated / n}`);
  assert.ok(Math.abs(read / n - 0.5) < 0.05, `is_read share ${read / n}`);
  const expected = [0.02, 0.06, 0.21, 0.35, 0.36]; // shares given in the issue
  expected.forEach((e, i) => {
    const got = byRating[i + 1] / rated;
    assert.ok(Math.abs(got - e) < 0.02, `rating ${i + 1}: ${got} vs ${e}`);
  });
  const seen = new Set<number>();
  let dup = 0;
  for (let r = 0; r < n; r++) {
    const key = d.user[r] * d.itemIds.length + d.item[r];
    if (seen.has(key)) dup++;
    else seen.add(key);
  }
  assert.ok(dup / n > 0.002 && dup / n < 0.01, `duplicate share ${dup / n}`);
});

Deno.test("generate: the test period has new, cold items", () => {
  const d = small();
  const T = splitTime(d, 0.2);
  const trainUsers = new Int32Array(d.itemIds.length);
  const pairs = new Set<number>();
  const firstTs = new Float64Array(d.itemIds.length).fill(Infinity);
  for (let r = 0; r < d.user.length; r++) {
    firstTs[d.item[r]] = Math.min(firstTs[d.item[r]], d.ts[r]);
    const key = d.user[r] * d.itemIds.length + d.item[r];
    if (d.ts[r] < T && !pairs.has(key)) {
      pairs.add(key);
      trainUsers[d.item[r]]++;
    }
  }
  let testRows = 0, coldRows = 0;
  const newItems = new Set<number>();
  for (let r = 0; r < d.user.length; r++) {
    if (d.ts[r] < T) continue;
    testRows++;
    if (trainUsers[d.item[r]] < 5) coldRows++;
    if (firstTs[d.item[r]] >= T) newItems.add(d.item[r]);
  }
  assert.ok(newItems.size > 50, `new items in test ${newItems.size}`);
  assert.ok(coldRows / testRows > 0.05 && coldRows / testRows < 0.5, `cold ${coldRows / testRows}`);
});

Deno.test("generate: last picks follow the history's authors and series (learnable signal)", () => {
  const d = small();
  const author = d.books.map((b) => b.authors[0]);
  const series = d.books.map((b) => b.series[0] ?? "");
  const counts = itemCounts(d);
  const cum = new Float64Array(counts.length + 1);
  counts.forEach((c, i) => cum[i + 1] = cum[i] + c);
  let users = 0, hits = 0, popularHits = 0, start = 0;
  for (let r = 1; r <= d.user.length; r++) {
    if (r < d.user.length && d.user[r] === d.user[start]) continue;
    const last = r - 1;
    if (last - start >= 4) {
      const authors = new Set<string>(), seriesSet = new Set<string>();
      for (let q = start; q < last; q++) {
        authors.add(author[d.item[q]]);
        if (series[d.item[q]]) seriesSet.add(series[d.item[q]]);
      }
      const follows = (i: number) => authors.has(author[i]) || seriesSet.has(series[i]);
      users++;
      if (follows(d.item[last])) hits++;
      // A popularity-weighted pick, deterministic per user (quantile by user index).
      const x = ((users * 0.6180339887) % 1) * d.user.length;
      popularHits += follows(cum.findIndex((c) => c > x) - 1) ? 1 : 0;
    }
    start = r;
  }
  assert.ok(users > 500, `users ${users}`);
  assert.ok(
    hits / users > 1.5 * (popularHits / users) && hits / users > 0.4,
    `${hits / users} vs ${popularHits / users}`,
  );
});

Deno.test("generate: books carry genre signal in titles and shelves", () => {
  const d = small();
  for (const b of d.books) {
    assert.equal(b.shelves[0].name, "to-read");
    assert.ok(b.shelves.some((s) => s.name === b.genre), `${b.itemId} lacks its genre shelf`);
    assert.ok(b.title.length > 0 && b.authors.length >= 1);
  }
  assert.ok(d.books.some((b) => b.series.length === 1 && /, #2\)$/.test(b.title)));
});

Deno.test("writeCanonicalCsv: parses back to the same rows, atomically", async () => {
  const d = generate({ users: 200, items: 100, interactions: 3000 });
  const dir = await Deno.makeTempDir();
  const path = `${dir}/x.csv`;
  await writeCanonicalCsv(d, path);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["x.csv"]);
  // Same options, generated again: byte-identical file.
  await writeCanonicalCsv(generate({ users: 200, items: 100, interactions: 3000 }), `${dir}/y.csv`);
  assert.deepEqual(await Deno.readFile(`${dir}/x.csv`), await Deno.readFile(`${dir}/y.csv`));
  const lines = (await Deno.readTextFile(path)).split("\n");
  assert.equal(lines[0], "user_id,item_id,timestamp,rating,is_read");
  assert.equal(lines.at(-1), "");
  assert.equal(lines.length, d.user.length + 2);
  for (let r = 0; r < d.user.length; r++) {
    const [u, i, ts, rating, isRead] = lines[r + 1].split(",");
    assert.equal(u, d.userIds[d.user[r]]);
    assert.equal(i, d.itemIds[d.item[r]]);
    assert.match(ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(Date.parse(ts) / 1000, d.ts[r]);
    assert.equal(Number(rating), d.rating[r]);
    assert.equal(isRead, d.isRead[r] ? "true" : "false");
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("writeUcsdInteractions: dates parse back to ts with varied offsets; gz round trip", async () => {
  const d = generate({ users: 200, items: 100, interactions: 3000 });
  const dir = await Deno.makeTempDir();
  await writeUcsdInteractions(d, `${dir}/a.json`);
  await writeUcsdInteractions(d, `${dir}/a.json.gz`);
  await writeUcsdInteractions(d, `${dir}/b.json.gz`);
  const text = await Deno.readTextFile(`${dir}/a.json`);
  assert.equal(await gunzipText(`${dir}/a.json.gz`), text);
  assert.deepEqual(
    await Deno.readFile(`${dir}/a.json.gz`),
    await Deno.readFile(`${dir}/b.json.gz`),
  );
  const rows = text.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(rows.length, d.user.length);
  const offsets = new Set<string>();
  rows.forEach((o, r) => {
    assert.equal(o.user_id, d.userIds[d.user[r]]);
    assert.equal(o.book_id, d.itemIds[d.item[r]]);
    assert.equal(o.rating, d.rating[r]);
    assert.equal(o.is_read, d.isRead[r] === 1);
    assert.match(o.review_id, /^[0-9a-f]{32}$/);
    assert.equal(o.review_text_incomplete, "");
    assert.equal(parseUcsdDate(o.date_added), d.ts[r]);
    assert.ok(parseUcsdDate(o.date_updated) >= d.ts[r]);
    if (o.is_read) assert.ok(parseUcsdDate(o.started_at) < parseUcsdDate(o.read_at));
    else assert.equal(o.read_at, "");
    offsets.add(o.date_added.split(" ")[4]);
  });
  assert.ok(
    offsets.has("-0700") && offsets.has("-0800") && offsets.has("+0000"),
    [...offsets].join(),
  );
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
    "a.json",
    "a.json.gz",
    "b.json.gz",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("writeUcsdBooks: UCSD book lines parse back", async () => {
  const d = generate({ users: 200, items: 100, interactions: 3000 });
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await writeUcsdBooks(d, path);
  const books = (await Deno.readTextFile(path)).trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(books.length, d.books.length);
  books.forEach((o, i) => {
    const b = d.books[i];
    assert.equal(o.book_id, b.itemId);
    assert.equal(o.title, b.title);
    assert.deepEqual(o.authors, b.authors.map((a) => ({ author_id: a, role: "" })));
    assert.deepEqual(o.series, b.series);
    assert.ok(o.popular_shelves.every((s: { count: unknown }) => /^\d+$/.test(String(s.count))));
    assert.equal(typeof o.popular_shelves[0].count, "string");
    assert.equal(o.language_code, b.language);
    assert.equal(o.publication_year, Number.isFinite(b.year) ? String(b.year) : "");
  });
  await Deno.remove(path);
});

Deno.test("generate: invalid options throw RangeError naming the option", () => {
  assert.throws(() => generate({ users: 0 }), { name: "RangeError", message: /"users"/ });
  assert.throws(() => generate({ items: 2.5 }), {
    name: "RangeError",
    message: 'generate: option "items" must be a positive integer, got 2.5',
  });
  assert.throws(() => generate({ startYear: 2018, endYear: 2017 }), /"endYear"/);
});
