/**
 * Writes `scenarios/scenario.schema.json` from `SCENARIO_SCHEMA`
 * (`deno run -A scripts/gen_schema.ts`); with `--check`, exits 1 instead of
 * writing when the committed file differs. `tests/scenario/schema_file_test.ts`
 * fails when the file drifts from the schema.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { scenarioJsonSchemaText } from "../src/scenario/json_schema.ts";

/** Path of the generated file. */
export const SCHEMA_FILE = fileURLToPath(
  new URL("../scenarios/scenario.schema.json", import.meta.url),
);

if (import.meta.main) {
  const text = scenarioJsonSchemaText();
  if (Deno.args.includes("--check")) {
    const now = await Deno.readTextFile(SCHEMA_FILE).catch(() => "");
    if (now !== text) {
      console.error(`${SCHEMA_FILE} is out of date; run: deno run -A scripts/gen_schema.ts`);
      Deno.exit(1);
    }
    console.error(`${SCHEMA_FILE}: up to date`);
  } else {
    await Deno.writeTextFile(SCHEMA_FILE, text);
    console.error(`wrote ${SCHEMA_FILE}`);
  }
}
