/**
 * JSON paths as shown in error messages: `control.params.windowDays`,
 * `mode.weights[2]`, `data.columns["user id"]`. One function, shared by the
 * validator and the parsers that map paths to line numbers.
 *
 * @module
 */

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Appends an object key or an array index to a JSON path ("" is the root). */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (!IDENT.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** The parent of a JSON path ("" for a top-level key, undefined for the root). */
export function parentPath(path: string): string | undefined {
  if (path === "") return undefined;
  const m = /^(.*?)(?:\.[A-Za-z_$][\w$]*|\[[^\]]*\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m ? m[1] : "";
}

/** 1-based line and column of UTF-16 offsets in `text`. */
export class LineIndex {
  readonly #starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }
  /** Line and column (both 1-based) of `offset`. */
  at(offset: number): { line: number; col: number } {
    let lo = 0, hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.#starts[lo] + 1 };
  }
}
