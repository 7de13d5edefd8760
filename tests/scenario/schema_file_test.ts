/**
 * `scenarios/scenario.schema.json` is generated from SCENARIO_SCHEMA
 * (`deno run -A scripts/gen_schema.ts`) and must never drift; the example
 * scenarios point at it and are valid.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { SCHEMA_FILE } from "../../scripts/gen_schema.ts";
import { parseText, resolveScenario, scenarioJsonSchemaText } from "../../src/scenario/mod.ts";

const SCENARIOS = fileURLToPath(new URL("../../scenarios/", import.meta.url));

Deno.test("the committed JSON Schema equals the generated one (else run scripts/gen_schema.ts)", async () => {
  const committed = await Deno.readTextFile(SCHEMA_FILE);
  assert(
    committed === scenarioJsonSchemaText(),
    "scenarios/scenario.schema.json is out of date: run `deno run -A scripts/gen_schema.ts`",
  );
  const doc = JSON.parse(committed);
  assertEquals([doc.$schema, doc.$id, doc.title], [
    "https://json-schema.org/draft/2020-12/schema",
    "urn:abreplay:scenario-schema:v1",
    "abreplay scenario",
  ]);
  assertEquals(doc.properties.gate.properties.primary.not, {
    required: ["minLift", "nonInferiorityMargin"],
  });
  // Each type's params, from its param table (names, defaults, values).
  // `test`: one arm, or a list of 2 or more (each with a name), params typed in both forms
  const [one, list] = doc.properties.test.anyOf;
  assertEquals([list.type, list.minItems, list.items.allOf.length], ["array", 2, one.allOf.length]);
  assertEquals(one.properties.name.pattern, list.items.properties.name.pattern);
  assert(
    !new RegExp(one.properties.name.pattern).test("control"),
    "control is not a candidate name",
  );
  const popular = one.allOf.find((
    c: { if: { properties: { type: { const: string } } } },
  ) => c.if.properties.type.const === "popular");
  assertEquals(popular.then.properties.params.$ref, "#/$defs/params-popular");
  assertEquals(doc.$defs["params-popular"].properties.windowDays.default, null);
  assertEquals(doc.$defs["params-hybrid"].properties.maxPerAuthor.anyOf[0].minimum, 1);
  assertEquals(doc.properties.data.oneOf, [
    { required: ["path"] },
    { required: ["dataset"] },
    { required: ["generate"] },
  ]);
});

Deno.test("example scenarios reference the schema and are valid (file checks off: data may be absent)", async () => {
  for (const e of Deno.readDirSync(SCENARIOS)) {
    if (!/\.(json|ya?ml)$/.test(e.name) || e.name === "scenario.schema.json") continue;
    const text = await Deno.readTextFile(SCENARIOS + e.name);
    if (e.name.endsWith(".json")) {
      assertEquals(JSON.parse(text).$schema, "./scenario.schema.json", e.name);
    }
    resolveScenario(parseText(text, SCENARIOS + e.name).value, SCENARIOS + e.name, {
      checkFiles: false,
    });
  }
});
