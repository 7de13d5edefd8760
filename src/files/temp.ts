/**
 * Per-process temporary names and the cleanup of dead processes' leftovers.
 *
 * Everything abreplay writes is first written under a temporary name in the
 * destination's folder, `.<name>.abreplay-<pid>-<nonce>.tmp`, then published by
 * a rename. The pid makes names unique between processes (two runs never share
 * a temporary), and tells the next run whether a leftover's writer is still
 * alive: {@linkcode sweepStale} removes the leftovers of dead processes only.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { atInterrupt, interrupting } from "./interrupt.ts";
import { processAlive } from "./pid.ts";

const TEMP_NAME = /^\..+\.abreplay-(\d+)-[0-9a-z]+\.tmp$/;

/**
 * A fresh temporary path next to `target`: `.<name>.abreplay-<pid>-<nonce>.tmp`.
 *
 * @example
 * ```ts
 * import { tempPath, tempOwner } from "./temp.ts";
 * const t = tempPath("/out/metrics.json");
 * if (!t.startsWith("/out/.metrics.json.abreplay-")) throw new Error(t);
 * if (tempOwner(t.split("/").pop()!) !== Deno.pid) throw new Error("pid");
 * if (tempPath("/out/a") === tempPath("/out/a")) throw new Error("unique");
 * ```
 */
export function tempPath(target: string): string {
  const nonce = crypto.getRandomValues(new Uint32Array(2)).reduce(
    (s, x) => s + x.toString(36),
    "",
  );
  return join(dirname(target), `.${basename(target)}.abreplay-${Deno.pid}-${nonce}.tmp`);
}

/**
 * The pid in a temporary name made by {@linkcode tempPath}, or null for any
 * other name.
 *
 * @example
 * ```ts
 * import { tempOwner } from "./temp.ts";
 * if (tempOwner(".x.abreplay-42-k3.tmp") !== 42) throw new Error();
 * if (tempOwner("notes.tmp") !== null) throw new Error();
 * ```
 */
export function tempOwner(name: string): number | null {
  const m = TEMP_NAME.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * A temporary path (file or folder) for `target`, removed if the process is
 * interrupted before it is published or discarded.
 *
 * @example
 * ```ts
 * import { Temp } from "./temp.ts";
 * const dir = await Deno.makeTempDir();
 * const t = new Temp(`${dir}/a.txt`);
 * await Deno.writeTextFile(t.path, "hi");
 * await t.moveTo();
 * if (await Deno.readTextFile(`${dir}/a.txt`) !== "hi") throw new Error();
 * ```
 */
export class Temp {
  /** The temporary path. */
  readonly path: string;
  readonly #forget: () => void;

  /** Names a temporary for `target` (nothing is created yet). */
  constructor(readonly target: string) {
    if (interrupting()) throw new Error("interrupted: no new temporary files");
    const path = tempPath(target);
    this.path = path;
    this.#forget = atInterrupt(() => Deno.removeSync(path, { recursive: true }));
  }

  /** Renames the temporary onto `to` (default: the target). */
  async moveTo(to: string = this.target): Promise<void> {
    await Deno.rename(this.path, to);
    this.#forget();
  }

  /** Removes the temporary, if it exists. */
  async discard(): Promise<void> {
    await Deno.remove(this.path, { recursive: true }).catch(() => {});
    this.#forget();
  }
}

/**
 * Removes, in folder `dir`, the temporaries (files or folders) of processes
 * that no longer run; `legacyOwner` may recognise older naming schemes (name →
 * pid, or null). Returns how many were removed. Best effort: a missing or
 * unreadable folder has none.
 *
 * @example
 * ```ts
 * import { sweepStale } from "./temp.ts";
 * const dir = await Deno.makeTempDir();
 * const child = new Deno.Command("true").spawn();
 * await child.status; // a dead pid
 * await Deno.writeTextFile(`${dir}/.a.abreplay-${child.pid}-x.tmp`, "left over");
 * await Deno.writeTextFile(`${dir}/.b.abreplay-${Deno.pid}-y.tmp`, "mine, alive");
 * await Deno.writeTextFile(`${dir}/notes.txt`, "not abreplay's");
 * if (await sweepStale(dir) !== 1) throw new Error();
 * const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
 * if (left.join() !== `.b.abreplay-${Deno.pid}-y.tmp,notes.txt`) throw new Error(left.join());
 * ```
 */
export async function sweepStale(
  dir: string,
  legacyOwner: (name: string) => number | null = () => null,
): Promise<number> {
  let removed = 0;
  try {
    for await (const e of Deno.readDir(dir)) {
      const pid = tempOwner(e.name) ?? legacyOwner(e.name);
      if (pid === null || pid === Deno.pid || processAlive(pid)) continue;
      await Deno.remove(join(dir, e.name), { recursive: true }).then(() => removed++, () => {});
    }
  } catch {
    // best effort: a folder that cannot be listed has nothing we can sweep
  }
  return removed;
}
