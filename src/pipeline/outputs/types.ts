/**
 * An output format of a run: one file in the run folder, written from what
 * the pipeline produced.
 *
 * @module
 */
import type { Verdict } from "../../gate/mod.ts";
import type { ReportInput } from "../../report/mod.ts";
import type { OcResult } from "../oc.ts";
import type { CandidateRun, RunResult } from "../run.ts";

/** What every output format may write from. */
export interface OutputContext {
  /** The run. */
  result: RunResult;
  /** The gate's verdict. */
  verdict: Verdict;
  /** The report's input (`report.json`, `report.html`). */
  report: ReportInput;
  /** The gate's measured operating characteristic, when `abreplay oc` ran. */
  oc: OcResult | null;
  /** Each candidate's run, when the scenario lists several (then `result` is the chosen one's). */
  candidates?: CandidateRun[];
  /** Every file the run writes but the manifest, sorted (what the manifest lists). */
  files: string[];
}

/** What decides which files a run writes. */
export interface RunShape {
  /** The run measured its gate's operating characteristic (`abreplay oc`). */
  oc: boolean;
  /** The scenario asks for the served lists (`output.lists`). @default false */
  lists?: boolean;
}

/** One file of a run folder. */
export interface OutputFormat {
  /** File name in the run folder. */
  name: string;
  /** What the file holds, in one line. */
  doc: string;
  /** Written only when this holds (e.g. `oc.json` after `abreplay oc`). @default always */
  when?(run: RunShape): boolean;
  /** Writes the file at `path` (in the run's temporary folder). */
  write(ctx: OutputContext, path: string): Promise<void>;
}

/**
 * JSON text as abreplay writes it: two-space indentation and a final newline.
 *
 * @example
 * ```ts
 * import { jsonText } from "./types.ts";
 * if (jsonText({ a: [1] }) !== '{\n  "a": [\n    1\n  ]\n}\n') throw new Error();
 * ```
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
