/**
 * `mode.growthbook`: a GrowthBook experiment definition, inline or in a file,
 * resolved with the SDK's defaults (seed = key, hashVersion 1, hashAttribute
 * "id", equal weights, full coverage); every definition the SDK would repair
 * or run differently is a located problem.
 */
import { assertEquals } from "../_assert.ts";
import { join } from "node:path";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { problemsOf } from "./_problems.ts";

const base = (mode: Record<string, unknown>) => ({
  name: "t",
  data: { generate: { users: 100 } },
  control: { type: "random" },
  test: { type: "popular" },
  mode,
});

const problems = (raw: unknown, file = "/tmp/s.json") => problemsOf(raw, file);

Deno.test("an inline definition resolves with the SDK's defaults and sets salt, weights, coverage", () => {
  const s = resolveScenario(base({ type: "ab", growthbook: { key: "exp-7" } }), "");
  assertEquals(s.mode.growthbook, {
    key: "exp-7",
    seed: "exp-7",
    hashAttribute: "id",
    hashVersion: 1,
    weights: [0.5, 0.5],
    coverage: 1,
  });
  assertEquals([s.mode.salt, s.mode.weights, s.mode.coverage], ["exp-7", [0.5, 0.5], 1]);
  const t = resolveScenario(
    base({
      type: "ab",
      growthbook: {
        key: "k",
        seed: "s",
        hashVersion: 2,
        weights: [0.3, 0.7],
        coverage: 0.4,
        namespace: ["ns", 0, 0.5],
        name: "ignored",
        variations: [0, 1],
      },
    }),
    "",
  );
  assertEquals([t.mode.salt, t.mode.weights, t.mode.coverage], ["s", [0.3, 0.7], 0.4]);
  assertEquals(t.mode.growthbook?.namespace, ["ns", 0, 0.5]);
});

Deno.test("a definition file resolves against the scenario's folder", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(
      join(dir, "exp.json"),
      JSON.stringify({ key: "from-file", hashVersion: 2, coverage: 0.5 }),
    );
    const s = resolveScenario(base({ type: "ab", growthbook: "exp.json" }), join(dir, "s.json"));
    assertEquals(s.mode.growthbook?.file, "exp.json"); // as written: outputs stay portable
    assertEquals([s.mode.salt, s.mode.coverage, s.mode.growthbook?.hashVersion], [
      "from-file",
      0.5,
      2,
    ]);
    Deno.writeTextFileSync(join(dir, "bad.json"), JSON.stringify({ key: "x", weights: [1, 1] }));
    assertEquals(problems(base({ type: "ab", growthbook: "bad.json" }), join(dir, "s.json")), [
      `mode.growthbook (${
        join(dir, "bad.json")
      }: weights): weights must be 2 weights adding up to 1 (±0.01; GrowthBook would use equal weights instead), found [1,1]`,
    ]);
    const missing = problems(base({ type: "ab", growthbook: "nope.json" }), join(dir, "s.json"));
    assertEquals(missing, [
      `mode.growthbook: ${
        join(dir, "nope.json")
      }: GrowthBook experiment file not found or unreadable`,
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("what GrowthBook would repair or not run is refused, every problem at once", () => {
  assertEquals(
    problems(base({
      type: "paired",
      salt: "x",
      growthbook: {
        hashVersion: 3,
        coverage: 0,
        weights: [0.5, 0.3, 0.2],
        namespace: ["n", 0.5, 0.2],
        ranges: [[0, 0.5], [0.5, 1]],
        coverrage: 1,
        active: false,
      },
    })),
    [
      'mode.type: a GrowthBook experiment needs mode.type "ab", found "paired"',
      "mode.salt: mode.salt is set by the GrowthBook experiment (mode.growthbook); give it there",
      'mode.growthbook.ranges: "ranges" changes who is in the experiment in a way abreplay does not simulate',
      'mode.growthbook.coverrage: unknown key "coverrage" in the GrowthBook experiment (did you mean "coverage"?)',
      "mode.growthbook.key: key must be a non-empty string, found undefined",
      "mode.growthbook.hashVersion: hashVersion must be 1 or 2 (GrowthBook puts nobody in an experiment of another version), found 3",
      "mode.growthbook.weights: weights must be 2 weights ≥ 0 [control, test], found [0.5,0.3,0.2]",
      "mode.growthbook.coverage: coverage must be a number in (0, 1], found 0",
      'mode.growthbook.namespace: namespace must be [id, start, end] with 0 ≤ start < end ≤ 1, e.g. ["ns", 0, 0.5], found ["n",0.5,0.2]',
      "mode.growthbook.active: active must be true (an inactive experiment takes no users), found false",
    ],
  );
});

Deno.test("scenarios without mode.growthbook resolve exactly as before (hash v2, their own salt)", () => {
  const s = resolveScenario(base({ type: "ab", salt: "abc" }), "");
  assertEquals(s.mode, { type: "ab", salt: "abc", weights: [0.5, 0.5], coverage: 1 });
});
