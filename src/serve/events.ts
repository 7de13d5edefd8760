/**
 * Impression and click events: their schema (the scenario's schema language,
 * so the same validator names every problem with its JSON path) and the
 * NDJSON log they are appended to.
 *
 * **Crash safety.** The log is opened with `O_APPEND` and each event is one
 * line written by one `write(2)` call, acknowledged only after that call
 * returned: a killed server (even SIGKILL) leaves whole lines only, and every
 * acknowledged event is in the file (in the page cache; `close` syncs it to
 * disk). Concurrent writers — requests, or two servers on one file — never
 * interleave inside a line, because `O_APPEND` writes to a regular file are
 * atomic with respect to each other. A log that ends in a partial line (a
 * power cut during a write) is refused at start instead of being appended to.
 *
 * @module
 */
import { dirname } from "node:path";
import { type Schema, toJsonSchema } from "../scenario/mod.ts";
import { DataError } from "../errors.ts";

/** Event types, each posted to `POST /v1/events/<type>`. */
export type EventType = "impression" | "click";

const id = (doc: string): Schema => ({
  kind: "string",
  doc,
  pattern: "^[\\s\\S]{1,256}$",
  patternDoc: "a non-empty id of at most 256 characters",
});
const common: Record<string, Schema> = {
  user_id: id("User the books were shown to."),
  request_id: id("`request_id` of the recommendation response the event belongs to."),
  ts: {
    kind: "number",
    doc:
      "When it happened on the client, seconds since the Unix epoch (the server adds received_at).",
    exclusiveMin: 0,
  },
};

/**
 * The schema of each event type's request body.
 *
 * @example
 * ```ts
 * import { EVENT_SCHEMAS } from "./events.ts";
 * import { type Problem, validate } from "../scenario/mod.ts";
 * const out: Problem[] = [];
 * validate(EVENT_SCHEMAS.click, { user_id: "u1", item_id: "b2", position: 3 }, "", out);
 * if (out.length !== 0) throw new Error();
 * validate(EVENT_SCHEMAS.click, { user_id: "u1", position: 0 }, "", out);
 * if (out.map((p) => p.path).join() !== "item_id,position") throw new Error(JSON.stringify(out));
 * ```
 */
export const EVENT_SCHEMAS: Record<EventType, Schema> = {
  impression: {
    kind: "object",
    doc: "Books shown to a user, in display order.",
    required: ["user_id", "item_ids"],
    props: {
      ...common,
      item_ids: {
        kind: "array",
        doc: "Shown books, first shown first",
        items: id("A shown book."),
        minItems: 1,
        maxItems: 1000,
      },
    },
  },
  click: {
    kind: "object",
    doc: "A user opened one recommended book.",
    required: ["user_id", "item_id"],
    props: {
      ...common,
      item_id: id("The clicked book."),
      position: {
        kind: "number",
        doc: "1-based rank of the clicked book in the list.",
        integer: true,
        min: 1,
      },
    },
  },
};

/** JSON Schemas (draft 2020-12) of every event type, for clients. */
export function eventJsonSchemas(): Record<EventType, Record<string, unknown>> {
  return {
    impression: toJsonSchema(EVENT_SCHEMAS.impression),
    click: toJsonSchema(EVENT_SCHEMAS.click),
  };
}

/** An append-only NDJSON file of events, one `write(2)` per line. */
export class EventLog {
  readonly path: string;
  #file: Deno.FsFile | null;
  readonly #enc = new TextEncoder();

  private constructor(path: string, file: Deno.FsFile) {
    this.path = path;
    this.#file = file;
  }

  /**
   * Opens (creating it and its folder if needed) the log at `path` for
   * appending. A file that does not end with a newline is refused with a
   * {@linkcode DataError} naming the offset of its partial last line.
   *
   * @example
   * ```ts
   * import { EventLog } from "./events.ts";
   * const path = `${await Deno.makeTempDir()}/events.ndjson`;
   * const log = await EventLog.open(path);
   * log.append({ type: "click", user_id: "u1" });
   * log.close();
   * if (await Deno.readTextFile(path) !== '{"type":"click","user_id":"u1"}\n') throw new Error();
   * ```
   */
  static async open(path: string): Promise<EventLog> {
    await Deno.mkdir(dirname(path), { recursive: true });
    const file = await Deno.open(path, { append: true, create: true, read: true });
    try {
      const size = (await file.stat()).size;
      const tail = await readTail(file, size, 64 * 1024);
      if (size > 0 && tail[tail.length - 1] !== 0x0a) {
        const nl = tail.lastIndexOf(0x0a);
        const cut = nl >= 0 ? size - tail.length + nl + 1 : tail.length === size ? 0 : null;
        const where = cut === null ? "" : ` (from byte ${cut})`;
        throw new DataError(`the event log ends in a partial line${where}`, {
          file: path,
          hint: `keep its whole lines${
            cut === null ? "" : ` (truncate it to ${cut} bytes)`
          } or give --events another file`,
        });
      }
    } catch (e) {
      file.close();
      throw e;
    }
    return new EventLog(path, file);
  }

  /** Appends `event` as one JSON line, in one write (see the module doc). */
  append(event: Record<string, unknown>): void {
    if (!this.#file) throw new Error(`event log ${this.path} is closed`);
    const line = this.#enc.encode(JSON.stringify(event) + "\n");
    let done = this.#file.writeSync(line);
    // A short write to a regular file happens only when the disk is full; finish the line.
    while (done < line.length) done += this.#file.writeSync(line.subarray(done));
  }

  /** Syncs the log to disk and closes it (idempotent). */
  close(): void {
    if (!this.#file) return;
    try {
      this.#file.syncDataSync();
    } finally {
      this.#file.close();
      this.#file = null;
    }
  }
}

/** The last `max` bytes (or fewer) of a file of `size` bytes. */
async function readTail(file: Deno.FsFile, size: number, max: number): Promise<Uint8Array> {
  const tail = new Uint8Array(Math.min(size, max));
  await file.seek(size - tail.length, Deno.SeekMode.Start);
  for (let got = 0; got < tail.length;) {
    const n = await file.read(tail.subarray(got));
    if (n === null) break;
    got += n;
  }
  return tail;
}
