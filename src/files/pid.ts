/**
 * Whether a process id belongs to a live process, to tell a running abreplay's
 * temporary files and locks from the leftovers of a dead one (crash, `kill -9`).
 *
 * @module
 */
import process from "node:process";

/**
 * True when process `pid` exists and is not a zombie. On Linux it reads
 * `/proc/<pid>/stat` (state `Z` = exited, not yet reaped, counts as dead);
 * elsewhere it asks `kill(pid, 0)` (`ESRCH` = no such process).
 *
 * @example
 * ```ts
 * import { processAlive } from "./pid.ts";
 * if (!processAlive(Deno.pid)) throw new Error("this process is alive");
 * const child = new Deno.Command("true").spawn();
 * await child.status; // exited and reaped
 * if (processAlive(child.pid)) throw new Error("a reaped child is dead");
 * ```
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (Deno.build.os === "linux") {
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      // "pid (comm) S ..." — comm may contain spaces and parentheses: state follows the last ")".
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== "ESRCH";
  }
}
