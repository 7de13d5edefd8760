/**
 * Developer timing trace: with `ABREPLAY_TRACE=1` in the environment,
 * `trace(label)` prints the seconds since the previous trace, the peak RSS
 * and the process's CPU seconds (all threads; kernel part in brackets) since the previous trace to
 * stderr — CPU time stays meaningful when other work shares the machine;
 * otherwise it does nothing.
 *
 * @module
 */
import process from "node:process";

const on = (() => {
  try {
    return Boolean(Deno.env.get("ABREPLAY_TRACE"));
  } catch {
    return false; // no env permission: tracing stays off
  }
})();
let last = performance.now();
let lastCpu = cpuSeconds();
let lastSys = sysSeconds();

function cpuSeconds(): number {
  if (!on) return 0;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Kernel CPU seconds (page faults of fresh memory show here). */
function sysSeconds(): number {
  return on ? process.cpuUsage().system / 1e6 : 0;
}

/** Prints `label` with the time since the previous call (when tracing is on). */
export function trace(label: string): void {
  if (!on) return;
  const now = performance.now();
  const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
  const peak = m ? `${Math.round(Number(m[1]) / 1024)} MiB peak` : "";
  const cpu = cpuSeconds(), sys = sysSeconds();
  console.error(
    `[trace] ${label}: ${((now - last) / 1000).toFixed(2)} s ${peak}, ${
      (cpu - lastCpu).toFixed(2)
    } s CPU (${(sys - lastSys).toFixed(2)} sys)`,
  );
  last = now;
  lastCpu = cpu;
  lastSys = sys;
}
