/**
 * Typed, located errors. Thrown deep, caught once in the CLI
 * (`src/cli/main.ts`), printed as one paragraph, exit code 2.
 *
 * @example
 * ```ts
 * import { DataError } from "./errors.ts";
 * const e = new DataError("malformed JSON", { file: "a.json", line: 12, hint: "fix or set data.badRows to \"skip\"" });
 * if (!e.message.includes("a.json:12")) throw new Error(e.message);
 * ```
 * @module
 */

/** Where an error was found and how to fix it. */
export interface ErrorLocation {
  /** File the error is about. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** JSON path inside a scenario, e.g. `control.type`. */
  path?: string;
  /** What the user can do about it. */
  hint?: string;
}

/** Base of every error abreplay reports to users (exit code 2). */
export class AbreplayError extends Error {
  /** Where the problem is (file, line, JSON path) and what to do about it. */
  readonly location: ErrorLocation;
  /** What went wrong, without the location (the message adds it). */
  readonly detail: string;
  /** An error: what went wrong (`detail`) and where (`location`). */
  constructor(detail: string, location: ErrorLocation = {}) {
    super(formatLocated(detail, location));
    this.name = "AbreplayError";
    this.detail = detail;
    this.location = location;
  }
}

/** Bad or missing input data. */
export class DataError extends AbreplayError {
  /** The class name, in messages and JSON records. */
  override name = "DataError";
}

/** Invalid scenario file or option. */
export class ScenarioError extends AbreplayError {
  /** The class name, in messages and JSON records. */
  override name = "ScenarioError";
}

/** Bad command-line usage. */
export class UsageError extends AbreplayError {
  /** The class name, in messages and JSON records. */
  override name = "UsageError";
}

/** An output folder, output file or cache that abreplay may not or cannot write. */
export class OutputError extends AbreplayError {
  /** The class name, in messages and JSON records. */
  override name = "OutputError";
}

/** Several errors reported at once (e.g. every scenario validation problem). */
export class MultiError extends AbreplayError {
  /** Each problem, in the order reported. */
  readonly errors: AbreplayError[];
  /** Several problems under one summary line (the message lists them all). */
  constructor(summary: string, errors: AbreplayError[]) {
    super(`${summary}\n${errors.map((e) => `  - ${e.message}`).join("\n")}`);
    this.name = "MultiError";
    this.errors = errors;
  }
}

/** An error as one JSON-able record (what `--json` prints). */
export interface ErrorRecord {
  /** Exit code of the command. */
  code: number;
  /** Error class, e.g. "DataError"; "InternalError" for a bug. */
  error: string;
  /** What went wrong, without the location. */
  message: string;
  /** File of the problem, or null. */
  file: string | null;
  /** Line in that file (1-based), or null. */
  line: number | null;
  /** JSON path inside a scenario, or null. */
  path: string | null;
  /** What the user can do about it, or null. */
  hint: string | null;
  /** Each problem, when several were found at once. */
  errors?: Omit<ErrorRecord, "code" | "errors">[];
}

/**
 * The record of an error reported with exit code `code`; anything that is not
 * an {@linkcode AbreplayError} is an internal error.
 *
 * @example
 * ```ts
 * import { DataError, errorRecord } from "./errors.ts";
 * const r = errorRecord(new DataError("malformed JSON", { file: "a.json", line: 3 }), 2);
 * if (r.file !== "a.json" || r.line !== 3 || r.path !== null || r.message !== "malformed JSON") {
 *   throw new Error(JSON.stringify(r));
 * }
 * ```
 */
export function errorRecord(e: unknown, code: number): ErrorRecord {
  const one = (x: AbreplayError) => ({
    error: x.name,
    message: x.detail,
    file: x.location.file ?? null,
    line: x.location.line ?? null,
    path: x.location.path ?? null,
    hint: x.location.hint ?? null,
  });
  if (e instanceof MultiError) {
    const errors = e.errors.map(one);
    const files = new Set(errors.map((x) => x.file));
    const file = files.size === 1 ? [...files][0] : null;
    return { code, ...one(e), message: e.detail.split("\n")[0], file, errors };
  }
  if (e instanceof AbreplayError) return { code, ...one(e) };
  return {
    code,
    error: "InternalError",
    message: e instanceof Error ? e.message : String(e),
    file: null,
    line: null,
    path: null,
    hint: "this is a bug in abreplay: please report it with the command and its stderr",
  };
}

function formatLocated(detail: string, loc: ErrorLocation): string {
  let where = "";
  if (loc.file) where = loc.line ? `${loc.file}:${loc.line}` : loc.file;
  if (loc.path) where = where ? `${where} at ${loc.path}` : loc.path;
  const head = where ? `${where}: ${detail}` : detail;
  return loc.hint ? `${head}. Fix: ${loc.hint}` : head;
}
