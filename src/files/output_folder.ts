/**
 * Output folders (`reports/<name>/`, `--out DIR`, model and data folders):
 * abreplay writes only into a folder that is new, empty, or one it wrote
 * before, and never deletes or overwrites a file it did not create.
 *
 * **Recognising its own folders.** Every folder abreplay writes holds a marker,
 * `.abreplay.json`, listing the files abreplay put there and what kind of
 * output they are. A marker (rather than recognising `manifest.json`) works
 * for every kind of output folder — runs, A/A calibrations, saved models,
 * generated data — and says exactly which files are abreplay's, which is what
 * `--force` needs to replace those and keep everything else. Folders written
 * before the marker existed are recognised by their own documents
 * (`legacy`, e.g. a run's `manifest.json` with abreplay's protocol).
 *
 * **The rule.** A folder with other files and no marker is refused (an
 * {@linkcode OutputError}: exit 2, naming the folder and the fix) unless
 * `force`; then abreplay's files are added next to the foreign ones, and a
 * foreign file with the name of an output still refuses the write.
 *
 * **Writing.** The files are assembled in a per-process temporary folder
 * inside the destination, then published under the folder's lock (one
 * writer at a time; see `lock.ts`): the marker first lists old and
 * new files (`complete: false`), abreplay's old files that are not rewritten
 * are removed, the new ones renamed in, and the marker rewritten
 * (`complete: true`). Signals are held meanwhile, so an interrupt never
 * leaves a mix of two runs; a crash (`kill -9`) in those milliseconds leaves
 * `complete: false` and files that the marker still claims, which the next
 * write replaces.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { OutputError } from "../errors.ts";
import { atInterrupt, holdPoint, uninterruptible } from "./interrupt.ts";
import { checkWritable, writeError } from "./writable.ts";
import { createFolders, removeEmptyFolders } from "./publish.ts";
import { LOCK_NAME, withFolderLock } from "./lock.ts";
import { sweepStale, Temp, tempOwner } from "./temp.ts";
import { writeData, writeFileAtomic } from "./atomic_file.ts";

/** Name of the marker file abreplay keeps in every folder it writes. */
export const MARKER = ".abreplay.json";

/** Options of {@linkcode writeOutputFolder} and {@linkcode checkOutputFolder}. */
export interface OutputFolderOptions {
  /** What the folder holds (recorded in the marker), e.g. "run", "aa", "model", "data". */
  kind: string;
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** Recognises a folder written before markers existed: abreplay's files in it, or null. */
  legacy?: (dir: string) => Promise<string[] | null>;
  /** Keep abreplay's earlier files that this write does not replace (one-file updates). @default false */
  keepOthers?: boolean;
  /** Called when another process is writing the folder (with its pid, if known). */
  onWait?: (pid: number | null) => void;
  /** Names the write will create, when known before the work (checked for clashes up front). */
  expected?: string[];
}

interface Marker {
  abreplay: "output-folder";
  kind: string;
  files: string[];
  complete: boolean;
}

/** What an existing folder holds. */
interface Survey {
  /** abreplay's files (per the marker or a legacy document). */
  ours: string[];
  /** Everything else (temporaries, the lock and the marker excepted). */
  foreign: string[];
  /** The kind of output the marker records; null without a marker. */
  kind: string | null;
  /** True when abreplay wrote the folder (marker or legacy document). */
  known: boolean;
}

const FIX_OUT = "choose another --out folder, or add --force to write abreplay's files next to " +
  "the others (nothing that is not abreplay's is deleted or overwritten)";

/**
 * Checks, before any work, that `dir` may and can be written: it is new, empty,
 * or abreplay's (or `force`), and writable. Throws an {@linkcode OutputError}.
 *
 * @example
 * ```ts
 * import { checkOutputFolder } from "./output_folder.ts";
 * const dir = await Deno.makeTempDir();
 * await checkOutputFolder(`${dir}/new`, { kind: "run" }); // new: fine
 * await Deno.writeTextFile(`${dir}/keep.txt`, "hi");
 * const e = await checkOutputFolder(dir, { kind: "run" }).catch((e) => e);
 * if (!/not written by abreplay/.test(e.message)) throw new Error(e.message);
 * await checkOutputFolder(dir, { kind: "run", force: true }); // allowed: keep.txt stays
 * ```
 */
export async function checkOutputFolder(dir: string, options: OutputFolderOptions): Promise<void> {
  const st = await Deno.stat(dir).catch(() => null);
  if (st && !st.isDirectory) {
    throw new OutputError("the output folder is a file", {
      file: dir,
      hint: "choose a folder path for --out (abreplay does not overwrite files it did not create)",
    });
  }
  if (st) {
    const s = await survey(dir, options.legacy).catch((e) => {
      throw writeError(e, dir, "output folder", "choose a readable, writable --out folder");
    });
    refuse(dir, s, options);
    refuseClash(dir, s, options.expected ?? []);
  }
  await checkWritable(dir, "output folder", "choose a writable --out folder");
}

/**
 * Writes the files `fill` creates (in the folder it is given) into `dir`,
 * following the rule above; returns their paths. On any failure `dir` is
 * left as it was (and the folders this call created are removed again).
 *
 * @example
 * ```ts
 * import { writeOutputFolder } from "./output_folder.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/keep.txt`, "mine");
 * const fill = (text: string) => (tmp: string) => Deno.writeTextFile(`${tmp}/a.txt`, text);
 * await writeOutputFolder(dir, fill("one"), { kind: "demo", force: true });
 * await writeOutputFolder(dir, fill("two"), { kind: "demo" }); // now abreplay's: no --force needed
 * if (await Deno.readTextFile(`${dir}/a.txt`) !== "two") throw new Error();
 * if (await Deno.readTextFile(`${dir}/keep.txt`) !== "mine") throw new Error();
 * ```
 */
export async function writeOutputFolder(
  dir: string,
  fill: (tmp: string) => Promise<void>,
  options: OutputFolderOptions,
): Promise<string[]> {
  await checkOutputFolder(dir, options);
  let made: string[] = []; // folders this call creates, removed again (if empty) on failure
  const forgetMade = atInterrupt(() => removeEmptyFolders(made));
  const stage = new Temp(join(dir, "outputs"));
  try {
    made = await createFolders(dir);
    await Deno.mkdir(stage.path);
    await fill(stage.path);
    const names = [...Deno.readDirSync(stage.path)].map((e) => e.name).sort();
    await holdPoint("outputs");
    await withFolderLock(dir, () => publish(dir, stage.path, names, options), {
      onWait: options.onWait,
    });
    return names.map((f) => join(dir, f));
  } catch (e) {
    await stage.discard();
    removeEmptyFolders(made);
    throw writeError(e, dir, "output folder", "choose a writable --out folder");
  } finally {
    await stage.discard();
    forgetMade();
  }
}

/** Moves `names` from `stage` into `dir` (holding its lock). */
async function publish(dir: string, stage: string, names: string[], options: OutputFolderOptions) {
  await sweepStale(dir);
  await sweepStale(dirname(dir), legacyFolderTemp(basename(dir)));
  const s = await survey(dir, options.legacy);
  refuse(dir, s, options);
  refuseClash(dir, s, names);
  const keep = options.keepOthers ? s.ours.filter((f) => !names.includes(f)) : [];
  const drop = s.ours.filter((f) => !names.includes(f) && !keep.includes(f));
  await uninterruptible(async () => {
    await writeMarker(dir, options.kind, [...new Set([...s.ours, ...names])], false);
    for (const f of drop) await Deno.remove(join(dir, f), { recursive: true }).catch(() => {});
    for (const f of names) {
      const old = await Deno.lstat(join(dir, f)).catch(() => null);
      if (old?.isDirectory) await Deno.remove(join(dir, f), { recursive: true }); // ours (checked above)
      await Deno.rename(join(stage, f), join(dir, f));
    }
    await writeMarker(dir, options.kind, [...keep, ...names], true);
  });
}

async function writeMarker(dir: string, kind: string, files: string[], complete: boolean) {
  const marker: Marker = { abreplay: "output-folder", kind, files: [...files].sort(), complete };
  const tmp = new Temp(join(dir, MARKER));
  await Deno.writeTextFile(tmp.path, JSON.stringify(marker, null, 2) + "\n");
  await tmp.moveTo();
}

async function survey(
  dir: string,
  legacy?: (dir: string) => Promise<string[] | null>,
): Promise<Survey> {
  const entries: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.name !== MARKER && e.name !== LOCK_NAME && tempOwner(e.name) === null) {
      entries.push(e.name);
    }
  }
  let marker: Marker | null = null;
  try {
    const m = JSON.parse(await Deno.readTextFile(join(dir, MARKER)));
    if (m?.abreplay === "output-folder" && Array.isArray(m.files)) marker = m;
  } catch {
    marker = null;
  }
  const claimed = marker ? marker.files : (await legacy?.(dir).catch(() => null)) ?? null;
  const ours = entries.filter((f) => claimed?.includes(f));
  return {
    ours,
    foreign: entries.filter((f) => !ours.includes(f)),
    kind: marker?.kind ?? null,
    known: claimed !== null,
  };
}

function refuse(dir: string, s: Survey, options: OutputFolderOptions): void {
  if (options.force) return;
  if (!s.known && s.foreign.length > 0) {
    throw new OutputError(
      `the output folder is not empty and was not written by abreplay (it holds ${
        list(s.foreign)
      })`,
      { file: dir, hint: FIX_OUT },
    );
  }
  if (s.kind !== null && s.kind !== options.kind) {
    throw new OutputError(
      `the output folder holds abreplay's ${s.kind} files, not ${options.kind} outputs`,
      { file: dir, hint: "choose another --out folder, or add --force to replace them" },
    );
  }
}

function refuseClash(dir: string, s: Survey, names: string[]): void {
  const clash = names.filter((f) => s.foreign.includes(f));
  if (clash.length) {
    throw new OutputError(
      `the output folder holds ${list(clash)}, not written by abreplay, where an output goes`,
      { file: dir, hint: "choose another --out folder, or move those files away" },
    );
  }
}

function list(names: string[]): string {
  const shown = names.slice(0, 3).join(", ");
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** Temporaries of the folder `name` before per-process temporary names: `.<name>.<pid>.tmp|old`. */
function legacyFolderTemp(name: string): (entry: string) => number | null {
  return (entry) => {
    if (!entry.startsWith(`.${name}.`)) return null;
    const m = /^\.(\d+)\.(tmp|old)$/.exec(entry.slice(name.length + 1));
    return m ? Number(m[1]) : null;
  };
}

/**
 * Writes one file: into an abreplay folder (replacing abreplay's file of that
 * name, keeping the rest), or as a new file anywhere else; an existing file
 * that is not abreplay's is never overwritten (exit 2).
 *
 * @example
 * ```ts
 * import { writeOutputFile } from "./output_folder.ts";
 * const dir = await Deno.makeTempDir();
 * await writeOutputFile(`${dir}/a.html`, "<p>1</p>");
 * const e = await writeOutputFile(`${dir}/a.html`, "<p>2</p>").catch((e) => e);
 * if (!/exists/.test(e.message)) throw new Error(e.message);
 * ```
 */
export async function writeOutputFile(
  path: string,
  data: string | Uint8Array,
  options: Omit<OutputFolderOptions, "keepOthers" | "kind"> & { kind?: string } = {},
): Promise<void> {
  const dir = dirname(path);
  const marker = await Deno.readTextFile(join(dir, MARKER)).then(JSON.parse, () => null)
    .catch(() => null);
  const legacy = options.legacy ? await options.legacy(dir).catch(() => null) : null;
  if (marker?.abreplay === "output-folder" || legacy) {
    await writeOutputFolder(dir, (tmp) => writeData(join(tmp, basename(path)), data), {
      ...options,
      kind: marker?.kind ?? options.kind ?? "run",
      keepOthers: true,
    });
    return;
  }
  if (await Deno.lstat(path).then(() => true, () => false)) {
    throw new OutputError("the file exists and was not written by abreplay", {
      file: path,
      hint: "choose another file name, or move the file away",
    });
  }
  await checkWritable(dir, "output file");
  await writeFileAtomic(path, data);
}
