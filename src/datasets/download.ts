/**
 * HTTP download into an open (locked) partial file, resuming from its
 * length with a `Range` request, retrying a cut connection a few times, and
 * trying the next address when one cannot be reached.
 *
 * @module
 */

/** Options of {@linkcode downloadInto}. */
export interface DownloadOptions {
  /** Expected size in bytes, when known (a partial file of that size is complete). */
  size?: number;
  /** Connections tried after a cut (each resumes where the last stopped). @default 4 */
  attempts?: number;
  /** Abort a request that sends nothing for this long. @default 30000 */
  idleTimeoutMs?: number;
  /** Pause before a retry. @default 500 */
  retryDelayMs?: number;
  /** Bytes on disk so far, and the total when known. */
  onProgress?: (done: number, total?: number) => void;
  /** One-line notes (resuming, retrying). */
  note?: (text: string) => void;
}

/** No address answered (offline, refused, not found): one reason per address. */
export class UnreachableError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join("; "));
    this.name = "UnreachableError";
  }
}

/** The connection was cut more often than `attempts`: what was received is kept. */
export class InterruptedError extends Error {
  constructor(readonly url: string, readonly bytes: number, reason: string) {
    super(reason);
    this.name = "InterruptedError";
  }
}

function message(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === "AbortError") return "no data (timed out)";
  const cause = e.cause instanceof Error ? e.cause.message : "";
  return cause && !e.message.includes(cause) ? `${e.message}: ${cause}` : e.message;
}

/**
 * Downloads the first reachable of `urls` into `file` (opened read/write),
 * continuing after the bytes already in it. Returns the address used.
 * Throws {@linkcode UnreachableError} when no address answers with the file,
 * {@linkcode InterruptedError} when the transfer keeps breaking.
 */
export async function downloadInto(
  file: Deno.FsFile,
  urls: string[],
  opts: DownloadOptions = {},
): Promise<string> {
  const attempts = opts.attempts ?? 4;
  const idle = opts.idleTimeoutMs ?? 30_000;
  const reasons: string[] = [];
  let chosen: string | undefined;
  let next = 0, failures = 0, last = "";
  while (true) {
    let offset = (await file.stat()).size;
    if (opts.size !== undefined && offset === opts.size) return chosen ?? urls[0];
    if (opts.size !== undefined && offset > opts.size) {
      await file.truncate(0);
      offset = 0;
    }
    const url = chosen ?? urls[next];
    const ctl = new AbortController();
    let timer = setTimeout(() => ctl.abort(), idle);
    const headers: Record<string, string> = { "accept-encoding": "identity" };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: ctl.signal });
    } catch (e) {
      clearTimeout(timer);
      if (chosen === undefined) {
        reasons.push(`${url}: ${message(e)}`);
        if (++next >= urls.length) throw new UnreachableError(reasons);
        continue;
      }
      last = message(e);
      if (++failures >= attempts) throw new InterruptedError(url, offset, last);
      opts.note?.(`connection failed (${last}); retrying`);
      await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 500));
      continue;
    }
    const ranged = res.status === 206 && rangeStart(res) === offset;
    if (!(res.status === 200 || ranged)) {
      await res.body?.cancel();
      clearTimeout(timer);
      if (res.status === 416 || (res.status === 206 && !ranged)) {
        await file.truncate(0); // the server cannot continue this partial file: start over
        if (++failures >= attempts) throw new InterruptedError(url, 0, `HTTP ${res.status}`);
        continue;
      }
      if (chosen !== undefined) throw new UnreachableError([`${url}: HTTP ${res.status}`]);
      reasons.push(`${url}: HTTP ${res.status} ${res.statusText}`.trim());
      if (++next >= urls.length) throw new UnreachableError(reasons);
      continue;
    }
    chosen = url;
    if (res.status === 200 && offset > 0) {
      opts.note?.("the server does not resume downloads; starting over");
      await file.truncate(0);
      offset = 0;
    } else if (offset > 0) opts.note?.(`resuming after ${offset} bytes`);
    await file.seek(offset, Deno.SeekMode.Start);
    const length = Number(res.headers.get("content-length") ?? NaN);
    const total = Number.isFinite(length) ? offset + length : opts.size;
    let done = offset;
    try {
      for await (const chunk of res.body!) {
        clearTimeout(timer);
        timer = setTimeout(() => ctl.abort(), idle);
        for (let w = 0; w < chunk.length;) w += await file.write(chunk.subarray(w));
        done += chunk.length;
        opts.onProgress?.(done, total);
      }
      if (total === undefined || done >= total) return url;
      last = `the connection closed after ${done} of ${total} bytes`;
    } catch (e) {
      last = message(e);
    } finally {
      clearTimeout(timer);
    }
    if (++failures >= attempts) throw new InterruptedError(url, done, last);
    opts.note?.(`download interrupted after ${done} bytes (${last}); resuming`);
    await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 500));
  }
}

/** First byte of a 206 response's `Content-Range: bytes a-b/n`, or NaN. */
function rangeStart(res: Response): number {
  const m = /^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "");
  return m ? Number(m[1]) : NaN;
}
