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
  readonly location: ErrorLocation;
  readonly detail: string;
  constructor(detail: string, location: ErrorLocation = {}) {
    super(formatLocated(detail, location));
    this.name = "AbreplayError";
    this.detail = detail;
    this.location = location;
  }
}

/** Bad or missing input data. */
export class DataError extends AbreplayError {
  override name = "DataError";
}

/** Invalid scenario file or option. */
export class ScenarioError extends AbreplayError {
  override name = "ScenarioError";
}

/** Bad command-line usage. */
export class UsageError extends AbreplayError {
  override name = "UsageError";
}

/** Several errors reported at once (e.g. every scenario validation problem). */
export class MultiError extends AbreplayError {
  readonly errors: AbreplayError[];
  constructor(summary: string, errors: AbreplayError[]) {
    super(`${summary}\n${errors.map((e) => `  - ${e.message}`).join("\n")}`);
    this.name = "MultiError";
    this.errors = errors;
  }
}

function formatLocated(detail: string, loc: ErrorLocation): string {
  let where = "";
  if (loc.file) where = loc.line ? `${loc.file}:${loc.line}` : loc.file;
  if (loc.path) where = where ? `${where} at ${loc.path}` : loc.path;
  const head = where ? `${where}: ${detail}` : detail;
  return loc.hint ? `${head}. Fix: ${loc.hint}` : head;
}
