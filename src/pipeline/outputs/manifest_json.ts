/**
 * `manifest.json` (PROTOCOL §7): what ran, on what, with which versions and
 * seeds, how long each stage took, and which files the run wrote.
 *
 * @module
 */
import { LIBRARIES, PROTOCOL_VERSION, VERSION } from "../../version.ts";
import type { RunResult } from "../run.ts";
import { portableScenario, scenarioHash } from "./portable.ts";
import { jsonText, type OutputFormat } from "./types.ts";

/** The manifest (PROTOCOL §7): what ran, on what, with which versions, how long. */
export function manifestDocument(
  result: RunResult,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    protocol: PROTOCOL_VERSION,
    abreplay: VERSION,
    scenario: portableScenario(result),
    scenarioFile: result.scenario.file,
    scenarioHash: scenarioHash(result),
    dataFingerprint: result.dataset.fingerprint,
    splitInstant: new Date(result.holdout.T * 1000).toISOString(),
    seeds: {
      scenario: result.scenario.seed,
      bootstrap: result.scenario.stats.seed,
      salt: result.scenario.mode.salt,
    },
    runtime: runtimeVersions(),
    libraries: LIBRARIES,
    timingsMs: result.timings,
    latencyP95Ms: {
      control: result.comparison.health.control.latencyP95Ms,
      test: result.comparison.health.test.latencyP95Ms,
    },
    finishedAt: new Date().toISOString(),
    ...extra,
  };
}

/** The runtime a run used: Deno, V8, TypeScript, OS and architecture. */
export function runtimeVersions(): Record<string, string> {
  return {
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    os: Deno.build.os,
    arch: Deno.build.arch,
  };
}

/** The format, as registered: lists every other file of the run. */
export const manifestJson: OutputFormat = {
  name: "manifest.json",
  doc: "What ran on what, with which versions, seeds and timings, and the run's files.",
  write: (ctx, path) =>
    Deno.writeTextFile(path, jsonText(manifestDocument(ctx.result, { files: ctx.files }))),
};
