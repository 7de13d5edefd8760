/**
 * `aa.json`, the one file of an A/A calibration folder (`abreplay aa`,
 * `reports/<name>-aa/`): the deterministic part of the result (no timings).
 *
 * @module
 */
import { join } from "node:path";
import { checkOutputFolder, type OutputFolderOptions, writeOutputFolder } from "../../files/mod.ts";
import type { AaResult } from "../aa.ts";
import { jsonText } from "./types.ts";

/** abreplay's file in an A/A folder written before folders had a marker: its aa.json. */
export async function legacyAaFolder(dir: string): Promise<string[] | null> {
  const a = JSON.parse(await Deno.readTextFile(join(dir, "aa.json")));
  return a && typeof a === "object" && "falsePositiveRate" in a ? ["aa.json"] : null;
}

/** The folder options of an A/A calibration's output. */
function aaFolder(options: Pick<OutputFolderOptions, "force" | "onWait">): OutputFolderOptions {
  return { kind: "aa", legacy: legacyAaFolder, ...options };
}

/** Checks, before the calibration, that `dir` may and can receive aa.json. */
export function checkAaFolder(dir: string, force = false): Promise<void> {
  return checkOutputFolder(dir, aaFolder({ force }));
}

/** The deterministic part of an A/A result: everything but the timings. */
export function aaDocument(r: AaResult): Omit<AaResult, "timings"> {
  const { timings: _timings, ...deterministic } = r;
  return deterministic;
}

/** Writes `dir/aa.json` (all or nothing, by the output-folder rule). */
export async function writeAaFolder(
  r: AaResult,
  dir: string,
  options: Pick<OutputFolderOptions, "force" | "onWait"> = {},
): Promise<string[]> {
  return await writeOutputFolder(
    dir,
    (tmp) => Deno.writeTextFile(join(tmp, "aa.json"), jsonText(aaDocument(r))),
    aaFolder(options),
  );
}
