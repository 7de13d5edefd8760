/**
 * The dependency rules of `src/` (see `_architecture.ts`) hold on the real
 * tree, and the checker finds each kind of violation: on a small synthetic
 * tree breaking every rule once, and on the real tree with one forbidden
 * import planted in the CLI.
 */
import { assert, assertEquals } from "./_assert.ts";
import { fileURLToPath } from "node:url";
import { checkArchitecture, folderOf, importsOf, sourceTree } from "./_architecture.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const tree = await sourceTree(root);
const show = (v: { file: string; line: number; message: string }[]) =>
  v.map((x) => `${x.file}:${x.line}: ${x.message}`).join("\n");

Deno.test("src/ keeps every dependency rule", () => {
  assert(tree.size > 100, `read ${tree.size} files`);
  const violations = checkArchitecture(tree);
  assertEquals(violations, [], show(violations));
});

Deno.test("the CLI reaches the pipeline, and no folder but the pipeline renders reports (mod.ts re-exports)", () => {
  const edges = [...tree].flatMap(([file, source]) => importsOf(file, source));
  const folders = (from: string) =>
    new Set(edges.filter((e) => folderOf(e.file) === from).map((e) => folderOf(e.target)));
  assert(folders("cli").has("pipeline"), "the CLI imports the pipeline");
  const reporters = new Set(
    edges.filter((e) => e.target === "src/report/mod.ts" && e.file !== "mod.ts")
      .map((e) => folderOf(e.file)),
  );
  assertEquals([...reporters].sort(), ["pipeline"]);
});

Deno.test("import reading: code lines only, every import form, resolved paths", () => {
  const source = [
    'import { a } from "../stats/mod.ts";',
    "import {",
    "  b,",
    '} from "./b.ts";',
    'export * from "./c.ts";',
    'import "./side.ts";',
    'const d = await import("../data/mod.ts");',
    'const w = new URL("./_worker.ts", import.meta.url);',
    ' * import { e } from "../engine/mod.ts"; (a JSDoc example)',
    '// import { f } from "../files/mod.ts";',
    "/* a block comment",
    '   import { g } from "../gate/mod.ts";',
    "*/",
    'import { h } from "node:path";',
  ].join("\n");
  const got = importsOf("src/metrics/x.ts", source).map((e) => `${e.line} ${e.target}`);
  assertEquals(got, [
    "1 src/stats/mod.ts",
    "4 src/metrics/b.ts",
    "5 src/metrics/c.ts",
    "6 src/metrics/side.ts",
    "7 src/data/mod.ts",
    "8 src/metrics/_worker.ts",
  ]);
});

Deno.test("a synthetic tree breaking each rule once: each breach is found, with file and line", () => {
  const files = new Map([
    ["src/metrics/a.ts", 'import { x } from "../data/mod.ts";'],
    ["src/recommenders/r.ts", 'import { x } from "../replay/mod.ts";'],
    ["src/report/p.ts", '\nimport type { x } from "../recommenders/mod.ts";'],
    [
      "src/cli/c.ts",
      'import { x } from "../gate/mod.ts";\nimport { y } from "../pipeline/mod.ts";',
    ],
    ["src/pipeline/q.ts", 'import { x } from "../stats/bootstrap.ts";'],
    ["src/stats/mod.ts", 'export * from "./_private.ts";'],
    ["src/split/s.ts", 'import { x } from "../stats/_private.ts";'],
    ["src/data/mod.ts", 'import { x } from "../split/mod.ts";'],
    ["src/split/mod.ts", 'import { y } from "../data/mod.ts";'],
    ["src/errors.ts", ""],
    ["src/files/f.ts", 'import { x } from "../errors.ts";'],
    ["mod.ts", 'export { x } from "./src/stats/holm.ts";\nexport { y } from "./src/files/mod.ts";'],
  ]);
  const got = checkArchitecture(files).map((v) => `${v.file}:${v.line}: ${v.message}`).sort();
  assertEquals(got, [
    "mod.ts:1: imports src/stats/holm.ts: go through src/stats/mod.ts",
    "src/cli/c.ts:1: cli imports gate: the CLI parses arguments and calls the pipeline, which compares, gates and reports",
    "src/data/mod.ts:1: import cycle between folders: data → split → data",
    "src/metrics/a.ts:1: metrics imports data: metrics are pure functions over typed arrays",
    "src/pipeline/q.ts:1: imports src/stats/bootstrap.ts: go through src/stats/mod.ts",
    "src/recommenders/r.ts:1: recommenders imports replay: a model does not know how it is evaluated",
    "src/report/p.ts:2: report imports recommenders: the report renders results only",
    "src/split/s.ts:1: imports src/stats/_private.ts, private to its folder",
    "src/split/s.ts:1: imports src/stats/_private.ts: go through src/stats/mod.ts",
    "src/stats/mod.ts:1: mod.ts re-exports the private src/stats/_private.ts",
  ]);
});

Deno.test("the real tree with one forbidden import planted in the CLI fails", () => {
  const planted = new Map(tree);
  const main = planted.get("src/cli/main.ts")!;
  planted.set("src/cli/main.ts", `${main}\nimport { renderReport } from "../report/mod.ts";\n`);
  const violations = checkArchitecture(planted);
  assertEquals(violations.length, 1, show(violations));
  assert(violations[0].message.startsWith("cli imports report"), violations[0].message);
  assertEquals(violations[0].file, "src/cli/main.ts");
});

Deno.test("the real tree with a planted back edge from stats to the pipeline reports the cycle", () => {
  const planted = new Map(tree);
  const file = "src/stats/holm.ts";
  planted.set(file, `import { runPipeline } from "../pipeline/mod.ts";\n${planted.get(file)}`);
  const messages = checkArchitecture(planted).map((v) => v.message);
  assert(messages.some((m) => m.startsWith("import cycle between folders:")), messages.join("\n"));
});

Deno.test("one worker pool: only src/parallel starts Web Workers", () => {
  const starters = (t: Map<string, string>) =>
    [...t].filter(([file, source]) =>
      !file.startsWith("src/parallel/") &&
      source.split("\n").some((l) => !/^\s*(\*|\/\/)/.test(l) && /\bnew Worker\(/.test(l))
    ).map(([file]) => file);
  assertEquals(starters(tree), []);
  const planted = new Map(tree);
  planted.set("src/stats/x.ts", 'const w = new Worker("./w.ts", { type: "module" });\n');
  assertEquals(starters(planted), ["src/stats/x.ts"]);
});
