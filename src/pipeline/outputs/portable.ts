/**
 * The resolved scenario as written into outputs: without the machine's
 * absolute paths, so the same scenario hashes the same on any machine.
 *
 * @module
 */
import { hashJson } from "../../data/mod.ts";
import { PROTOCOL_VERSION, VERSION } from "../../version.ts";
import type { RunResult } from "../run.ts";

/** The scenario as resolved, without machine-specific absolute paths. */
export function portableScenario(result: RunResult): Record<string, unknown> {
  const { file: _file, ...s } = result.scenario;
  const strip = (p?: string) => (p ? p.split("/").pop() : p);
  return {
    ...s,
    data: {
      ...s.data,
      path: strip(s.data.path),
      books: s.data.books ? { ...s.data.books, path: strip(s.data.books.path) } : undefined,
    },
  };
}

/** The hash of {@linkcode portableScenario}: which scenario a run's outputs belong to. */
export function scenarioHash(result: RunResult): string {
  return hashJson(portableScenario(result));
}

/**
 * What identifies a run's outputs, as key–value metadata of its Parquet
 * files: abreplay's version, the protocol, the scenario's name and hash, the
 * data fingerprint and the split instant.
 */
export function runMetadata(result: RunResult): Record<string, string> {
  return {
    "abreplay.version": VERSION,
    "abreplay.protocol": PROTOCOL_VERSION,
    "abreplay.scenario": result.scenario.name,
    "abreplay.scenario_hash": scenarioHash(result),
    "abreplay.data_fingerprint": result.dataset.fingerprint,
    "abreplay.split_instant": new Date(result.holdout.T * 1000).toISOString(),
  };
}
