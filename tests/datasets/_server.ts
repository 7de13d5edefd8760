/**
 * A loopback HTTP server for dataset-fetch tests: serves in-memory files on
 * 127.0.0.1 (port chosen by the OS), honours `Range: bytes=N-`, records every
 * request, and can cut a response after some bytes. Only loopback traffic.
 */

/** One request the server saw. */
export interface Seen {
  path: string;
  range: string | null;
}

/** Server behaviour. */
export interface FixtureOptions {
  /** Cut the first `count` responses after `bytes` bytes of body. */
  cut?: { bytes: number; count: number };
  /** Ignore Range headers (answer 200 with the whole file). */
  ignoreRange?: boolean;
}

/** A running fixture server; `close()` it (also via `await using`). */
export interface Fixture extends AsyncDisposable {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** Serves `files` (path without leading slash → bytes) on 127.0.0.1. */
export function serveFixtures(
  files: Record<string, Uint8Array>,
  opts: FixtureOptions = {},
): Fixture {
  const seen: Seen[] = [];
  let cuts = opts.cut?.count ?? 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname.slice(1);
    const range = req.headers.get("range");
    seen.push({ path, range });
    const body = files[path];
    if (!body) return new Response("not found", { status: 404 });
    const m = /^bytes=(\d+)-$/.exec(range ?? "");
    const start = m && !opts.ignoreRange ? Number(m[1]) : 0;
    if (start > body.length) return new Response(null, { status: 416 });
    const part = body.subarray(start);
    const headers: Record<string, string> = {
      "content-length": String(part.length),
      "content-type": "application/octet-stream",
    };
    if (start > 0) headers["content-range"] = `bytes ${start}-${body.length - 1}/${body.length}`;
    const status = start > 0 ? 206 : 200;
    if (cuts > 0 && opts.cut) {
      cuts--;
      const keep = part.subarray(0, Math.min(opts.cut.bytes, part.length));
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(keep);
        },
        pull(c) {
          c.error(new Error("connection cut by the fixture"));
        },
      });
      return new Response(stream, { status, headers });
    }
    return new Response(part.slice(), { status, headers });
  });
  const addr = server.addr as Deno.NetAddr;
  const close = async () => {
    await server.shutdown();
  };
  return { url: `http://127.0.0.1:${addr.port}`, seen, close, [Symbol.asyncDispose]: close };
}

/** Deterministic pseudo-random bytes (a fixture "dataset" that compresses badly). */
export function fixtureBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
