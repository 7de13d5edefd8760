/**
 * Text output helpers of the data generator: fast UTC/offset date formatting (no `Date`
 * object per row) and an atomic, streaming, optionally gzipped file sink.
 *
 * @module
 */
import { Temp } from "../files/mod.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function p2(x: number): string {
  return x < 10 ? "0" + x : "" + x;
}

/** Civil date of day number `z` (days since 1970-01-01), after H. Hinnant's `civil_from_days`. */
function civil(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) -
      Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function clock(sec: number): string {
  return `${p2(Math.floor(sec / 3600))}:${p2(Math.floor(sec / 60) % 60)}:${p2(sec % 60)}`;
}

/**
 * ISO-8601 UTC of integer epoch seconds `ts`.
 *
 * @example
 * ```ts
 * import { isoUtc } from "./_format.ts";
 * if (isoUtc(1456833600) !== "2016-03-01T12:00:00Z") throw new Error(isoUtc(1456833600));
 * ```
 */
export function isoUtc(ts: number): string {
  const day = Math.floor(ts / 86400);
  const [y, m, d] = civil(day);
  return `${y}-${p2(m)}-${p2(d)}T${clock(ts - day * 86400)}Z`;
}

/**
 * Goodreads (UCSD) date of integer epoch seconds `ts` shown at UTC offset `offsetMin`
 * minutes, e.g. `Wed Mar 29 00:12:52 -0700 2017`; the instant is `ts` whatever the offset.
 *
 * @example
 * ```ts
 * import { ucsdDate } from "./_format.ts";
 * const s = ucsdDate(1490771572, -420);
 * if (s !== "Wed Mar 29 00:12:52 -0700 2017") throw new Error(s);
 * ```
 */
export function ucsdDate(ts: number, offsetMin: number): string {
  const local = ts + offsetMin * 60;
  const day = Math.floor(local / 86400);
  const [y, m, d] = civil(day);
  const a = Math.abs(offsetMin);
  const off = `${offsetMin < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}${p2(a % 60)}`;
  const wd = DAYS[((day % 7) + 11) % 7];
  return `${wd} ${MONTHS[m - 1]} ${p2(d)} ${clock(local - day * 86400)} ${off} ${y}`;
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * 8 lowercase hex digits of the unsigned 32-bit integer `x` (table lookup, no padStart).
 *
 * @example
 * ```ts
 * import { hex8 } from "./_format.ts";
 * if (hex8(0xab) !== "000000ab" || hex8(0xdeadbeef) !== "deadbeef") throw new Error("hex8");
 * ```
 */
export function hex8(x: number): string {
  return HEX2[x >>> 24] + HEX2[(x >>> 16) & 255] + HEX2[(x >>> 8) & 255] + HEX2[x & 255];
}

type ByteWriter = Pick<
  WritableStreamDefaultWriter<Uint8Array<ArrayBuffer>>,
  "ready" | "write" | "close" | "abort"
>;

const BUFFER_BYTES = 1 << 22;

/**
 * Buffered UTF-8 text output: `add` encodes straight into a 4 MiB buffer (no big joined
 * strings, which are slow to build and collect); call `flush` when `full` turns true.
 */
export class TextSink {
  private buf = new Uint8Array(BUFFER_BYTES);
  private pos = 0;
  private readonly pending: Uint8Array<ArrayBuffer>[] = [];
  private readonly enc = new TextEncoder();

  constructor(private readonly writer: ByteWriter) {}

  /** True when at least one buffer is ready to be written. */
  get full(): boolean {
    return this.pending.length > 0;
  }

  /** Appends `text` (encoded as UTF-8). */
  add(text: string): void {
    if (text.length * 3 > this.buf.length - this.pos) {
      this.rotate();
      if (text.length * 3 > this.buf.length) {
        this.pending.push(this.enc.encode(text));
        return;
      }
    }
    this.pos += this.enc.encodeInto(text, this.buf.subarray(this.pos)).written;
  }

  /** Writes every buffered byte. */
  async flush(): Promise<void> {
    this.rotate();
    for (const chunk of this.pending.splice(0)) {
      await this.writer.ready;
      await this.writer.write(chunk);
    }
  }

  private rotate(): void {
    if (this.pos === 0) return;
    this.pending.push(this.buf.subarray(0, this.pos));
    this.buf = new Uint8Array(BUFFER_BYTES);
    this.pos = 0;
  }
}

/**
 * Streams text produced by `produce` to a per-process temporary next to `path` (gzip when
 * `path` ends with `.gz`), then renames it to `path`; on error (or interrupt) the temporary
 * file is removed and the error rethrown.
 * `produce` should `await sink.flush()` whenever `sink.full`; the rest is flushed at the end.
 *
 * @example
 * ```ts
 * import { writeAtomic } from "./_format.ts";
 * const path = await Deno.makeTempFile();
 * await writeAtomic(path, async (sink) => {
 *   sink.add("a\n");
 *   if (sink.full) await sink.flush();
 *   sink.add("b\n");
 * });
 * if (await Deno.readTextFile(path) !== "a\nb\n") throw new Error("content");
 * await Deno.remove(path);
 * ```
 */
export async function writeAtomic(
  path: string,
  produce: (sink: TextSink) => Promise<void>,
): Promise<void> {
  const tmp = new Temp(path);
  const file = await Deno.open(tmp.path, { write: true, createNew: true });
  let piped: Promise<void> | null = null;
  let writer: ByteWriter;
  if (path.endsWith(".gz")) {
    const gz = new CompressionStream("gzip");
    piped = gz.readable.pipeTo(file.writable);
    writer = gz.writable.getWriter();
  } else {
    writer = file.writable.getWriter();
  }
  try {
    const sink = new TextSink(writer);
    await produce(sink);
    await sink.flush();
    await writer.close();
    if (piped) await piped;
  } catch (e) {
    await writer.abort(e).catch(() => {});
    if (piped) await piped.catch(() => {});
    await tmp.discard();
    throw e;
  }
  await tmp.moveTo();
}
