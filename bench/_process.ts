/**
 * Runs a whole process and measures it from outside: wall seconds and peak
 * RSS (GNU `time`'s maximum resident set size when `/usr/bin/time` exists,
 * else `VmHWM` polled from `/proc/<pid>/status` every 50 ms), plus the
 * machine's 1-minute load average before the start.
 *
 * @module
 */

/** A finished, measured process. */
export interface Measured {
  ok: boolean;
  code: number;
  wallS: number;
  peakMiB: number;
  /** 1-minute load average just before the start (other work on the machine). */
  loadBefore: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

function hasGnuTime(): boolean {
  try {
    return Deno.statSync(GNU_TIME).isFile;
  } catch {
    return false;
  }
}

/** The 1-minute load average, or NaN where /proc is missing. */
export function loadAverage(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return NaN;
  }
}

/** Runs `cmd args` to the end (stdout and stderr captured) and measures it. */
export async function measure(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Measured> {
  const gnu = hasGnuTime();
  const rssFile = gnu ? await Deno.makeTempFile({ suffix: ".rss" }) : "";
  const loadBefore = loadAverage();
  const t0 = performance.now();
  const child = new Deno.Command(gnu ? GNU_TIME : cmd, {
    args: gnu ? ["-f", "%M", "-o", rssFile, cmd, ...args] : args,
    cwd: options.cwd,
    env: options.env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let polled = 0;
  const poll = gnu ? undefined : setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${child.pid}/status`));
      if (m) polled = Math.max(polled, Number(m[1]));
    } catch { /* exited */ }
  }, 50);
  const out = await child.output();
  const wallS = (performance.now() - t0) / 1000;
  if (poll !== undefined) clearInterval(poll);
  let kib = polled;
  if (gnu) {
    const lines = (await Deno.readTextFile(rssFile)).trim().split("\n");
    kib = Number(lines[lines.length - 1]);
    await Deno.remove(rssFile);
  }
  const dec = new TextDecoder();
  return {
    ok: out.success,
    code: out.code,
    wallS,
    peakMiB: kib / 1024,
    loadBefore,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}
