/**
 * Writing a run's outputs into its folder, all or nothing, by the
 * output-folder rule of `src/files/output_folder.ts` (a new, empty or
 * abreplay's folder; never over a file abreplay did not create).
 *
 * @module
 */
import { trace } from "../../trace.ts";
import { join } from "node:path";
import { checkOutputFolder, writeOutputFolder } from "../../files/mod.ts";
import { runOutputs } from "./registry.ts";
import type { OutputContext } from "./types.ts";

/** Options of {@linkcode writeRunOutputs} and {@linkcode checkRunOutputs}. */
export interface RunFolderOptions {
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** Called when another process is writing the folder. */
  onWait?: (pid: number | null) => void;
}

/**
 * abreplay's files in a run folder written before folders had a marker: the
 * `files` that its `manifest.json` (with abreplay's protocol) lists, and the
 * manifest itself; null for any other folder.
 */
export async function legacyRunFolder(dir: string): Promise<string[] | null> {
  const m = JSON.parse(await Deno.readTextFile(join(dir, "manifest.json")));
  const ours = typeof m?.protocol === "string" && m.protocol.startsWith("abreplay-protocol") &&
    Array.isArray(m.files);
  return ours ? [...m.files, "manifest.json"] : null;
}

/**
 * Checks, before a run, that its outputs may and can be written to `dir`
 * (`measuresOc`: the run also writes `oc.json`; `writesLists`: `lists.parquet`).
 */
export function checkRunOutputs(
  dir: string,
  options: RunFolderOptions & { measuresOc?: boolean; writesLists?: boolean } = {},
): Promise<void> {
  const expected = runOutputs({ oc: !!options.measuresOc, lists: !!options.writesLists })
    .map((f) => f.name);
  return checkOutputFolder(dir, {
    kind: "run",
    legacy: legacyRunFolder,
    expected,
    force: options.force,
    onWait: options.onWait,
  });
}

/** Writes every output of a run into `dir`, all or nothing; returns the paths written. */
export async function writeRunOutputs(
  ctx: Omit<OutputContext, "files">,
  dir: string,
  options: RunFolderOptions = {},
): Promise<string[]> {
  const formats = runOutputs({ oc: ctx.oc !== null, lists: !!ctx.result.scenario.output.lists });
  const files = formats.map((f) => f.name).filter((n) => n !== "manifest.json").sort();
  const full: OutputContext = { ...ctx, files };
  return await writeOutputFolder(dir, async (tmp) => {
    for (const f of formats) {
      await f.write(full, join(tmp, f.name));
      trace(`outputs: ${f.name}`);
    }
  }, { kind: "run", legacy: legacyRunFolder, ...options });
}
