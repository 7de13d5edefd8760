/**
 * The database reader's complaints about a data file, as located errors: the
 * file, the line when the reader names one, what went wrong in one sentence,
 * and a fix. Errors the data cannot cause (a bug in abreplay's own SQL) stay
 * what they are, and reach the CLI as internal errors (exit 4).
 *
 * @module
 */
import { AbreplayError, DataError } from "../errors.ts";

/**
 * DuckDB error classes that a data file can cause (wrong format, encoding,
 * line endings, values out of range, unreadable or damaged file; "Invalid"
 * is what a damaged Parquet footer raises, "Binder" what columns the
 * sniffer read differently on two scans raise). The wrapper is applied to
 * the reading of a user's file only, so a bug in abreplay's SQL still fails
 * on every file, good ones included, and is caught by the tests.
 */
const DATA_CAUSED =
  /^(Invalid Input|Invalid|IO|Conversion|Out of Range|Not implemented|Serialization|Binder) Error: /;

/**
 * `e` as a {@linkcode DataError} about `file` when the reader raised it because
 * of the file's content; otherwise `e` unchanged. Already located errors pass
 * through. `head`, the file's first bytes (decompressed), sharpens the hint.
 *
 * @example
 * ```ts
 * import { readerError } from "./reader_error.ts";
 * const e = readerError(
 *   new Error('Invalid Input Error: CSV Error on Line: 12\nOriginal Line: a,b\nExpected Number of Columns: 5'),
 *   "data.csv",
 * ) as Error;
 * if (!e.message.startsWith("data.csv:12: the file cannot be read as CSV")) throw new Error(e.message);
 * const bug = new Error("Catalog Error: Table with name raw_rows does not exist!");
 * if (readerError(bug, "data.csv") !== bug) throw new Error("a bug stays a bug");
 * ```
 */
export function readerError(e: unknown, file: string, head?: Uint8Array): unknown {
  if (e instanceof AbreplayError || !(e instanceof Error)) return e;
  const m = DATA_CAUSED.exec(e.message);
  if (!m) return e;
  const text = e.message.slice(m[0].length);
  const line = /\b[Ll]ine:? (\d+)/.exec(text)?.[1];
  const what = kindOf(file);
  return new DataError(`the file cannot be read as ${what}: ${firstSentence(text)}`, {
    file,
    line: line ? Number(line) : undefined,
    hint: hintFor(text, what, head),
  });
}

function kindOf(file: string): string {
  const p = file.toLowerCase().replace(/\.(gz|zst)$/, "");
  if (p.endsWith(".parquet")) return "Parquet";
  if (/\.(json|jsonl|ndjson)$/.test(p)) return "JSON lines";
  return "CSV";
}

/** The first line of the reader's message, without repeating the file path, at most ~200 characters. */
function firstSentence(text: string): string {
  if (/when sniffing/i.test(text)) {
    return "its CSV dialect (delimiter, quoting, line endings) could not be detected";
  }
  const first =
    text.split("\n").map((l) => l.trim()).find((l) => l !== "" && !/^CSV Error on Line/.test(l)) ??
      text.split("\n")[0];
  const s = first.replace(/\s*\(?file ["'][^"']*["']\)?/gi, "").replace(/\.$/, "");
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function hintFor(text: string, what: string, head?: Uint8Array): string {
  const start = head ? new TextDecoder().decode(head) : "";
  if (/\r\r\n|\n\r/.test(start)) {
    return "the line endings are odd (\\r\\r\\n or \\n\\r): convert them to \\n (e.g. tr -d '\\r')";
  }
  if (/unicode|utf-?8|encoding/i.test(text)) return "save the file as UTF-8 text";
  if (/maximum line size|line size/i.test(text)) {
    return "a line is longer than the reader's limit (2 MB): split or shorten it";
  }
  if (what === "Parquet") {
    return "the file is not a complete Parquet file (truncated or damaged?): export it again";
  }
  if (/sniff|dialect/i.test(text)) {
    return "the CSV dialect could not be detected: check the delimiter, quoting and line " +
      "endings (\\n), a header row, UTF-8 text; or set data.format";
  }
  if (/gzip|zstd|compress|decompress/i.test(text)) {
    return "the compressed file is damaged: download or compress it again";
  }
  return what === "CSV"
    ? "check that it is UTF-8 CSV with a header row and one record per line (\\n endings)"
    : "each line must be one JSON object, UTF-8, \\n line endings";
}
