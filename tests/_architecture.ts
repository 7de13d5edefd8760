/**
 * The dependency rules of `src/`, checked on import statements: which
 * folders may import which, that other folders are reached through their
 * `mod.ts`, that `_` files stay private to their folder, and that folders do
 * not import each other in a cycle. Used by `tests/architecture_test.ts`.
 *
 * Imports are read from code lines (JSDoc examples, which start with `*`,
 * and comments are skipped): `import … from "…"`, `export … from "…"`,
 * `import "…"`, `import("…")` and `new URL("…", import.meta.url)` (worker
 * and task modules). Only relative specifiers count: npm and node modules
 * are no folder of ours.
 */
import { dirname, join, normalize, relative } from "node:path";

/** A rule a folder breaks by importing another. */
export interface FolderRule {
  /** The importing folder. */
  from: string;
  /** Folders it must not import. */
  not: string[];
  /** Why, for the message. */
  why: string;
}

/** The layering of abreplay: dependencies point down. */
export const FOLDER_RULES: readonly FolderRule[] = [
  {
    from: "metrics",
    not: ["data", "engine", "recommenders", "replay", "files"],
    why: "metrics are pure functions over typed arrays",
  },
  {
    from: "stats",
    not: ["data", "engine", "recommenders", "replay", "files"],
    why: "statistics know no storage and no models",
  },
  {
    from: "recommenders",
    not: ["replay", "metrics", "stats", "compare", "gate", "report", "pipeline"],
    why: "a model does not know how it is evaluated",
  },
  {
    from: "report",
    not: ["data", "engine", "recommenders"],
    why: "the report renders results only",
  },
  {
    from: "cli",
    not: ["gate", "report", "compare"],
    why: "the CLI parses arguments and calls the pipeline, which compares, gates and reports",
  },
];

/** One import: the importing file and the file it names (paths relative to the tree's root). */
export interface Edge {
  file: string;
  target: string;
  line: number;
}

/** A broken rule: where, and what. */
export interface Violation {
  file: string;
  line: number;
  message: string;
}

const SPECIFIER = [
  /\bfrom\s*["'](\.[^"']*)["']/g,
  /\bimport\s*["'](\.[^"']*)["']/g,
  /\bimport\(\s*["'](\.[^"']*)["']\s*\)/g,
  /\bnew URL\(\s*["'](\.[^"']*)["']\s*,\s*import\.meta\.url/g,
];

/**
 * The relative imports of `source` (file `file`, a path like
 * `src/cli/main.ts`), resolved to paths of the same form.
 */
export function importsOf(file: string, source: string): Edge[] {
  const out: Edge[] = [];
  let inBlock = false;
  source.split("\n").forEach((text, i) => {
    let code = text;
    if (inBlock) {
      const end = code.indexOf("*/");
      if (end < 0) return;
      code = code.slice(end + 2);
      inBlock = false;
    }
    const trimmed = code.trimStart();
    if (trimmed.startsWith("//") || trimmed.startsWith("*")) return;
    const open = code.indexOf("/*");
    if (open >= 0 && !code.slice(0, open).includes('"') && !code.slice(0, open).includes("'")) {
      if (code.indexOf("*/", open + 2) < 0) inBlock = true;
      code = code.slice(0, open);
    }
    for (const re of SPECIFIER) {
      for (const m of code.matchAll(re)) {
        out.push({ file, target: normalize(join(dirname(file), m[1])), line: i + 1 });
      }
    }
  });
  return out;
}

/**
 * The folder of a path: its first segment under `src/`, or "" for a file
 * directly in `src/` or outside it (the root `mod.ts`).
 */
export function folderOf(path: string): string {
  if (!path.startsWith("src/")) return "";
  const parts = relative("src", path).split("/");
  return parts.length > 1 ? parts[0] : "";
}

/** True for a `_` file (private to its folder). */
const isPrivate = (path: string) => path.split("/").pop()!.startsWith("_");

/**
 * Every rule `files` (path under `src/` → source) breaks; the folder rules
 * default to {@linkcode FOLDER_RULES}.
 */
export function checkArchitecture(
  files: Map<string, string>,
  rules: readonly FolderRule[] = FOLDER_RULES,
): Violation[] {
  const violations: Violation[] = [];
  const edges = [...files].flatMap(([file, source]) => importsOf(file, source));
  const folderEdges = new Map<string, Map<string, Edge>>();
  for (const e of edges) {
    const at = { file: e.file, line: e.line };
    if (!e.target.startsWith("src/")) continue; // deno.json and the like
    const from = folderOf(e.file), to = folderOf(e.target);
    if (isPrivate(e.target) && dirname(e.target) !== dirname(e.file)) {
      violations.push({ ...at, message: `imports ${e.target}, private to its folder` });
    }
    if (isPrivate(e.target) && (e.file === "mod.ts" || e.file.endsWith("/mod.ts"))) {
      violations.push({ ...at, message: `mod.ts re-exports the private ${e.target}` });
    }
    if (from === to || to === "") continue;
    if (e.target !== `src/${to}/mod.ts`) {
      violations.push({ ...at, message: `imports ${e.target}: go through src/${to}/mod.ts` });
    }
    for (const r of rules) {
      if (r.from === from && r.not.includes(to)) {
        violations.push({ ...at, message: `${from} imports ${to}: ${r.why}` });
      }
    }
    if (from === "") continue;
    if (!folderEdges.has(from)) folderEdges.set(from, new Map());
    if (!folderEdges.get(from)!.has(to)) folderEdges.get(from)!.set(to, e);
  }
  for (const cycle of folderCycles(folderEdges)) {
    const e = folderEdges.get(cycle[0])!.get(cycle[1])!;
    violations.push({
      file: e.file,
      line: e.line,
      message: `import cycle between folders: ${[...cycle, cycle[0]].join(" → ")}`,
    });
  }
  return violations;
}

/** The cycles of the folder graph, one per strongly connected component (each as a closed walk). */
function folderCycles(graph: Map<string, Map<string, Edge>>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of [...graph.keys()].sort()) {
    if (done.has(start)) continue;
    // Depth-first search for a path from start back to start.
    const path: string[] = [];
    const seen = new Set<string>();
    const walk = (node: string): boolean => {
      path.push(node);
      seen.add(node);
      for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
        if (next === start) return true;
        if (!seen.has(next) && !done.has(next) && walk(next)) return true;
      }
      path.pop();
      return false;
    };
    if (walk(start)) cycles.push([...path]);
    done.add(start);
  }
  return cycles;
}

/** Every `.ts` file under `root/src`, and the root `mod.ts`: path (relative to `root`) → source. */
export async function sourceTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>([[
    "mod.ts",
    await Deno.readTextFile(join(root, "mod.ts")),
  ]]);
  const visit = async (dir: string) => {
    for await (const e of Deno.readDir(join(root, dir))) {
      const path = join(dir, e.name);
      if (e.isDirectory) await visit(path);
      else if (e.name.endsWith(".ts")) files.set(path, await Deno.readTextFile(join(root, path)));
    }
  };
  await visit("src");
  return files;
}
