/**
 * Scenario text → plain value, for JSON and YAML (chosen by the file
 * extension). Syntax errors are {@linkcode ScenarioError}s naming the file,
 * line (and column); the result maps every JSON path to its line, so later
 * validation problems can point into the file too.
 *
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ScenarioError } from "../errors.ts";
import { scanJson } from "./_json_scan.ts";
import { joinPath } from "./_path.ts";
import type { Problem } from "./schema_dsl.ts";

/** A parsed scenario text. */
export interface ParsedText {
  /** The plain value (not validated yet). */
  value: unknown;
  /** Line of each JSON path (`""` = the root), where known. */
  lines: Map<string, number>;
  /** Problems found while parsing that are not syntax errors (e.g. duplicate JSON keys). */
  problems: Problem[];
}

/**
 * True when `file` names a YAML scenario (`.yaml` / `.yml`); anything else is read as JSON.
 *
 * @example
 * ```ts
 * import { isYamlFile } from "./parse.ts";
 * if (!isYamlFile("a/b.YML") || isYamlFile("b.json")) throw new Error();
 * ```
 */
export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/**
 * Parses scenario text as YAML or JSON by `file`'s extension. Throws a
 * located {@linkcode ScenarioError} on an empty file or a syntax error.
 *
 * @example
 * ```ts
 * import { parseText } from "./parse.ts";
 * const p = parseText('{\n  "name": "x",\n  "eval": { "k": 5 }\n}', "s.json");
 * if (p.lines.get("eval.k") !== 3) throw new Error("line of eval.k");
 * try {
 *   parseText('{\n  "name": "x"\n  "seed": 1\n}', "s.json");
 *   throw new Error("no error");
 * } catch (e) {
 *   if (!(e as Error).message.startsWith("s.json:3: invalid JSON at column 3")) throw e;
 * }
 * ```
 */
export function parseText(text: string, file: string): ParsedText {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    throw new ScenarioError("the scenario file is empty", {
      file,
      hint: "start from scenarios/demo.json",
    });
  }
  return isYamlFile(file) ? parseYaml(text, file) : parseJson(text, file);
}

function parseJson(text: string, file: string): ParsedText {
  const scan = scanJson(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const where = scan.error ?? v8Position(text, (e as Error).message);
    const message = scan.error?.message ?? (e as Error).message;
    throw new ScenarioError(`invalid JSON${where ? ` at column ${where.col}` : ""}: ${message}`, {
      file,
      line: where?.line,
      hint: "correct the JSON at that spot (or write the scenario as .yaml)",
    });
  }
  const problems = scan.duplicates.map(({ path, line }) => ({
    path,
    line,
    message: "this key is given twice in the same object; JSON keeps only the last one",
    hint: "remove one of them",
  }));
  return { value, lines: scan.lines, problems };
}

/** Fallback when the scanner did not locate a JSON.parse error (it should always). */
function v8Position(text: string, msg: string): { line: number; col: number } | undefined {
  const m = /position (\d+)/.exec(msg);
  if (!m) return undefined;
  const before = text.slice(0, Number(m[1])).split("\n");
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function parseYaml(text: string, file: string): ParsedText {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? lc.linePos(err.pos[0]);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more after it)` : "";
    throw new ScenarioError(`invalid YAML at column ${pos.col}: ${firstLine(err.message)}${more}`, {
      file,
      line: pos.line,
      hint:
        "correct the YAML at or just before that spot (indent with spaces; quote text containing ': ' or ' #')",
    });
  }
  const lines = new Map<string, number>();
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const p = joinPath(path, k);
        const at = (pair.key as Node | null)?.range?.[0];
        if (at !== undefined) lines.set(p, lc.linePos(at).line);
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((it, i) => {
        const at = (it as Node | null)?.range?.[0];
        if (at !== undefined) lines.set(joinPath(path, i), lc.linePos(at).line);
        walk(it, joinPath(path, i));
      });
    }
  };
  const root = doc.contents as Node | null;
  lines.set("", root?.range ? lc.linePos(root.range[0]).line : 1);
  walk(root, "");
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ScenarioError(`invalid YAML: ${(e as Error).message}`, {
      file,
      hint: "fix the YAML (aliases, tags)",
    });
  }
  if (value === null || value === undefined) {
    throw new ScenarioError("the scenario file has no content (only comments?)", {
      file,
      hint: "start from scenarios/demo.json",
    });
  }
  return { value, lines, problems: [] };
}

function firstLine(s: string): string {
  return s.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
