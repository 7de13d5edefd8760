/**
 * Whole-file checks the row readers cannot make: a corrupt or truncated
 * compressed stream, a file cut in the middle of its last line, and text that
 * is not UTF-8. Each is an error whatever `data.badRows` says: a damaged file
 * is not a bad row, and skipping "bad rows" of a cut file silently drops the
 * rest of it.
 *
 * Compressed files (`.gz`) are decompressed to the end (gzip's checksum and
 * length are verified); plain files are read at their first and last few
 * kilobytes only. Parquet files are checked by the reader itself.
 *
 * @module
 */
import { DataError } from "../errors.ts";
import type { DataFormat } from "./source.ts";

const HEAD_BYTES = 4096;
const TAIL_BYTES = 1 << 16;

/** What was seen of a file's text: its first bytes and its last bytes. */
interface Ends {
  head: Uint8Array;
  tail: Uint8Array;
}

/**
 * Throws a located {@linkcode DataError} when the file at `path` (read as
 * `format`) is damaged: corrupt or truncated compression, a last line cut
 * short (no final newline, and not valid JSON / fewer CSV fields than the
 * header or an open quote), or UTF-16 / binary
 * text. Returns the file's first bytes (decompressed; empty for Parquet).
 *
 * @example
 * ```ts
 * import { checkIntegrity } from "./integrity.ts";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"user_id": "u"}\n{"user_id": "v"}\n');
 * await checkIntegrity(path, "goodreads-json"); // intact
 * await Deno.writeTextFile(path, '{"user_id": "u"}\n{"user_id": "v');
 * const e = await checkIntegrity(path, "goodreads-json").catch((e) => e);
 * if (!/truncated/.test(e.message)) throw new Error(String(e));
 * ```
 */
export async function checkIntegrity(
  path: string,
  format: DataFormat | undefined,
): Promise<Uint8Array> {
  if (format === "parquet" || /\.zst$/i.test(path)) return new Uint8Array(0);
  const ends = /\.gz$/i.test(path) ? await gunzipEnds(path) : await plainEnds(path);
  checkEncoding(path, ends.head);
  checkLastLine(path, format, ends);
  return ends.head;
}

async function plainEnds(path: string): Promise<Ends> {
  using file = await Deno.open(path, { read: true });
  const size = (await file.stat()).size;
  const read = async (at: number, n: number) => {
    const buf = new Uint8Array(Math.min(n, size - at));
    await file.seek(at, Deno.SeekMode.Start);
    let got = 0;
    while (got < buf.length) {
      const k = await file.read(buf.subarray(got));
      if (k === null) break;
      got += k;
    }
    return buf.subarray(0, got);
  };
  return {
    head: await read(0, HEAD_BYTES),
    tail: await read(Math.max(0, size - TAIL_BYTES), TAIL_BYTES),
  };
}

/** Decompresses the whole gzip file, keeping its first and last bytes; corrupt → DataError. */
async function gunzipEnds(path: string): Promise<Ends> {
  const file = await Deno.open(path, { read: true });
  let head: Uint8Array = new Uint8Array(0);
  let tail: Uint8Array = new Uint8Array(0);
  try {
    const stream = file.readable.pipeThrough(new DecompressionStream("gzip"));
    for await (const chunk of stream) {
      if (head.length < HEAD_BYTES) {
        head = concat(head, chunk.subarray(0, HEAD_BYTES - head.length));
      }
      tail = chunk.length >= TAIL_BYTES
        ? chunk.slice(chunk.length - TAIL_BYTES)
        : concat(tail.subarray(Math.max(0, tail.length + chunk.length - TAIL_BYTES)), chunk);
    }
  } catch (e) {
    throw new DataError(
      `the compressed file is corrupt or truncated (${(e as Error).message.split("\n")[0]})`,
      {
        file: path,
        hint: "download or compress the file again (gzip -t checks it); a damaged file is not " +
          'a bad row, so data.badRows: "skip" does not apply',
      },
    );
  }
  return { head, tail };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function checkEncoding(path: string, head: Uint8Array): void {
  const utf16Bom = head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  if (utf16Bom || (head.length >= 16 && nul > head.length / 4)) {
    throw new DataError(
      `the file is not UTF-8 text (${
        utf16Bom
          ? "it starts with a UTF-16 byte-order mark"
          : "it is mostly NUL bytes, e.g. UTF-16 or binary"
      })`,
      { file: path, hint: "save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)" },
    );
  }
}

function checkLastLine(path: string, format: DataFormat | undefined, ends: Ends): void {
  const { tail } = ends;
  if (tail.length === 0 || tail[tail.length - 1] === 0x0a || tail[tail.length - 1] === 0x0d) return;
  const nl = tail.lastIndexOf(0x0a);
  if (nl < 0 && tail.length === TAIL_BYTES) return; // a last line longer than we read: cannot tell
  const last = new TextDecoder().decode(tail.subarray(nl + 1)).trim();
  if (last === "") return;
  const cut = format === "csv" ? csvLineCut(last, headerLine(ends.head)) : !isJson(last);
  if (!cut) return;
  throw new DataError("the file is truncated: its last line is cut short (no final newline)", {
    file: path,
    hint: "copy or download the file again; a cut file is not a bad row, so " +
      'data.badRows: "skip" does not apply (if the last line is really complete, end it with a newline)',
  });
}

/** A complete JSON value (a malformed row perhaps, but not one cut short: no prefix of an object is one). */
function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function headerLine(head: Uint8Array): string {
  const text = new TextDecoder().decode(head);
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** A CSV line is cut when it has fewer fields than the header or an open quote. */
function csvLineCut(line: string, header: string): boolean {
  const delim = [",", "\t", ";", "|"].reduce((best, d) =>
    header.split(d).length > header.split(best).length ? d : best
  );
  let fields = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delim && !quoted) fields++;
  }
  return quoted || fields < header.split(delim).length;
}
