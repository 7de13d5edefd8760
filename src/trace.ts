/**
 * Developer timing trace: with `ABREPLAY_TRACE=1` in the environment,
 * `trace(label)` prints the seconds since the previous trace and the peak RSS
 * to stderr; otherwise it does nothing.
 *
 * @module
 */

const on = (() => {
  try {
    return Boolean(Deno.env.get("ABREPLAY_TRACE"));
  } catch {
    return false; // no env permission: tracing stays off
  }
})();
let last = performance.now();

/** Prints `label` with the time since the previous call (when tracing is on). */
export function trace(label: string): void {
  if (!on) return;
  const now = performance.now();
  const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
  const peak = m ? `${Math.round(Number(m[1]) / 1024)} MiB peak` : "";
  console.error(`[trace] ${label}: ${((now - last) / 1000).toFixed(2)} s ${peak}`);
  last = now;
}
