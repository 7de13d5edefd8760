/**
 * Shared by the scenario tests: a minimal valid raw scenario, and the
 * problems the validator reports for a raw one as "path: message" lines.
 */
import { fileURLToPath } from "node:url";
import { MultiError, ScenarioError } from "../../src/errors.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";

/** The scenario file the raw documents pretend to come from. */
export const FILE = fileURLToPath(new URL("./s.json", import.meta.url));

/** A minimal valid raw scenario, with `over` merged in at the top. */
export const base = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: "t",
  data: { generate: { users: 100 } },
  control: { type: "random" },
  test: { type: "popular" },
  ...over,
});

/** The problems of `raw` as "path: message" lines (throws if it is valid). */
export function problems(raw: unknown): string[] {
  return problemsOf(raw, FILE);
}

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
