/**
 * A strict JSON scanner (RFC 8259) that does not build values: it finds the
 * first syntax error with its offset and a plain message, the line of every
 * JSON path, and duplicate keys (which `JSON.parse` silently resolves to the
 * last one). Values still come from `JSON.parse`; this only locates things.
 *
 * @module
 */
import { joinPath, LineIndex } from "./_path.ts";

/** What a scan found. */
export interface JsonScan {
  /** First syntax error, if any. */
  error?: { line: number; col: number; message: string };
  /** Line of every JSON path seen (keys: the line of the key). */
  lines: Map<string, number>;
  /** Keys given twice in one object. */
  duplicates: { path: string; line: number }[];
}

class Fail {
  constructor(readonly message: string, readonly at: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_][\w.-]*/y;
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Scans `text` (the BOM, if any, already removed). */
export function scanJson(text: string): JsonScan {
  const s = new Scanner(text);
  try {
    s.value("");
    s.ws();
    if (s.i < text.length) s.fail("unexpected text after the end of the JSON document");
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const { line, col } = s.index.at(e.at);
    return { error: { line, col, message: e.message }, lines: s.lines, duplicates: s.duplicates };
  }
  return { lines: s.lines, duplicates: s.duplicates };
}

function describe(c: string | undefined): string {
  if (c === undefined) return "the end of the file";
  if (c === "\n" || c === "\r") return "a line break";
  return c === "'" ? `"'"` : `'${c}'`;
}

class Scanner {
  i = 0;
  readonly lines = new Map<string, number>();
  readonly duplicates: { path: string; line: number }[] = [];
  readonly index: LineIndex;
  constructor(readonly t: string) {
    this.index = new LineIndex(t);
  }

  fail(message: string, at = this.i): never {
    throw new Fail(message, at);
  }

  ws(): void {
    const t = this.t;
    while (
      this.i < t.length &&
      (t[this.i] === " " || t[this.i] === "\t" || t[this.i] === "\n" || t[this.i] === "\r")
    ) this.i++;
  }

  #mark(path: string, at: number): void {
    if (!this.lines.has(path)) this.lines.set(path, this.index.at(at).line);
  }

  value(path: string): void {
    this.ws();
    this.#mark(path, this.i);
    const c = this.t[this.i];
    if (c === "{") return this.#object(path);
    if (c === "[") return this.#array(path);
    if (c === '"') return void this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.#number();
    WORD.lastIndex = this.i;
    const w = WORD.exec(this.t)?.[0];
    if (w === "true" || w === "false" || w === "null") return void (this.i += w.length);
    if (w) {
      this.fail(
        `unexpected word "${w}" where a value belongs (text values need double quotes: "${w}")`,
      );
    }
    if (c === "'") this.fail("text values and keys need double quotes, not single quotes");
    if (c === "/") {
      this.fail("comments are not allowed in JSON (a .yaml scenario may have comments)");
    }
    this.fail(`expected a value, found ${describe(c)}`);
  }

  #number(): void {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.t);
    if (!m) this.fail("malformed number");
    this.i += m[0].length;
  }

  /** Scans a string at `i` (a '"'), returns its value. */
  string(): string {
    const t = this.t, start = this.i;
    this.i++;
    while (true) {
      const c = t[this.i];
      if (c === undefined) this.fail("unterminated string (no closing '\"')", start);
      if (c === '"') break;
      if (c === "\n" || c === "\r") {
        this.fail("unterminated string (a line break inside a string; write it as \\n)", start);
      }
      if (c < " ") this.fail("control character inside a string");
      if (c === "\\") {
        const e = t[this.i + 1];
        if (e === "u") {
          if (!HEX4.test(t.slice(this.i + 2, this.i + 6))) {
            this.fail("bad \\u escape: expected 4 hex digits");
          }
          this.i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.fail(`bad escape "\\${e ?? ""}" (a backslash in a path is written "\\\\")`);
        }
        this.i++;
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(t.slice(start, this.i));
  }

  #object(path: string): void {
    const seen = new Set<string>();
    this.i++;
    this.ws();
    if (this.t[this.i] === "}") return void this.i++;
    // `comma` is the offset of the last ',' (to point at a trailing one); the update step consumes it.
    for (let comma = -1;; comma = this.i++) {
      this.ws();
      const c = this.t[this.i];
      if (c !== '"') {
        if (c === "}") this.fail("trailing comma before '}'", comma);
        if (c === "'") this.fail("keys need double quotes, not single quotes");
        this.fail(`expected a key in double quotes, found ${describe(c)}`);
      }
      const at = this.i;
      const key = this.string();
      const p = joinPath(path, key);
      if (seen.has(key)) this.duplicates.push({ path: p, line: this.index.at(at).line });
      seen.add(key);
      this.#mark(p, at);
      this.ws();
      if (this.t[this.i] !== ":") {
        this.fail(`expected ':' after the key "${key}", found ${describe(this.t[this.i])}`);
      }
      this.i++;
      this.value(p);
      this.ws();
      const d = this.t[this.i];
      if (d === "}") return void this.i++;
      if (d !== ",") {
        this.fail(
          `expected ',' or '}' after the value of "${key}", found ${
            describe(d)
          } (a missing comma?)`,
        );
      }
    }
  }

  #array(path: string): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === "]") return void this.i++;
    // As in #object: `comma` remembers the ',' the update step consumes.
    for (let n = 0, comma = -1;; n++, comma = this.i++) {
      this.ws();
      if (this.t[this.i] === "]") this.fail("trailing comma before ']'", comma);
      this.value(joinPath(path, n));
      this.ws();
      const d = this.t[this.i];
      if (d === "]") return void this.i++;
      if (d !== ",") {
        this.fail(
          `expected ',' or ']' after an array item, found ${describe(d)} (a missing comma?)`,
        );
      }
    }
  }
}
