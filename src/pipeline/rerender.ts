/**
 * `abreplay report`: a finished run's `report.html` rendered again from its
 * `report.json` (e.g. after an upgrade of the report), written as abreplay's
 * file in the run folder or as a new file elsewhere.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { UsageError } from "../errors.ts";
import { writeOutputFile } from "../files/mod.ts";
import { renderReport, type ReportInput } from "../report/mod.ts";
import { legacyRunFolder } from "./outputs/mod.ts";

/** Options of {@linkcode rerenderReport}. */
export interface RerenderOptions {
  /** Where to write: a new file, or abreplay's file in a folder it wrote. @default <run folder>/report.html */
  out?: string;
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
}

/** Renders `runDir/report.json` to HTML and writes it; returns the path written. */
export async function rerenderReport(
  runDir: string,
  options: RerenderOptions = {},
): Promise<string> {
  const dir = resolve(runDir);
  const file = join(dir, "report.json");
  let input: ReportInput;
  try {
    input = JSON.parse(await Deno.readTextFile(file));
  } catch {
    throw new UsageError("no readable report.json in the run folder", {
      file,
      hint: "run the scenario first: abreplay run <scenario>",
    });
  }
  const out = options.out ? resolve(options.out) : join(dir, "report.html");
  await writeOutputFile(out, await renderReport(input), {
    kind: "run",
    legacy: legacyRunFolder,
    force: !!options.force,
  });
  return out;
}
