/**
 * Parsing scenario text: JSON syntax errors name line and column, YAML ones
 * the line; the JSON scanner accepts exactly what JSON.parse accepts.
 */
import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { ScenarioError } from "../../src/errors.ts";
import { scanJson } from "../../src/scenario/_json_scan.ts";
import { parseText } from "../../src/scenario/parse.ts";

function syntaxError(text: string, file = "/d/s.json"): ScenarioError {
  try {
    parseText(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error("no error");
}

Deno.test("JSON syntax errors: line, column and a plain reason", () => {
  const cases: [string, number, number, string][] = [
    [
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      `expected ',' or '}' after the value of "a", found '"' (a missing comma?)`,
    ],
    ['{\n  "a": [1, 2,]\n}', 2, 13, "trailing comma before ']'"],
    ['{\n  "a": 1,\n}', 2, 9, "trailing comma before '}'"],
    ["{\n  'a': 1\n}", 2, 3, "keys need double quotes, not single quotes"],
    [
      '{ "a": tru }',
      1,
      8,
      'unexpected word "tru" where a value belongs (text values need double quotes: "tru")',
    ],
    ['{\n  // note\n  "a": 1\n}', 2, 3, "expected a key in double quotes, found '/'"],
    [
      '{ "a": // note\n 1 }',
      1,
      8,
      "comments are not allowed in JSON (a .yaml scenario may have comments)",
    ],
    ['{ "a": "x\n" }', 1, 8, "unterminated string (a line break inside a string; write it as \\n)"],
    ['{ "p": "C:\\data" }', 1, 11, 'bad escape "\\d" (a backslash in a path is written "\\\\")'],
    ['{ "a": 1 }}', 1, 11, "unexpected text after the end of the JSON document"],
    [
      '{ "a": 1',
      1,
      9,
      "expected ',' or '}' after the value of \"a\", found the end of the file (a missing comma?)",
    ],
    ['{ "a" 1 }', 1, 7, `expected ':' after the key "a", found '1'`],
  ];
  for (const [text, line, col, reason] of cases) {
    const e = syntaxError(text);
    assertEquals(e.location.line, line, `${JSON.stringify(text)}: ${e.message}`);
    assertEquals(e.detail, `invalid JSON at column ${col}: ${reason}`, JSON.stringify(text));
    assert(e.message.startsWith(`/d/s.json:${line}: invalid JSON at column ${col}: `), e.message);
  }
});

Deno.test("a BOM is skipped; empty and whitespace-only files say so", () => {
  assertEquals(parseText('\uFEFF{"a": 1}', "s.json").value, { a: 1 });
  for (const t of ["", "  \n\t\n"]) {
    assertEquals(syntaxError(t).detail, "the scenario file is empty");
  }
  assertEquals(
    syntaxError("# only a comment\n", "s.yaml").detail,
    "the scenario file has no content (only comments?)",
  );
});

Deno.test("YAML syntax errors name the line", () => {
  const e = syntaxError("name: x\ndata:\n  generate: {}\n bad: 1\n", "/d/s.yml");
  assert(/^\/d\/s\.yml:\d+: invalid YAML at column \d+: /.test(e.message), e.message);
  const dup = syntaxError("name: x\nname: y\n", "/d/s.yaml");
  assertEquals(dup.location.line, 2);
  assert(dup.detail.includes("Map keys must be unique"), dup.detail);
});

Deno.test("lines of JSON paths, for JSON and YAML", () => {
  const j = parseText(
    '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  },\n  "weird key": 0\n}',
    "s.json",
  );
  assertEquals([...j.lines], [["", 1], ["a", 2], ["a.b", 3], ["a.b[0]", 4], ["a.b[1]", 5], [
    '["weird key"]',
    8,
  ]]);
  const y = parseText("a:\n  b:\n    - 1\n    - 2\n", "s.yaml");
  assertEquals([...y.lines], [["", 1], ["a", 1], ["a.b", 2], ["a.b[0]", 3], ["a.b[1]", 4]]);
});

Deno.test("duplicate JSON keys are problems at the second occurrence", () => {
  const p = parseText('{\n  "a": 1,\n  "a": 2\n}', "s.json");
  assertEquals(p.problems.map((x) => [x.path, x.line]), [["a", 3]]);
});

/** Deterministic mutations of valid documents: the scanner and JSON.parse must agree on validity. */
Deno.test("scanner agrees with JSON.parse on 5000 mutated documents", () => {
  const seeds = [
    '{"name": "x", "a": [1, -2.5e3, true, false, null, {"b": "\\u00e9\\n"}], "c": {}}',
    '[ {"k": 0.1}, [], "s", 1E+2 ]',
    '{"data": {"generate": {"users": 10}}, "mode": {"weights": [0.5, 0.5]}}',
  ];
  const alphabet = "{}[],:\"\\ \n0123456789-+.eEtrufalsn'/ab";
  let x = 12345;
  const rand = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n);
  for (let i = 0; i < 5000; i++) {
    let t = seeds[rand(seeds.length)];
    for (let m = 1 + rand(3); m > 0; m--) {
      const at = rand(t.length + 1);
      const op = rand(3);
      const c = alphabet[rand(alphabet.length)];
      t = op === 0
        ? t.slice(0, at) + t.slice(at + 1)
        : op === 1
        ? t.slice(0, at) + c + t.slice(at)
        : t.slice(0, at) + c + t.slice(at + 1);
    }
    let ok = true;
    try {
      JSON.parse(t);
    } catch {
      ok = false;
    }
    assertEquals(
      scanJson(t).error === undefined,
      ok,
      `disagreement on ${JSON.stringify(t)}: ${scanJson(t).error?.message}`,
    );
  }
});

Deno.test("parse errors are ScenarioErrors", () => {
  assertThrows(() => parseText("{", "s.json"), ScenarioError);
  assertThrows(() => parseText("a: [", "s.yaml"), ScenarioError);
});
