/**
 * The scenario validator in-process (fast): did-you-mean, every problem at
 * once, defaults, the gate section, JSON and YAML giving the same scenario.
 */
import { base, FILE, problems } from "./_problems.ts";
import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { MultiError, ScenarioError } from "../../src/errors.ts";
import { parseScenario, resolveScenario } from "../../src/scenario/mod.ts";

Deno.test("did you mean: keys, nested keys, misplaced keys, enums, types, params, metrics", () => {
  assertEquals(problems(base({ sede: 1 })), ['sede: unknown key "sede" (did you mean "seed"?)']);
  assertEquals(problems(base({ eval: { coldTreshold: 3 } })), [
    'eval.coldTreshold: unknown key "coldTreshold" (did you mean "coldThreshold"?)',
  ]);
  assertEquals(problems(base({ holdoutFraction: 0.1 })), [
    'holdoutFraction: unknown key "holdoutFraction" (did you mean "split.holdoutFraction"? it belongs in the "split" section)',
  ]);
  assertEquals(problems(base({ mode: { type: "AB" } })), [
    'mode.type: expected one of "paired", "ab", found "AB" (did you mean "ab"?)',
  ]);
  assertEquals(problems(base({ control: { type: "Random" } })), [
    'control.type: unknown recommender type "Random" (did you mean "random"?)',
  ]);
  assertEquals(problems(base({ test: { type: "popular", params: { windowdays: 3 } } })), [
    'test.params.windowdays: unknown param "windowdays" for recommender "popular" (did you mean "windowDays"?)',
  ]);
  assertEquals(problems(base({ gate: { primary: { metric: "ndcg@10" } } })), [
    'gate.primary.metric: unknown metric "ndcg@10" (did you mean "NDCG@10"?)',
  ]);
  assertEquals(problems(base({ data: { generate: { intreactions: 5 } } })), [
    'data.generate.intreactions: unknown key "intreactions" (did you mean "interactions"?)',
  ]);
});

Deno.test("no did-you-mean when nothing is close", () => {
  assertEquals(problems(base({ zzzzzz: 1 })), ['zzzzzz: unknown key "zzzzzz"']);
});

Deno.test("every problem at once, schema and semantic ones together", () => {
  const p = problems({
    name: "a b",
    data: { path: "nope.csv", generate: {} },
    eval: { k: 0, relevance: "rated>=9" },
    control: { type: "randm", params: 3 },
    test: { type: "popular", params: { windowDay: 1 } },
    mode: { weights: [0.2, 0.2] },
    stats: { B: 99.5 },
    gate: {
      primary: { metric: "NDCG@10", minLift: 0, nonInferiorityMargin: 0 },
      guardrails: [{ metric: "X@10" }],
    },
  });
  assertEquals(p.length, 13, p.join("\n"));
  for (
    const path of [
      "name",
      "data",
      "data.path",
      "eval.k",
      "eval.relevance",
      "control.type",
      "control.params",
      "test.params.windowDay",
      "mode.weights",
      "stats.B",
      "gate.primary",
      "gate.guardrails[0].metric",
      "gate.guardrails[0].maxDegradation",
    ]
  ) {
    assert(p.some((x) => x.startsWith(`${path}: `)), `no problem at ${path}:\n${p.join("\n")}`);
  }
  // eval.k is invalid, so the gate metric's k is not compared with it (no cascade).
  assert(!p.some((x) => x.startsWith("gate.primary.metric")));
});

Deno.test("problems come in file order with lines, one MultiError", () => {
  const text =
    '{\n  "name": "t",\n  "eval": { "k": 0 },\n  "data": { "generate": { "users": 0 } },\n  "control": { "type": "random" },\n  "test": { "type": "popular" }\n}\n';
  const e = assertThrowsMulti(() => parseScenario(text, "/x/s.json"));
  assertEquals(e.errors.map((x) => [x.location.line, x.location.path]), [[3, "eval.k"], [
    4,
    "data.generate.users",
  ]]);
  assert(e.message.startsWith("/x/s.json: 2 problems"), e.message);
  assert(
    e.message.includes("\n  - s.json:3 at eval.k: expected an integer from 1 to 1000, found 0"),
    e.message,
  );
});

function assertThrowsMulti(fn: () => unknown): MultiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MultiError) return e;
    throw e;
  }
  throw new Error("no MultiError");
}

Deno.test("one problem is one ScenarioError naming file, line and path", () => {
  assertThrows(
    () =>
      parseScenario(
        '{"name":"t","data":{"generate":{}},\n"control":{"type":"random"},\n"test":{"type":"popuar"}}',
        "/x/s.json",
      ),
    (e: unknown) =>
      e instanceof ScenarioError && !(e instanceof MultiError) &&
      e.message.startsWith('/x/s.json:3 at test.type: unknown recommender type "popuar"'),
  );
});

Deno.test("every default is resolved and recorded, including the gate", () => {
  const s = resolveScenario(base({ eval: { k: 20 } }), FILE);
  assertEquals(s.seed, 42);
  assertEquals(s.split, { holdoutFraction: 0.2, kCore: 0 });
  assertEquals(s.eval, {
    k: 20,
    relevance: "any",
    coldThreshold: 5,
    unavailable: [],
    exampleUsers: 5,
  });
  assertEquals(s.mode, { type: "paired", salt: "abreplay", weights: [0.5, 0.5], coverage: 1 });
  assertEquals(s.stats, {
    B: 2000,
    seed: 7,
    alpha: 0.05,
    power: 0.8,
    targetMde: 0.05,
    srmAlpha: 0.001,
  });
  assertEquals(s.gate, {
    primary: { metric: "NDCG@20", minLift: 0 },
    guardrails: [],
    latencyP95Ms: 200,
    maxErrorRate: 0.01,
    requireSrmPass: true,
    requirePower: true,
  });
  assertEquals(s.data.generate?.users, 100);
  assertEquals(s.data.generate?.seed, 42);
  assertEquals(
    s.data.generate?.authors,
    undefined,
    "authors is derived from items by the generator",
  );
  assertEquals(s.control.params, {});
  assertEquals(s.file, FILE);
});

Deno.test("gate: non-inferiority gets no minLift default; guardrails keep their order", () => {
  const s = resolveScenario(
    base({
      gate: {
        primary: { metric: "ColdRecall@10", nonInferiorityMargin: 0.01 },
        guardrails: [{ metric: "Coverage@10", maxDegradation: 0.05 }, {
          metric: "WarmNDCG@10",
          maxDegradation: 0.02,
        }],
        requirePower: false,
      },
    }),
    FILE,
  );
  assertEquals(s.gate.primary, { metric: "ColdRecall@10", nonInferiorityMargin: 0.01 });
  assertEquals(s.gate.guardrails.map((g) => g.metric), ["Coverage@10", "WarmNDCG@10"]);
  assertEquals([s.gate.requirePower, s.gate.requireSrmPass], [false, true]);
});

Deno.test("gate metric names: every segment and base at eval.k; other k and names rejected", () => {
  for (const m of ["NDCG", "Recall", "Precision", "HitRate", "MRR", "Coverage"]) {
    for (const seg of ["", "Warm", "Cold"]) {
      resolveScenario(base({ gate: { primary: { metric: `${seg}${m}@10` } } }), FILE);
    }
  }
  assertEquals(problems(base({ gate: { primary: { metric: "NDCG@5" } } })), [
    'gate.primary.metric: metric "NDCG@5" is measured at k = 5, but eval.k is 10 (did you mean "NDCG@10"?)',
  ]);
  assertEquals(problems(base({ gate: { primary: { metric: "HotNDCG@10" } } })).length, 1);
  assertEquals(
    problems(
      base({
        gate: {
          guardrails: [{ metric: "MRR@10", maxDegradation: 0.1 }, {
            metric: "MRR@10",
            maxDegradation: 0.2,
          }],
          primary: { metric: "NDCG@10" },
        },
      }),
    ),
    [
      'gate.guardrails[1].metric: "MRR@10" is guarded twice',
    ],
  );
});

Deno.test("relative paths resolve against the scenario's folder; missing ones name both forms", () => {
  const s = resolveScenario(base({ data: { path: "../fixtures/handworked.csv" } }), FILE);
  assertEquals(s.data.path, fileURLToPath(new URL("../fixtures/handworked.csv", import.meta.url)));
  const [p] = problems(base({ data: { path: "missing/x.csv" } }));
  assert(
    p.startsWith(
      `data.path: ${
        fileURLToPath(new URL("./missing/x.csv", import.meta.url))
      }: data file not found`,
    ),
    p,
  );
  const s2 = resolveScenario(base({ data: { path: "missing/x.csv" } }), FILE, {
    checkFiles: false,
  });
  assert(s2.data.path?.endsWith("/tests/scenario/missing/x.csv"));
});

Deno.test("a data path may be a folder or a glob (read later); a model folder needs model.json", () => {
  for (const path of [".", "nowhere/*.parquet"]) {
    assertEquals(resolveScenario(base({ data: { path } }), FILE).data.path?.startsWith("/"), true);
  }
  const [p] = problems(base({ control: { model: "broken" } }));
  assert(
    p.startsWith("control.model: ") && p.endsWith("not a saved model (no model.json in it)"),
    p,
  );
});

Deno.test("YAML and JSON give the same scenario", () => {
  const json = JSON.stringify(
    base({ eval: { k: 5 }, gate: { primary: { metric: "Recall@5", minLift: 0.02 } } }),
  );
  const yaml = `# comments are fine in YAML
name: t
data:
  generate: { users: 100 }
control: { type: random }
test:
  type: popular
eval:
  k: 5
gate:
  primary:
    metric: Recall@5
    minLift: 0.02
`;
  const a = parseScenario(json, "/x/s.json"), b = parseScenario(yaml, "/x/s.yaml");
  assertEquals({ ...a, file: "" }, { ...b, file: "" });
});

Deno.test("$schema is allowed at the top only and not kept", () => {
  const s = resolveScenario(base({ $schema: "./scenario.schema.json" }), FILE);
  assertEquals("$schema" in s, false);
  assertEquals(problems(base({ eval: { $schema: "x" } })), ['eval.$schema: unknown key "$schema"']);
});

Deno.test("split.date must be ISO-8601 (no loose Date.parse forms)", () => {
  for (
    const d of [
      "2017-01-01",
      "2017-01-01T12:00",
      "2017-01-01T12:00:00Z",
      "2017-01-01T12:00:00.5+02:00",
    ]
  ) {
    resolveScenario(base({ split: { date: d } }), FILE);
  }
  for (const d of ["1", "2017", "March 7, 2017", "31/12/2016", "2017-13-01"]) {
    const [p] = problems(base({ split: { date: d } }));
    assert(p.startsWith(`split.date: expected an ISO-8601 date like "2017-01-01"`), p);
  }
});

Deno.test("an http arm cannot be replayed at a k the serving API refuses (limit ≤ 100)", () => {
  const http = { type: "http", params: { url: "http://127.0.0.1:8080" } };
  assertEquals(problems(base({ test: http, eval: { k: [10, 150] } })), [
    "eval.k: the test arm is an http service, whose API returns at most 100 items per list, but eval.k asks for 150",
  ]);
  // at the limit it is valid
  resolveScenario(base({ test: http, eval: { k: 100 } }), FILE);
});
