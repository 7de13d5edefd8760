/**
 * A resolved scenario: every default filled in, paths absolute.
 * @module
 */
import type { ColumnMapping, DataFormat } from "../data/source.ts";

/** An arm as written in the scenario. */
export interface ArmSpec {
  type: string;
  params: Record<string, unknown>;
  model?: string;
  label?: string;
}

/** The resolved scenario. */
export interface Scenario {
  name: string;
  description?: string;
  seed: number;
  data: {
    path?: string;
    format?: DataFormat;
    columns?: ColumnMapping;
    badRows: "error" | "skip";
    generate?: Record<string, number>;
    books?: { path: string; format?: "goodreads-books-json" | "goodbooks-csv" | "canonical-jsonl" };
  };
  split: { date?: string; holdoutFraction: number; kCore: number };
  eval: { k: number; relevance: string; coldThreshold: number; unavailable: string[]; exampleUsers: number };
  control: ArmSpec;
  test: ArmSpec;
  mode: { type: "paired" | "ab"; salt: string; weights: number[]; coverage: number };
  stats: { B: number; seed: number; alpha: number; power: number; targetMde: number; srmAlpha: number };
  gate: Record<string, unknown>;
  output: { dir?: string };
  /** Absolute path of the scenario file ("" when built in code). */
  file: string;
}
