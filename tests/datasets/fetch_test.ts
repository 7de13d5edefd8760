import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import {
  type DatasetEntry,
  fetchDataset,
  type FetchOptions,
  findDataset,
  readProvenance,
} from "../../src/datasets/mod.ts";
import { cli } from "../_cli.ts";
import { fixtureBytes, serveFixtures } from "./_server.ts";

// Reference digests: node:crypto over the whole buffer here (hash_test.ts checks the
// streaming hashFile against sha256sum/md5sum).
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const BYTES = fixtureBytes(300_000);

function entry(over: Partial<DatasetEntry> = {}): DatasetEntry {
  return {
    name: "fixture",
    kind: "interactions",
    file: "fixture.json.gz",
    description: "test fixture",
    urls: [],
    size: BYTES.length,
    sha256: sha256(BYTES),
    checksumSource: "test",
    homepage: "http://127.0.0.1/",
    terms: "test",
    ...over,
  };
}

const fast: FetchOptions["download"] = { attempts: 4, retryDelayMs: 0, idleTimeoutMs: 5000 };
const ls = async (dir: string) =>
  (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();

Deno.test("download: streamed into place, checksum verified, provenance beside it, no partial left", async () => {
  await using srv = serveFixtures({ "fixture.json.gz": BYTES });
  const dir = await Deno.makeTempDir();
  const ticks: [number, number | undefined][] = [];
  const r = await fetchDataset(entry(), {
    dir,
    baseUrl: srv.url,
    download: fast,
    progress: { bytes: (l, d, t) => l.startsWith("download") && ticks.push([d, t]), note() {} },
  });
  assert.equal(r.action, "downloaded");
  assert.deepEqual(await Deno.readFile(join(dir, "fixture.json.gz")), BYTES);
  assert.deepEqual(await ls(dir), ["fixture.json.gz", "fixture.json.gz.abreplay.json"]);
  const p = await readProvenance(r.path);
  assert.equal(p?.sha256, sha256(BYTES));
  assert.equal(p?.source, `${srv.url}/fixture.json.gz`);
  assert.equal(p?.verifiedBy, "registry sha256");
  assert.deepEqual(ticks.at(-1), [BYTES.length, BYTES.length]);
  assert.deepEqual(srv.seen, [{ path: "fixture.json.gz", range: null }]);
  // A second fetch verifies the file in place and downloads nothing.
  const again = await fetchDataset(entry(), { dir, baseUrl: srv.url, download: fast });
  assert.equal(again.action, "present");
  assert.equal(srv.seen.length, 1);
});

Deno.test("resume: a cut connection continues with a Range request from the bytes received", async () => {
  await using srv = serveFixtures({ "fixture.json.gz": BYTES }, {
    cut: { bytes: 120_000, count: 2 },
  });
  const dir = await Deno.makeTempDir();
  const notes: string[] = [];
  const r = await fetchDataset(entry(), {
    dir,
    baseUrl: srv.url,
    download: fast,
    progress: { bytes() {}, note: (t) => notes.push(t) },
  });
  assert.equal(r.action, "downloaded");
  assert.deepEqual(await Deno.readFile(r.path), BYTES);
  // Two cuts of 120,000 bytes each: requests from 0, 120,000 and 240,000.
  assert.deepEqual(srv.seen.map((s) => s.range), [null, "bytes=120000-", "bytes=240000-"]);
  assert.ok(notes.some((n) => /interrupted after 120000 bytes/.test(n)), notes.join("\n"));
});

Deno.test("resume: a partial file left by an earlier run is continued, not restarted", async () => {
  await using srv = serveFixtures({ "fixture.json.gz": BYTES });
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(join(dir, "fixture.json.gz.part"), BYTES.subarray(0, 70_001));
  const r = await fetchDataset(entry(), { dir, baseUrl: srv.url, download: fast });
  assert.deepEqual(await Deno.readFile(r.path), BYTES);
  assert.deepEqual(srv.seen.map((s) => s.range), ["bytes=70001-"]);
  assert.deepEqual(await ls(dir), ["fixture.json.gz", "fixture.json.gz.abreplay.json"]);
});

Deno.test("resume: a server that ignores Range gets the whole file again, still correct", async () => {
  await using srv = serveFixtures({ "fixture.json.gz": BYTES }, { ignoreRange: true });
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(join(dir, "fixture.json.gz.part"), BYTES.subarray(0, 5));
  const r = await fetchDataset(entry(), { dir, baseUrl: srv.url, download: fast });
  assert.deepEqual(await Deno.readFile(r.path), BYTES);
});

Deno.test("cut more often than the attempts allow: exit with the partial file kept for a later resume", async () => {
  await using srv = serveFixtures({ "fixture.json.gz": BYTES }, {
    cut: { bytes: 1000, count: 99 },
  });
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    () => fetchDataset(entry(), { dir, baseUrl: srv.url, download: { ...fast, attempts: 2 } }),
    {
      name: "DataError",
      message: /interrupted after 2000 bytes.*run `abreplay data fetch fixture` again to resume/,
    },
  );
  assert.equal((await Deno.stat(join(dir, "fixture.json.gz.part"))).size, 2000);
});

Deno.test("no published checksum: the first download's SHA-256 is recorded and checked later", async () => {
  const e = entry({ sha256: undefined, size: undefined });
  await using srv = serveFixtures({ "fixture.json.gz": BYTES });
  const dir = await Deno.makeTempDir();
  const r = await fetchDataset(e, { dir, baseUrl: srv.url, download: fast });
  assert.equal(r.provenance.verifiedBy, "recorded on first download");
  assert.equal((await readProvenance(r.path))?.sha256, sha256(BYTES));
  const changed = BYTES.slice();
  changed[10] ^= 1;
  await Deno.writeFile(r.path, changed);
  await assert.rejects(() => fetchDataset(e, { dir, baseUrl: srv.url }), {
    message: /SHA-256 \(recorded on first download\) mismatch.*--force/,
  });
  assert.deepEqual(
    await Deno.readFile(r.path),
    changed,
    "a failed check deletes nothing already published",
  );
  const forced = await fetchDataset(e, { dir, baseUrl: srv.url, force: true, download: fast });
  assert.equal(forced.action, "downloaded");
  assert.deepEqual(await Deno.readFile(r.path), BYTES);
});

Deno.test("a file placed by hand is verified, recorded, and never replaced or deleted", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "fixture.json.gz");
  const wrong = fixtureBytes(BYTES.length, 7);
  await Deno.writeFile(path, wrong);
  await assert.rejects(() => fetchDataset(entry(), { dir }), {
    message: /SHA-256 mismatch.*abreplay did not create this file, so it is left as is/,
  });
  assert.deepEqual(await Deno.readFile(path), wrong);
  await assert.rejects(() => fetchDataset(entry(), { dir, force: true }), {
    message: /refusing to replace a file abreplay did not create/,
  });
  await Deno.writeFile(path, BYTES);
  const r = await fetchDataset(entry(), { dir });
  assert.equal(r.action, "present");
  assert.equal(r.provenance.created, false);
  await assert.rejects(() => fetchDataset(entry(), { dir, force: true }), { message: /refusing/ });
  assert.deepEqual(await Deno.readFile(path), BYTES);
});

Deno.test("--from copies a file or a folder's file, verified; a wrong copy is deleted, the source kept", async () => {
  const src = await Deno.makeTempDir();
  await Deno.writeFile(join(src, "fixture.json.gz"), BYTES);
  const dir = await Deno.makeTempDir();
  const r = await fetchDataset(entry(), { dir, from: src });
  assert.equal(r.action, "copied");
  assert.match(r.provenance.source, /^file:\/\/\/.*fixture\.json\.gz$/);
  assert.deepEqual(await Deno.readFile(r.path), BYTES);
  const bad = join(src, "other.bin");
  await Deno.writeFile(bad, BYTES.subarray(1));
  const dir2 = await Deno.makeTempDir();
  await assert.rejects(() => fetchDataset(entry(), { dir: dir2, from: bad }), {
    message: /size mismatch: expected 300000 bytes, found 299999; the copy was deleted/,
  });
  assert.deepEqual(await ls(dir2), []);
  assert.equal((await Deno.stat(bad)).size, BYTES.length - 1);
});

Deno.test("two fetches of one dataset at once: one downloads, the other waits and verifies", async () => {
  await using srv = serveFixtures({ "fixture.json.gz": BYTES });
  const dir = await Deno.makeTempDir();
  const opts = { dir, baseUrl: srv.url, download: fast };
  const [a, b] = await Promise.all([fetchDataset(entry(), opts), fetchDataset(entry(), opts)]);
  assert.deepEqual([a.action, b.action].sort(), ["downloaded", "present"]);
  assert.equal(srv.seen.length, 1);
  assert.deepEqual(await ls(dir), ["fixture.json.gz", "fixture.json.gz.abreplay.json"]);
});

// --- through the CLI: exit codes and messages --------------------------------

const GOODBOOKS = findDataset("goodbooks-10k")!;

Deno.test("CLI: a checksum mismatch is exit 2 and leaves nothing in the data folder", async () => {
  // Right size, wrong bytes: the SHA-256 comparison is what fails.
  await using srv = serveFixtures({ [GOODBOOKS.file]: fixtureBytes(GOODBOOKS.size!, 3) });
  const dir = await Deno.makeTempDir();
  const r = await cli([
    "data",
    "fetch",
    "goodbooks-10k",
    "--dir",
    dir,
    "--base-url",
    srv.url,
    "-q",
  ]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /goodbooks-10k: SHA-256 mismatch: expected 4d21d0e0.*; the download was deleted/,
  );
  assert.deepEqual(await ls(dir), []);
});

Deno.test("CLI: server down → exit 2 with the URL to download by hand and where to put the file", async () => {
  const srv = serveFixtures({});
  const url = srv.url;
  await srv.close(); // nothing listens on that port any more
  const dir = await Deno.makeTempDir();
  const r = await cli(["data", "fetch", "goodbooks-10k", "--dir", dir, "--base-url", url]);
  assert.equal(r.code, 2, r.stderr);
  const want = `${url}/${GOODBOOKS.file}`;
  assert.match(r.stderr, /could not download dataset "goodbooks-10k"/);
  assert.ok(
    r.stderr.includes(`Fix: download ${want} by hand and save it as ${join(dir, GOODBOOKS.file)}`),
    r.stderr,
  );
  assert.ok(r.stderr.includes("--from <downloaded file>"), r.stderr);
  assert.deepEqual(await ls(dir), []);
});

Deno.test("CLI: data list shows each dataset's size, checksum kind and presence", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(join(dir, "goodbooks10k_books.csv.part"), new Uint8Array(2048));
  const r = await cli(["data", "list", "--dir", dir, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.dir, dir);
  const gb = j.datasets.find((d: { name: string }) => d.name === "goodbooks-10k");
  assert.deepEqual([gb.size, gb.present, gb.bytes], [3286659, "partial, 2 KiB", 2048]);
  const ya = j.datasets.find((d: { name: string }) => d.name === "goodreads-ya");
  assert.deepEqual([ya.present, ya.file], ["no", "goodreads_interactions_young_adult.json.gz"]);
  const text = await cli(["data", "list", "--dir", dir]);
  assert.match(text.stdout, /goodreads-authors +authors +17\.0 MiB +md5 +no/);
});

Deno.test("CLI: unknown dataset names are usage errors with a suggestion", async () => {
  const r = await cli(["data", "fetch", "goodreads-yaa"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown dataset "goodreads-yaa".*did you mean "goodreads-ya"/);
});
