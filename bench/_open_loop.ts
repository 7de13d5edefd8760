/**
 * An open-loop HTTP/1.1 load generator over a fixed pool of keep-alive
 * connections (the model of wrk2): request `n` is due at `t₀ + n / rate`;
 * it goes out on the first free connection, waiting in a FIFO queue when all
 * are busy; its latency is measured from its due time, so time spent queued
 * behind a slow server counts (no "coordinated omission"). A request not
 * answered within `timeoutMs` of its due time is a timeout (its connection is
 * replaced). Responses must carry `Content-Length` (Deno.serve's JSON
 * answers do); the body is read and dropped.
 *
 * The client is raw TCP, not `fetch`: measured on this machine, `fetch`
 * costs the generator more CPU per request than the server spends answering,
 * and opens ever more connections once answers slow down.
 *
 * @module
 */

/** One request: its bytes on the wire. */
export type WireRequest = Uint8Array;

/** Outcome of a run. */
export interface OpenLoopResult {
  sent: number;
  ok: number;
  /** Errors by kind: an HTTP status, `timeout` or `network`. */
  errorKinds: Record<string, number>;
  errors: number;
  /** Latency per request from its due time, ms, ascending; errors are `Infinity`. */
  latencies: Float64Array;
  /** How late the generator queued each request (queued − due), ms, ascending: its own lateness. */
  lags: Float64Array;
  /** Successful answers per second from the first due time to the last answer. */
  achieved: number;
}

/** Options of {@linkcode openLoop}. */
export interface OpenLoopOptions {
  hostname: string;
  port: number;
  /** Requests per second. */
  rate: number;
  /** Requests in all (`rate × seconds`). */
  total: number;
  /** Request `n`'s bytes. */
  request: (n: number) => WireRequest;
  /** Keep-alive connections. @default 64 */
  connections?: number;
  /** @default 5000 */
  timeoutMs?: number;
}

/**
 * Encodes a GET or POST request for a keep-alive connection.
 *
 * @example
 * ```ts
 * import { wireRequest } from "./_open_loop.ts";
 * const r = new TextDecoder().decode(wireRequest("GET", "/health", { "x-client-id": "c1" }));
 * if (!r.startsWith("GET /health HTTP/1.1\r\n") || !r.endsWith("\r\n\r\n")) throw new Error(r);
 * ```
 */
export function wireRequest(
  method: "GET" | "POST",
  path: string,
  headers: Record<string, string>,
  body = "",
): WireRequest {
  const b = new TextEncoder().encode(body);
  const head = [`${method} ${path} HTTP/1.1`, "host: 127.0.0.1"];
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  if (method === "POST") head.push(`content-length: ${b.length}`);
  const h = new TextEncoder().encode(head.join("\r\n") + "\r\n\r\n");
  const out = new Uint8Array(h.length + b.length);
  out.set(h);
  out.set(b, h.length);
  return out;
}

/** Runs `total` requests at `rate` per second; resolves when every one is answered or timed out. */
export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const timeoutMs = o.timeoutMs ?? 5000;
  const latencies = new Float64Array(o.total), lags = new Float64Array(o.total);
  const errorKinds: Record<string, number> = {};
  let ok = 0, errors = 0, lastDone = 0;
  const t0 = performance.now() + 20;
  const due = (n: number) => t0 + (n * 1000) / o.rate;
  const fail = (n: number, kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    latencies[n] = Infinity;
  };
  const queue: number[] = [];
  let head = 0, scheduled = 0;
  const conns = await Promise.all(
    Array.from({ length: o.connections ?? 64 }, () => Conn.open(o.hostname, o.port)),
  );

  /** A connection's loop: take due requests from the queue until all are scheduled and done. */
  const worker = async (c: Conn) => {
    for (;;) {
      while (head >= queue.length) {
        if (scheduled >= o.total) return;
        await c.idle();
      }
      const n = queue[head++];
      const start = performance.now();
      if (start - due(n) > timeoutMs) {
        fail(n, "timeout");
        continue;
      }
      const status = await c.exchange(o.request(n), due(n) + timeoutMs - start);
      const end = performance.now();
      lastDone = Math.max(lastDone, end);
      if (status === 200 || status === 202) {
        ok++;
        latencies[n] = end - due(n);
      } else fail(n, String(status));
      if (status === "timeout" || status === "network") await c.reopen();
    }
  };
  const workers = conns.map(worker);
  for (let n = 0; n < o.total; n++) {
    const wait = due(n) - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lags[n] = performance.now() - due(n);
    queue.push(n);
    scheduled++;
    for (const c of conns) if (c.wake()) break;
  }
  for (const c of conns) c.wake(); // idle ones see that all is scheduled and return
  await Promise.all(workers);
  for (const c of conns) c.close();
  return {
    sent: o.total,
    ok,
    errors,
    errorKinds,
    latencies: latencies.sort(),
    lags: lags.sort(),
    achieved: ok / ((lastDone - t0) / 1000),
  };
}

/** One keep-alive connection, one request at a time. */
class Conn {
  #conn: Deno.TcpConn;
  #buf = new Uint8Array(1 << 16);
  #waiter: (() => void) | null = null;

  private constructor(conn: Deno.TcpConn, readonly hostname: string, readonly port: number) {
    this.#conn = conn;
  }

  static async open(hostname: string, port: number): Promise<Conn> {
    return new Conn(await Deno.connect({ hostname, port }), hostname, port);
  }

  /** Resolves when {@linkcode wake} is called (work may be queued). */
  idle(): Promise<void> {
    return new Promise((r) => (this.#waiter = r));
  }

  /** Wakes this connection if it is idle; true when it was. */
  wake(): boolean {
    const w = this.#waiter;
    if (!w) return false;
    this.#waiter = null;
    w();
    return true;
  }

  /** Sends `req` and reads the answer's status (or `timeout` after `ms`, or `network`). */
  async exchange(req: Uint8Array, ms: number): Promise<number | "timeout" | "network"> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), ms)));
    try {
      return await Promise.race([this.#roundTrip(req), timeout]);
    } catch {
      return "network";
    } finally {
      clearTimeout(timer);
    }
  }

  async #roundTrip(req: Uint8Array): Promise<number> {
    for (let w = 0; w < req.length;) w += await this.#conn.write(req.subarray(w));
    let got = 0, headEnd = -1;
    while (headEnd < 0) {
      const n = await this.#conn.read(this.#buf.subarray(got));
      if (n === null) throw new Error("closed");
      got += n;
      headEnd = findHeadEnd(this.#buf, got);
      if (headEnd < 0 && got === this.#buf.length) throw new Error("head too large");
    }
    const head = new TextDecoder().decode(this.#buf.subarray(0, headEnd));
    const status = Number(head.slice(9, 12));
    const len = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!len) throw new Error("no content-length");
    let left = headEnd + 4 + Number(len[1]) - got;
    while (left > 0) {
      const n = await this.#conn.read(this.#buf.subarray(0, Math.min(left, this.#buf.length)));
      if (n === null) throw new Error("closed");
      left -= n;
    }
    return status;
  }

  /** Replaces the connection (after a timeout or error). */
  async reopen(): Promise<void> {
    this.close();
    try {
      this.#conn = await Deno.connect({ hostname: this.hostname, port: this.port });
    } catch { /* the next exchange fails as "network" */ }
  }

  close(): void {
    try {
      this.#conn.close();
    } catch { /* already closed */ }
  }
}

/** Index of the `\r\n\r\n` ending the response head in `buf[0..n)`, or -1. */
function findHeadEnd(buf: Uint8Array, n: number): number {
  for (let i = 0; i + 3 < n; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  }
  return -1;
}
