/** Shared helper of the scenario tests: a scenario's problems as "path: message" lines. */
import { MultiError, ScenarioError } from "../../src/errors.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";

/** The problems of `raw` read as scenario `file`, as "path: message" lines (throws if it is valid). */
export function problemsOf(raw: unknown, file: string): string[] {
  try {
    resolveScenario(raw, file);
  } catch (e) {
    if (e instanceof MultiError) return e.errors.map((x) => `${x.location.path}: ${x.detail}`);
    if (e instanceof ScenarioError) return [`${e.location.path}: ${e.detail}`];
    throw e;
  }
  throw new Error("expected the scenario to be invalid");
}
