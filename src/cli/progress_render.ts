/**
 * Progress on stderr: a live bar on a TTY, a plain line every few seconds
 * otherwise (CI logs), nothing but warnings under `--quiet`.
 *
 * @module
 */
import type { Progress } from "../pipeline/mod.ts";

/** A {@linkcode Progress} that writes to stderr. */
export function stderrProgress(quiet = false): Progress {
  const warn = (text: string) => console.error(`warning: ${text}`);
  if (quiet) return { start() {}, tick() {}, end() {}, note() {}, warn };
  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const write = (s: string) => Deno.stderr.writeSync(enc.encode(s));
  let current = "";
  let lastPlain = 0;
  return {
    start(stage) {
      current = stage;
      lastPlain = performance.now();
      if (tty) write(`\r\x1b[2K${stage} …`);
    },
    tick(done, total) {
      const frac = total > 0 ? done / total : 1;
      if (tty) {
        const w = 24;
        const fill = Math.round(frac * w);
        write(`\r\x1b[2K${current} [${"#".repeat(fill)}${".".repeat(w - fill)}] ${done}/${total}`);
      } else if (performance.now() - lastPlain > 3000) {
        lastPlain = performance.now();
        write(`${current}: ${done}/${total} (${(100 * frac).toFixed(0)}%)\n`);
      }
    },
    end(stage, ms) {
      const line = `${stage} done in ${(ms / 1000).toFixed(2)} s`;
      write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
    note(text) {
      write(tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
    warn(text) {
      if (tty) write("\r\x1b[2K");
      warn(text);
    },
  };
}
